"""Evaluating a contract's rules on what a run wrote (CONTRACT.md, every rule kind).

Metrics: for the row kinds, ``unique`` and ``references`` the number of offending rows (pass at 0); for
``row_count`` the number of rows; for ``freshness`` the age in hours of the newest value at the end of the
run date (UTC), so a rerun of an old day judges that day, never the wall clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lake_jobs.common.contract import Contract, Rule
from lake_jobs.common.rule_checks import violation
from lake_jobs.common.vocabulary import ROW_RULE_KINDS

PASS, FAIL, ERROR = "pass", "fail", "error"
# Resolves a references rule's dataset to its rows (as of the run date).
ReferenceLoader = Callable[[str], DataFrame]


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    outcome: str
    metric: float | None
    threshold: str
    message: str | None = None

    @property
    def column_name(self) -> str | None:
        return self.rule.column or (",".join(self.rule.columns) if self.rule.columns else None)

    @property
    def blocks(self) -> bool:
        return self.rule.blocking and self.outcome != PASS


def run_scope_column(contract: Contract) -> str | None:
    """The date partition key naming a run's slice (silver ``lake_ingest_date``, gold ``snapshot_date``)."""
    types = {f.name: f.dataType for f in contract.table_schema.fields}
    return next((k for k in contract.partition_keys if isinstance(types.get(k), T.DateType)), None)


def bounds_text(rule: Rule) -> str:
    low = "" if rule.min is None else f"{rule.min:g}"
    high = "" if rule.max is None else f"{rule.max:g}"
    return f"{low}..{high}"


def _within(value: float, rule: Rule) -> bool:
    return (rule.min is None or value >= rule.min) and (rule.max is None or value <= rule.max)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def evaluate(
    df: DataFrame, contract: Contract, run_date: date, references: ReferenceLoader
) -> list[RuleResult]:
    """One result per rule of ``contract``, in contract order; an evaluation that throws is an ``error``."""
    aggregated = _aggregate(df, contract, run_date)
    results = []
    for i, rule in enumerate(contract.rules):
        try:
            results.append(_judge(df, rule, i, aggregated, references))
        except Exception as err:  # a rule that cannot be evaluated is reported, and blocks when blocking
            message = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
            results.append(RuleResult(rule, ERROR, None, "", message))
    return results


def _aggregate(df: DataFrame, contract: Contract, run_date: date) -> dict[str, object]:
    """One pass over the data for every row kind, row_count and freshness."""
    exprs: list[Column] = [F.count(F.lit(1)).alias("rows")]
    end = F.lit(end_of_day(run_date)).cast("timestamp")
    for i, rule in enumerate(contract.rules):
        if rule.kind in ROW_RULE_KINDS:
            exprs.append(F.count(F.when(violation(rule), 1)).alias(f"r{i}"))
        elif rule.kind == "freshness":
            newest = F.max(F.col(rule.column or "").cast("timestamp"))
            age = (F.unix_timestamp(end) - F.unix_timestamp(newest)) / 3600.0
            exprs.append(age.alias(f"r{i}"))
    row = df.agg(*exprs).first()
    return row.asDict() if row is not None else {}


def _judge(
    df: DataFrame, rule: Rule, i: int, agg: dict[str, object], references: ReferenceLoader
) -> RuleResult:
    if rule.kind in ROW_RULE_KINDS:
        failing = int(agg[f"r{i}"])  # type: ignore[arg-type]
        return RuleResult(rule, PASS if failing == 0 else FAIL, float(failing), "0 failing rows")
    if rule.kind == "row_count":
        rows = int(agg["rows"])  # type: ignore[arg-type]
        return RuleResult(
            rule, PASS if _within(rows, rule) else FAIL, float(rows), f"rows in {bounds_text(rule)}"
        )
    if rule.kind == "freshness":
        age = agg[f"r{i}"]
        threshold = f"<= {rule.max_age_hours:g} hours"
        if age is None:
            return RuleResult(rule, FAIL, None, threshold, "no values to judge freshness by")
        hours = float(age)  # type: ignore[arg-type]
        return RuleResult(rule, PASS if hours <= (rule.max_age_hours or 0) else FAIL, hours, threshold)
    if rule.kind == "unique":
        columns = list(rule.columns or ())
        keyed = df.select(*columns)
        duplicates = keyed.count() - keyed.distinct().count()
        return RuleResult(rule, PASS if duplicates == 0 else FAIL, float(duplicates), "0 duplicate rows")
    if rule.kind == "references":
        target = (
            references(rule.dataset or "").select(F.col(rule.dataset_column or "").alias("_ref")).distinct()
        )
        values = df.select(F.col(rule.column or "").alias("_ref")).where(F.col("_ref").isNotNull())
        orphans = values.join(target, "_ref", "left_anti").count()
        threshold = f"0 values missing from {rule.dataset}.{rule.dataset_column}"
        return RuleResult(rule, PASS if orphans == 0 else FAIL, float(orphans), threshold)
    raise ValueError(f"rule {rule.id}: unknown kind {rule.kind!r}")
