"""Job arguments: the same names locally and on Glue, dates and ranges, run ids, --lake defaults."""

from __future__ import annotations

import sys
import types
from datetime import date

import pytest

from lake_jobs.common.args import ArgSpec, ArgumentError, default_run_id, parse_job_args

BASE = ["--contract", "c.json", "--input", "in", "--output", "out"]


def test_hyphen_and_underscore_spellings_are_the_same_argument():
    hyphen = parse_job_args("job", [*BASE, "--run-date", "2026-11-20", "--run-id", "r1"], glue=False)
    underscore = parse_job_args("job", [*BASE, "--run_date=2026-11-20", "--run_id", "r1"], glue=False)
    assert hyphen == underscore
    assert hyphen.run_dates == (date(2026, 11, 20),)
    assert hyphen.env == "dev" and not hyphen.is_prod


def test_a_range_gives_every_day_and_per_day_run_ids():
    args = parse_job_args("job", [*BASE, "--date-from", "2026-11-19", "--date-to", "2026-11-21"], glue=False)
    assert args.run_dates == (date(2026, 11, 19), date(2026, 11, 20), date(2026, 11, 21))
    assert args.run_id_for("customers", date(2026, 11, 20)) == "customers-20261120"
    explicit = parse_job_args(
        "job", [*BASE, "--date-from", "2026-11-19", "--date-to", "2026-11-20", "--run-id", "x"], glue=False
    )
    assert explicit.run_id_for("customers", date(2026, 11, 20)) == "x-20261120"


def test_the_default_run_id_is_deterministic_so_reruns_overwrite():
    assert default_run_id("customers", date(2026, 11, 20)) == default_run_id("customers", date(2026, 11, 20))
    assert default_run_id("customers", date(2026, 11, 20)) != default_run_id("customers", date(2026, 11, 21))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "missing --run-date"),
        (["--run-date", "2026-13-01"], "--run-date: '2026-13-01' is not a date"),
        (["--run-date", "2026-11-20", "--date-from", "2026-11-19"], "either --run-date or"),
        (["--date-from", "2026-11-19"], "go together"),
        (["--date-from", "2026-11-20", "--date-to", "2026-11-19"], "before --date-from"),
    ],
)
def test_bad_dates_say_which_argument(extra, message):
    with pytest.raises(ArgumentError, match=message):
        parse_job_args("job", [*BASE, *extra], glue=False)


def test_lake_fills_only_the_uris_not_given(tmp_path):
    argv = [
        "--contract",
        "c.json",
        "--lake",
        str(tmp_path),
        "--output",
        "elsewhere",
        "--run-date",
        "2026-11-20",
    ]
    args = parse_job_args("job", argv, glue=False)
    assert args.input == f"{tmp_path}/bronze"
    assert args.output == "elsewhere"
    assert args.quarantine == f"{tmp_path}/silver/quarantine"
    assert args.report == f"{tmp_path}/reports"


def test_require_names_the_missing_arguments():
    args = parse_job_args("job", ["--contract", "c.json", "--run-date", "2026-11-20"], glue=False)
    with pytest.raises(ArgumentError, match="--input, --quarantine"):
        args.require("input", "quarantine")


def _fake_awsglue(monkeypatch, calls):
    """The documented behaviour of awsglue.utils.getResolvedOptions: every listed name is required."""

    def get_resolved_options(argv, names):
        calls.append(list(names))
        out = {}
        for name in names:
            flag = f"--{name}"
            if flag not in argv:
                raise SystemExit(f"argument {flag} is required")
            out[name] = argv[argv.index(flag) + 1]
        return out

    utils = types.ModuleType("awsglue.utils")
    utils.getResolvedOptions = get_resolved_options
    monkeypatch.setitem(sys.modules, "awsglue", types.ModuleType("awsglue"))
    monkeypatch.setitem(sys.modules, "awsglue.utils", utils)


def test_on_glue_the_same_names_go_through_get_resolved_options(monkeypatch):
    calls: list[list[str]] = []
    _fake_awsglue(monkeypatch, calls)
    argv = ["--JOB_NAME", "b2s", "--contract", "s3://b/c.json", "--run-date", "2026-11-20", "--env", "prod",
            "--quarantine-contract", "s3://b/q.json"]  # fmt: skip
    args = parse_job_args("job", argv, (ArgSpec("quarantine-contract", "q"),), glue=True)
    assert calls == [
        ["contract", "run_date", "env", "quarantine_contract"]
    ]  # only names present: all required
    assert args.contract == "s3://b/c.json" and args.is_prod
    assert args.run_dates == (date(2026, 11, 20),)
    assert args.extra == {"quarantine-contract": "s3://b/q.json"}


def test_on_glue_a_missing_required_argument_is_named(monkeypatch):
    _fake_awsglue(monkeypatch, [])
    with pytest.raises(ArgumentError, match="--contract"):
        parse_job_args("job", ["--run-date", "2026-11-20"], glue=True)
    with pytest.raises(ArgumentError, match="--env: 'qa' is not one of dev, prod"):
        parse_job_args("job", ["--contract", "c", "--run-date", "2026-11-20", "--env", "qa"], glue=True)
