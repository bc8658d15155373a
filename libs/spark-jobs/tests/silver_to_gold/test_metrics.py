"""Each derived metric on hand-made rows: one DataFrame of cases per rule, the expected value beside each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from lake_jobs.silver_to_gold import metrics as m

SNAP = date(2024, 3, 31)


def evaluate(spark: SparkSession, schema: str, rows: list[tuple], expr) -> list:
    """The value of ``expr`` for each row, in row order (``expr`` gets the columns and the snapshot)."""
    df = spark.createDataFrame([(i, *r) for i, r in enumerate(rows)], f"i int, {schema}")
    out = df.select("i", expr(F.col, m.snapshot_lit(SNAP)).alias("v")).orderBy("i").collect()
    return [r.v for r in out]


def test_recent_window_is_the_30_days_ending_on_the_snapshot(spark):
    days = [date(2024, 3, 31), date(2024, 3, 2), date(2024, 3, 1), date(2024, 4, 1), None]
    got = evaluate(spark, "d date", [(d,) for d in days], lambda c, s: m.in_recent_window(c("d"), s))
    assert got == [True, True, False, False, None]


def test_on_or_before_excludes_later_and_unknown_days(spark):
    days = [date(2024, 3, 31), date(2020, 1, 1), date(2024, 4, 1), None]
    got = evaluate(spark, "d date", [(d,) for d in days], lambda c, s: m.on_or_before(c("d"), s))
    assert got == [True, True, False, False]


def test_only_completed_transactions_are_sales(spark):
    statuses = ["completed", "pending", "refunded", None]
    got = evaluate(spark, "s string", [(s,) for s in statuses], lambda c, s: m.is_sale(c("s")))
    assert got == [True, False, False, False]


def test_days_since_is_null_without_a_last_day(spark):
    days = [date(2024, 3, 31), date(2024, 3, 1), date(2023, 3, 31), None]
    got = evaluate(spark, "d date", [(d,) for d in days], lambda c, s: m.days_since(c("d"), s))
    assert got == [0, 30, 366, None]


def test_lifetime_starts_at_the_earlier_of_creation_and_first_sale(spark):
    pairs = [
        (date(2023, 1, 1), date(2023, 6, 1)),
        (date(2023, 6, 1), date(2023, 1, 1)),  # a sale before the CRM record: the sale counts
        (None, date(2023, 6, 1)),
        (date(2023, 1, 1), None),
        (None, None),
    ]
    got = evaluate(spark, "c date, f date", pairs, lambda c, s: m.lifetime_start(c("c"), c("f")))
    assert got == [date(2023, 1, 1), date(2023, 1, 1), date(2023, 6, 1), date(2023, 1, 1), None]


def test_lifetime_months_counts_average_gregorian_months(spark):
    days = [date(2024, 3, 31), date(2023, 3, 31), date(2024, 3, 1), date(2024, 5, 1), None]
    got = evaluate(spark, "d date", [(d,) for d in days], lambda c, s: m.lifetime_months(c("d"), s))
    assert got == [0.0, 366 / 30.4375, 30 / 30.4375, 0.0, None]  # a start after the snapshot is 0


@pytest.mark.parametrize(
    ("value", "first", "expected"),
    [
        (Decimal("1200.00"), date(2023, 3, 31), Decimal("99.80")),  # 1200 * 30.4375 / 366 = 99.795...
        (Decimal("500.00"), date(2024, 3, 31), Decimal("500.00")),  # first day: divides by one month, not 0
        (Decimal("500.00"), date(2024, 3, 20), Decimal("500.00")),  # 11 days: still one month
        (Decimal("0.00"), date(2024, 1, 1), Decimal("0.00")),  # a customer who never bought
        (Decimal("0.00"), None, None),  # unknown lifetime: no average
    ],
)
def test_average_monthly_revenue_never_divides_by_less_than_a_month(spark, value, first, expected):
    got = evaluate(
        spark,
        "v decimal(18,2), d date",
        [(value, first)],
        lambda c, s: m.average_monthly_revenue(c("v"), c("d"), s),
    )
    assert got == [expected]


def test_segments_use_exclusive_lower_bounds(spark):
    values = ["10000.01", "10000.00", "5000.01", "5000.00", "1000.01", "1000.00", "0.00"]
    got = evaluate(
        spark,
        "v decimal(18,2)",
        [(Decimal(v),) for v in values],
        lambda c, s: m.customer_segment(c("v")),
    )
    assert got == [
        "VIP",
        "High Value",
        "High Value",
        "Medium Value",
        "Medium Value",
        "Low Value",
        "Low Value",
    ]


@pytest.mark.parametrize(
    ("days_tx", "days_visit", "satisfaction", "expected"),
    [
        (0, 0, 100.0, 0.0),  # active and delighted
        (None, None, 0.0, 100.0),  # never bought, never visited, unhappy: the maximum
        (None, None, None, 0.4 * 100 + 0.3 * 100 + 0.3 * 50.0),  # nothing rated: neutral 50
        (5000, 365, 80.0, 0.4 * 100 + 0.3 * 100 + 0.3 * 20.0),  # day terms capped at 100
        (10, 20, 150.0, 0.4 * 10 + 0.3 * 20 + 0.3 * 0.0),  # satisfaction clamped into 0..100
        (10, 20, 70.5, 0.4 * 10 + 0.3 * 20 + 0.3 * 29.5),
    ],
)
def test_churn_score_stays_within_0_and_100(spark, days_tx, days_visit, satisfaction, expected):
    got = evaluate(
        spark,
        "t int, v int, s double",
        [(days_tx, days_visit, satisfaction)],
        lambda c, s: m.churn_risk_score(c("t"), c("v"), c("s")),
    )
    assert got == [expected]
    assert 0.0 <= got[0] <= 100.0


def test_churn_categories_use_exclusive_lower_bounds(spark):
    scores = [100.0, 70.01, 70.0, 40.01, 40.0, 0.0]
    got = evaluate(spark, "s double", [(s,) for s in scores], lambda c, s: m.churn_risk_category(c("s")))
    assert got == ["High Risk", "High Risk", "Medium Risk", "Medium Risk", "Low Risk", "Low Risk"]
