"""The bronze -> silver job for one dataset and day: read, check, standardize, dedup, audit, mask, write.

Each bronze record is parsed and checked once. The checked rows are kept in Spark's cache (valid rows with
their typed values, quarantined ones with their raw record), filled by the silver write as it first reads
them, and read back from there by the quarantine write: two writes, one pass over bronze, no counting pass.

Every figure of the report comes from the two writes themselves (``DataFrame.observe``, aggregated by Spark
from the rows as they flow through the query, see ``common/observed.py``):

- ``rowsRead``, ``quarantinedByReason``, ``warningsByRule``, ``standardizeWarnings`` and
  ``schemaDrift.missingColumns``: one observation over every checked row, in the silver write. Reasons and
  warnings are counted per code from the list of codes the checks can give; a row holding a code outside that
  list fails the run, so no reason is ever left uncounted. ``schemaDrift.extraColumns`` names come from the
  data, so they are grouped by a small query over the cached drift column, run only when the observation saw
  a row with an undeclared column.
- ``duplicatesRemoved``: rows ranked after the first of their key, observed right after the ranking.
- ``rowsWritten`` and ``rowsQuarantined``: the rows handed to each table's writer, observed at the writer
  (``common.tables.replace_scope``); a write either commits all of them or raises.

They are exact because each is a count over the very rows that reach that point of the query, and they are
independent: the run fails unless ``read = written + quarantined + duplicates`` and the rows written to
quarantine equal the rows the checks rejected. A row lost or added anywhere between reading and either write
breaks one of the two. Spark can re-run a stage after losing its shuffle output, which can only count rows
twice, so an observation can only be too high: that fails the reconciliation, it never hides a loss.

Both writes replace exactly the day they own (silver: ``lake_ingest_date``; quarantine: dataset and
``ingest_date``), so a rerun after a failure at any point leaves the day as one clean run would have.

A ``cdc`` source's records are changes, and its silver table is the source table's current state (an
Iceberg or Delta table): the day's valid changes are applied to it (``lake_jobs.cdc.apply``: the latest
change per key in commit order wins, a delete removes the key) and the new state is committed at once. Its
figures: the checked rows observed in the quarantine write (which reads every checked row before keeping
the rejected ones), each applied change counted by its effect, the table's rows before, and the rows the
state write committed. The run fails unless ``read = quarantined + changes applied`` and
``rows after = rows before + inserts - deletes``. A rerun of the day finds every change already applied:
it counts them ``unchanged`` (deletes ``deletesOfMissingKeys``) and commits nothing. A day older than the
latest day of a change the state holds is refused before anything is written, as its changes would
overwrite newer ones. That day is the greatest ``lake_ingest_date`` (each row carries the day of its last
change) or, for Iceberg, the later day recorded in the summary of the last state commit among the current
snapshot's ancestors (a day of deletes only leaves no row of its day; a rollback takes the record back with
the data). Delta keeps no such record, so there a later day of deletes only goes unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime

from pyspark import StorageLevel
from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.audit import RECORD_HASH, add_audit_columns
from lake_jobs.bronze_to_silver.changes import change_reason_codes, check_changes, is_delete
from lake_jobs.bronze_to_silver.dedup import RANK, rank_duplicates
from lake_jobs.bronze_to_silver.mask import mask_pii
from lake_jobs.bronze_to_silver.mask_key import KEY_ENV, SECRET_ARG
from lake_jobs.bronze_to_silver.read import (
    CHANGE,
    COMMIT_ORDER,
    EXTRA,
    FILE,
    MALFORMED,
    OPERATION,
    PRESENT,
    RAW,
    read_bronze_day,
)
from lake_jobs.bronze_to_silver.validate import (
    REASONS,
    WARNINGS,
    check_rows,
    reason_codes,
    standardize_warning_codes,
    warning_flags,
)
from lake_jobs.cdc.apply import DELETE, INSERTS_UPDATES_DELETES, apply_changes
from lake_jobs.common.contract import Contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.observed import observed
from lake_jobs.common.paths import source_day_prefix
from lake_jobs.common.session import session_conf
from lake_jobs.common.tables import current_summary_value, read_table, replace_scope, replace_table

INGEST_DATE = "lake_ingest_date"
# The day whose changes an Iceberg current state's commit applied, in the snapshot's summary: a day of deletes
# only leaves no row of its day, and this still tells that the state holds it.
CHANGE_DAY = "lake.change-day"
MISSING = "_lake_missing"  # business columns a (well-formed) record lacks
# Called with the stage name and the frame about to be written; tests use it to inject failures.
WriteHook = Callable[[str, DataFrame], DataFrame]


@dataclass(frozen=True)
class DayRun:
    """Everything one run of one day needs besides the session and the contracts."""

    day: date
    run_id: str
    bronze_root: str
    silver_root: str
    quarantine_location: str
    processed_at: datetime
    mask: bool  # true outside production
    mask_key: bytes | None = None  # the key of the `hash` mask (mask_key.py); required when masking


class ReconciliationError(JobFailed):
    pass


def _check_target(contract: Contract, quarantine: Contract, run: DayRun) -> None:
    if contract.source is None:
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}) has no source: nothing to read from bronze"
        )
    if not contract.partition_keys or contract.partition_keys[0] != INGEST_DATE:
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}): a silver source table must be partitioned by "
            f"{INGEST_DATE} first (found {list(contract.partition_keys)}) so a rerun replaces exactly its day"
        )
    if list(quarantine.partition_keys) != ["dataset", "ingest_date"]:
        raise JobFailed(
            f"{quarantine.location}: the quarantine table must be partitioned by dataset, ingest_date"
        )
    if contract.source.cdc is not None and contract.format not in ("iceberg", "delta"):
        raise JobFailed(
            f"dataset {contract.name!r} ({contract.location}): a cdc source's silver table is the current "
            f"state its changes are applied to, which takes an iceberg or delta table, not {contract.format}"
        )
    if run.mask and not run.mask_key:
        raise JobFailed(
            f"dataset {contract.name!r}, day {run.day}: PII is masked outside prod and no mask key was given "
            f"(--{SECRET_ARG} on AWS, {KEY_ENV} locally)"
        )


def run_day(
    spark: SparkSession, contract: Contract, quarantine: Contract, run: DayRun, hook: WriteHook | None = None
) -> dict[str, object]:
    """Process one bronze day and return the report metrics; raises :class:`JobFailed` when the figures
    do not reconcile."""
    _check_target(contract, quarantine, run)
    hook = hook or (lambda _stage, df: df)
    assert contract.source is not None
    source = contract.source
    bronze = read_bronze_day(
        spark, contract, source_day_prefix(run.bronze_root, source.layout, source.table_prefix, run.day)
    )
    with _uncompressed_cache(spark):
        if source.cdc is not None:
            return _apply_day(spark, contract, quarantine, run, hook, bronze.frame, bronze.files)
        checked = _kept_for_both_writes(check_rows(bronze.frame, contract), contract)
        return _write_day(spark, contract, quarantine, run, hook, checked, bronze.files)


def _uncompressed_cache(spark: SparkSession) -> AbstractContextManager[None]:
    """The checked rows stay cached only between the two writes of a day: compressing them cost about a
    tenth of the job's CPU and saved 8% of the cache's size (bench/spark/README.md), and a cache short of
    memory spills to disk instead."""
    return session_conf(spark, "spark.sql.inMemoryColumnarStorage.compressed", "false")


def _write_day(
    spark: SparkSession,
    contract: Contract,
    quarantine: Contract,
    run: DayRun,
    hook: WriteHook,
    checked: DataFrame,
    files: tuple[str, ...],
) -> dict[str, object]:
    """Both writes of a day from the ``checked`` rows, cached between them; the report's figures."""
    checked = checked.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        figures, ranks = Observation(), Observation()
        silver = _silver_rows(checked.observe(figures, *_figure_columns(contract)), contract, run, ranks)
        written = replace_scope(
            spark, hook("silver", silver), contract, run.silver_root, {INGEST_DATE: run.day}
        )
        counts = observed(figures, "the checked rows")
        quarantined = replace_scope(
            spark, hook("quarantine", _quarantine_rows(checked, contract, run)), quarantine, "",
            {"dataset": contract.name, "ingest_date": run.day}, location=run.quarantine_location,
        )  # fmt: skip
        extra = _extra_columns(checked) if counts["with_extra"] else {}
    finally:
        checked.unpersist()
    duplicates = int(observed(ranks, "the duplicates removed")["duplicates"])
    metrics = {
        "inputFiles": list(files),
        "rowsRead": counts["read"],
        "rowsWritten": written,
        "rowsQuarantined": quarantined,
        "duplicatesRemoved": duplicates,
        **_report_figures(contract, counts, extra),
    }
    _reconcile(contract, run, counts, written, quarantined, duplicates)
    return metrics


