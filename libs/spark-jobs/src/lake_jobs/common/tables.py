"""Reading and replacing the tables a contract describes, in its stored format (Parquet, Iceberg or Delta).

Every write replaces a *scope*: the partition values one run owns (a silver day, a gold snapshot date,
one dataset's day of quarantine). A rerun therefore replaces exactly what the earlier run wrote, with no
duplicates, even when the rerun writes fewer partitions or no rows at all.
- Parquet: dynamic partition overwrite (Spark stages files and moves whole partitions at commit), then
  partition folders in scope that the rerun did not write are removed.
- Iceberg: ``overwrite(<scope filter>)``, one atomic snapshot. Tables live in the catalog ``lake`` with
  the layer as namespace, so ``root`` is not used for them.
- Delta: ``replaceWhere <scope filter>``, one atomic commit.

A table written under an earlier version of its contract follows the changes ``make compat`` calls compatible
(a new nullable column or struct field, a widened type, required -> nullable) without losing a row:
- reads conform to the contract: a column added since reads as null, a widened one is cast (Parquet files
  are read with the types they were written with, since Spark 3.5 reads no INT32 file column as bigint and
  its vectorized reader no decimal as a wider one);
- writes first evolve an Iceberg or Delta table's schema (``ALTER TABLE``) to the contract's. Delta 3.3
  (Glue 5.0) changes no column's type in place outside a preview table feature that locks out readers
  without it, so compat classifies type widening on Delta as breaking and a write refuses it here.
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any

from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    ByteType,
    DataType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    ShortType,
    StructType,
)

from lake_jobs.common.contract import Contract
from lake_jobs.common.errors import JobFailed
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
    """The whole stored table with the contract's table schema; empty (no error) before its first write.

    Rows written under an earlier compatible version of the contract read as this one says (module doc)."""
    where = location or table_location(contract, root)
    if contract.format == "iceberg":
        if not spark.catalog.tableExists(where):
            return spark.createDataFrame([], contract.table_schema)
        return conform(spark.table(where), contract, where)
    if not exists(where, spark):
        return spark.createDataFrame([], contract.table_schema)
    if contract.format == "delta":
        return conform(spark.read.format("delta").load(where), contract, where)
    return _read_parquet(spark, contract, where)


class TableSchemaError(JobFailed):
    """A stored table that the contract does not describe by a compatible change of its earlier versions."""


def _read_parquet(spark: SparkSession, contract: Contract, where: str) -> DataFrame:
    """Every file read with the types it was written with, then conformed: one read per distinct file schema
    (one per contract version the table has seen), or a single read when every file has the contract's."""
    wanted = contract.table_schema
    table = spark.read.schema(wanted).parquet(where)
    files = table.inputFiles()
    partition = set(contract.partition_keys)
    by_schema: dict[str, tuple[StructType, list[str]]] = {}
    for file, stored in zip(files, _file_schemas(spark, files), strict=True):
        by_schema.setdefault(stored.simpleString(), (stored, []))[1].append(file)
    if all(_reads_as_is(stored, wanted, partition) for stored, _ in by_schema.values()):
        return table  # Spark's reader gives a missing column or struct field as null by itself
    parts = []
    for stored, group in by_schema.values():
        # Partition columns come from the folder names, typed as the contract says.
        fields = [
            f if f.name in partition else stored[f.name]
            for f in wanted.fields
            if f.name in partition or f.name in stored.names
        ]
        frame = spark.read.schema(StructType(fields)).option("basePath", where).parquet(*group)
        parts.append(conform(frame, contract, f"{where} ({group[0]} and {len(group) - 1} more like it)"))
    return functools.reduce(DataFrame.union, parts)


def _reads_as_is(stored: StructType, wanted: StructType, partition: set[str]) -> bool:
    """Whether every contract column a file holds has the contract's type there (nullability aside)."""
    have = {f.name: f.dataType.simpleString() for f in stored.fields}
    return all(
        have.get(f.name, f.dataType.simpleString()) == f.dataType.simpleString()
        for f in wanted.fields
        if f.name not in partition
    )


def _file_schemas(spark: SparkSession, files: list[str]) -> list[StructType]:
    """The Spark schema of each Parquet file, from its footer alone (read on the driver, a few at a time:
    Spark's own schema inference costs a job per call)."""
    jvm = spark._jvm  # type: ignore[attr-defined]
    hadoop = spark._jsc.hadoopConfiguration()  # type: ignore[attr-defined]
    sql_conf = spark._jsparkSession.sessionState().conf()  # type: ignore[attr-defined]
    parquet = jvm.org.apache.spark.sql.execution.datasources.parquet

    def schema(file: str) -> StructType:
        path = jvm.org.apache.hadoop.fs.Path(file)
        reader = jvm.org.apache.parquet.hadoop.ParquetFileReader.open(
            jvm.org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path, hadoop)
        )
        try:
            message = reader.getFooter().getFileMetaData().getSchema()
        finally:
            reader.close()
        return StructType.fromJson(
            json.loads(parquet.ParquetToSparkSchemaConverter(sql_conf).convert(message).json())
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(schema, files))


