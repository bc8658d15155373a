"""Reading and replacing the tables a contract describes, in its stored format (Parquet, Iceberg or Delta).

Every write replaces a *scope*: the partition values one run owns (a silver day, a gold snapshot date,
one dataset's day of quarantine). A rerun therefore replaces exactly what the earlier run wrote, with no
duplicates, even when the rerun writes fewer partitions or no rows at all.
- Parquet: dynamic partition overwrite (Spark stages files and moves whole partitions at commit), then
  partition folders in scope that the rerun did not write are removed.
- Iceberg: ``overwrite(<scope filter>)``, one atomic snapshot. Tables live in the catalog ``lake`` with
  the layer as namespace, so ``root`` is not used for them.
- Delta: ``replaceWhere <scope filter>``, one atomic commit.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F

from lake_jobs.common.contract import Contract
from lake_jobs.common.observed import observed
from lake_jobs.common.paths import iceberg_table_name, join_uri
from lake_jobs.common.storage import delete, exists, list_dirs

Scope = Mapping[str, Any]


def table_location(contract: Contract, root: str) -> str:
    """The folder (Parquet, Delta) or catalog name (Iceberg) of ``contract``'s table under ``root``."""
    if contract.format == "iceberg":
        return iceberg_table_name(contract.layer, contract.name)
    return join_uri(root, contract.name)


def read_table(spark: SparkSession, contract: Contract, root: str, location: str | None = None) -> DataFrame:
    """The whole stored table with the contract's table schema; empty (no error) before its first write."""
    where = location or table_location(contract, root)
    if contract.format == "iceberg":
        if not spark.catalog.tableExists(where):
            return spark.createDataFrame([], contract.table_schema)
        return spark.table(where)
    if not exists(where, spark):
        return spark.createDataFrame([], contract.table_schema)
    if contract.format == "delta":
        return spark.read.format("delta").load(where)
    return spark.read.schema(contract.table_schema).parquet(where)


def rows_per_value(spark: SparkSession, contract: Contract, root: str, column: str) -> dict[str, int]:
    """Rows of the stored table per value of the partition column ``column`` (values as ``str``).

    Iceberg answers from its ``partitions`` metadata table (row counts the commits recorded in the manifests,
    no data file is opened) as long as no partition carries delete files, whose rows it does not subtract;
    otherwise, and for Parquet and Delta, the rows are counted (Parquet answers a count of a partition column
    from file footers and folder names)."""
    if column not in contract.partition_keys:
        raise ValueError(f"dataset {contract.name!r}: {column!r} is not a partition key")
    where = table_location(contract, root)
    if contract.format == "iceberg" and spark.catalog.tableExists(where):
        partitions = spark.table(f"{where}.partitions")
        deletes = F.col("position_delete_record_count") + F.col("equality_delete_record_count")
        if partitions.where(deletes > 0).isEmpty():
            totals = partitions.groupBy(F.col(f"partition.{column}").alias("value")).agg(
                F.sum("record_count").alias("rows")
            )
            return {str(r["value"]): int(r["rows"]) for r in totals.collect() if r["rows"]}
    counted = read_table(spark, contract, root).groupBy(column).count()
    return {str(value): int(n) for value, n in counted.collect()}


def scope_filter(scope: Scope) -> Column:
    if not scope:
        raise ValueError("a write scope needs at least one partition column")
    return functools.reduce(operator.and_, (F.col(k) == F.lit(v) for k, v in scope.items()))


def scope_sql(scope: Scope) -> str:
    """``a = 'x' AND b = DATE '2026-11-20'`` for Delta's replaceWhere."""
    return " AND ".join(f"`{k}` = {_sql_literal(v)}" for k, v in scope.items())


