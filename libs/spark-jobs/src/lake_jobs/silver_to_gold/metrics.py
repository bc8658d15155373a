"""The customer 360's derived metrics as column functions, each relative to a snapshot date.

Every function takes and returns :class:`~pyspark.sql.Column` objects and reads no clock, so a rerun of a
snapshot computes the same numbers and each rule is testable on a hand-made DataFrame. The edge cases
decided here:

- only completed transactions are sales and count (in counts, values, dates and categories): a refunded
  one was reversed, a pending one (or one without a status) is not revenue yet. Amounts are summed as
  delivered (no currency conversion: the lake has no exchange rates);
- "the last 30 days" are the 30 calendar days ending on the snapshot date, both ends included;
- lifetime runs from the day the customer record was created (or the first sale, if that is earlier or
  the creation date is unknown) to the snapshot date, in average Gregorian months (30.4375 days), so it has
  no month-end quirks; null when neither date is known;
- average monthly revenue divides the lifetime value by at least one month (a first-month customer
  averages their whole value), so it never divides by zero; null when the lifetime is unknown;
- the churn score weighs days since the last transaction (0.4), days since the last visit (0.3) and
  dissatisfaction (0.3). Each day term is capped at 100 and is 100 when there never was one; a customer
  with no rated ticket gets a neutral satisfaction of 50. Every term lies in 0..100, so the score does too.
"""

from __future__ import annotations

from decimal import Decimal

from pyspark.sql import Column
from pyspark.sql import functions as F

DAYS_PER_MONTH = Decimal("30.4375")  # 365.25 / 12
RECENT_WINDOW_DAYS = 30
CHURN_DAY_CAP = 100
NEUTRAL_SATISFACTION = 50.0
CHURN_WEIGHTS = {"transaction": 0.4, "visit": 0.3, "dissatisfaction": 0.3}
# Lower bounds, exclusive, checked from the top: a lifetime value of exactly 10000 is High Value.
SEGMENT_THRESHOLDS = (("VIP", 10000), ("High Value", 5000), ("Medium Value", 1000))
LOWEST_SEGMENT = "Low Value"
CHURN_THRESHOLDS = (("High Risk", 70), ("Medium Risk", 40))
LOWEST_CHURN = "Low Risk"
COMPLETED = "completed"
# Ticket statuses that still wait for an answer as of the snapshot.
UNRESOLVED_TICKET_STATUSES = ("open", "pending")
MONEY = "decimal(18,2)"


def snapshot_lit(snapshot_date: object) -> Column:
    """The snapshot date as a DATE literal (accepts ``datetime.date`` or ``YYYY-MM-DD``)."""
    return F.lit(str(snapshot_date)).cast("date")


def event_day(timestamp: Column) -> Column:
    """The calendar day of a timestamp in the session time zone (UTC in every lake session)."""
    return F.to_date(timestamp)


def on_or_before(day: Column, snapshot: Column) -> Column:
    """Only what happened on or before the snapshot date counts; a null day never does."""
    return day.isNotNull() & (day <= snapshot)


def in_recent_window(day: Column, snapshot: Column, days: int = RECENT_WINDOW_DAYS) -> Column:
    """True for the ``days`` calendar days ending on the snapshot date (both ends included)."""
    return (day > F.date_sub(snapshot, days)) & (day <= snapshot)


def is_sale(status: Column) -> Column:
    """A transaction that counts: a completed one (never null, so it can filter directly)."""
    return F.coalesce(status == F.lit(COMPLETED), F.lit(False))


def is_unresolved_ticket(status: Column) -> Column:
    return status.isin(*UNRESOLVED_TICKET_STATUSES)


def days_since(last_day: Column, snapshot: Column) -> Column:
    """Whole days from ``last_day`` to the snapshot date; null when there is no last day."""
    return F.datediff(snapshot, last_day)


def lifetime_start(created_day: Column, first_sale_day: Column) -> Column:
    """The earlier of the creation day and the first sale (``least`` skips a null); null if both are."""
    return F.least(created_day, first_sale_day)


def lifetime_days(start_day: Column, snapshot: Column) -> Column:
    """Whole days of lifetime, never negative (a creation date after the snapshot is bad data, not debt)."""
    days = F.datediff(snapshot, start_day)
    # greatest() skips nulls, so an unknown start must stay null explicitly.
    return F.when(days.isNotNull(), F.greatest(days, F.lit(0)))


def lifetime_months(start_day: Column, snapshot: Column) -> Column:
    """Months (of 30.4375 days) from the lifetime start to the snapshot date; null without a start."""
    return lifetime_days(start_day, snapshot) / F.lit(float(DAYS_PER_MONTH))


def average_monthly_revenue(lifetime_value: Column, start_day: Column, snapshot: Column) -> Column:
    """Lifetime value per month of lifetime, dividing by at least one month; null without a start.

    Computed in decimals (value x 30.4375 / max(days, 30.4375)) so money is never rounded through a double.
    """
    month = F.lit(DAYS_PER_MONTH)
    days = lifetime_days(start_day, snapshot).cast("decimal(10,4)")
    per_month = lifetime_value.cast(MONEY) * month / F.greatest(days, month)
    return F.when(start_day.isNull(), F.lit(None)).otherwise(per_month).cast(MONEY)


def customer_segment(lifetime_value: Column) -> Column:
    """VIP above 10000, High Value above 5000, Medium Value above 1000, else (zero and no value) Low Value."""
    expr = None
    for name, above in SEGMENT_THRESHOLDS:
        cond = lifetime_value > F.lit(above)
        expr = F.when(cond, F.lit(name)) if expr is None else expr.when(cond, F.lit(name))
    return expr.otherwise(F.lit(LOWEST_SEGMENT))


def capped_days(days: Column, cap: int = CHURN_DAY_CAP) -> Column:
    """Days for the churn score: at most ``cap``, and ``cap`` when there never was such an event."""
    return F.least(F.coalesce(days, F.lit(cap)), F.lit(cap)).cast("double")


def dissatisfaction(avg_satisfaction: Column) -> Column:
    """100 minus the average satisfaction (clamped to 0..100), neutral 50 when nothing was rated."""
    score = F.coalesce(avg_satisfaction.cast("double"), F.lit(NEUTRAL_SATISFACTION))
    return F.lit(100.0) - F.least(F.greatest(score, F.lit(0.0)), F.lit(100.0))


def churn_risk_score(
    days_since_transaction: Column, days_since_visit: Column, avg_satisfaction: Column
) -> Column:
    """A weighted sum of three terms that each lie in 0..100, so the score lies in 0..100 too."""
    w = CHURN_WEIGHTS
    return (
        capped_days(days_since_transaction) * w["transaction"]
        + capped_days(days_since_visit) * w["visit"]
        + dissatisfaction(avg_satisfaction) * w["dissatisfaction"]
    )


def churn_risk_category(score: Column) -> Column:
    """High Risk above 70, Medium Risk above 40, else Low Risk."""
    (high, high_above), (medium, medium_above) = CHURN_THRESHOLDS
    return (
        F.when(score > F.lit(high_above), F.lit(high))
        .when(score > F.lit(medium_above), F.lit(medium))
        .otherwise(F.lit(LOWEST_CHURN))
    )
