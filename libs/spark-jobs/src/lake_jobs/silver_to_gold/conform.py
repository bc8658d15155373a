"""Aligning computed rows with the gold contract's table schema."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

from lake_jobs.common.errors import JobFailed


def conform(df: DataFrame, schema: StructType, dataset: str) -> DataFrame:
    """``df`` with exactly the columns of ``schema``, in its order and cast to its types.

    A column the contract has and the job does not compute (or the reverse) is an error naming it: the
    contract and the job changed apart, and writing anyway would silently drop or null a column.
    """
    wanted = schema.fieldNames()
    missing = [c for c in wanted if c not in df.columns]
    extra = [c for c in df.columns if c not in wanted]
    if missing or extra:
        raise JobFailed(
            f"dataset {dataset!r}: the computed columns differ from the contract's table schema: "
            f"not computed {missing}, not in the contract {extra}"
        )
    return df.select(*[F.col(f.name).cast(f.dataType).alias(f.name) for f in schema.fields])
