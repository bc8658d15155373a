"""The silver audit columns, and the record hash that tells null from empty."""

from __future__ import annotations

from datetime import date, datetime

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

RECORD_HASH = "lake_record_hash"


def _text(value: Column, data_type: T.DataType) -> Column:
    """The value as the text the hash reads; null exactly when the value is null."""
    if isinstance(data_type, T.StructType | T.MapType | T.ArrayType):
        return F.to_json(value)
    if isinstance(data_type, T.TimestampType):
        # Fixed to microseconds in UTC so the hash does not depend on how a value is printed.
        return F.date_format(value, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
    return value.cast("string")


def _token(text: Column) -> Column:
    """``N`` for null, else ``S<length>:<text>``: self-delimiting, so no value can imitate another split and
    an empty string (``S0:``) never equals null."""
    return F.when(text.isNull(), F.lit("N")).otherwise(F.concat(F.lit("S"), F.length(text), F.lit(":"), text))


def _hash(tokens: list[Column]) -> Column:
    return F.sha2(F.concat(*tokens) if tokens else F.lit(""), 256)


def record_hash(schema: T.StructType) -> Column:
    """sha-256 hex over the business columns of ``schema``, in declaration order."""
    return _hash([_token(_text(F.col(f.name), f.dataType)) for f in schema.fields])


def add_audit_columns(
    df: DataFrame,
    business: T.StructType,
    ingest_date: date,
    processed_at: datetime,
    run_id: str,
    source_file: Column,
) -> DataFrame:
    """Adds lake_ingest_date, lake_processed_at, lake_run_id, lake_source_file and lake_record_hash."""
    # Each value's text in a column of its own first: the token reads it twice (its length, itself).
    texts = {f"_lake_text_{f.name}": _text(F.col(f.name), f.dataType) for f in business.fields}
    staged = df.withColumns(texts)
    return staged.withColumns(
        {
            "lake_ingest_date": F.lit(ingest_date).cast("date"),
            "lake_processed_at": F.lit(processed_at).cast("timestamp"),
            "lake_run_id": F.lit(run_id),
            "lake_source_file": source_file,
            RECORD_HASH: _hash([_token(F.col(t)) for t in texts]),
        }
    ).drop(*texts)
