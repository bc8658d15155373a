"""Reading one bronze day in the source's format into one shape, whatever the format and however it drifted.

The result has every business column as text plus the internal columns below. Nothing is dropped here:
a line that does not parse is kept as a malformed record with its raw text, columns the contract does not
know are listed per row, and columns the record lacks are told apart from columns that are present but null.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lake_jobs.bronze_to_silver.parse import as_text
from lake_jobs.common.contract import Contract
from lake_jobs.common.storage import first_line, list_files

RAW = "_lake_raw"  # the bronze record as text: the JSON line, the CSV line, or a Parquet/Avro row as JSON
FILE = "_lake_file"  # the file the record came from
MALFORMED = "_lake_malformed"  # the record could not be split into fields at all
PRESENT = "_lake_present"  # business columns the record carries (a key in JSON, a header in CSV, a field)
EXTRA = "_lake_extra"  # columns the record carries that the contract does not declare
DUPLICATED = "_lake_duplicated"  # business columns the record names more than once (a JSON key, a CSV header)
INTERNAL = (RAW, FILE, MALFORMED, PRESENT, EXTRA, DUPLICATED)
# A cdc source's change columns as text (null when the file lacks them), kept beside the internal columns.
OPERATION = "_lake_operation"
COMMIT_ORDER = "_lake_commit_order"
CHANGE = (OPERATION, COMMIT_ORDER)
_CORRUPT = "_lake_corrupt"


@dataclass(frozen=True)
class BronzeDay:
    frame: DataFrame
    files: tuple[str, ...]


def text_schema(names: list[str]) -> T.StructType:
    return T.StructType([T.StructField(n, T.StringType()) for n in names])


def _names_array(names: list[str]) -> Column:
    return F.array(*[F.lit(n) for n in names]).cast("array<string>")


def empty_day(spark: SparkSession, contract: Contract) -> DataFrame:
    schema = text_schema(contract.column_names)
    for name, data_type in (
        (RAW, T.StringType()),
        (FILE, T.StringType()),
        (MALFORMED, T.BooleanType()),
        (PRESENT, T.ArrayType(T.StringType())),
        (EXTRA, T.ArrayType(T.StringType())),
        (DUPLICATED, T.ArrayType(T.StringType())),
    ):
        schema = schema.add(name, data_type)
    return spark.createDataFrame([], schema)


def _repeated(keys: Column, names: list[str]) -> Column:
    """The ``names`` that occur more than once in the array ``keys``, without a lambda (see validate.py)."""
    counted = F.array(*[F.when(F.size(keys) - F.size(F.array_remove(keys, n)) > 1, F.lit(n)) for n in names])
    repeated = F.array_except(counted, F.array(F.lit(None).cast("string")))
    # Only a record with some key twice pays for the per-name counts.
    return F.when(F.size(keys) != F.size(F.array_distinct(keys)), repeated).otherwise(_names_array([]))


def read_json_lines(spark: SparkSession, contract: Contract, files: list[str]) -> DataFrame:
    names = contract.column_names
    lines = spark.read.text(files).select(F.col("value").alias(RAW), F.input_file_name().alias(FILE))
    lines = lines.where(F.trim(F.col(RAW)) != "")  # blank lines are layout, not records
    # One parse per line gives both the keys and the values: every value as its text (a string as is, any
    # other JSON value, an object too, as JSON), so nothing fails to load here. Null when the line is not a
    # JSON object. A key given twice is kept twice in the map (a lookup would return one of its values), so
    # the repeated names are listed and the record is quarantined for them.
    parsed = F.from_json(F.col(RAW), T.MapType(T.StringType(), T.StringType()))
    record = F.col("_lake_map")
    keys = F.map_keys(record)
    # Nearly every record names each contract column once and nothing else: as many keys as columns, every
    # column found. Then its keys are exactly the contract's (n keys hold n distinct names: none is repeated,
    # none is extra), which costs one scan of the short key list per column, and the set operations below
    # (a hash set per record each) run only for the others. Both ways give the same lists.
    exact = F.size(keys) == len(names)
    for n in names:
        exact = exact & F.map_contains_key(record, n)
    general = {
        PRESENT: F.coalesce(F.array_intersect(_names_array(names), keys), _names_array([])),  # names' order
        EXTRA: F.coalesce(F.array_except(keys, _names_array(names)), _names_array([])),
        DUPLICATED: F.coalesce(_repeated(keys, names), _names_array([])),
    }
    usual = {PRESENT: _names_array(names), EXTRA: _names_array([]), DUPLICATED: _names_array([])}
    staged = lines.select(F.col(RAW), F.col(FILE), parsed.alias("_lake_map"))
    return staged.withColumn("_lake_exact", F.coalesce(exact, F.lit(False))).select(
        *[record[n].alias(n) for n in names],
        F.col(RAW),
        F.col(FILE),
        record.isNull().alias(MALFORMED),
        *[F.when(F.col("_lake_exact"), usual[c]).otherwise(general[c]).alias(c) for c in general],
    )


def csv_header(spark: SparkSession, path: str) -> tuple[str, list[str]]:
    """The header line of one CSV file and its column names (a file without lines has none)."""
    line = first_line(path, spark)
    if line is None:
        return "", []
    return line, [name.strip() for name in next(csv.reader([line]))]


def read_csv_file(spark: SparkSession, contract: Contract, path: str) -> DataFrame:
    """One file at a time: each file's own header says which columns it has."""
    names = contract.column_names
    header_line, header = csv_header(spark, path)
    # Fields by position: a header that names a column twice still parses, and its rows are quarantined.
    position = {n: i for i, n in reversed(list(enumerate(header)))}
    schema = text_schema([f"_lake_c{i}" for i in range(len(header))]).add(_CORRUPT, T.StringType())
    options = {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": _CORRUPT}
    lines = spark.read.text(path).select(F.col("value").alias(RAW), F.input_file_name().alias(FILE))
    lines = lines.where((F.col(RAW) != F.lit(header_line)) & (F.trim(F.col(RAW)) != ""))
    parsed = lines.withColumn("_r", F.from_csv(F.col(RAW), schema.simpleString(), options))
    present = [n for n in names if n in header]
    return parsed.select(
        *[
            (F.col("_r")[f"_lake_c{position[n]}"] if n in header else F.lit(None).cast("string")).alias(n)
            for n in names
        ],
        F.col(RAW),
        F.col(FILE),
        F.col("_r")[_CORRUPT].isNotNull().alias(MALFORMED),
        _names_array(present).alias(PRESENT),
        _names_array(list(dict.fromkeys(h for h in header if h not in names))).alias(EXTRA),
        _names_array([n for n in names if header.count(n) > 1]).alias(DUPLICATED),
    )


def read_typed_file(spark: SparkSession, contract: Contract, path: str, fmt: str) -> DataFrame:
    """Parquet or Avro, one file at a time: a file written with another schema (a changed type, a new or
    missing column) is read with its own schema, then rendered to text like the other formats."""
    names = contract.column_names
    df = spark.read.format(fmt).load(path)
    types = {f.name: f.dataType for f in df.schema.fields}
    present = [n for n in names if n in types]
    # DMS's change columns are the landing's, not drift of the source.
    cdc = contract.source.cdc if contract.source else None
    landing = set(cdc.columns) if cdc else set()
    change = [
        (as_text(F.col(c), types[c]) if c in types else F.lit(None).cast("string")).alias(alias)
        for c, alias in zip(cdc.columns if cdc else (), CHANGE, strict=False)
    ]
    return df.select(
        *[
            (as_text(F.col(n), types[n]) if n in types else F.lit(None).cast("string")).alias(n)
            for n in names
        ],
        F.to_json(F.struct(*[F.col(c) for c in df.columns])).alias(RAW),
        F.input_file_name().alias(FILE),
        F.lit(False).alias(MALFORMED),
        _names_array(present).alias(PRESENT),
        _names_array([c for c in df.columns if c not in names and c not in landing]).alias(EXTRA),
        _names_array([]).alias(DUPLICATED),  # the formats' schemas cannot name a field twice
        *change,
    )


def read_bronze_files(spark: SparkSession, contract: Contract, files: list[str]) -> DataFrame:
    """All ``files`` of one source in the shape described in the module docstring."""
    if contract.source is None:
        raise ValueError(f"dataset {contract.name!r} ({contract.location}) has no source to read from bronze")
    fmt = contract.source.format
    if not files:
        out = empty_day(spark, contract)
    elif fmt == "json":
        out = read_json_lines(spark, contract, files)
    else:
        reader = read_csv_file if fmt == "csv" else lambda s, c, f: read_typed_file(s, c, f, fmt)
        frames = [reader(spark, contract, f) for f in files]
        out = frames[0]
        for frame in frames[1:]:
            out = out.unionByName(frame)
    if contract.source.cdc is None:
        return out
    # Every change record carries its operation and commit order; a file without them is judged in validation.
    return out.withColumns({c: F.lit(None).cast("string") for c in CHANGE if c not in out.columns})


def read_bronze_day(spark: SparkSession, contract: Contract, day_prefix: str) -> BronzeDay:
    files = list_files(day_prefix, spark)
    return BronzeDay(read_bronze_files(spark, contract, files), tuple(files))
