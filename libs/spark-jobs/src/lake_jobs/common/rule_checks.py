"""The row-level rule kinds as Spark conditions: one definition for bronze -> silver and for quality.

``violation(rule)`` is true for a row whose (standardized, typed) value breaks the rule. A null value
breaks only ``not_null``: the other kinds judge values that are there, as CONTRACT.md's DQDL does. A
cross-column rule (compare, null_when, duration) is its contract's ``violation`` condition, the Spark SQL that
the DQDL ``CustomSql`` rule counts, so the jobs and Glue Data Quality judge a row by the same text.
"""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F

from lake_jobs.common.contract import Rule
from lake_jobs.common.vocabulary import CROSS_COLUMN_RULE_KINDS, ROW_RULE_KINDS


def full_match(pattern: str) -> str:
    """Java's ``rlike`` finds a match anywhere; contracts mean the whole value."""
    return f"^(?:{pattern})$"


def violation(rule: Rule, value: Column | None = None) -> Column:
    """A boolean Column, never null, true where ``rule`` fails; ``value`` defaults to ``col(rule.column)``."""
    if rule.kind not in ROW_RULE_KINDS or rule.column is None:
        raise ValueError(f"rule {rule.id}: {rule.kind} is not a row-level rule kind")
    if rule.kind in CROSS_COLUMN_RULE_KINDS:
        if value is not None or not rule.violation:
            raise ValueError(
                f"rule {rule.id}: a {rule.kind} rule is judged on the row, by its contract's violation"
            )
        # The condition is null where a column it reads is null: such a row is judged by the other rules.
        return F.coalesce(F.expr(rule.violation), F.lit(False))
    v = F.col(rule.column) if value is None else value
    if rule.kind == "not_null":
        return v.isNull()
    if rule.kind == "range":
        broken = F.lit(False)
        if rule.min is not None:
            broken = broken | (v < F.lit(rule.min))
        if rule.max is not None:
            broken = broken | (v > F.lit(rule.max))
    elif rule.kind == "allowed":
        broken = ~v.cast("string").isin(list(rule.values or ()))
    elif rule.kind == "regex":
        broken = ~v.cast("string").rlike(full_match(rule.pattern or ""))
    else:  # length
        size = F.length(v.cast("string"))
        broken = F.lit(False)
        if rule.min is not None:
            broken = broken | (size < F.lit(rule.min))
        if rule.max is not None:
            broken = broken | (size > F.lit(rule.max))
    return v.isNotNull() & F.coalesce(broken, F.lit(False))


def reason_code(rule: Rule) -> str:
    """The quarantine reason of a failing blocking row rule: ``<kind>:<subject>`` (see ``Rule.subject``)."""
    return f"{rule.kind}:{rule.subject}"
