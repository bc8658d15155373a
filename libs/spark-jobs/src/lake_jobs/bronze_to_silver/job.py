"""The bronze -> silver job for one dataset and day: read, check, standardize, dedup, audit, mask, write.

Both writes replace exactly the day they own (silver: ``lake_ingest_date``; quarantine: dataset and
``ingest_date``), so a rerun after a failure at any point leaves the day as one clean run would have.
Counts are taken from what was written, and ``read = written + quarantined + duplicates`` is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.audit import add_audit_columns
from lake_jobs.bronze_to_silver.dedup import RANK, rank_duplicates
from lake_jobs.bronze_to_silver.mask import mask_pii
from lake_jobs.bronze_to_silver.read import EXTRA, FILE, MALFORMED, PRESENT, RAW, read_bronze_day
from lake_jobs.bronze_to_silver.validate import REASONS, check_rows, warning_flags
from lake_jobs.common.contract import Contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.paths import bronze_day_prefix
from lake_jobs.common.tables import read_table, replace_scope

INGEST_DATE = "lake_ingest_date"
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


class ReconciliationError(JobFailed):
    pass


def _check_target(contract: Contract, quarantine: Contract) -> None:
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


def run_day(
    spark: SparkSession, contract: Contract, quarantine: Contract, run: DayRun, hook: WriteHook | None = None
) -> dict[str, object]:
    """Process one bronze day and return the report metrics; raises :class:`JobFailed` when the figures
    do not reconcile."""
    _check_target(contract, quarantine)
    hook = hook or (lambda _stage, df: df)
    assert contract.source is not None
    bronze = read_bronze_day(
        spark, contract, bronze_day_prefix(run.bronze_root, contract.source.bronze_prefix, run.day)
    )
    checked = check_rows(bronze.frame, contract).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        figures = _count_checked(checked, contract)
        ranked, silver, duplicates = _silver_rows(checked, contract, run)
        try:
            kept = figures["read"] - figures["quarantined"] - duplicates
            scope = {INGEST_DATE: run.day}
            replace_scope(spark, hook("silver", silver), contract, run.silver_root, scope, rows=kept)
        finally:
            ranked.unpersist()
        quarantined = _quarantine_rows(checked, contract, run)
        scope = {"dataset": contract.name, "ingest_date": run.day}
        replace_scope(
            spark, hook("quarantine", quarantined), quarantine, "", scope,
            location=run.quarantine_location, rows=figures["quarantined"],
        )  # fmt: skip
    finally:
        checked.unpersist()

    written = read_table(spark, contract, run.silver_root).where(F.col(INGEST_DATE) == F.lit(run.day)).count()
    quarantine_table = read_table(spark, quarantine, "", location=run.quarantine_location)
    in_quarantine = quarantine_table.where(
        (F.col("dataset") == contract.name) & (F.col("ingest_date") == F.lit(run.day))
    ).count()
    metrics = {
        "inputFiles": list(bronze.files),
        "rowsRead": figures["read"],
        "rowsWritten": written,
        "rowsQuarantined": in_quarantine,
        "duplicatesRemoved": duplicates,
        **{k: v for k, v in figures.items() if k not in ("read", "quarantined")},
    }
    _reconcile(contract, run, figures["read"], written, in_quarantine, figures["quarantined"], duplicates)
    return metrics


def _count_checked(checked: DataFrame, contract: Contract) -> dict:
    """Read and quarantined totals, rows per reason, warnings per rule and schema drift of checked rows."""
    valid = F.size(F.col(REASONS)) == 0
    warnings = warning_flags(contract)
    missing = {c: ~F.array_contains(F.col(PRESENT), c) & ~F.col(MALFORMED) for c in contract.column_names}
    row = checked.agg(
        F.count(F.lit(1)).alias("read"),
        F.count(F.when(~valid, 1)).alias("quarantined"),
        *[F.count(F.when(valid & cond, 1)).alias(f"w{i}") for i, cond in enumerate(warnings.values())],
        *[F.count(F.when(cond, 1)).alias(f"m{i}") for i, cond in enumerate(missing.values())],
    ).first()
    assert row is not None
    # Reasons and extra columns counted in one job: each tagged with its kind, then grouped together.
    tagged = F.concat(
        F.transform(F.col(REASONS), lambda r: F.concat(F.lit("r"), r)),
        F.transform(F.col(EXTRA), lambda c: F.concat(F.lit("x"), c)),
    )
    counts = checked.select(F.explode(tagged).alias("t")).groupBy("t").count().collect()
    by_reason = [(r["t"][1:], r["count"]) for r in counts if r["t"].startswith("r")]
    extra = [(r["t"][1:], r["count"]) for r in counts if r["t"].startswith("x")]
    return {
        "read": row["read"],
        "quarantined": row["quarantined"],
        "quarantinedByReason": dict(sorted(by_reason)),
        "warningsByRule": {rule_id: row[f"w{i}"] for i, rule_id in enumerate(warnings)},
        "schemaDrift": {
            "extraColumns": dict(sorted(extra)),
            "missingColumns": {c: row[f"m{i}"] for i, c in enumerate(missing) if row[f"m{i}"]},
        },
    }


def _silver_rows(checked: DataFrame, contract: Contract, run: DayRun) -> tuple[DataFrame, DataFrame, int]:
    """The ranked valid rows (cached: the caller unpersists them), the deduplicated rows with audit columns,
    masked outside production, and the duplicate count."""
    business = contract.source_schema
    valid = checked.where(F.size(F.col(REASONS)) == 0)
    audited = add_audit_columns(
        valid.select(*business.fieldNames(), FILE),
        business,
        run.day,
        run.processed_at,
        run.run_id,
        F.col(FILE),
    )
    ranked = rank_duplicates(audited, contract.primary_key, contract.ordering_column)
    ranked = ranked.persist(StorageLevel.MEMORY_AND_DISK)
    duplicates = ranked.where(F.col(RANK) > 1).count()
    # The hash is taken before masking, so it identifies the record the same way in every environment.
    kept = ranked.where(F.col(RANK) == 1)
    if run.mask:
        kept = mask_pii(kept, contract)
    table = contract.table_schema
    return ranked, kept.select(*[F.col(f.name).cast(f.dataType) for f in table.fields]), duplicates


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
    contract: Contract,
    run: DayRun,
    read: int,
    written: int,
    quarantined: int,
    expected_q: int,
    duplicates: int,
) -> None:
    if read != written + quarantined + duplicates or quarantined != expected_q:
        raise ReconciliationError(
            f"dataset {contract.name!r}, day {run.day}: rows read ({read}) != written ({written})"
            f" + quarantined ({quarantined}, expected {expected_q}) + duplicates removed ({duplicates});"
            " the day's output is not trustworthy: check the silver and quarantine tables, then rerun the day"
        )
