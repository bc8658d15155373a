"""Every rule kind passes on good data and fails on bad; the job records results, replaces them on rerun,
and fails naming the blocking rule."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pyspark.sql import functions as F

from lake_jobs.common.contract import load_contract
from lake_jobs.common.tables import read_table, replace_scope
from lake_jobs.quality import QualityGateFailed, QualityRun, evaluate, gate, main, run_quality
from tests.conftest import build_contract, contract_dict

RUN_DATE = date(2026, 11, 20)
COLUMNS = [
    ("id", "string", False),
    ("score", "int", True),
    ("code", "string", True),
    ("seen", "timestamp", True),
]


def rule(kind: str, severity: str = "blocking", **keys) -> dict:
    target = keys.get("column") or "+".join(keys.get("columns", [])) or "t"
    return {"id": f"t.{target}.{kind}", "kind": kind, "severity": severity, **keys}


RULES = [
    rule("not_null", column="code"),
    rule("range", column="score", min=0, max=100),
    rule("allowed", column="code", values=["AA", "BB"]),
    rule("regex", column="code", pattern="[A-Z]{2}"),
    rule("length", column="code", min=2, max=2),
    rule("unique", columns=["id"]),
    rule("freshness", column="seen", maxAgeHours=24),
    rule("row_count", min=2, max=3),
    rule("references", column="id", dataset="people", datasetColumn="person_id"),
]
GOOD = [("a", 5, "AA", datetime(2026, 11, 20, 12)), ("b", 100, "BB", datetime(2026, 11, 19, 1))]
# One row breaks every row rule at once; the duplicate key, the staleness and the count break the rest.
BAD = [
    ("a", 5, "AA", datetime(2026, 11, 18)),
    ("a", 101, None, None),
    ("z", -1, "c", None),
    ("q", 1, "abc", None),
]
SCHEMA = "id string, score int, code string, seen timestamp"


@pytest.fixture(scope="module")
def outcomes(spark):
    contract = build_contract("things", COLUMNS, rules=RULES, source_format=None)
    people = spark.createDataFrame([("a",), ("b",)], "person_id string")
    out = {}
    for name, rows in (("good", GOOD), ("bad", BAD)):
        results = evaluate(spark.createDataFrame(rows, SCHEMA), contract, RUN_DATE, lambda _d: people)
        out[name] = {r.rule.kind: r for r in results}
    return out


EXPECTED_BAD_METRIC = {
    "not_null": 1, "range": 2, "allowed": 2, "regex": 2, "length": 2, "unique": 1,
    "freshness": 72.0, "row_count": 4, "references": 2,
}  # fmt: skip


@pytest.mark.parametrize("kind", [r["kind"] for r in RULES])
def test_each_rule_kind_passes_on_good_data_and_fails_on_bad(outcomes, kind):
    good, bad = outcomes["good"][kind], outcomes["bad"][kind]
    assert (good.outcome, bad.outcome) == ("pass", "fail")
    assert bad.metric == EXPECTED_BAD_METRIC[kind]


def test_freshness_is_measured_from_the_end_of_the_run_date_not_the_clock(outcomes):
    assert outcomes["good"]["freshness"].metric == 12.0  # newest 2026-11-20 12:00, day ends 2026-11-21 00:00
    assert outcomes["good"]["freshness"].threshold == "<= 24 hours"


def test_a_rule_that_cannot_be_evaluated_is_an_error_and_blocks(spark):
    gone = rule("references", column="id", dataset="gone", datasetColumn="x")
    contract = build_contract("things", COLUMNS, rules=[gone], source_format=None)

    def missing(dataset):
        raise FileNotFoundError(f"no table for {dataset}")

    results = evaluate(spark.createDataFrame(GOOD, SCHEMA), contract, RUN_DATE, missing)
    assert results[0].outcome == "error" and "no table for gone" in results[0].message
    with pytest.raises(QualityGateFailed, match=r"t\.id\.references \(error"):
        gate(contract, RUN_DATE, results)


def test_warnings_never_block(spark):
    warning = rule("range", "warning", column="score", max=10)
    contract = build_contract("things", COLUMNS, rules=[warning], source_format=None)
    results = evaluate(spark.createDataFrame(GOOD, SCHEMA), contract, RUN_DATE, lambda _d: None)
    assert results[0].outcome == "fail"
    gate(contract, RUN_DATE, results)  # no exception


def test_run_quality_writes_results_replaces_them_on_rerun_and_gates(spark, contract, tmp_path):
    folder = tmp_path / "contracts"
    keyed = {"partition_keys": ["lake_ingest_date"], "source_format": None}
    people = contract_dict(
        "people", [("person_id", "string", False), ("lake_ingest_date", "date", False)], **keyed
    )
    things_rules = [
        rule("unique", columns=["id"]),
        rule("references", "warning", column="id", dataset="people", datasetColumn="person_id"),
    ]
    things = contract_dict(
        "things", [*COLUMNS, ("lake_ingest_date", "date", False)], rules=things_rules, **keyed
    )
    for raw in (people, things):
        (folder / raw["name"]).mkdir(parents=True)
        (folder / raw["name"] / "contract.json").write_text(json.dumps(raw))
    people_c, things_c = (load_contract(str(folder / n / "contract.json")) for n in ("people", "things"))
    silver, day, scope = (
        str(tmp_path / "silver"),
        F.lit(RUN_DATE).cast("date"),
        {"lake_ingest_date": RUN_DATE},
    )
    known = spark.createDataFrame([("a",), ("b",)], "person_id string").withColumn("lake_ingest_date", day)
    replace_scope(spark, known, people_c, silver, scope)
    rows = spark.createDataFrame(GOOD, SCHEMA).withColumn("lake_ingest_date", day)
    replace_scope(spark, rows, things_c, silver, scope)
    results_location = str(tmp_path / "quality_results")
    at = datetime(2026, 11, 21, tzinfo=UTC)
    run = QualityRun(RUN_DATE, "things-20261120", silver, silver, results_location, at)
    results_contract = contract("quality_results")
    first = run_quality(spark, things_c, results_contract, run)
    assert [(r.rule.kind, r.outcome) for r in first] == [("unique", "pass"), ("references", "pass")]
    # The same day rerun on data with a duplicate key: its results replace the first ones, and the gate fails.
    replace_scope(spark, rows.unionByName(rows), things_c, silver, scope)
    second = run_quality(spark, things_c, results_contract, run)
    stored = read_table(spark, results_contract, "", location=results_location).collect()
    assert sorted((r.rule_id, r.outcome, r.metric, r.run_date) for r in stored) == [
        ("t.id.references", "pass", 0.0, RUN_DATE),
        ("t.id.unique", "fail", 2.0, RUN_DATE),
    ]
    with pytest.raises(
        QualityGateFailed, match=r"dataset 'things', run date 2026-11-20: .*t\.id\.unique \(fail"
    ):
        gate(things_c, RUN_DATE, second)


def test_cli_on_the_generated_contract_reports_and_exits_by_the_gate(spark, contract, tmp_path, capsys):
    lake = tmp_path / "lake"
    args = [
        "--contract",
        str(Path(contract("customers").location)),
        "--lake",
        str(lake),
        "--run-date",
        "2026-11-20",
    ]
    # Nothing was written for that day: row rules pass on no rows, so the gate lets it through.
    assert main(args) == 0
    report = json.loads((lake / "reports" / "quality" / "customers" / "2026-11-20.json").read_text())
    assert report["status"] == "succeeded" and report["metrics"]["rulesEvaluated"] == len(
        contract("customers").rules
    )
    capsys.readouterr()
