"""Masking PII outside production, per leaf ``mask`` (CONTRACT.md): a top-level column, or a field of a
struct on its own (``address.street``), so a struct's fields that are not PII survive.

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
from lake_jobs.common.contract import Contract, Leaf

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


def effective_mask(leaf: Leaf, data_type: T.DataType) -> str | None:
    """The leaf's mask; a PII leaf without one gets CONTRACT.md's default (hash for strings, else redact)."""
    if leaf.mask:
        return leaf.mask
    if leaf.is_pii:
        return "hash" if isinstance(data_type, T.StringType) else "redact"
    return None


def leaf_type(schema: T.StructType, path: tuple[str, ...]) -> T.DataType:
    data_type: T.DataType = schema
    for step in path:
        if not isinstance(data_type, T.StructType):
            raise ValueError(f"{'.'.join(path)}: {step!r} is not a field of a struct")
        data_type = data_type[step].dataType
    return data_type


def masks(contract: Contract) -> dict[str, str]:
    """Leaf name (``email``, ``address.street``) -> the mask applied to it outside production. Only PII
    leaves are masked: a struct keeps its other fields (``address.country``) as they are."""
    found = {
        leaf.name: effective_mask(leaf, leaf_type(contract.source_schema, leaf.path))
        for column in contract.columns
        for leaf in column.leaves
    }
    return {name: how for name, how in found.items() if how is not None}


def _masked_column(column: ContractColumn, how_by_leaf: dict[str, str], schema: T.StructType) -> Column:
    """The column with its masked leaves replaced; ``withField`` leaves a null struct null."""
    out = F.col(column.name)
    for leaf in column.leaves:
        how = how_by_leaf.get(leaf.name)
        if how is None:
            continue
        masked = mask_value(F.col(leaf.name), how, leaf_type(schema, leaf.path))
        out = masked if len(leaf.path) == 1 else out.withField(".".join(leaf.path[1:]), masked)
    return out


def mask_pii(df: DataFrame, contract: Contract, key: bytes) -> DataFrame:
    """Every masked leaf replaced by its masked value under ``key``; everything else untouched."""
    how_by_leaf = masks(contract)
    if not how_by_leaf:
        return df
    schema = contract.source_schema
    keyed = any(
        how == "hash" and isinstance(leaf_type(schema, tuple(name.split("."))), T.StringType)
        for name, how in how_by_leaf.items()
    )
    out = df.crossJoin(F.broadcast(key_frame(df.sparkSession, key))) if keyed else df
    touched = [c for c in contract.columns if any(leaf.name in how_by_leaf for leaf in c.leaves)]
    out = out.withColumns({c.name: _masked_column(c, how_by_leaf, schema) for c in touched})
    return out.drop(_INNER, _OUTER) if keyed else out
