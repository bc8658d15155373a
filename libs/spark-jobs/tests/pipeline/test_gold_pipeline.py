"""Bronze -> silver -> gold on generated clean data: the gold rows equal a hand computation, a rerun of a
snapshot changes nothing else, and a run that fails halfway through its write leaves no trace."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from lake_jobs.common.paths import generated_contract_path
from lake_jobs.maintenance.job import main as maintenance_main
from lake_jobs.silver_to_gold.job import main as silver_to_gold_main
from tests.pipeline.gold_lake import DAY1, DAY2, ROWS, Lake


@pytest.mark.parametrize("snapshot", [DAY1, DAY2])
def test_gold_equals_the_hand_computation(lake: Lake, snapshot: date):
    expected = lake.expected(snapshot)
    got = lake.rows(snapshot)
    assert sorted(got) == sorted(expected)
    for customer_id, want in expected.items():
        row = got[customer_id]
        # Doubles summed in another order may differ in the last bit; everything else is exact.
        if want["avg_resolution_time_hours"] is not None:
            want["avg_resolution_time_hours"] = pytest.approx(want["avg_resolution_time_hours"], rel=1e-12)
        assert {k: row[k] for k in want} == want, customer_id
    # The data exercises the edge cases, or the comparison would prove little.
    assert any(e["total_transactions"] == 0 for e in expected.values())
    assert any(e["total_tickets"] == 0 for e in expected.values())
    assert len({e["customer_segment"] for e in expected.values()}) >= 3


def test_rerunning_a_snapshot_changes_nothing_and_keeps_the_others(lake: Lake):
    before = {day: lake.rows(day) for day in (DAY1, DAY2)}
    run = lake.gold(DAY1)
    assert {day: lake.rows(day) for day in (DAY1, DAY2)} == before
    assert run.snapshots_in_table == {str(DAY1): ROWS["customers"], str(DAY2): ROWS["customers"]}


def test_a_run_failing_halfway_through_its_write_leaves_no_partial_data(lake: Lake):
    before = lake.rows(DAY2)
    victim = max(before)
    sc = lake.spark.sparkContext

    def fail_on_last_task(rows: DataFrame) -> DataFrame:
        # Three write tasks in key order, the last one failing on its last row: the first ones have
        # written their files by then. Iceberg's distribution is switched off so this order is kept.
        lake.spark.conf.set("spark.sql.iceberg.distribution-mode", "none")
        poisoned = F.when(F.col("customer_id") == victim, F.raise_error(F.lit("injected failure")))
        return rows.repartitionByRange(3, "customer_id").withColumn(
            "customer_id", poisoned.otherwise(F.col("customer_id"))
        )

    sc.setJobGroup("injected-gold-failure", "gold run with a failing write task")
    try:
        with pytest.raises(Exception, match="injected failure"):
            lake.gold(DAY2, hook=fail_on_last_task)
    finally:
        lake.spark.conf.unset("spark.sql.iceberg.distribution-mode")
        sc.setLocalProperty("spark.jobGroup.id", None)
    stages = [
        sc.statusTracker().getStageInfo(stage)
        for job in sc.statusTracker().getJobIdsForGroup("injected-gold-failure")
        for stage in sc.statusTracker().getJobInfo(job).stageIds
    ]
    assert any(s and s.numFailedTasks >= 1 and s.numCompletedTasks >= 1 for s in stages), "no partial write"
    assert lake.rows(DAY2) == before

    lake.gold(DAY2)
    assert lake.rows(DAY2) == before
    assert lake.rows(DAY1) and len(lake.rows(DAY2)) == ROWS["customers"]


def test_a_delta_gold_table_is_replaced_per_snapshot_too(lake: Lake):
    delta = dataclasses.replace(lake.contracts["customer_360"], format="delta")
    lake.gold(DAY1, contract=delta)
    lake.gold(DAY2, contract=delta)
    first = {day: lake.rows(day, delta) for day in (DAY1, DAY2)}
    run = lake.gold(DAY1, contract=delta)
    assert {day: lake.rows(day, delta) for day in (DAY1, DAY2)} == first
    assert run.snapshots_in_table == {str(DAY1): ROWS["customers"], str(DAY2): ROWS["customers"]}
    assert first[DAY2] == lake.rows(DAY2)  # the same rows as the Iceberg table


def test_the_command_lines_write_their_reports(lake: Lake, capsys: pytest.CaptureFixture[str]):
    gold_contract = str(generated_contract_path("customer_360"))
    common = ["--contract", gold_contract, "--lake", lake.paths.root, "--run-date", str(DAY2)]
    reports = Path(lake.paths.reports)

    assert silver_to_gold_main(common) == 0
    gold = json.loads((reports / "silver_to_gold" / "customer_360" / f"{DAY2}.json").read_text())
    assert gold["status"] == "succeeded"
    assert gold["metrics"]["rowsWritten"] == gold["metrics"]["customersAsOfSnapshot"] == ROWS["customers"]

    assert maintenance_main([*common, "--retain-days", "7", "--retain-last", "2"]) == 0
    kept = json.loads((reports / "maintenance" / "customer_360" / f"{DAY2}.json").read_text())
    assert kept["status"] == "succeeded"
    assert set(kept["metrics"]["results"]) == {
        "rewrite_data_files",
        "expire_snapshots",
        "remove_orphan_files",
    }

    wrong = ["--contract", str(generated_contract_path("customers")), "--lake", lake.paths.root]
    assert silver_to_gold_main([*wrong, "--run-date", str(DAY2)]) == 1
    err = capsys.readouterr().err
    assert "silver_to_gold failed: dataset 'customers' (" in err
    assert ") is a silver table: silver_to_gold builds gold tables" in err
