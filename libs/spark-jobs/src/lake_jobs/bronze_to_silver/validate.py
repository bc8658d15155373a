"""Parsing, standardizing and judging every bronze row: each failure becomes a reason code (CONTRACT.md).

Implicit checks first, per column in declaration order (``missing:``, ``parse_error:``, ``not_null:``,
``allowed:`` for enums), then the contract's blocking row rules in their order. A row that could not be
split into fields has the single reason ``malformed_record``; one that names a column twice (a repeated JSON
key, a repeated CSV header) has only ``duplicate_key:<column>`` reasons, as its values are ambiguous.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lake_jobs.bronze_to_silver.parse import is_blank, parse_value
from lake_jobs.bronze_to_silver.read import CHANGE, DUPLICATED, INTERNAL, MALFORMED, PRESENT
from lake_jobs.bronze_to_silver.standardize import match_enum, standardize, standardized_column
from lake_jobs.common.contract import ROW_RULE_KINDS, Contract, Leaf
from lake_jobs.common.contract import Column as ContractColumn
from lake_jobs.common.rule_checks import reason_code, violation

REASONS = "_lake_reasons"
WARNINGS = "_lake_warnings"  # what standardization changed for the worse on a row it keeps (see below)
MALFORMED_RECORD = "malformed_record"
DUPLICATE_KEY = "duplicate_key"
NO_DIGITS = "no_digits"


def _reasons(pairs: list[tuple[Column, str]]) -> Column:
    if not pairs:
        return F.array().cast("array<string>")
    # Not array_compact: it is a lambda (filter), which Spark evaluates without generated code, and with it
    # every condition below it, i.e. the whole parse of the row, several times slower.
    codes = F.array(*[F.when(cond, F.lit(code)) for cond, code in pairs])
    return F.array_except(codes, F.array(F.lit(None).cast("string")))


def _blank(text: Column, field: T.StructField, is_key: bool) -> Column:
    # An all-space key identifies nothing, so it counts as a null key even for string keys.
    if is_key and isinstance(field.dataType, T.StringType):
        return text.isNull() | (F.trim(text) == "")
    return is_blank(text, field.dataType)


def parse_columns(raw: DataFrame, contract: Contract) -> DataFrame:
    """Typed business columns plus the reasons found while parsing (missing, parse_error, not_null).

    Each value is parsed once, into a column of its own, before the columns and reasons that use it are
    derived from that column: written as one expression, every use would parse the value again."""
    keys = set(contract.primary_key)
    fields = contract.source_schema.fields
    parsed = {f.name: f"_lake_parsed_{f.name}" for f in fields if not isinstance(f.dataType, T.StringType)}
    internal = [*INTERNAL, *[c for c in CHANGE if c in raw.columns]]  # a cdc source's change columns too
    staged = raw.select(
        *[F.col(f.name) for f in fields],
        *internal,
        *[parse_value(F.col(f.name), f.dataType).alias(parsed[f.name]) for f in fields if f.name in parsed],
    )
    typed: list[Column] = []
    pairs: list[tuple[Column, str]] = []
    for field in fields:
        text = F.col(field.name)
        value = F.col(parsed[field.name]) if field.name in parsed else text
        blank = _blank(text, field, field.name in keys)
        required = field.name in keys or not field.nullable
        present = F.array_contains(F.col(PRESENT), field.name)
        typed.append(F.when(~blank, value).alias(field.name))
        if required:
            pairs.append((~present, f"missing:{field.name}"))
        if field.name in parsed:  # a string always parses as itself
            pairs.append((~blank & value.isNull(), f"parse_error:{field.name}"))
        if required:
            pairs.append((present & blank, f"not_null:{field.name}"))
    return staged.select(*typed, *internal, _reasons(pairs).alias(REASONS))


def _required(contract: Contract, name: str) -> bool:
    field = contract.source_schema[name]
    return name in contract.primary_key or not field.nullable


def _nested_standardized(contract: Contract) -> list[tuple[ContractColumn, list[Leaf]]]:
    """Struct columns with fields of their own to standardize, and those fields (string leaves only)."""
    out = []
    for column in contract.columns:
        leaves = [leaf for leaf in column.leaves if len(leaf.path) > 1 and leaf.standardize]
        if leaves:
            out.append((column, leaves))
    return out


def standardize_columns(df: DataFrame, contract: Contract) -> DataFrame:
    """Standardized values, an ``allowed:`` reason for enum values that match no declared value, and for a
    phone with no digit at all: a ``parse_error:`` reason when the column is required, else null and a
    ``<column>.no_digits`` warning (never a silent empty string). Struct fields are standardized in place
    (``address.country``), a phone field without digits becoming null with its warning."""
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    columns = [
        c for c in contract.columns if isinstance(types[c.name], T.StringType) and (c.standardize or c.enum)
    ]
    # The standardized values first, each in a column of its own, so the checks below reuse them.
    staged = {c.name: f"_lake_std_{c.name}" for c in columns}
    df = df.withColumns({staged[c.name]: standardized_column(F.col(c.name), c) for c in columns})
    changed: dict[str, Column] = {}
    pairs: list[tuple[Column, str]] = []
    warnings: list[tuple[Column, str]] = []
    for column in columns:
        std = F.col(staged[column.name])
        changed[column.name] = std
        if column.enum:
            pairs.append((std.isNotNull() & match_enum(std, column.enum).isNull(), f"allowed:{column.name}"))
        if column.standardize == "phone":
            no_digits = F.col(column.name).isNotNull() & (std == "")
            if _required(contract, column.name):
                pairs.append((no_digits, f"parse_error:{column.name}"))
            else:
                changed[column.name] = F.when(~no_digits, std)
                warnings.append((no_digits, f"{column.name}.{NO_DIGITS}"))
    for column, leaves in _nested_standardized(contract):
        out = F.col(column.name)
        for leaf in leaves:
            std = standardize(F.col(leaf.name), leaf.standardize)
            if leaf.standardize == "phone":
                no_digits = F.col(leaf.name).isNotNull() & (std == "")
                warnings.append((no_digits, f"{leaf.name}.{NO_DIGITS}"))
                std = F.when(~no_digits, std)
            out = out.withField(".".join(leaf.path[1:]), std)
        changed[column.name] = out
    # Reasons are computed on the input columns, so they are added in the same projection as the new values.
    out = df.withColumns(
        {**changed, WARNINGS: _reasons(warnings), REASONS: F.concat(F.col(REASONS), _reasons(pairs))}
    )
    return out.drop(*staged.values())


def apply_row_rules(df: DataFrame, contract: Contract) -> DataFrame:
    """Final reasons: blocking row rules added, repeats removed, a malformed row reduced to one reason and a
    row with a repeated column to its ``duplicate_key:`` reasons."""
    blocking = [r for r in contract.rules_of(*ROW_RULE_KINDS) if r.blocking]
    reasons = F.array_distinct(
        F.concat(F.col(REASONS), _reasons([(violation(r), reason_code(r)) for r in blocking]))
    )
    repeated = _reasons(
        [(F.array_contains(F.col(DUPLICATED), n), f"{DUPLICATE_KEY}:{n}") for n in contract.column_names]
    )
    return df.withColumn(
        REASONS,
        F.when(F.col(MALFORMED), F.array(F.lit(MALFORMED_RECORD)))
        .when(F.size(F.col(DUPLICATED)) > 0, repeated)
        .otherwise(reasons),
    )


def check_rows(raw: DataFrame, contract: Contract) -> DataFrame:
    """Bronze rows (see read.py) -> typed, standardized rows with their reasons (none: the row is valid)."""
    return apply_row_rules(standardize_columns(parse_columns(raw, contract), contract), contract)


def reason_codes(contract: Contract) -> list[str]:
    """Every reason code :func:`check_rows` can give for ``contract``, in the order it gives them."""
    phones = {c.name for c in contract.columns if c.standardize == "phone"}
    codes: list[str] = []
    for field in contract.source_schema.fields:
        required = _required(contract, field.name)
        codes += [f"missing:{field.name}"] if required else []
        if not isinstance(field.dataType, T.StringType) or (required and field.name in phones):
            codes.append(f"parse_error:{field.name}")
        codes += [f"not_null:{field.name}"] if required else []
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    codes += [
        f"allowed:{c.name}" for c in contract.columns if c.enum and isinstance(types[c.name], T.StringType)
    ]
    codes += [reason_code(r) for r in contract.rules_of(*ROW_RULE_KINDS) if r.blocking]
    duplicated = [f"{DUPLICATE_KEY}:{n}" for n in contract.column_names]
    return [MALFORMED_RECORD, *duplicated, *dict.fromkeys(codes)]


def standardize_warning_codes(contract: Contract) -> list[str]:
    """The ``WARNINGS`` codes :func:`check_rows` can give for ``contract``."""
    top = [
        f"{c.name}.{NO_DIGITS}"
        for c in contract.columns
        if c.standardize == "phone" and not _required(contract, c.name)
    ]
    nested = [
        f"{leaf.name}.{NO_DIGITS}"
        for _, leaves in _nested_standardized(contract)
        for leaf in leaves
        if leaf.standardize == "phone"
    ]
    return [*top, *nested]


def warning_flags(contract: Contract) -> dict[str, Column]:
    """Per warning row rule, true where a row breaks it: counted in the report, never quarantined."""
    return {r.id: violation(r) for r in contract.rules_of(*ROW_RULE_KINDS) if not r.blocking}
