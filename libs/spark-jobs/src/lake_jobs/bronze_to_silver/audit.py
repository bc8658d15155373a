"""The silver audit columns, and the record hash that tells null from empty."""

from __future__ import annotations

from datetime import date, datetime

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

RECORD_HASH = "lake_record_hash"


def _token(value: Column, data_type: T.DataType) -> Column:
    """``N`` for null, else ``S<length>:<text>``: self-delimiting, so no value can imitate another split and
    an empty string (``S0:``) never equals null."""
    if isinstance(data_type, T.StructType | T.MapType | T.ArrayType):
        text = F.to_json(value)
    elif isinstance(data_type, T.TimestampType):
        # Fixed to microseconds in UTC so the hash does not depend on how a value is printed.
        text = F.date_format(value, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
    else:
        text = value.cast("string")
    return F.when(value.isNull(), F.lit("N")).otherwise(
        F.concat(F.lit("S"), F.length(text), F.lit(":"), text)
    )


def record_hash(schema: T.StructType) -> Column:
    """sha-256 hex over the business columns of ``schema``, in declaration order."""
    tokens = [_token(F.col(f.name), f.dataType) for f in schema.fields]
    return F.sha2(F.concat(*tokens) if tokens else F.lit(""), 256)


def add_audit_columns(
    df: DataFrame,
    business: T.StructType,
    ingest_date: date,
    processed_at: datetime,
    run_id: str,
    source_file: Column,
) -> DataFrame:
    """Adds lake_ingest_date, lake_processed_at, lake_run_id, lake_source_file and lake_record_hash."""
    return df.withColumns(
        {
            "lake_ingest_date": F.lit(ingest_date).cast("date"),
            "lake_processed_at": F.lit(processed_at).cast("timestamp"),
            "lake_run_id": F.lit(run_id),
            "lake_source_file": source_file,
            RECORD_HASH: record_hash(business),
        }
    )
