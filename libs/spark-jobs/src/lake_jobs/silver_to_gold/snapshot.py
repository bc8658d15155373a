"""The state of a silver table as of a snapshot date: the latest row per primary key.

Silver keeps one row per key within each ``lake_ingest_date`` partition; a key delivered again on a later
day (a customer who moved, a ticket that got resolved) has one row per day. The gold job sees only
partitions ingested on or before the snapshot date and keeps, per key, the row that is latest by the
contract's ordering column, then by ingest date, then by ``lake_record_hash`` (descending, as the contract
breaks ties), so the choice never depends on file order.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from lake_jobs.common.errors import JobFailed
from lake_jobs.silver_to_gold.metrics import snapshot_lit

INGEST_DATE = "lake_ingest_date"
RECORD_HASH = "lake_record_hash"


def latest_as_of(
    df: DataFrame,
    *,
    dataset: str,
    primary_key: Sequence[str],
    ordering_column: str | None,
    snapshot_date: object,
) -> DataFrame:
    """One row per primary key: the latest one ingested on or before ``snapshot_date``."""
    if not primary_key:
        raise JobFailed(f"dataset {dataset!r}: a primary key is needed to pick the latest row per key")
    needed = [*primary_key, INGEST_DATE, RECORD_HASH, *([ordering_column] if ordering_column else [])]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise JobFailed(
            f"dataset {dataset!r}: silver rows lack the column(s) {missing}; found {df.columns} "
            "(is this a silver table written by bronze_to_silver?)"
        )
    order = [F.col(ordering_column).desc_nulls_last()] if ordering_column else []
    order += [F.col(INGEST_DATE).desc(), F.col(RECORD_HASH).desc()]
    window = Window.partitionBy(*primary_key).orderBy(*order)
    return (
        df.where(F.col(INGEST_DATE) <= snapshot_lit(snapshot_date))
        .withColumn("_latest_rank", F.row_number().over(window))
        .where(F.col("_latest_rank") == 1)
        .drop("_latest_rank")
    )
