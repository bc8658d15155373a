"""Clean values follow every regex a contract can hold, drawn from the pattern; the CLI refuses unknown
names."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from lake_jobs.synthetic.cli import main
from lake_jobs.synthetic.values import UnsupportedPatternError, ValueFactory
from tests.conftest import build_contract

DAY = date(2026, 11, 20)


def _factory(pattern: str, seed: int = 3) -> ValueFactory:
    contract = build_contract(
        "payments",
        [("payment_id", "string", False), ("currency", "string", True)],
        primary_key=["payment_id"],
        rules=[
            {
                "id": "payments.currency.regex",
                "kind": "regex",
                "severity": "blocking",
                "column": "currency",
                "pattern": pattern,
            }
        ],
    )
    return ValueFactory(contract, DAY, random.Random(seed), {})


@pytest.mark.parametrize(
    "pattern",
    [
        r"^[A-Z]{3}$",
        r"^\d{5}(-\d{4})?$",
        r"^(EUR|USD|GBP)$",
        r"^[a-z]{2,8}@[a-z]+\.example\.com$",
        r"^SKU-[0-9A-F]{6}$",
        r"^\+?[0-9 ]{7,15}$",
        r"^[^\s@]+$",
        r"^(?:[01]\d|2[0-3]):[0-5]\d$",
    ],
)
def test_every_value_matches_the_pattern(pattern):
    factory = _factory(pattern)
    values = [factory.value("currency", i) for i in range(200)]
    assert all(re.fullmatch(pattern, v) for v in values), [v for v in values if not re.fullmatch(pattern, v)]
    # Drawn, not one fixed string: a sample reads like data.
    assert len(set(values)) > 1 or pattern == r"^(EUR|USD|GBP)$"


def test_the_draws_are_deterministic_for_a_seed():
    def draws(seed: int) -> list[str]:
        return [_factory(r"^[A-Z]{3}$", seed).value("currency", i) for i in range(20)]

    assert draws(5) == draws(5)
    assert draws(5) != draws(6)


def test_a_pattern_no_string_can_be_drawn_for_is_one_line_naming_the_rule():
    factory = _factory(r"^(?=x)[a-z]{3}$")
    with pytest.raises(UnsupportedPatternError) as err:
        factory.value("currency", 0)
    message = str(err.value)
    assert "\n" not in message
    assert "dataset 'payments', column 'currency', rule payments.currency.regex" in message


def test_the_cli_refuses_an_unknown_dataset_and_suggests_the_nearest(tmp_path, capsys):
    code = main(["--lake", str(tmp_path), "--run-date", "2026-11-20", "--datasets", "customers,custmers"])
    assert code == 1
    err = capsys.readouterr().err
    assert "'custmers' (did you mean 'customers'?)" in err
    assert not (tmp_path / "bronze").exists()


def test_the_cli_refuses_a_dataset_without_a_source(tmp_path, capsys):
    assert main(["--lake", str(tmp_path), "--run-date", "2026-11-20", "--datasets", "quarantine"]) == 1
    assert "no dataset with a source named 'quarantine'" in capsys.readouterr().err
