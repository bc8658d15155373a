"""Writing one snapshot of a gold table atomically and idempotently, to Iceberg or Delta.

A run replaces the rows of its snapshot date and nothing else, in one commit of the table format: readers
see the old snapshot or the new one, never a mix, and a run that fails before its commit leaves the table
as it was (its stray data files are referenced by no snapshot; ``maintenance`` removes them as orphans).
Locally the Iceberg catalog ``lake`` is a Hadoop catalog under the lake's warehouse; on AWS it is the Glue
catalog: only the catalog settings of the session differ, not this code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

TABLE_FORMATS = ("iceberg", "delta")


@dataclass(frozen=True)
class GoldTarget:
    """Where a gold table lives: ``table`` is ``catalog.namespace.name`` (Iceberg) or ``namespace.name``
    (Delta,
    in the session catalog, stored at ``location``)."""

    dataset: str
    table: str
    format: str
    partition_keys: tuple[str, ...]
    location: str | None = None

    def __post_init__(self) -> None:
        if self.format not in TABLE_FORMATS:
            raise ValueError(
                f"dataset {self.dataset!r}: gold format {self.format!r} is not supported "
                f"(expected one of {', '.join(TABLE_FORMATS)})"
            )
        if self.format == "delta" and not self.location:
            raise ValueError(f"dataset {self.dataset!r}: a Delta table needs a location")

    @property
    def namespace(self) -> str:
        return self.table.rsplit(".", 1)[0]


def conform(df: DataFrame, schema: StructType, dataset: str) -> DataFrame:
    """``df`` with exactly the columns of ``schema``, in its order and cast to its types.

    A column the contract has and the job does not compute (or the reverse) is an error naming it: the
    contract and the job changed apart.
    """
    wanted = schema.fieldNames()
    missing = [c for c in wanted if c not in df.columns]
    extra = [c for c in df.columns if c not in wanted]
    if missing or extra:
        raise ValueError(
            f"dataset {dataset!r}: the computed columns differ from the contract's table schema: "
            f"not computed {missing}, not in the contract {extra}"
        )
    return df.select(*[F.col(f.name).cast(f.dataType).alias(f.name) for f in schema.fields])


def _column_ddl(schema: StructType) -> str:
    parts = []
    for f in schema.fields:
        nullability = "" if f.nullable else " NOT NULL"
        parts.append(f"`{f.name}` {f.dataType.simpleString()}{nullability}")
    return ", ".join(parts)


def create_table_sql(target: GoldTarget, schema: StructType) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for the target (pure, so the statement is tested without Spark)."""
    unknown = [k for k in target.partition_keys if k not in schema.fieldNames()]
    if unknown:
        raise ValueError(
            f"dataset {target.dataset!r}: partition key(s) {unknown} are not columns of the table"
        )
    partitioned = ", ".join(f"`{k}`" for k in target.partition_keys)
    sql = f"CREATE TABLE IF NOT EXISTS {target.table} ({_column_ddl(schema)}) USING {target.format}"
    if partitioned:
        sql += f" PARTITIONED BY ({partitioned})"
    if target.format == "delta":
        sql += f" LOCATION '{target.location}'"
    else:
        sql += " TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd')"
    return sql


def ensure_table(spark: SparkSession, target: GoldTarget, schema: StructType) -> None:
    spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {target.namespace}")
    spark.sql(create_table_sql(target, schema))


def snapshot_predicate(column: str, day: date) -> str:
    """The SQL condition selecting one snapshot, for Delta's ``replaceWhere``."""
    return f"`{column}` = DATE '{day.isoformat()}'"


def write_snapshot(df: DataFrame, target: GoldTarget, *, snapshot_column: str, snapshot_date: date) -> None:
    """Replace the rows of ``snapshot_date`` with ``df`` in one commit; other snapshots are untouched.

    ``df`` must hold only rows of that snapshot: Delta checks it (a row outside makes the commit fail), and
    for Iceberg the caller builds it so.
    """
    if target.format == "iceberg":
        condition = F.col(snapshot_column) == F.lit(snapshot_date)
        # The contract's NOT NULL columns come from expressions Spark cannot prove non-null (file reads,
        # casts); the contract's rules and the quality job check them instead of Spark's plan analysis.
        df.writeTo(target.table).option("check-nullability", "false").overwrite(condition)
    else:
        (
            df.write.format("delta")
            .mode("overwrite")
            .option("replaceWhere", snapshot_predicate(snapshot_column, snapshot_date))
            .save(target.location)
        )


def snapshot_counts(spark: SparkSession, target: GoldTarget, snapshot_column: str) -> dict[str, int]:
    """Rows per snapshot date now in the table (what the run report and the tests look at)."""
    rows = spark.table(target.table).groupBy(snapshot_column).count().collect()
    return {str(r[0]): int(r[1]) for r in sorted(rows, key=lambda r: r[0])}