def _apply_day(
    spark: SparkSession,
    contract: Contract,
    quarantine: Contract,
    run: DayRun,
    hook: WriteHook,
    bronze: DataFrame,
    files: tuple[str, ...],
) -> dict[str, object]:
    """A cdc source's day: quarantine what cannot be applied, apply the rest to the current state."""
    assert contract.source is not None and contract.source.cdc is not None
    cdc = contract.source.cdc
    current = read_table(spark, contract, run.silver_root)
    before, latest_row_day = _state_figures(current)
    _refuse_an_older_day(contract, run, _latest_change_day(spark, contract, run, latest_row_day))
    checked = _kept_for_both_writes(check_changes(check_rows(bronze, contract), contract), contract)
    checked = checked.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        figures = Observation()
        columns = _figure_columns(contract, change_reason_codes(contract), ~is_delete(contract))
        observed_rows = checked.observe(figures, *columns)
        quarantined = replace_scope(
            spark, hook("quarantine", _quarantine_rows(observed_rows, contract, run)), quarantine, "",
            {"dataset": contract.name, "ingest_date": run.day}, location=run.quarantine_location,
        )  # fmt: skip
        counts = observed(figures, "the checked rows")
        extra = _extra_columns(checked) if counts["with_extra"] else {}
        changes = _masked(_audited(checked, contract, run, CHANGE), contract, run).select(
            *[F.col(f.name).cast(f.dataType) for f in contract.table_schema.fields],
            F.col(OPERATION).alias(cdc.operation_column),
            F.col(COMMIT_ORDER).alias(cdc.commit_order_column),
        )
        applied = apply_changes(current, changes, contract.primary_key, cdc, compare=[RECORD_HASH])
        effects = applied.counts
        # A day whose every change is already in the table (a rerun) commits no new state at all.
        if any(effects[e] for e in INSERTS_UPDATES_DELETES):
            written = replace_table(
                spark, hook("silver", applied.state), contract, run.silver_root,
                summary={CHANGE_DAY: run.day.isoformat()},
            )  # fmt: skip
        else:
            written = before
    finally:
        checked.unpersist()
    metrics = {
        "inputFiles": list(files),
        "rowsRead": counts["read"],
        "rowsWritten": written,
        "rowsQuarantined": quarantined,
        # The changes of a key that a later one of the same day replaced: never applied, like duplicates.
        "duplicatesRemoved": effects["superseded"],
        "changes": {**effects, "tableRowsBefore": before},
        **_report_figures(contract, counts, extra),
    }
    _reconcile_changes(contract, run, counts, quarantined, before, written, effects)
    return metrics


