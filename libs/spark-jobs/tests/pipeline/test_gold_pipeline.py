"""Bronze -> silver -> gold on generated clean data: the gold rows equal a hand computation, a rerun of a
snapshot changes nothing else, and a run that fails halfway through its write leaves no trace."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY
from lake_jobs.common.contract import Contract
from lake_jobs.common.paths import LakePaths, bronze_day_prefix, generated_contract_path
from lake_jobs.common.tables import read_table
from lake_jobs.demo.session import lake_session
from lake_jobs.maintenance.job import main as maintenance_main
from lake_jobs.silver_to_gold.job import GoldRun, run_customer_360, silver_reader
from lake_jobs.silver_to_gold.job import main as silver_to_gold_main
from lake_jobs.synthetic.generate import generate
from tests.pipeline import expected_gold

SOURCES = ("customers", "transactions", "support_tickets", "web_events")
DAY1, DAY2 = date(2024, 3, 30), date(2024, 3, 31)
ROWS = {"customers": 30, "transactions": 150, "support_tickets": 40, "web_events": 200}
PROCESSED_AT = datetime(2024, 4, 1, 6, 0, tzinfo=UTC)


@dataclasses.dataclass
class Lake:
    spark: SparkSession
    paths: LakePaths
    contracts: dict[str, Contract]

    def gold(self, day: date, hook: Callable[[DataFrame], DataFrame] | None = None, **kw) -> GoldRun:
        return run_customer_360(
            self.spark,
            contract=kw.get("contract", self.contracts["customer_360"]),
            source_contracts=self.contracts,
            read_silver=silver_reader(self.spark, self.paths.silver),
            gold_root=self.paths.gold,
            snapshot_date=day,
            run_id=f"customer_360-{day:%Y%m%d}",
            processed_at=PROCESSED_AT,
            hook=hook,
        )

    def rows(self, day: date, contract: Contract | None = None) -> dict[str, dict]:
        table = read_table(self.spark, contract or self.contracts["customer_360"], self.paths.gold)
        found = [r.asDict() for r in table.where(F.col("snapshot_date") == F.lit(day)).collect()]
        by_key = {r["customer_id"]: r for r in found}
        assert len(by_key) == len(found), "duplicate customers in one snapshot"
        return by_key

    def bronze(self, dataset: str, day: date) -> list[dict]:
        prefix = self.contracts[dataset].source.bronze_prefix  # type: ignore[union-attr]
        return expected_gold.read_bronze(Path(bronze_day_prefix(self.paths.bronze, prefix, day)))


@pytest.fixture(scope="module")
def lake(spark: SparkSession, contract, tmp_path_factory: pytest.TempPathFactory) -> Lake:
    """Day 1 delivers every source; day 2 delivers the customers again (same keys, changed values), so the
    snapshot of day 2 must take each customer's latest row and day 1 must not see it."""
    paths = LakePaths.local(tmp_path_factory.mktemp("gold_pipeline"))
    session = lake_session(paths.root, spark)
    contracts = {name: contract(name) for name in (*SOURCES, "customer_360", "quarantine")}
    sources = [contracts[name] for name in SOURCES]
    generate(sources, Path(paths.bronze), DAY1, ROWS, 0.0, 11, session)
    generate([contracts["customers"]], Path(paths.bronze), DAY2, ROWS, 0.0, 12, session)
    for day, delivered in ((DAY1, sources), (DAY2, [contracts["customers"]])):
        for source in delivered:
            run = DayRun(
                day,
                f"r-{day}",
                paths.bronze,
                paths.silver,
                paths.quarantine,
                PROCESSED_AT,
                mask=True,
                mask_key=DEMO_MASK_KEY.encode(),
            )
            run_day(session, source, contracts["quarantine"], run)
    built = Lake(session, paths, contracts)
    built.gold(DAY1)
    built.gold(DAY2)
    return built


@pytest.mark.parametrize("snapshot", [DAY1, DAY2])
def test_gold_equals_the_hand_computation(lake: Lake, snapshot: date):
    expected = expected_gold.customer_360(
        lake.bronze("customers", snapshot),
        lake.bronze("transactions", DAY1),
        lake.bronze("support_tickets", DAY1),
        lake.bronze("web_events", DAY1),
        snapshot,
    )
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
    assert "silver_to_gold builds 'customer_360', not 'customers'" in capsys.readouterr().err
