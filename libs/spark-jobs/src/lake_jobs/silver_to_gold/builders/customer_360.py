"""The builder of ``customer_360``: the customer 360 for one snapshot date, as pure functions over the silver
DataFrames.

The job first reduces each input to its state as of the snapshot (:mod:`..snapshot`); this module aggregates
them per customer;
events after the snapshot date never count. Every customer known by the snapshot date gets one row: counts and
sums are 0 and lists empty when there is nothing, dates and averages null (as the contract says). The
metric rules themselves live in :mod:`..metrics`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from lake_jobs.silver_to_gold import metrics as m
from lake_jobs.silver_to_gold.registry import GoldBuilder, RunFigures


def _empty_strings() -> Column:
    return F.array().cast("array<string>")


def _sorted_set(column: str) -> Column:
    """Distinct non-null values in a stable order (collect_set's order depends on partitioning)."""
    return F.array_sort(F.collect_set(F.col(column)))


def _distinct_count(column: str) -> Column:
    """The number of distinct non-null values, like ``countDistinct``, from a set collected in the same
    aggregation: a distinct count makes Spark aggregate twice with a shuffle in between."""
    return F.size(F.collect_set(F.col(column)))


def transaction_metrics(transactions: DataFrame, snapshot_date: object) -> DataFrame:
    """Per customer with at least one sale on or before the snapshot date."""
    snap = m.snapshot_lit(snapshot_date)
    day = F.col("transaction_date")
    recent = m.in_recent_window(day, snap)
    sales = transactions.where(m.on_or_before(day, snap) & m.is_sale(F.col("status")))
    return sales.groupBy("customer_id").agg(
        F.count(F.lit(1)).alias("total_transactions"),
        F.sum("amount").cast(m.MONEY).alias("lifetime_value"),
        F.avg("amount").cast(m.MONEY).alias("avg_transaction_amount"),
        F.min(day).alias("first_transaction_date"),
        F.max(day).alias("last_transaction_date"),
        _distinct_count("product_category").cast("int").alias("unique_categories_purchased"),
        _sorted_set("product_category").alias("categories_list"),
        F.sum(F.when(recent, 1).otherwise(0)).cast("int").alias("transactions_last_30_days"),
        F.sum(F.when(recent, F.col("amount"))).cast(m.MONEY).alias("revenue_last_30_days"),
    )


def support_metrics(tickets: DataFrame, snapshot_date: object) -> DataFrame:
    """Per customer with at least one ticket created on or before the snapshot date."""
    snap = m.snapshot_lit(snapshot_date)
    created = m.event_day(F.col("created_date"))
    return (
        tickets.where(m.on_or_before(created, snap))
        .groupBy("customer_id")
        .agg(
            F.count(F.lit(1)).alias("total_tickets"),
            F.count(F.when(m.is_unresolved_ticket(F.col("status")), 1)).alias("open_tickets"),
            F.avg("resolution_time_hours").alias("avg_resolution_time_hours"),
            F.max(created).alias("last_ticket_date"),
            F.avg("satisfaction_score").alias("avg_satisfaction_score"),
        )
    )


def web_metrics(events: DataFrame, snapshot_date: object) -> DataFrame:
    """Per known customer with an event on or before the snapshot date (anonymous events are left out)."""
    snap = m.snapshot_lit(snapshot_date)
    day = m.event_day(F.col("event_timestamp"))
    return (
        events.where(F.col("customer_id").isNotNull() & m.on_or_before(day, snap))
        .groupBy("customer_id")
        .agg(
            F.count(F.lit(1)).alias("total_web_visits"),
            _distinct_count("session_id").cast("bigint").alias("unique_sessions"),
            F.coalesce(F.sum("time_spent_seconds"), F.lit(0))
            .cast("bigint")
            .alias("total_time_spent_seconds"),
            F.max(day).alias("last_visit_date"),
            _sorted_set("page_category").alias("visited_categories"),
        )
    )


_CREATED_DAY = "_created_day"  # helper column, dropped before the row leaves build_customer_360


def customer_profile(customers: DataFrame) -> DataFrame:
    """The descriptive columns, taken as silver holds them (masked outside production)."""
    full_name = F.nullif(F.trim(F.concat_ws(" ", F.col("first_name"), F.col("last_name"))), F.lit(""))
    return customers.select(
        "customer_id",
        full_name.alias("full_name"),
        "email",
        "phone",
        F.col("address.country").alias("country"),
        "status",
        m.event_day(F.col("created_date")).alias(_CREATED_DAY),
    )


# Columns that are 0 (or empty) rather than null when a customer has nothing of that kind, with their type.
_ZERO_WHEN_NOTHING = {
    "total_transactions": "bigint",
    "lifetime_value": m.MONEY,
    "unique_categories_purchased": "int",
    "transactions_last_30_days": "int",
    "revenue_last_30_days": m.MONEY,
    "total_tickets": "bigint",
    "open_tickets": "bigint",
    "total_web_visits": "bigint",
    "unique_sessions": "bigint",
    "total_time_spent_seconds": "bigint",
}
_EMPTY_WHEN_NOTHING = ("categories_list", "visited_categories")


def build_customer_360(
    customers: DataFrame,
    transactions: DataFrame,
    support_tickets: DataFrame,
    web_events: DataFrame,
    snapshot_date: object,
) -> DataFrame:
    """The business columns of ``customer_360`` for one snapshot, from the snapshot states of the four
    sources.

    The inputs must already be reduced to their state as of the snapshot (see :func:`.snapshot.latest_as_of`).
    """
    snap = m.snapshot_lit(snapshot_date)
    joined = (
        customer_profile(customers)
        .join(transaction_metrics(transactions, snapshot_date), "customer_id", "left")
        .join(support_metrics(support_tickets, snapshot_date), "customer_id", "left")
        .join(web_metrics(web_events, snapshot_date), "customer_id", "left")
    )
    for name, kind in _ZERO_WHEN_NOTHING.items():
        joined = joined.withColumn(name, F.coalesce(F.col(name), F.lit(0).cast(kind)))
    for name in _EMPTY_WHEN_NOTHING:
        joined = joined.withColumn(name, F.coalesce(F.col(name), _empty_strings()))
    start = m.lifetime_start(F.col(_CREATED_DAY), F.col("first_transaction_date"))
    derived = (
        joined.withColumn("customer_lifetime_months", m.lifetime_months(start, snap))
        .withColumn(
            "average_monthly_revenue", m.average_monthly_revenue(F.col("lifetime_value"), start, snap)
        )
        .withColumn("days_since_last_transaction", m.days_since(F.col("last_transaction_date"), snap))
        .withColumn("days_since_last_visit", m.days_since(F.col("last_visit_date"), snap))
        .withColumn("customer_segment", m.customer_segment(F.col("lifetime_value")))
    )
    scored = derived.withColumn(
        "churn_risk_score",
        m.churn_risk_score(
            F.col("days_since_last_transaction"),
            F.col("days_since_last_visit"),
            F.col("avg_satisfaction_score"),
        ),
    )
    return (
        scored.withColumn("churn_risk_category", m.churn_risk_category(F.col("churn_risk_score")))
        .withColumn("snapshot_date", snap)
        .drop(_CREATED_DAY)
    )


def build(states: Mapping[str, DataFrame], snapshot_date: date) -> DataFrame:
    return build_customer_360(
        states["customers"],
        states["transactions"],
        states["support_tickets"],
        states["web_events"],
        snapshot_date,
    )


def observed_on_write() -> dict[str, Column]:
    """Gold rows per segment, counted by the write (every segment the rules can give, so none is missed)."""
    segments = [name for name, _ in m.SEGMENT_THRESHOLDS] + [m.LOWEST_SEGMENT]
    return {
        segment: F.sum(F.when(F.col("customer_segment") == F.lit(segment), 1).otherwise(0)).cast("bigint")
        for segment in segments
    }


def run_metrics(figures: RunFigures) -> dict[str, object]:
    """Customers in the silver state (one gold row each, so ``rowsWritten`` must equal it) and rows per
    segment of the snapshot written (segments with no customer left out)."""
    segments = {segment: int(n) for segment, n in figures.written.items() if n}
    return {
        "customersAsOfSnapshot": figures.input_rows["customers"],
        "segments": dict(sorted(segments.items())),
    }


BUILDER = GoldBuilder(
    dataset="customer_360",
    inputs=("customers", "transactions", "support_tickets", "web_events"),
    build=build,
    observed=observed_on_write,
    # The customers' state is the left side of every join, so it is always read in full.
    counted_inputs=("customers",),
    metrics=run_metrics,
)
