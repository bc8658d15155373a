"""The silver -> gold job: ``customer_360`` for one snapshot date.

``python -m lake_jobs.silver_to_gold --contract dist/schemas/customer_360/contract.json --lake .lake
--run-date 2024-03-31`` locally; on Glue the same names with the silver root as ``--input``. ``--run-date``
is the snapshot date: everything is computed relative to it, never to the clock, so a rerun gives the same
rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pyspark.sql import DataFrame, SparkSession

from lake_jobs.common.args import ArgSpec, LakeLayout
from lake_jobs.common.contract import Contract, load_contract, sibling_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.paths import join_uri
from lake_jobs.common.report import RunReport
from lake_jobs.common.runner import exit_code, run_days, start
from lake_jobs.common.tables import read_table, replace_scope
from lake_jobs.silver_to_gold import customer_360 as c360
from lake_jobs.silver_to_gold.conform import conform
from lake_jobs.silver_to_gold.snapshot import latest_as_of

JOB = "silver_to_gold"
SNAPSHOT_COLUMN = "snapshot_date"
EXTRA_ARGS = (
    ArgSpec(
        "contracts",
        "folder holding <dataset>/contract.json for the silver sources "
        "(defaults to the folder above the gold contract's folder)",
    ),
)

# --lake alone: gold reads silver and writes gold (Iceberg tables go to the catalog, not to --output).
GOLD_LAYOUT: LakeLayout = {
    "input": lambda p: p.silver,
    "output": lambda p: p.gold,
    "report": lambda p: p.reports,
}

SilverReader = Callable[[Contract], DataFrame]


def silver_reader(spark: SparkSession, silver_root: str) -> SilverReader:
    """Read a silver table as its contract stores it."""
    return lambda contract: read_table(spark, contract, silver_root)


@dataclass(frozen=True)
class GoldRun:
    snapshot_date: date
    run_id: str
    rows_written: int
    customers: int  # customers in the silver state as of the snapshot: one gold row each
    segments: Mapping[str, int]
    snapshots_in_table: Mapping[str, int]

    def metrics(self) -> dict[str, object]:
        return {
            "rowsWritten": self.rows_written,
            "customersAsOfSnapshot": self.customers,
            "segments": dict(self.segments),
            "snapshotsInTable": dict(self.snapshots_in_table),
        }


def source_states(
    contracts: Mapping[str, Contract], read_silver: SilverReader, snapshot_date: date
) -> dict[str, DataFrame]:
    """Each source of the customer 360 as of the snapshot date (latest row per key)."""
    missing = [name for name in c360.SOURCES if name not in contracts]
    if missing:
        raise JobFailed(f"dataset {c360.GOLD_DATASET!r}: no contract for source(s) {missing}")
    return {
        name: latest_as_of(
            read_silver(contracts[name]),
            dataset=name,
            primary_key=contracts[name].primary_key,
            ordering_column=contracts[name].ordering_column,
            snapshot_date=snapshot_date,
        )
        for name in c360.SOURCES
    }


def build(
    contract: Contract,
    states: Mapping[str, DataFrame],
    snapshot_date: date,
    run_id: str,
    processed_at: datetime,
) -> DataFrame:
    """The rows to write: business columns, audit columns, conformed to the gold contract's table schema."""
    business = c360.build_customer_360(
        states["customers"],
        states["transactions"],
        states["support_tickets"],
        states["web_events"],
        snapshot_date,
    )
    audited = c360.add_gold_audit(business, run_id=run_id, processed_at=processed_at)
    return conform(audited, contract.table_schema, contract.name)


def run_customer_360(
    spark: SparkSession,
    *,
    contract: Contract,
    source_contracts: Mapping[str, Contract],
    read_silver: SilverReader,
    gold_root: str,
    snapshot_date: date,
    run_id: str,
    processed_at: datetime | None = None,
    hook: Callable[[DataFrame], DataFrame] | None = None,
) -> GoldRun:
    """Compute and write one snapshot; replaces that snapshot only, in one commit of the table format.

    ``hook`` sees the rows just before the write (tests use it to make the write fail halfway).
    """
    if contract.name != c360.GOLD_DATASET:
        raise JobFailed(f"silver_to_gold builds {c360.GOLD_DATASET!r}, not {contract.name!r}")
    if SNAPSHOT_COLUMN not in contract.partition_keys[:1]:
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}): {SNAPSHOT_COLUMN!r} must be the first "
            f"partition key so a run replaces its snapshot alone; found {list(contract.partition_keys)}"
        )
    if sorted(contract.derived_from) != sorted(c360.SOURCES):
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}): derivedFrom {list(contract.derived_from)} "
            f"does not match the datasets this job reads, {list(c360.SOURCES)}; change the contract and "
            "the job together"
        )
    states = source_states(source_contracts, read_silver, snapshot_date)
    rows = build(contract, states, snapshot_date, run_id, processed_at or datetime.now(UTC))
    if hook is not None:
        rows = hook(rows)
    replace_scope(spark, rows, contract, gold_root, {SNAPSHOT_COLUMN: snapshot_date})
    # One pass over the table (partition counts) gives this snapshot's segments and every snapshot's size.
    counts = read_table(spark, contract, gold_root).groupBy(SNAPSHOT_COLUMN, "customer_segment").count()
    segments: dict[str, int] = {}
    snapshots: dict[str, int] = {}
    for day, segment, n in counts.collect():
        snapshots[str(day)] = snapshots.get(str(day), 0) + n
        if day == snapshot_date:
            segments[segment] = n
    return GoldRun(
        snapshot_date=snapshot_date,
        run_id=run_id,
        rows_written=sum(segments.values()),
        customers=states["customers"].count(),
        segments=dict(sorted(segments.items())),
        snapshots_in_table=dict(sorted(snapshots.items())),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run every requested snapshot date in order; stop at the first failure. Returns the exit code."""

    def work() -> None:
        args, spark, contract = start(JOB, argv, EXTRA_ARGS, ("input", "output", "report"), GOLD_LAYOUT)
        sources = {
            name: load_contract(_source_contract(args.extra.get("contracts"), args.contract, name), spark)
            for name in c360.SOURCES
        }

        def day(report: RunReport) -> None:
            run = run_customer_360(
                spark,
                contract=contract,
                source_contracts=sources,
                read_silver=silver_reader(spark, str(args.input)),
                gold_root=str(args.output),
                snapshot_date=report.run_date,
                run_id=report.run_id,
                processed_at=report.started_at,
            )
            report.metrics = run.metrics()

        run_days(JOB, spark, args, contract, day)

    return exit_code(JOB, work)


def _source_contract(folder: str | None, gold_contract: str, dataset: str) -> str:
    return join_uri(folder, dataset, "contract.json") if folder else sibling_contract(gold_contract, dataset)
