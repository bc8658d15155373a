"""Standardization of parsed values, as each column's ``standardize`` and ``enum`` say."""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F

from lake_jobs.common.contract import Column as ContractColumn


def standardize(value: Column, how: str | None) -> Column:
    """``email``: trimmed lowercase; ``phone``: digits only; ``trim``/``lower``/``upper`` as named."""
    if how is None:
        return value
    if how == "email":
        return F.lower(F.trim(value))
    if how == "phone":
        return F.regexp_replace(value, r"[^0-9]", "")
    if how == "trim":
        return F.trim(value)
    if how == "lower":
        return F.lower(value)
    if how == "upper":
        return F.upper(value)
    raise ValueError(f"unknown standardize {how!r}")


def match_enum(value: Column, declared: tuple[str, ...]) -> Column:
    """The declared value that ``value`` names, ignoring case and surrounding spaces; null when none does."""
    lookup = F.create_map(*[x for d in declared for x in (F.lit(d.strip().lower()), F.lit(d))])
    return F.element_at(lookup, F.lower(F.trim(value)))


def standardized_column(value: Column, column: ContractColumn) -> Column:
    """The column's value after its standardization, and its declared spelling when it is an enum and matches
    (a value that matches no enum value is left as is; validation gives it an ``allowed:`` reason)."""
    out = standardize(value, column.standardize)
    if column.enum:
        out = F.coalesce(match_enum(out, column.enum), out)
    return out
