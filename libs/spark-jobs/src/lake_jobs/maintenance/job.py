"""The maintenance job: compact and expire one Iceberg or Delta table of the lake.

``python -m lake_jobs.maintenance --contract dist/schemas/customer_360/contract.json --lake .lake
--retain-days 7 --retain-last 5``; Parquet tables have nothing to maintain and are reported as skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from pyspark.sql import SparkSession

from lake_jobs.common.args import ArgSpec, ArgumentError, LakeLayout
from lake_jobs.common.contract import Contract
from lake_jobs.common.paths import join_uri
from lake_jobs.common.report import RunReport
from lake_jobs.common.runner import exit_code, run_days, start
from lake_jobs.common.session import session_conf
from lake_jobs.common.tables import table_location
from lake_jobs.maintenance.plan import Retention, Step, delta_steps, iceberg_steps

JOB = "maintenance"
EXTRA_ARGS = (
    ArgSpec("retain-days", "expire snapshots / vacuum files older than this many days", default="7"),
    ArgSpec("retain-last", "Iceberg: always keep at least this many snapshots", default="5"),
    ArgSpec("orphan-days", "Iceberg: remove unreferenced files older than this many days", default="3"),
    ArgSpec("remove-orphans", "Iceberg: remove orphan files (true/false)", default="true"),
    ArgSpec("compact", "rewrite small files first (true/false)", default="true"),
)
# --lake alone: the table lives under the layer of its contract (Delta) or in the catalog (Iceberg).
MAINTENANCE_LAYOUT: LakeLayout = {"output": lambda p: p.root, "report": lambda p: p.reports}


def steps_for(contract: Contract, lake_root: str, retention: Retention) -> list[Step]:
    """The statements for ``contract``'s table; none for Parquet (no table format to maintain)."""
    location = table_location(contract, join_uri(lake_root, contract.layer))
    if contract.format == "iceberg":
        return iceberg_steps(location, retention)
    if contract.format == "delta":
        return delta_steps(location, retention)
    return []


def _listing_parallelism(spark: SparkSession) -> AbstractContextManager[None]:
    """VACUUM lists the table with Spark's partition-discovery parallelism, 10000 tasks by default: minutes
    of empty tasks on a small cluster. A few tasks per core list any table this job meets."""
    tasks = str(max(2, spark.sparkContext.defaultParallelism * 4))
    return session_conf(spark, "spark.sql.sources.parallelPartitionDiscovery.parallelism", tasks)


def run_maintenance(spark: SparkSession, steps: Sequence[Step]) -> dict[str, list[dict[str, Any]]]:
    """Run each statement in order; the result rows of each (files rewritten, snapshots expired, ...)."""
    results: dict[str, list[dict[str, Any]]] = {}
    for step in steps:
        with _listing_parallelism(spark):
            rows = spark.sql(step.sql).collect()
        # remove_orphan_files lists every file it deleted: the count is what a report needs.
        if step.name == "remove_orphan_files":
            results[step.name] = [{"orphan_files_removed": len(rows)}]
        else:
            results[step.name] = [r.asDict() for r in rows]
    return results


def _flag(value: str | None, name: str) -> bool:
    if value not in ("true", "false"):
        raise ArgumentError(f"--{name}: expected true or false, got {value!r}")
    return value == "true"


def _number(value: str | None, name: str) -> float:
    try:
        return float(str(value))
    except ValueError as err:
        raise ArgumentError(f"--{name}: expected a number, got {value!r}") from err


def retention_from(extra: dict[str, str | None], now: datetime) -> Retention:
    return Retention(
        now=now,
        retain_days=_number(extra["retain-days"], "retain-days"),
        retain_last=int(_number(extra["retain-last"], "retain-last")),
        orphan_days=_number(extra["orphan-days"], "orphan-days"),
        remove_orphans=_flag(extra["remove-orphans"], "remove-orphans"),
        compact=_flag(extra["compact"], "compact"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Maintain the table of ``--contract``; ``--run-date`` names the day of the report."""

    def work() -> None:
        args, spark, contract = start(JOB, argv, EXTRA_ARGS, ("output", "report"), MAINTENANCE_LAYOUT)
        retention = retention_from(dict(args.extra), datetime.now(UTC).replace(tzinfo=None))

        def day(report: RunReport) -> None:
            steps = steps_for(contract, str(args.output), retention)
            report.metrics = {
                "format": contract.format,
                "skipped": not steps,  # Parquet tables have no table format to maintain
                "results": run_maintenance(spark, steps),
            }

        run_days(JOB, spark, args, contract, day)

    return exit_code(JOB, work)
