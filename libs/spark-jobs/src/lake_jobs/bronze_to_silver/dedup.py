"""Deduplication on the primary key: the latest by the ordering column wins, ties go to the higher hash."""

from __future__ import annotations

from collections.abc import Sequence

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.audit import RECORD_HASH

RANK = "_lake_rank"


def rank_duplicates(df: DataFrame, primary_key: Sequence[str], ordering: str | None) -> DataFrame:
    """Adds ``_lake_rank``: 1 for the row kept per key, 2.. for the duplicates it replaces.

    The order is total (ordering column desc, then hash desc; identical hashes are identical records), so the
    same input keeps the same row on every run and on any partitioning.
    """
    if not primary_key:
        return df.withColumn(RANK, F.lit(1))
    order: list[Column] = []
    if ordering:
        order.append(F.col(ordering).desc_nulls_last())
    order.append(F.col(RECORD_HASH).desc())
    window = Window.partitionBy(*[F.col(k) for k in primary_key]).orderBy(*order)
    return df.withColumn(RANK, F.row_number().over(window))