def _state_figures(current: DataFrame) -> tuple[int, date | None]:
    """The rows of the current state and the latest day of a change it holds (a row's ``lake_ingest_date``
    is the day of its last change), in one aggregation."""
    row = current.agg(F.count(F.lit(1)).alias("rows"), F.max(INGEST_DATE).alias("latest")).first()
    assert row is not None  # a global aggregation has one row
    return int(row["rows"]), row["latest"]


def _latest_change_day(
    spark: SparkSession, contract: Contract, run: DayRun, latest_row_day: date | None
) -> date | None:
    """The later of the state's latest row day and the day its last state commit recorded (Iceberg)."""
    committed = current_summary_value(spark, contract, run.silver_root, CHANGE_DAY)
    days = [d for d in (latest_row_day, date.fromisoformat(committed) if committed else None) if d]
    return max(days, default=None)


def _refuse_an_older_day(contract: Contract, run: DayRun, latest_day: date | None) -> None:
    """A day's changes are applied over the state as it is: applied after a later day's, they would put older
    values over newer ones. Refused before anything is written; the latest day itself may be rerun."""
    if latest_day is not None and latest_day > run.day:
        raise JobFailed(
            f"dataset {contract.name!r}, day {run.day}: the current state already holds changes of "
            f"{latest_day}, and this day's older changes would overwrite them. Rerun the days from {run.day} "
            f"on in order after restoring the table to its state before {run.day} (Iceberg: "
            "rollback_to_timestamp; Delta: RESTORE TABLE ... TO TIMESTAMP AS OF), or run only days after "
            f"{latest_day}"
        )


