"""Parsing, standardizing and judging every bronze row: each failure becomes a reason code (CONTRACT.md).

Implicit checks first, per column in declaration order (``missing:``, ``parse_error:``, ``not_null:``,
``allowed:`` for enums), then the contract's blocking row rules in their order. A row that could not be
split into fields has the single reason ``malformed_record``.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lake_jobs.bronze_to_silver.parse import is_blank, parse_value
from lake_jobs.bronze_to_silver.read import INTERNAL, MALFORMED, PRESENT
from lake_jobs.bronze_to_silver.standardize import match_enum, standardized_column
from lake_jobs.common.contract import ROW_RULE_KINDS, Contract
from lake_jobs.common.rule_checks import reason_code, violation

REASONS = "_lake_reasons"
MALFORMED_RECORD = "malformed_record"


def _reasons(pairs: list[tuple[Column, str]]) -> Column:
    if not pairs:
        return F.array().cast("array<string>")
    return F.array_compact(F.array(*[F.when(cond, F.lit(code)) for cond, code in pairs]))


def _blank(text: Column, field: T.StructField, is_key: bool) -> Column:
    # An all-space key identifies nothing, so it counts as a null key even for string keys.
    if is_key and isinstance(field.dataType, T.StringType):
        return text.isNull() | (F.trim(text) == "")
    return is_blank(text, field.dataType)


def parse_columns(raw: DataFrame, contract: Contract) -> DataFrame:
    """Typed business columns plus the reasons found while parsing (missing, parse_error, not_null)."""
    keys = set(contract.primary_key)
    typed: list[Column] = []
    pairs: list[tuple[Column, str]] = []
    for field in contract.source_schema.fields:
        text = F.col(field.name)
        value = parse_value(text, field.dataType)
        blank = _blank(text, field, field.name in keys)
        required = field.name in keys or not field.nullable
        present = F.array_contains(F.col(PRESENT), field.name)
        typed.append(F.when(~blank, value).alias(field.name))
        if required:
            pairs.append((~present, f"missing:{field.name}"))
        pairs.append((~blank & value.isNull(), f"parse_error:{field.name}"))
        if required:
            pairs.append((present & blank, f"not_null:{field.name}"))
    return raw.select(*typed, *INTERNAL, _reasons(pairs).alias(REASONS))


def standardize_columns(df: DataFrame, contract: Contract) -> DataFrame:
    """Standardized values, and an ``allowed:`` reason for enum values that match no declared value."""
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    changed: dict[str, Column] = {}
    pairs: list[tuple[Column, str]] = []
    for column in contract.columns:
        if not isinstance(types[column.name], T.StringType):
            continue
        if column.standardize or column.enum:
            changed[column.name] = standardized_column(F.col(column.name), column)
        if column.enum:
            std = standardized_column(F.col(column.name), column)
            pairs.append((std.isNotNull() & match_enum(std, column.enum).isNull(), f"allowed:{column.name}"))
    out = df.withColumns(changed) if changed else df
    # Reasons are computed on the input columns, so they are added in the same projection as the new values.
    return out.withColumn(REASONS, F.concat(F.col(REASONS), _reasons(pairs))) if pairs else out


def apply_row_rules(df: DataFrame, contract: Contract) -> DataFrame:
    """Final reasons: blocking row rules added, repeats removed, a malformed row reduced to one reason."""
    blocking = [r for r in contract.rules_of(*ROW_RULE_KINDS) if r.blocking]
    reasons = F.array_distinct(
        F.concat(F.col(REASONS), _reasons([(violation(r), reason_code(r)) for r in blocking]))
    )
    return df.withColumn(
        REASONS, F.when(F.col(MALFORMED), F.array(F.lit(MALFORMED_RECORD))).otherwise(reasons)
    )


def check_rows(raw: DataFrame, contract: Contract) -> DataFrame:
    """Bronze rows (see read.py) -> typed, standardized rows with their reasons (none: the row is valid)."""
    return apply_row_rules(standardize_columns(parse_columns(raw, contract), contract), contract)


def warning_flags(contract: Contract) -> dict[str, Column]:
    """Per warning row rule, true where a row breaks it: counted in the report, never quarantined."""
    return {r.id: violation(r) for r in contract.rules_of(*ROW_RULE_KINDS) if not r.blocking}
