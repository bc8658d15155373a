"""Masking PII outside production, per column ``mask`` (CONTRACT.md).

``hash`` is HMAC-SHA-256 (RFC 2104) under the run's mask key (``mask_key.py``): the same key gives the same
value, so joins on masked columns still work, while a list of candidate names hashed without the key matches
nothing. Spark has no HMAC function, so it is built from two ``sha2`` calls over the key's inner and outer
pads. The pads come in as the columns of a one-row broadcast frame rather than as literals, so the key never
appears in a query plan (explain output, the Spark UI, event logs).
"""

from __future__ import annotations

import hashlib

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lake_jobs.common.contract import Column as ContractColumn
from lake_jobs.common.contract import Contract

_BLOCK = 64  # SHA-256's block size in bytes
_INNER, _OUTER = "_lake_hmac_inner", "_lake_hmac_outer"


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """The key XOR ipad and XOR opad, as RFC 2104 defines them for SHA-256."""
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def key_frame(spark: SparkSession, key: bytes) -> DataFrame:
    inner, outer = hmac_pads(key)
    return spark.createDataFrame([(bytearray(inner), bytearray(outer))], f"{_INNER} binary, {_OUTER} binary")


def hmac_hex(value: Column) -> Column:
    """HMAC-SHA-256 hex of ``value``'s UTF-8 bytes, under the pads of a frame joined by :func:`with_key`."""
    inner = F.unhex(F.sha2(F.concat(F.col(_INNER), value.cast("binary")), 256))
    return F.sha2(F.concat(F.col(_OUTER), inner), 256)


def mask_value(value: Column, how: str, data_type: T.DataType) -> Column:
    """``email``: first character, ``***``, and the domain (``j***@example.com``); ``phone``: all but the last
    four digits starred; ``hash``: keyed hash hex (needs the key columns, see :func:`mask_pii`); ``redact``:
    null."""
    if how == "redact" or not isinstance(data_type, T.StringType):
        return F.lit(None).cast(data_type)
    if how == "email":
        # A value that is not an email shape is hidden whole rather than shown in part.
        shaped = value.rlike(r"^[^@]+@[^@]+$")
        return F.when(shaped, F.regexp_replace(value, r"^(.)[^@]*(@.*)$", "$1***$2")).otherwise(F.lit("***"))
    if how == "phone":
        return F.regexp_replace(value, r".(?=.{4})", "*")
    if how == "hash":
        return hmac_hex(value)
    raise ValueError(f"unknown mask {how!r}")


def effective_mask(column: ContractColumn, data_type: T.DataType) -> str | None:
    """The column's mask; PII without one gets CONTRACT.md's default (hash for strings, else redact)."""
    if column.mask:
        return column.mask
    if column.is_pii:
        return "hash" if isinstance(data_type, T.StringType) else "redact"
    return None


def masks(contract: Contract) -> dict[str, str]:
    """Column name -> the mask applied to it outside production."""
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    found = {c.name: effective_mask(c, types[c.name]) for c in contract.columns}
    return {name: how for name, how in found.items() if how is not None}


def mask_pii(df: DataFrame, contract: Contract, key: bytes) -> DataFrame:
    """Every masked column replaced by its masked value under ``key``; other columns untouched."""
    how_by_column = masks(contract)
    if not how_by_column:
        return df
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    keyed = any(how == "hash" and isinstance(types[c], T.StringType) for c, how in how_by_column.items())
    out = df.crossJoin(F.broadcast(key_frame(df.sparkSession, key))) if keyed else df
    out = out.withColumns({c: mask_value(F.col(c), how, types[c]) for c, how in how_by_column.items()})
    return out.drop(_INNER, _OUTER) if keyed else out