def _reconcile_changes(
    contract: Contract,
    run: DayRun,
    counts: dict,
    quarantined: int,
    before: int,
    written: int,
    effects: dict[str, int],
) -> None:
    read, rejected, applied = counts["read"], counts["quarantined"], effects["changesRead"]
    where = f"dataset {contract.name!r}, day {run.day}"
    _check_reason_codes(where, counts)
    if read != quarantined + applied or quarantined != rejected or effects["superseded"] < 0:
        raise ReconciliationError(
            f"{where}: changes read ({read}) != quarantined ({quarantined}, expected {rejected})"
            f" + applied ({applied}: {effects}); check the quarantine table, then rerun the day"
        )
    expected = before + effects["inserts"] - effects[DELETE]
    if written != expected:
        raise ReconciliationError(
            f"{where}: the table holds {written} rows after the day, expected {expected} (before {before}"
            f" + inserts {effects['inserts']} - deletes {effects[DELETE]}); rerun the day"
        )


def _kept_for_both_writes(checked: DataFrame, contract: Contract) -> DataFrame:
    """What the two writes and the figures need, as small as it can be kept: the raw record only for rows that
    go to quarantine, and drift as the (usually empty) lists of missing and undeclared columns."""
    names = F.array(*[F.lit(n) for n in contract.column_names]).cast("array<string>")
    rejected = F.size(F.col(REASONS)) > 0
    return checked.select(
        *contract.column_names,
        FILE,
        F.when(rejected, F.col(RAW)).alias(RAW),
        REASONS,
        WARNINGS,
        # PRESENT holds distinct contract names, so a record with all of them (nearly every one) lacks none:
        # the set difference, a hash set per row, is taken only for the others.
        F.when(F.col(MALFORMED), F.lit(None))
        .when(F.size(F.col(PRESENT)) == len(contract.column_names), F.array().cast("array<string>"))
        .otherwise(F.array_except(names, F.col(PRESENT)))
        .alias(MISSING),
        EXTRA,
        *[c for c in CHANGE if c in checked.columns],
    )


def _figure_columns(
    contract: Contract, extra_codes: list[str] | None = None, warned: Column | None = None
) -> list[Column]:
    """One aggregate per figure over the checked rows (see the module docstring); ``warned`` narrows the
    valid rows whose warnings count (a delete's other values are not kept, so their warnings are not)."""
    valid = F.size(F.col(REASONS)) == 0
    codes = [*reason_codes(contract), *(extra_codes or [])]
    known = F.array(*[F.lit(c) for c in codes])
    return [
        F.count(F.lit(1)).alias("read"),
        F.count_if(~valid).alias("quarantined"),
        F.count_if(F.size(F.array_except(F.col(REASONS), known)) > 0).alias("unknown_reason"),
        F.count_if(F.size(F.col(EXTRA)) > 0).alias("with_extra"),
        *[F.count_if(F.array_contains(F.col(REASONS), c)).alias(f"r:{c}") for c in codes],
        *[
            F.count_if(valid & (warned if warned is not None else F.lit(True)) & flag).alias(f"w:{rule}")
            for rule, flag in warning_flags(contract).items()
        ],
        *[
            F.count_if(valid & F.array_contains(F.col(WARNINGS), c)).alias(f"s:{c}")
            for c in standardize_warning_codes(contract)
        ],
        *[F.count_if(F.array_contains(F.col(MISSING), c)).alias(f"m:{c}") for c in contract.column_names],
    ]