# What values of a type may be read as without loss: libs/schemas/src/compat/classify.ts's WIDER, and a
# decimal of larger precision with the same scale.
_WIDER: Mapping[type[DataType], tuple[type[DataType], ...]] = {
    ByteType: (ShortType, IntegerType, LongType),
    ShortType: (IntegerType, LongType),
    IntegerType: (LongType,),
    FloatType: (DoubleType,),
}


def _widens(have: DataType, want: DataType) -> bool:
    if isinstance(have, DecimalType) and isinstance(want, DecimalType):
        return have.scale == want.scale and want.precision > have.precision
    return type(want) in _WIDER.get(type(have), ())


def _iceberg_stored(t: DataType) -> DataType:
    """Iceberg has no byte or short type: Spark stores both as int."""
    return IntegerType() if isinstance(t, ByteType | ShortType) else t


def conform(frame: DataFrame, contract: Contract, where: str) -> DataFrame:
    """``frame`` (a stored table) with exactly the contract's table columns and types: a column missing from
    it is null, a narrower one cast; any other difference is a :class:`TableSchemaError`."""
    stored = {f.name: f.dataType for f in frame.schema.fields}
    columns = []
    for f in contract.table_schema.fields:
        if f.name not in stored:
            columns.append(F.lit(None).cast(f.dataType).alias(f.name))
        else:
            column = F.col(f"`{f.name}`")
            columns.append(
                _conformed(column, stored[f.name], f.dataType, (f.name,), contract, where).alias(f.name)
            )
    return frame.select(*columns)


def _conformed(
    column: Column, have: DataType, want: DataType, path: tuple[str, ...], contract: Contract, where: str
) -> Column:
    if have.simpleString() == want.simpleString():
        return column
    if isinstance(have, StructType) and isinstance(want, StructType):
        names = set(have.names)
        fields = [
            _conformed(
                column.getField(f.name), have[f.name].dataType, f.dataType, (*path, f.name), contract, where
            )
            if f.name in names
            else F.lit(None).cast(f.dataType)
            for f in want.fields
        ]
        built = F.struct(*(c.alias(f.name) for c, f in zip(fields, want.fields, strict=True)))
        return F.when(column.isNull(), F.lit(None).cast(want)).otherwise(built)
    if isinstance(have, ArrayType) and isinstance(want, ArrayType):
        element = (*path, "element")
        return F.transform(
            column, lambda e: _conformed(e, have.elementType, want.elementType, element, contract, where)
        )
    if isinstance(have, MapType) and isinstance(want, MapType):
        keys, values = (*path, "key"), (*path, "value")
        if have.keyType.simpleString() != want.keyType.simpleString():
            column = F.transform_keys(
                column, lambda k, _v: _conformed(k, have.keyType, want.keyType, keys, contract, where)
            )
        return F.transform_values(
            column, lambda _k, v: _conformed(v, have.valueType, want.valueType, values, contract, where)
        )
    if _widens(have, want) or (contract.format == "iceberg" and _iceberg_stored(want) == have):
        return column.cast(want)
    raise TableSchemaError(_mismatch(contract, where, path, have, want, "not a widening"))


def _mismatch(
    contract: Contract, where: str, path: tuple[str, ...], have: DataType, want: DataType, why: str
) -> str:
    return (
        f"dataset {contract.name!r} ({where}): {'.'.join(path)} is stored as {have.simpleString()} and the "
        f"contract ({contract.location}) says {want.simpleString()}, {why}: only the changes `make compat` "
        "calls compatible apply to a stored table; migrate the table (the contract's migration note) first"
    )


def evolution_statements(contract: Contract, stored: StructType, table: str) -> list[str]:
    """The ``ALTER TABLE`` statements that bring a stored Iceberg or Delta table's schema (``stored``) to the
    contract's: new nullable columns and struct fields (placed where the contract has them), widened types
    (Iceberg only), dropped NOT NULL. Pure; anything else is a :class:`TableSchemaError`."""
    return [
        f"ALTER TABLE {table} {change}" for change in _changes(contract, stored, contract.table_schema, ())
    ]


def _sql_path(path: tuple[str, ...]) -> str:
    return ".".join(f"`{p}`" for p in path)


def _changes(
    contract: Contract, have: StructType, want: StructType, prefix: tuple[str, ...]
) -> Iterator[str]:
    names = set(have.names)
    for i, f in enumerate(want.fields):
        path = (*prefix, f.name)
        if f.name not in names:
            if not f.nullable:
                raise TableSchemaError(
                    f"dataset {contract.name!r}: column {'.'.join(path)} is new and required, so the rows "
                    f"already stored have no value for it (contract {contract.location}); migrate the table"
                )
            place = f"AFTER `{want.fields[i - 1].name}`" if i else "FIRST"
            yield f"ADD COLUMN {_sql_path(path)} {f.dataType.simpleString()} {place}"
            continue
        old = have[f.name]
        yield from _type_changes(contract, old.dataType, f.dataType, path)
        if not old.nullable and f.nullable:
            yield f"ALTER COLUMN {_sql_path(path)} DROP NOT NULL"