def _sql_literal(value: Any) -> str:
    if isinstance(value, datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _partition_path(root: str, scope: Scope, keys: tuple[str, ...]) -> str:
    """The folder holding ``scope`` when it names a leading run of the partition keys (Hive layout)."""
    leading = keys[: len(scope)]
    if set(leading) != set(scope):
        raise ValueError(f"scope {sorted(scope)} must name the leading partition keys {list(leading)}")
    return join_uri(root, *(f"{k}={scope[k]}" for k in leading))


def replace_scope(
    spark: SparkSession,
    df: DataFrame,
    contract: Contract,
    root: str,
    scope: Scope,
    location: str | None = None,
    rows: int | None = None,
) -> int:
    """Replace the rows of ``scope`` in the table with ``df`` (whose rows must all fall in ``scope``) and
    return how many rows the write committed, counted by the write itself (an observation on the rows handed
    to the writer: a write either commits all of them or fails).

    ``rows=0``, when the caller already knows that ``df`` is empty, saves running the query at all."""
    where = location or table_location(contract, root)
    keys = contract.partition_keys
    if rows == 0 and contract.format not in ("iceberg", "delta"):
        delete(_partition_path(where, scope, keys), spark)
        return 0
    df = df.select(*contract.table_schema.fieldNames())
    count = Observation()
    counted = df.observe(count, F.count(F.lit(1)).alias("rows"))
    if contract.format == "iceberg":
        _create_iceberg(spark, df, contract, where)
        counted.writeTo(where).overwrite(scope_filter(scope))
    elif contract.format == "delta":
        writer = counted.write.format("delta").mode("overwrite").option("replaceWhere", scope_sql(scope))
        writer.partitionBy(*keys).save(where)
    else:
        _replace_parquet(spark, counted, where, scope, keys, lambda: _written(count))
    return _written(count)


def _written(count: Observation) -> int:
    return int(observed(count, "the rows written")["rows"])


def _replace_parquet(
    spark: SparkSession,
    df: DataFrame,
    where: str,
    scope: Scope,
    keys: tuple[str, ...],
    rows: Callable[[], int],
) -> None:
    scope_dir = _partition_path(where, scope, keys)
    deeper = keys[len(scope) :]
    if deeper:
        df = df.cache()  # written, then asked which deeper partitions it wrote
    (
        df.write.mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .option("compression", "zstd")
        .partitionBy(*keys)
        .parquet(where)
    )
    # No rows means no partition got written, so dynamic overwrite alone left the old scope in place.
    if rows() == 0:
        delete(scope_dir, spark)
    elif deeper:
        written_dirs = {f"{deeper[0]}={r[0]}" for r in df.select(deeper[0]).distinct().collect()}
        for folder in list_dirs(scope_dir, spark):
            if folder.rsplit("/", 1)[-1] not in written_dirs and "=" in folder.rsplit("/", 1)[-1]:
                delete(folder, spark)
    if deeper:
        df.unpersist()


def _create_iceberg(spark: SparkSession, df: DataFrame, contract: Contract, name: str) -> None:
    namespace = name.rsplit(".", 1)[0]
    spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {namespace}")
    if not spark.catalog.tableExists(name):
        (
            df.limit(0)
            .writeTo(name)
            .using("iceberg")
            .partitionedBy(*(F.col(k) for k in contract.partition_keys))
            .tableProperty("write.parquet.compression-codec", "zstd")
            .tableProperty("format-version", "2")
            .create()
        )


def replace_table(spark: SparkSession, df: DataFrame, contract: Contract, root: str) -> int:
    """Replace every row of the table with ``df`` in one commit and return how many rows it committed
    (observed at the writer, as in :func:`replace_scope`).

    For a table that holds a current state (a cdc source's), where a day's changes touch rows of any
    partition. Only formats that commit a whole new state atomically qualify: ``df`` may read the table it
    replaces, and a reader sees the old state or the new one, never a mix."""
    if contract.format not in ("iceberg", "delta"):
        raise ValueError(
            f"dataset {contract.name!r}: replacing a whole {contract.format} table is not atomic; "
            "a current-state table must be iceberg or delta"
        )
    where = table_location(contract, root)
    df = df.select(*contract.table_schema.fieldNames())
    count = Observation()
    counted = df.observe(count, F.count(F.lit(1)).alias("rows"))
    if contract.format == "iceberg":
        _create_iceberg(spark, df, contract, where)
        counted.writeTo(where).overwrite(F.lit(True))
    else:
        counted.write.format("delta").mode("overwrite").partitionBy(*contract.partition_keys).save(where)
    return _written(count)


def drop_table(spark: SparkSession, contract: Contract, root: str) -> None:
    """Remove the table with its data files (a state rebuilt from a full load starts from nothing)."""
    where = table_location(contract, root)
    if contract.format == "iceberg":
        spark.sql(f"DROP TABLE IF EXISTS {where} PURGE")
    elif exists(where, spark):
        delete(where, spark)
