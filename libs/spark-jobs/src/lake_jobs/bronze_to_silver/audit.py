"""The silver audit columns, and the record hash that tells null from empty.

The hash is sha-256 over one token per business column, in declaration order (see ``_token`` and
``_value_token``). It is taken before masking, so it identifies a record the same way in every environment.
"""

from __future__ import annotations

from datetime import date, datetime

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

RECORD_HASH = "lake_record_hash"


def _text(value: Column, data_type: T.DataType) -> Column:
    """A value other than a struct as the text the hash reads; null exactly when the value is null."""
    if isinstance(data_type, T.MapType | T.ArrayType):
        return F.to_json(value)
    if isinstance(data_type, T.TimestampType):
        # Fixed to microseconds in UTC so the hash does not depend on how a value is printed. Kept as it was:
        # a cdc source's run compares the hashes of its changes with those stored by earlier runs.
        return F.date_format(value, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
    return value.cast("string")


def _token(text: Column) -> Column:
    """``N`` for null, else ``S<length>:<text>``: self-delimiting, so no value can imitate another split and
    an empty string (``S0:``) never equals null."""
    return F.when(text.isNull(), F.lit("N")).otherwise(F.concat(F.lit("S"), F.length(text), F.lit(":"), text))


def _value_token(value: Column, data_type: T.DataType) -> Column:
    """A struct is ``N`` when null, else ``R`` and the token of each of its fields in declaration order: for a
    given schema it reads back one way only, so a null struct differs from one whose fields are all null.
    Built from the fields (not ``to_json``, which Spark runs outside its generated code)."""
    if isinstance(data_type, T.StructType):
        fields = [_value_token(value.getField(f.name), f.dataType) for f in data_type.fields]
        return F.when(value.isNull(), F.lit("N")).otherwise(F.concat(F.lit("R"), *fields))
    return _token(_text(value, data_type))


def _hash(tokens: list[Column]) -> Column:
    return F.sha2(F.concat(*tokens) if tokens else F.lit(""), 256)


def record_hash(schema: T.StructType) -> Column:
    """sha-256 hex over the business columns of ``schema``, in declaration order."""
    return _hash([_value_token(F.col(f.name), f.dataType) for f in schema.fields])


def add_audit_columns(
    df: DataFrame,
    business: T.StructType,
    ingest_date: date,
    processed_at: datetime,
    run_id: str,
    source_file: Column,
) -> DataFrame:
    """Adds lake_ingest_date, lake_processed_at, lake_run_id, lake_source_file and lake_record_hash."""
    # Each value's text (a struct's token) in a column of its own first: a token reads the text twice.
    texts = {
        f"_lake_text_{f.name}": _value_token(F.col(f.name), f.dataType)
        if isinstance(f.dataType, T.StructType)
        else _text(F.col(f.name), f.dataType)
        for f in business.fields
    }
    staged = df.withColumns(texts)
    tokens = [
        F.col(t) if isinstance(f.dataType, T.StructType) else _token(F.col(t))
        for t, f in zip(texts, business.fields, strict=True)
    ]
    return staged.withColumns(
        {
            "lake_ingest_date": F.lit(ingest_date).cast("date"),
            "lake_processed_at": F.lit(processed_at).cast("timestamp"),
            "lake_run_id": F.lit(run_id),
            "lake_source_file": source_file,
            RECORD_HASH: _hash(tokens),
        }
    ).drop(*texts)
