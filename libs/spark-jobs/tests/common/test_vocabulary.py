"""The jobs' contract vocabularies equal what ``make generate`` writes from the TypeScript constants."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest

from lake_jobs.common import vocabulary as v
from lake_jobs.common.contract import Rule
from lake_jobs.common.paths import workspace_root


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    path = workspace_root() / "dist" / "schemas" / "vocabulary.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make generate` (nx run schemas:generate) first")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("constant", "key"),
    [
        ("LAYERS", "layers"),
        ("FORMATS", "tableFormats"),
        ("AUDITS", "auditKinds"),
        ("SOURCE_FORMATS", "sourceFormats"),
        ("SOURCE_KINDS", "sourceKinds"),
        ("LANDING_LAYOUTS", "landingLayouts"),
        ("CLASSIFICATIONS", "classifications"),
        ("STANDARDIZE", "standardizers"),
        ("MASKS", "masks"),
        ("SEVERITIES", "severities"),
        ("COMPARISON_OPERATORS", "comparisonOperators"),
    ],
)
def test_each_enum_is_the_generated_one_in_its_order(generated, constant, key):
    assert getattr(v, constant) == tuple(generated[key])


def test_the_supported_version_is_the_generated_contract_version(generated):
    assert generated["contractVersion"] == v.SUPPORTED_VERSION


def test_rule_kinds_and_their_required_keys(generated):
    kinds = generated["ruleKinds"]
    assert dict(v.RULE_KEYS) == {kind: tuple(spec["required"]) for kind, spec in kinds.items()}
    assert sorted(v.ROW_RULE_KINDS) == sorted(k for k, spec in kinds.items() if spec["level"] == "row")
    assert len(v.ROW_RULE_KINDS) == len(set(v.ROW_RULE_KINDS))


def test_derived_keys_and_the_cross_column_kinds(generated):
    kinds = generated["ruleKinds"]
    assert dict(v.RULE_DERIVED_KEYS) == {
        k: tuple(spec["derived"]) for k, spec in kinds.items() if spec["derived"]
    }
    assert sorted(v.CROSS_COLUMN_RULE_KINDS) == sorted(
        k for k, spec in kinds.items() if "violation" in spec["derived"]
    )


def test_duration_units_and_tolerance(generated):
    assert dict(v.DURATION_UNIT_SECONDS) == {u["unit"]: u["seconds"] for u in generated["durationUnits"]}
    assert list(v.DURATION_UNIT_SECONDS) == [u["unit"] for u in generated["durationUnits"]]
    assert generated["durationTolerance"] == v.DURATION_TOLERANCE


def test_the_rule_dataclass_holds_every_key_a_rule_may_carry(generated):
    fields = {f.name for f in dataclasses.fields(Rule)}
    kinds = generated["ruleKinds"].values()
    keys = {key for spec in kinds for key in spec["required"] + spec["optional"] + spec["derived"]}
    renamed = {"from": "start", "to": "end"}  # a duration's keys, which Python reserves
    snake = {renamed.get(key) or re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower() for key in keys}
    assert snake <= fields, f"Rule lacks {sorted(snake - fields)}"


def test_every_vocabulary_the_generator_writes_is_checked_here(generated):
    # A new vocabulary in the TypeScript generator needs its constant and a check above, or a reason here.
    not_used_by_the_jobs = {"auditPrefix"}  # audit column names come from each contract's auditColumns
    assert set(generated) - not_used_by_the_jobs == {
        "auditKinds", "classifications", "comparisonOperators", "contractVersion", "durationTolerance",
        "durationUnits", "landingLayouts", "layers", "masks", "ruleKinds", "severities", "sourceFormats",
        "sourceKinds", "standardizers", "tableFormats",
    }  # fmt: skip
