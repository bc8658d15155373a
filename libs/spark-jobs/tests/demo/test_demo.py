"""The demo end to end on tiny data: its report adds up, matches what was generated, and a rerun gives the
same report and duplicates nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from lake_jobs.common.contract import load_contract
from lake_jobs.common.paths import generated_contract_path, workspace_root
from lake_jobs.demo.render import render
from lake_jobs.demo.run import DemoOptions, run_demo
from lake_jobs.demo.session import lake_session

# The sources come from the generated index, so a new contract never edits this file.
INDEX = json.loads((workspace_root() / "dist" / "schemas" / "index.json").read_text(encoding="utf-8"))
SOURCES = sorted(d["name"] for d in INDEX["datasets"] if d["hasSource"])
CDC = sorted(n for n in SOURCES if load_contract(str(generated_contract_path(n))).source.kind == "cdc")
# session, bronze, one per source (two for a cdc source: its initial load first), gold, a quality run per
# source and for gold, register, queries, personas
STEPS = 1 + 1 + len(SOURCES) + len(CDC) + 1 + (len(SOURCES) + 1) + 1 + 1 + 1


def _without_timings(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "timings"}


@pytest.fixture(scope="module")
def demo(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> dict:
    lake = tmp_path_factory.mktemp("demo") / ".lake"
    options = DemoOptions(lake_root=lake, rows=20, dirty_share=0.1)
    first_lines: list[str] = []
    first = run_demo(options, spark, first_lines.append)
    second = run_demo(options, spark, lambda _line: None)
    return {"lake": lake, "first": first, "lines": first_lines, "second": second}


def test_one_progress_line_per_step_with_elapsed_seconds(demo):
    steps = [line for line in demo["lines"] if re.match(r"^\[\s*\d+\.\d+s\] .+ \(\d+\.\d+s\)", line)]
    assert len(steps) == STEPS
    names = [re.match(r"^\[\s*\d+\.\d+s\] (.+) \(\d+\.\d+s\)", line).group(1) for line in steps]
    expected = [
        step
        for name in SOURCES
        for step in ([f"bronze -> silver {name} (initial load)"] if name in CDC else [])
        + [f"bronze -> silver {name}"]
    ]
    assert names[2 : 2 + len(expected)] == expected


def test_every_dataset_adds_up_and_matches_the_generator(demo):
    report = demo["first"]
    assert report["ok"] is True
    for name, figures in report["datasets"].items():
        assert sum(figures["quarantinedByReason"].values()) >= figures["rowsQuarantined"] > 0, name
        assert figures["matchesGenerator"] and figures["reconciles"], name
        if name in CDC:
            continue
        assert figures["rowsRead"] == report["rows"][name]
        assert figures["rowsRead"] == (
            figures["rowsWritten"] + figures["rowsQuarantined"] + figures["duplicatesRemoved"]
        ), name
    for name in CDC:
        day, load = report["datasets"][name], report["datasets"][name]["initialLoad"]
        assert load["rowsRead"] == report["rows"][name]
        assert load["changes"]["tableRowsBefore"] == 0 and load["changes"]["inserts"] == load["rowsWritten"]
        changes = day["changes"]
        # The run date's changes: new rows, and updates and deletes of rows the initial load left.
        assert changes["tableRowsBefore"] == load["rowsWritten"]
        assert min(changes["inserts"], changes["updates"], changes["deletes"], changes["superseded"]) > 0
        assert day["rowsRead"] == day["rowsQuarantined"] + changes["changesRead"]
        assert day["rowsWritten"] == load["rowsWritten"] + changes["inserts"] - changes["deletes"]
    tickets = report["datasets"]["support_tickets"]["warningsByRule"]
    assert set(tickets) == {
        "support_tickets.resolution_time_hours+status.null_when",
        "support_tickets.resolution_time_hours.duration",
    }


def test_gold_keeps_country_while_silver_masks_the_pii_address_fields(demo, spark):
    report = demo["first"]
    session = lake_session(str(demo["lake"]), spark)  # the demo lake's own Iceberg catalog
    gold = session.table(report["gold"]["table"]).where(f"snapshot_date = '{report['snapshotDate']}'")
    rows = gold.select("customer_id", "country").collect()
    assert rows and all(r.country in ("US", "GB", "FR", "PT") for r in rows)
    customers = spark.read.parquet(str(demo["lake"] / "silver" / "customers")).collect()
    addresses = [r.address for r in customers if r.address is not None]
    assert addresses and {a.country for a in addresses} <= {"US", "GB", "FR", "PT"}
    # street redacted, zip a keyed hash, city and state kept
    assert all(a.street is None and re.fullmatch("[0-9a-f]{64}", a.zip) and a.city for a in addresses)


def test_every_source_kind_is_landed_by_its_service(demo):
    datasets = demo["first"]["datasets"]
    assert {name: d["kind"] for name, d in datasets.items()} == {
        "customers": "file", "support_tickets": "api", "transactions": "cdc", "web_events": "stream",
    }  # fmt: skip
    assert datasets["web_events"]["landed"] == "4 Firehose objects"
    # Fewer tickets than hourly runs: the runs that found none wrote no object.
    tickets = demo["first"]["rows"]["support_tickets"]
    assert datasets["support_tickets"]["landed"] == f"{min(24, tickets)} puller runs"
    assert datasets["transactions"]["landed"].endswith(" DMS change files")


def test_gold_has_one_row_per_silver_customer_and_the_queries_agree(demo):
    report = demo["first"]
    gold = report["gold"]
    assert gold["rowsWritten"] == report["datasets"]["customers"]["rowsWritten"]
    assert sum(gold["segments"].values()) == gold["rowsWritten"]
    assert not any(q["failedBlocking"] for q in report["quality"].values())
    summary = report["queries"]["customer_summary"]
    assert sum(r["customer_count"] for r in summary) == gold["rowsWritten"]
    for row in report["queries"]["top_segments"]:
        in_summary = [r for r in summary if r["customer_segment"] == row["customer_segment"]]
        assert row["customer_count"] == sum(r["customer_count"] for r in in_summary)
        assert row["customer_count"] == gold["segments"][row["customer_segment"]]


def test_the_report_is_written_to_latest_json(demo):
    written = json.loads((demo["lake"] / "reports" / "latest.json").read_text(encoding="utf-8"))
    expected = {**demo["second"], "files": dict(demo["second"]["files"])}
    expected["files"].pop("report")
    assert written == json.loads(json.dumps(expected))
    assert Path(demo["first"]["files"]["icebergWarehouse"], "gold", "customer_360").is_dir()


def test_a_rerun_gives_the_same_report_and_duplicates_nothing(demo):
    first, second = demo["first"], demo["second"]
    assert _without_timings(second) == _without_timings(first)
    assert second["gold"]["snapshotsInTable"] == {first["snapshotDate"]: first["gold"]["rowsWritten"]}


def test_the_text_report_shows_each_section(demo):
    text = render(demo["first"])
    for heading in ("Bronze -> silver", "Warning rules", "Quality", "Gold lake.gold.customer_360",
                    "VIP and High Value", "Customer summary", "Where the files are",
                    "Result: OK"):  # fmt: skip
        assert heading in text
    assert "MISMATCH" not in text


def test_persona_views_hide_pii_and_keep_only_the_regional_rows(demo, spark):
    report = demo["first"]
    personas, gold_rows = report["personas"], report["gold"]["rowsWritten"]
    pii = {"email", "phone", "full_name"}
    assert pii <= set(personas["data_engineer"]["columns"])
    assert personas["data_engineer"]["rows"] == personas["analyst"]["rows"] == gold_rows
    for persona in ("analyst", "regional_analyst", "bi"):
        assert not pii & set(personas[persona]["columns"]), persona
        assert set(personas[persona]["hidden"]) >= pii, persona
    us = (
        lake_session(str(demo["lake"]), spark)
        .sql(f"SELECT count(*) AS n FROM {report['gold']['table']} WHERE country = 'US'")
        .first()["n"]
    )
    assert personas["regional_analyst"]["rowFilter"] == "`country` = 'US'"
    assert personas["regional_analyst"]["rows"] == us
    assert "Persona views of gold.customer_360" in render(report)
