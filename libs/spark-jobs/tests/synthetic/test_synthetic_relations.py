"""The generator's cross-column rules: SQL semantics in Python, the fixer, and clean rows judged by Spark."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from pyspark.sql import functions as F

from lake_jobs.synthetic.generate import dataset_records
from lake_jobs.synthetic.relations import CannotSatisfy, Relations, broken
from tests.conftest import build_contract

DAY = date(2026, 11, 20)
T0 = datetime(2026, 11, 1, 12, tzinfo=UTC)
CROSS = ("compare", "null_when", "duration")


def _rule(contract, kind: str):
    return next(r for r in contract.rules if r.kind == kind)


def _tickets_row(**values):
    row = {
        "ticket_id": "ST1", "customer_id": "C1", "created_date": T0, "resolved_date": T0 + timedelta(hours=3),
        "status": "resolved", "priority": "low", "subject": "x", "resolution_time_hours": 3.0,
        "satisfaction_score": 50, "ingestion_timestamp": T0,
    }  # fmt: skip
    row.update(values)
    return row


def _relations(contract, seed: int = 1) -> Relations:
    rng = random.Random(seed)
    return Relations(contract, DAY, rng, lambda _column: T0 - timedelta(days=2))


@pytest.mark.parametrize(
    ("kind", "values", "is_broken"),
    [
        ("compare", {}, False),
        ("compare", {"resolved_date": T0 - timedelta(minutes=1)}, True),
        ("compare", {"resolved_date": T0}, False),  # >= holds on equality
        ("compare", {"resolved_date": None}, False),  # a NULL operand breaks nothing
        ("null_when", {}, False),
        ("null_when", {"status": "open"}, True),
        ("null_when", {"status": "open", "resolved_date": None}, False),
        ("null_when", {"resolved_date": None}, True),
        ("null_when", {"status": None}, False),  # a NULL status holds none of the values: resolved_date set
        ("null_when", {"status": None, "resolved_date": None}, True),
        ("duration", {}, False),
        ("duration", {"resolution_time_hours": 3.009}, False),  # within the tolerance
        ("duration", {"resolution_time_hours": 3.02}, True),
        ("duration", {"resolved_date": None}, False),
    ],
)
def test_broken_follows_the_violation_sql(contract, kind, values, is_broken):
    tickets = contract("support_tickets")
    rule = next(r for r in tickets.rules if r.kind == kind and r.column == "resolved_date") if kind in (
        "compare", "null_when") else _rule(tickets, kind)  # fmt: skip
    assert broken(rule, _tickets_row(**values)) is is_broken


def test_a_date_compares_with_a_timestamp_as_its_midnight():
    compare = {"id": "t.ts+d.compare", "kind": "compare", "severity": "blocking", "column": "ts",
               "operator": ">=", "other": "d", "violation": "x"}  # fmt: skip
    rule = build_contract("t", [("d", "date", True), ("ts", "timestamp", True)], rules=[compare]).rules[0]
    midnight = datetime(2026, 11, 1, tzinfo=UTC)
    assert not broken(rule, {"d": date(2026, 11, 1), "ts": midnight})
    assert broken(rule, {"d": date(2026, 11, 1), "ts": midnight - timedelta(microseconds=1)})


def test_satisfy_fixes_every_rule_without_touching_locked_columns(contract):
    tickets = contract("support_tickets")
    relations = _relations(tickets)
    row = _tickets_row(resolved_date=None, status="closed", resolution_time_hours=7.5)
    fixed = relations.satisfy(dict(row), locked={"resolved_date"})
    assert fixed["resolved_date"] is None and fixed["status"] in ("open", "pending")
    assert fixed["resolution_time_hours"] is None
    late = relations.satisfy(_tickets_row(resolved_date=T0 - timedelta(days=3), resolution_time_hours=1.0))
    assert not any(broken(r, late) for r in relations.rules)
    assert late["resolved_date"] > T0 and late["resolved_date"] <= datetime(2026, 11, 21, tzinfo=UTC)
    hours = (late["resolved_date"] - late["created_date"]).total_seconds() / 3600
    assert late["resolution_time_hours"] == round(hours, 2)
    assert (late["resolved_date"] - T0) % timedelta(minutes=1) == timedelta(0)  # whole minutes


def test_an_impossible_row_names_the_dataset_and_the_rule(contract):
    relations = _relations(contract("support_tickets"))
    row = _tickets_row(resolved_date=None, status="closed")
    with pytest.raises(CannotSatisfy, match=r"'support_tickets'.*support_tickets\.resolved_date\+status"):
        relations.satisfy(row, locked={"resolved_date", "status"})


@pytest.mark.parametrize("rule_id", [
    "resolved_date+created_date.compare", "resolved_date+status.null_when",
    "resolution_time_hours+status.null_when", "resolution_time_hours.duration",
])  # fmt: skip
def test_breaking_one_rule_keeps_the_others(contract, rule_id):
    tickets = contract("support_tickets")
    relations = _relations(tickets, seed=3)
    rule = next(r for r in tickets.rules if r.id == f"support_tickets.{rule_id}")
    others = [r for r in relations.rules if r is not rule and (r.blocking or not rule.blocking)]
    for status in ("open", "pending", "resolved", "closed"):
        row = relations.breaking(_tickets_row(status=status), rule, others)
        assert broken(rule, row) and not any(broken(r, row) for r in others)


def test_clean_generated_rows_satisfy_every_rule_as_spark_judges_them(spark, contract):
    """The check is Spark's F.expr over each rule's violation SQL, not the generator's own evaluator."""
    for name in ("customers", "support_tickets"):
        c = contract(name)
        rules = [r for r in c.rules if r.kind in CROSS]
        assert rules, f"{name} has no cross-column rule"
        references = {"customer_id": ["C00000001", "C00000002"]} if name == "support_tickets" else {}
        records, _, _ = dataset_records(c, DAY, 400, 0.0, 5, references)
        frame = spark.createDataFrame([r.values for r in records], c.source_schema)
        counts = frame.agg(
            *[F.count_if(F.coalesce(F.expr(r.violation), F.lit(False))).alias(r.id) for r in rules]
        ).first()
        assert {r.id: counts[r.id] for r in rules} == {r.id: 0 for r in rules}
        if name == "support_tickets":  # and the rules are not satisfied by leaving them nothing to judge
            statuses = {r.values["status"] for r in records if r.values["resolved_date"] is not None}
            assert statuses == {"resolved", "closed"}
