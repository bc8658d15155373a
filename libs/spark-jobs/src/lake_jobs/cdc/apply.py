"""The current state of a replicated table after a day of DMS changes: the latest change per key wins.

A ``cdc`` source's records are changes (CONTRACT.md, "Sources"): ``Op`` says insert, update or delete, and the
commit-order column (``$AR_H_CHANGE_SEQ``, compared as text; empty for full-load rows, which precede every
change) orders them. Per key only the last change counts; a delete removes the key, any other change makes
the row the change's values. Each change is counted by its effect on the state it is applied to, so applying
the same day twice changes nothing and the second run says so (every change ``unchanged``, every delete of a
key already gone ``deleteOfMissingKey``), and the counts always add up to the changes read.

A change is ``unchanged`` when the ``compare`` columns equal the current row's (the silver job compares the
record hash of the business values, so a rerun's new audit columns do not count as a change); the current
row is then kept as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from lake_jobs.common.contract import Cdc

EFFECT = "_lake_cdc_effect"
INSERT, UPDATE, UNCHANGED, DELETE, DELETE_MISSING = (
    "inserts", "updates", "unchanged", "deletes", "deletesOfMissingKeys",
)  # fmt: skip
INSERTS_UPDATES_DELETES = (INSERT, UPDATE, DELETE)  # the effects that change the state
SUPERSEDED = "superseded"  # an earlier change of a key that a later one of the same day replaces
EFFECTS = (INSERT, UPDATE, UNCHANGED, DELETE, DELETE_MISSING, SUPERSEDED)
_RANK, _FOUND, _CUR = "_lake_cdc_rank", "_lake_cdc_found", "_lake_cdc_current_"


@dataclass(frozen=True)
class Applied:
    state: DataFrame  # the table's rows after the changes, with the current state's columns
    counts: dict[str, int]  # changes read, and per effect how many


def _commit_order(cdc: Cdc) -> list[Column]:
    # Text order is commit order; a full-load row (empty or null) sorts before every change.
    return [F.coalesce(F.col(cdc.commit_order_column), F.lit("")).desc()]


def unknown_operations(changes: DataFrame, cdc: Cdc) -> DataFrame:
    """The changes whose operation is none of the contract's insert, update and delete values."""
    known = [F.lit(v) for v in cdc.operations.values()]
    op = F.col(cdc.operation_column)
    return changes.where(op.isNull() | ~op.isin(*known))


def apply_changes(
    current: DataFrame,
    changes: DataFrame,
    key: Sequence[str],
    cdc: Cdc,
    compare: Sequence[str] | None = None,
) -> Applied:
    """Apply ``changes`` (the state's columns plus the operation and commit-order columns) to ``current``;
    ``compare`` names the columns that tell an update from an unchanged row (all of them by default).

    Raises ``ValueError`` naming the operation values when a change has an unknown operation: a change that
    cannot be applied must be quarantined before, never guessed at here.
    """
    if not key:
        raise ValueError("a cdc table needs a primary key to apply changes to")
    missing = [c for c in (*current.columns, *cdc.columns) if c not in changes.columns]
    if missing:
        raise ValueError(f"the changes lack the columns {missing}")
    bad = unknown_operations(changes, cdc).select(cdc.operation_column).distinct().limit(5).collect()
    if bad:
        raise ValueError(
            f"changes with unknown operations {sorted(str(r[0]) for r in bad)} in {cdc.operation_column}: "
            f"expected {', '.join(cdc.operations.values())}"
        )
    columns = current.columns
    ranked = changes.withColumn(
        _RANK, F.row_number().over(Window.partitionBy(*key).orderBy(*_commit_order(cdc)))
    )
    latest = ranked.where(F.col(_RANK) == 1).drop(_RANK)
    found = current.select(*[F.col(c).alias(f"{_CUR}{c}") for c in columns], F.lit(True).alias(_FOUND))
    joined = latest.join(found, on=[F.col(k) == F.col(f"{_CUR}{k}") for k in key], how="left")
    same = F.lit(True)
    for c in compare or columns:
        same = same & F.col(c).eqNullSafe(F.col(f"{_CUR}{c}"))
    is_delete = F.col(cdc.operation_column) == F.lit(cdc.operations["delete"])
    was_there = F.coalesce(F.col(_FOUND), F.lit(False))
    effect = (
        F.when(is_delete & was_there, F.lit(DELETE))
        .when(is_delete, F.lit(DELETE_MISSING))
        .when(~was_there, F.lit(INSERT))
        .when(same, F.lit(UNCHANGED))
        .otherwise(F.lit(UPDATE))
    )
    effects = joined.select(*columns, effect.alias(EFFECT))
    counted = {row[EFFECT]: int(row["count"]) for row in effects.groupBy(EFFECT).count().collect()}
    read = changes.count()
    counts = {"changesRead": read, **{e: counted.get(e, 0) for e in EFFECTS if e != SUPERSEDED}}
    counts[SUPERSEDED] = read - sum(counted.values())
    # An unchanged key keeps its current row (and its audit columns); every other touched key is replaced.
    touched = effects.where(F.col(EFFECT).isin(*INSERTS_UPDATES_DELETES)).select(*key)
    kept = current.join(touched, on=list(key), how="left_anti")
    upserted = effects.where(F.col(EFFECT).isin(INSERT, UPDATE)).select(*columns)
    return Applied(state=kept.unionByName(upserted), counts=counts)
