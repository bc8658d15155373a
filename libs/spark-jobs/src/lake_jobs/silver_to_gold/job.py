"""The silver -> gold job: one gold dataset for one snapshot date, computed by the builder named after it.

``python -m lake_jobs.silver_to_gold --contract dist/schemas/customer_360/contract.json --lake .lake
--run-date 2024-03-31`` locally; on Glue the same names with the silver root as ``--input``. ``--run-date``
is the snapshot date: everything is computed relative to it, never to the clock, so a rerun gives the same
rows. What is the same for every gold dataset lives here: the builder lookup and its checks against the
contract, the as-of-snapshot state of each ``derivedFrom`` input, conformance to the contract's table
schema, the single-commit replace of the snapshot and the run metrics (:mod:`.registry`, :mod:`.builders`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pyspark.sql import DataFrame, Observation, SparkSession
from pyspark.sql import functions as F

from lake_jobs.common.args import ArgSpec, LakeLayout
from lake_jobs.common.contract import Contract, load_contract, sibling_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.observed import observed
from lake_jobs.common.paths import join_uri
from lake_jobs.common.report import RunReport
from lake_jobs.common.runner import exit_code, run_days, start
from lake_jobs.common.session import session_conf
from lake_jobs.common.tables import read_table, replace_scope, rows_per_value
from lake_jobs.silver_to_gold.conform import conform
from lake_jobs.silver_to_gold.registry import (
    BUILDERS_PACKAGE,
    GoldBuilder,
    RunFigures,
    builder_for,
    builder_path,
)
from lake_jobs.silver_to_gold.snapshot import latest_as_of

JOB = "silver_to_gold"
SNAPSHOT_COLUMN = "snapshot_date"
EXTRA_ARGS = (
    ArgSpec(
        "contracts",
        "folder holding <dataset>/contract.json for the silver datasets of derivedFrom "
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
    dataset: str
    snapshot_date: date
    run_id: str
    rows_written: int  # rows of this snapshot committed, counted by the write and checked against the table
    snapshots_in_table: Mapping[str, int]
    builder_metrics: Mapping[str, object]  # the builder's own figures (GoldBuilder.metrics)

    def metrics(self) -> dict[str, object]:
        return {
            "rowsWritten": self.rows_written,
            **self.builder_metrics,
            "snapshotsInTable": dict(self.snapshots_in_table),
        }


def check_builder(contract: Contract, builder: GoldBuilder, package: str = BUILDERS_PACKAGE) -> None:
    """The contract and its builder must agree on the inputs, and the snapshot must be the first partition
    key, before anything is read."""
    if SNAPSHOT_COLUMN not in contract.partition_keys[:1]:
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}): {SNAPSHOT_COLUMN!r} must be the first "
            f"partition key so a run replaces its snapshot alone; found {list(contract.partition_keys)}"
        )
    if sorted(contract.derived_from) != sorted(builder.inputs):
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}): derivedFrom {list(contract.derived_from)} "
            f"does not match the datasets its builder reads, {list(builder.inputs)}; change the contract "
            f"and {builder_path(package, contract.name)} together"
        )


def gold_builder(contract: Contract, package: str = BUILDERS_PACKAGE) -> GoldBuilder:
    """The checked builder of a gold contract (see :func:`check_builder`)."""
    if contract.layer != "gold":
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}) is a {contract.layer} table: "
            "silver_to_gold builds gold tables"
        )
    builder = builder_for(contract.name, package)
    check_builder(contract, builder, package)
    return builder


def input_states(
    contract: Contract, inputs: Mapping[str, Contract], read_silver: SilverReader, snapshot_date: date
) -> dict[str, DataFrame]:
    """Each dataset of the gold contract's derivedFrom as of the snapshot date (latest row per key)."""
    missing = [name for name in contract.derived_from if name not in inputs]
    if missing:
        raise JobFailed(f"dataset {contract.name!r}: no contract for derivedFrom dataset(s) {missing}")
    return {
        name: latest_as_of(
            read_silver(inputs[name]),
            dataset=name,
            primary_key=inputs[name].primary_key,
            ordering_column=inputs[name].ordering_column,
            snapshot_date=snapshot_date,
        )
        for name in contract.derived_from
    }


def add_gold_audit(df: DataFrame, *, run_id: str, processed_at: datetime) -> DataFrame:
    """The gold audit columns; ``processed_at`` is passed in so a run stamps every row alike."""
    stamped = df.withColumn("lake_processed_at", F.lit(processed_at).cast("timestamp"))
    return stamped.withColumn("lake_run_id", F.lit(run_id))


