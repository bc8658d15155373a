"""Masking PII outside production, per column ``mask`` (CONTRACT.md)."""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lake_jobs.common.contract import Column as ContractColumn
from lake_jobs.common.contract import Contract


def mask_value(value: Column, how: str, data_type: T.DataType) -> Column:
    """``email``: first character, ``***``, and the domain (``j***@example.com``); ``phone``: all but the last
    four digits starred; ``hash``: sha-256 hex (joins still work across tables); ``redact``: null."""
    if how == "redact" or not isinstance(data_type, T.StringType):
        return F.lit(None).cast(data_type)
    if how == "email":
        # A value that is not an email shape is hidden whole rather than shown in part.
        shaped = value.rlike(r"^[^@]+@[^@]+$")
        return F.when(shaped, F.regexp_replace(value, r"^(.)[^@]*(@.*)$", "$1***$2")).otherwise(F.lit("***"))
    if how == "phone":
        return F.regexp_replace(value, r".(?=.{4})", "*")
    if how == "hash":
        return F.sha2(value, 256)
    raise ValueError(f"unknown mask {how!r}")


def effective_mask(column: ContractColumn, data_type: T.DataType) -> str | None:
    """The column's mask; PII without one gets CONTRACT.md's default (hash for strings, else redact)."""
    if column.mask:
        return column.mask
    if column.is_pii:
        return "hash" if isinstance(data_type, T.StringType) else "redact"
    return None


def mask_pii(df: DataFrame, contract: Contract) -> DataFrame:
    """Every masked column replaced by its masked value; other columns untouched."""
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    masked: dict[str, Column] = {}
    for column in contract.columns:
        how = effective_mask(column, types[column.name])
        if how is not None:
            masked[column.name] = mask_value(F.col(column.name), how, types[column.name])
    return df.withColumns(masked) if masked else df