def _type_changes(contract: Contract, have: DataType, want: DataType, path: tuple[str, ...]) -> Iterator[str]:
    iceberg = contract.format == "iceberg"
    if (_iceberg_stored(want) if iceberg else want).simpleString() == have.simpleString():
        return
    if isinstance(have, StructType) and isinstance(want, StructType):
        yield from _changes(contract, have, want, path)
    elif isinstance(have, ArrayType) and isinstance(want, ArrayType):
        yield from _type_changes(contract, have.elementType, want.elementType, (*path, "element"))
    elif isinstance(have, MapType) and isinstance(want, MapType):
        yield from _type_changes(contract, have.keyType, want.keyType, (*path, "key"))
        yield from _type_changes(contract, have.valueType, want.valueType, (*path, "value"))
    elif iceberg and _widens(have, _iceberg_stored(want)):
        yield f"ALTER COLUMN {_sql_path(path)} TYPE {want.simpleString()}"
    else:
        why = (
            "a type Delta 3.3 cannot change in place (compat classifies widening on Delta as breaking)"
            if contract.format == "delta" and _widens(have, want)
            else "not a widening"
        )
        raise TableSchemaError(_mismatch(contract, f"table {contract.name}", path, have, want, why))


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
        _create_or_evolve_iceberg(spark, df, contract, where)
        counted.writeTo(where).overwrite(scope_filter(scope))
    elif contract.format == "delta":
        _evolve_delta(spark, contract, where)
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


def _create_or_evolve_iceberg(spark: SparkSession, df: DataFrame, contract: Contract, name: str) -> None:
    namespace = name.rsplit(".", 1)[0]
    spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {namespace}")
    if spark.catalog.tableExists(name):
        for statement in evolution_statements(contract, spark.table(name).schema, name):
            spark.sql(statement)
        return
    (
        df.limit(0)
        .writeTo(name)
        .using("iceberg")
        .partitionedBy(*(F.col(k) for k in contract.partition_keys))
        .tableProperty("write.parquet.compression-codec", "zstd")
        .tableProperty("format-version", "2")
        .create()
    )


def _evolve_delta(spark: SparkSession, contract: Contract, where: str) -> None:
    if not exists(join_uri(where, "_delta_log"), spark):
        return  # the write creates it
    table = f"delta.`{where}`"
    for statement in evolution_statements(contract, spark.read.format("delta").load(where).schema, table):
        spark.sql(statement)


def replace_table(
    spark: SparkSession,
    df: DataFrame,
    contract: Contract,
    root: str,
    summary: Mapping[str, str] | None = None,
) -> int:
    """Replace every row of the table with ``df`` in one commit and return how many rows it committed
    (observed at the writer, as in :func:`replace_scope`).

    For a table that holds a current state (a cdc source's), where a day's changes touch rows of any
    partition. Only formats that commit a whole new state atomically qualify: ``df`` may read the table it
    replaces, and a reader sees the old state or the new one, never a mix. Iceberg records ``summary`` in
    the commit's snapshot summary (read back with :func:`current_summary_value`)."""
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
        _create_or_evolve_iceberg(spark, df, contract, where)
        writer = counted.writeTo(where)
        for key, value in (summary or {}).items():
            writer = writer.option(f"snapshot-property.{key}", value)
        writer.overwrite(F.lit(True))
    else:
        _evolve_delta(spark, contract, where)
        counted.write.format("delta").mode("overwrite").partitionBy(*contract.partition_keys).save(where)
    return _written(count)


def current_summary_value(spark: SparkSession, contract: Contract, root: str, key: str) -> str | None:
    """``key`` of the latest snapshot summary that has it among the current snapshot's ancestors (so a
    rollback takes it back too; other commits, a compaction's, pass over it). None for a table that is not
    Iceberg, not written yet, or whose commits carrying ``key`` were all expired."""
    if contract.format != "iceberg":
        return None
    where = table_location(contract, root)
    if not spark.catalog.tableExists(where):
        return None
    rows = spark.sql(
        f"SELECT s.summary[{_sql_literal(key)}] AS value FROM {where}.history h "
        f"JOIN {where}.snapshots s ON h.snapshot_id = s.snapshot_id "
        f"WHERE h.is_current_ancestor AND s.summary[{_sql_literal(key)}] IS NOT NULL "
        "ORDER BY h.made_current_at DESC LIMIT 1"
    ).collect()
    return rows[0]["value"] if rows else None


def drop_table(spark: SparkSession, contract: Contract, root: str) -> None:
    """Remove the table with its data files (a state rebuilt from a full load starts from nothing)."""
    where = table_location(contract, root)
    if contract.format == "iceberg":
        spark.sql(f"DROP TABLE IF EXISTS {where} PURGE")
    elif exists(where, spark):
        delete(where, spark)