def build(
    contract: Contract,
    builder: GoldBuilder,
    states: Mapping[str, DataFrame],
    snapshot_date: date,
    run_id: str,
    processed_at: datetime,
) -> DataFrame:
    """The rows to write: business columns, audit columns, conformed to the gold contract's table schema."""
    business = builder.build(states, snapshot_date)
    audited = add_gold_audit(business, run_id=run_id, processed_at=processed_at)
    return conform(audited, contract.table_schema, contract.name)


def run_gold(
    spark: SparkSession,
    *,
    contract: Contract,
    input_contracts: Mapping[str, Contract],
    read_silver: SilverReader,
    gold_root: str,
    snapshot_date: date,
    run_id: str,
    processed_at: datetime | None = None,
    hook: Callable[[DataFrame], DataFrame] | None = None,
    builders_package: str = BUILDERS_PACKAGE,
) -> GoldRun:
    """Compute and write one snapshot of the gold dataset with the builder named after it; replaces that
    snapshot only, in one commit of the table format.

    ``hook`` sees the rows just before the write (tests use it to make the write fail halfway);
    ``builders_package`` is where the builder is looked up.
    """
    builder = gold_builder(contract, builders_package)
    states = input_states(contract, input_contracts, read_silver, snapshot_date)
    states, input_counts = _count_inputs(states, builder.counted_inputs)
    rows = build(contract, builder, states, snapshot_date, run_id, processed_at or datetime.now(UTC))
    if hook is not None:
        rows = hook(rows)
    aggregates = builder.observed()
    written_values = Observation()
    if aggregates:
        rows = rows.observe(written_values, *(column.alias(name) for name, column in aggregates.items()))
    # Silver holds one row per key and ingest day, so Spark's map-side limit for the latest-row windows (a
    # sort of every input row before the shuffle) removes next to nothing; the window after it is exact alone.
    with session_conf(spark, "spark.sql.optimizer.windowGroupLimitThreshold", "-1"):
        written = replace_scope(spark, rows, contract, gold_root, {SNAPSHOT_COLUMN: snapshot_date})
    snapshots = rows_per_value(spark, contract, gold_root, SNAPSHOT_COLUMN)
    check_committed(contract.name, snapshot_date, written, snapshots)
    figures = RunFigures(
        input_rows={
            name: int(observed(counter, f"the rows of the {name} state")["rows"])
            for name, counter in input_counts.items()
        },
        written=observed(written_values, f"the figures of the {contract.name} rows written")
        if aggregates
        else {},
    )
    return GoldRun(
        dataset=contract.name,
        snapshot_date=snapshot_date,
        run_id=run_id,
        rows_written=written,
        snapshots_in_table=dict(sorted(snapshots.items())),
        builder_metrics=dict(builder.metrics(figures)),
    )


def _count_inputs(
    states: Mapping[str, DataFrame], names: Sequence[str]
) -> tuple[dict[str, DataFrame], dict[str, Observation]]:
    """The states, those named counted by an observation while the snapshot is computed."""
    counters = {name: Observation() for name in names}
    counted = {
        name: df.observe(counters[name], F.count(F.lit(1)).alias("rows")) if name in counters else df
        for name, df in states.items()
    }
    return counted, counters


def check_committed(dataset: str, snapshot_date: date, written: int, snapshots: Mapping[str, int]) -> None:
    """The table's own figure for the snapshot (its metadata) must equal what the write counted: a commit
    that lost or kept extra rows fails the run instead of reporting a figure no one checked."""
    in_table = snapshots.get(str(snapshot_date), 0)
    if in_table != written:
        raise JobFailed(
            f"dataset {dataset!r}, snapshot {snapshot_date}: the write counted {written} rows but the table "
            f"holds {in_table} for that snapshot after the commit"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run every requested snapshot date in order; stop at the first failure. Returns the exit code."""

    def work() -> None:
        args, spark, contract = start(JOB, argv, EXTRA_ARGS, ("input", "output", "report"), GOLD_LAYOUT)
        gold_builder(
            contract
        )  # no builder, or one that disagrees with the contract: fail before reading inputs
        inputs = {
            name: load_contract(_input_contract(args.extra.get("contracts"), args.contract, name), spark)
            for name in contract.derived_from
        }

        def day(report: RunReport) -> None:
            run = run_gold(
                spark,
                contract=contract,
                input_contracts=inputs,
                read_silver=silver_reader(spark, str(args.input)),
                gold_root=str(args.output),
                snapshot_date=report.run_date,
                run_id=report.run_id,
                processed_at=report.started_at,
            )
            report.metrics = run.metrics()

        run_days(JOB, spark, args, contract, day)

    return exit_code(JOB, work)


def _input_contract(folder: str | None, gold_contract: str, dataset: str) -> str:
    return join_uri(folder, dataset, "contract.json") if folder else sibling_contract(gold_contract, dataset)
