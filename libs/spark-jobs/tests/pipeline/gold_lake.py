"""The lake the pipeline tests share: bronze generated for two days, silver from it, and two gold snapshots.

Day 1 delivers every source; day 2 delivers the customers again (same keys, changed values), so the snapshot
of day 2 must take each customer's latest row and day 1 must not see it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY
from lake_jobs.common.contract import Contract
from lake_jobs.common.paths import LakePaths, source_day_prefix
from lake_jobs.common.tables import read_table
from lake_jobs.demo.session import lake_session
from lake_jobs.silver_to_gold.job import GoldRun, run_gold, silver_reader
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
        return run_gold(
            self.spark,
            contract=kw.get("contract", self.contracts["customer_360"]),
            input_contracts=self.contracts,
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

    def expected(self, snapshot: date) -> dict[str, dict[str, Any]]:
        """The hand computation of the snapshot from what bronze delivered up to it."""
        return expected_gold.customer_360(
            self.bronze("customers", snapshot),
            self.bronze("transactions", DAY1),
            self.bronze("support_tickets", DAY1),
            self.bronze("web_events", DAY1),
            snapshot,
        )

    def bronze(self, dataset: str, day: date) -> list[dict]:
        source = self.contracts[dataset].source
        assert source is not None
        folder = source_day_prefix(self.paths.bronze, source.layout, source.table_prefix, day)
        return expected_gold.read_bronze(Path(folder))


def build_lake(spark: SparkSession, contract: Callable[[str], Contract], root: Path) -> Lake:
    paths = LakePaths.local(root)
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
