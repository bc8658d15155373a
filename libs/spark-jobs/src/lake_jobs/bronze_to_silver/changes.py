"""What a change record of a ``cdc`` source must carry, on top of the checks of every record (validate.py).

A change says what it does: its operation is one of the contract's insert, update and delete values
(``not_null:<operation column>`` when it has none, ``allowed:<operation column>`` for any other value), so
a change that cannot be applied is quarantined with its reason instead of guessed at.

A delete carries the key of the row it removes, and DMS may write nothing else (the other columns are null
when the source database logs only the key of a deleted row), so a delete is judged by its key and its
operation alone: the other columns' reasons and warnings are about a row that will not be kept.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.read import OPERATION
from lake_jobs.bronze_to_silver.validate import (
    DUPLICATE_KEY,
    MALFORMED_RECORD,
    REASONS,
    WARNINGS,
    reason_codes,
)
from lake_jobs.common.contract import Cdc, Contract


def _cdc(contract: Contract) -> Cdc:
    if contract.source is None or contract.source.cdc is None:
        raise ValueError(f"dataset {contract.name!r} is not a cdc source: its records are not changes")
    return contract.source.cdc


def change_reason_codes(contract: Contract) -> list[str]:
    """The reason codes :func:`check_changes` adds to those of :func:`validate.reason_codes`."""
    column = _cdc(contract).operation_column
    return [f"not_null:{column}", f"allowed:{column}"]


def _key_codes(contract: Contract) -> list[str]:
    """The reasons that still apply to a delete: those about the record as a whole or about its key."""
    keys = set(contract.primary_key)

    def about_key(code: str) -> bool:
        kind, _, column = code.partition(":")
        return code == MALFORMED_RECORD or kind == DUPLICATE_KEY or column in keys

    return [c for c in reason_codes(contract) if about_key(c)]


def is_delete(contract: Contract) -> Column:
    return F.col(OPERATION) == F.lit(_cdc(contract).operations["delete"])


def check_changes(checked: DataFrame, contract: Contract) -> DataFrame:
    """``checked`` (validate.check_rows over a cdc source's records) with the operation judged and deletes
    judged by their key only."""
    cdc = _cdc(contract)
    missing, unknown = change_reason_codes(contract)
    op = F.col(OPERATION)
    known = op.isin(*[F.lit(v) for v in cdc.operations.values()])
    operation = F.array(F.when(op.isNull(), F.lit(missing)), F.when(op.isNotNull() & ~known, F.lit(unknown)))
    operation = F.array_except(operation, F.array(F.lit(None).cast("string")))
    delete = is_delete(contract)
    key_only = F.array_intersect(F.col(REASONS), F.array(*[F.lit(c) for c in _key_codes(contract)]))
    reasons = F.when(delete, key_only).otherwise(F.col(REASONS))
    return checked.withColumns(
        {
            REASONS: F.array_distinct(F.concat(reasons, operation)),
            WARNINGS: F.when(delete, F.array().cast("array<string>")).otherwise(F.col(WARNINGS)),
        }
    )