def _report_figures(contract: Contract, counts: dict, extra: dict[str, int]) -> dict[str, object]:
    def part(prefix: str) -> dict[str, int]:
        return {k[len(prefix) :]: int(v) for k, v in counts.items() if k.startswith(prefix)}

    return {
        "quarantinedByReason": dict(sorted((k, v) for k, v in part("r:").items() if v)),
        "warningsByRule": part("w:"),
        "standardizeWarnings": part("s:"),
        "schemaDrift": {
            "extraColumns": extra,
            "missingColumns": {k: v for k, v in part("m:").items() if v},
        },
    }


def _extra_columns(checked: DataFrame) -> dict[str, int]:
    rows = checked.select(F.explode(F.col(EXTRA)).alias("c")).groupBy("c").count().collect()
    return dict(sorted((r["c"], r["count"]) for r in rows))


def _audited(checked: DataFrame, contract: Contract, run: DayRun, keep: tuple[str, ...] = ()) -> DataFrame:
    """The valid rows with audit columns (and the ``keep`` columns), not masked yet."""
    business = contract.source_schema
    valid = checked.where(F.size(F.col(REASONS)) == 0)
    return add_audit_columns(
        valid.select(*business.fieldNames(), FILE, *keep),
        business,
        run.day,
        run.processed_at,
        run.run_id,
        F.col(FILE),
    )


def _masked(df: DataFrame, contract: Contract, run: DayRun) -> DataFrame:
    """``df`` masked outside production. The record hash is taken before, so it identifies the record the
    same way in every environment."""
    if not run.mask:
        return df
    assert run.mask_key is not None  # checked by _check_target
    return mask_pii(df, contract, run.mask_key)


def _silver_rows(checked: DataFrame, contract: Contract, run: DayRun, ranks: Observation) -> DataFrame:
    """The deduplicated valid rows with audit columns, masked outside production; ``ranks`` observes how
    many duplicates the ranking set aside."""
    ranked = rank_duplicates(_audited(checked, contract, run), contract.primary_key, contract.ordering_column)
    ranked = ranked.observe(ranks, F.count_if(F.col(RANK) > 1).alias("duplicates"))
    kept = _masked(ranked.where(F.col(RANK) == 1), contract, run)
    return kept.select(*[F.col(f.name).cast(f.dataType) for f in contract.table_schema.fields])


def _quarantine_rows(checked: DataFrame, contract: Contract, run: DayRun) -> DataFrame:
    return checked.where(F.size(F.col(REASONS)) > 0).select(
        F.lit(contract.name).alias("dataset"),
        F.lit(run.run_id).alias("run_id"),
        F.col(REASONS).alias("reasons"),
        F.col(RAW).alias("raw_record"),
        F.col(FILE).alias("source_file"),
        F.lit(run.processed_at).cast("timestamp").alias("quarantined_at"),
        F.lit(run.day).cast("date").alias("ingest_date"),
    )


def _reconcile(
    contract: Contract, run: DayRun, counts: dict, written: int, quarantined: int, duplicates: int
) -> None:
    read, rejected = counts["read"], counts["quarantined"]
    where = f"dataset {contract.name!r}, day {run.day}"
    _check_reason_codes(where, counts)
    if read != written + quarantined + duplicates or quarantined != rejected:
        raise ReconciliationError(
            f"{where}: rows read ({read}) != written ({written})"
            f" + quarantined ({quarantined}, expected {rejected}) + duplicates removed ({duplicates});"
            " the day's output is not trustworthy: check the silver and quarantine tables, then rerun the day"
        )


def _check_reason_codes(where: str, counts: dict) -> None:
    if counts["unknown_reason"]:
        raise ReconciliationError(
            f"{where}: {counts['unknown_reason']} rows carry a reason code the report does not know; "
            "the figures by reason would be incomplete"
        )
