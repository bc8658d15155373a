"""The per-customer aggregates and the assembled row, on a few hand-made customers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from pyspark.sql import DataFrame, SparkSession

from lake_jobs.silver_to_gold.builders.customer_360 import build_customer_360

SNAP = date(2024, 3, 31)
CUSTOMERS = (
    "customer_id string, first_name string, last_name string, email string, phone string, "
    "address struct<street:string,city:string,state:string,zip:string,country:string>, status string, "
    "created_date timestamp"
)
TRANSACTIONS = (
    "transaction_id string, customer_id string, transaction_date date, amount decimal(12,2), "
    "product_category string, status string"
)
TICKETS = (
    "ticket_id string, customer_id string, created_date timestamp, status string, "
    "resolution_time_hours double, satisfaction_score int"
)
EVENTS = (
    "event_id string, customer_id string, session_id string, event_timestamp timestamp, "
    "page_category string, time_spent_seconds int"
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def ts(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def gold(spark: SparkSession) -> dict[str, dict]:
    def frame(schema: str, rows: list[tuple]) -> DataFrame:
        return spark.createDataFrame(rows, schema)

    address = ("1 Main St", "Springfield", "IL", "62701", "US")
    customers = frame(
        CUSTOMERS,
        [
            ("rich", "Ada", "Lovelace", "a@x.io", "+1", address, "active", ts("2023-01-31 10:00:00")),
            ("idle", None, None, "i@x.io", None, None, "inactive", None),  # nothing else about them
            ("refunder", "Rey", None, "r@x.io", None, address, "active", ts("2024-03-01 23:00:00")),
        ],
    )
    transactions = frame(
        TRANSACTIONS,
        [
            ("t1", "rich", d("2023-03-31"), Decimal("6000.00"), "books", "completed"),
            ("t2", "rich", d("2024-03-02"), Decimal("100.50"), "games", "completed"),  # window's first day
            ("t3", "rich", d("2024-03-01"), Decimal("900.00"), None, "completed"),  # just before the window
            ("t4", "rich", d("2024-03-30"), Decimal("5000.00"), "toys", "refunded"),  # counts nowhere
            ("t5", "rich", d("2024-04-01"), Decimal("7.00"), "late", "completed"),  # after the snapshot
            ("t7", "rich", d("2024-03-15"), Decimal("250.00"), "garden", "pending"),  # not revenue yet
            ("t8", "rich", d("2024-03-16"), Decimal("250.00"), "garden", None),  # status unknown
            ("t6", "refunder", d("2024-03-31"), Decimal("50.00"), "toys", "refunded"),
        ],
    )
    tickets = frame(
        TICKETS,
        [
            ("k1", "rich", ts("2024-01-05 10:00:00"), "closed", 4.0, 90),
            ("k2", "rich", ts("2024-03-31 23:59:59"), "open", None, None),
            ("k3", "rich", ts("2024-03-20 08:00:00"), "pending", 10.0, 61),
            ("k4", "rich", ts("2024-04-01 00:00:00"), "open", 1.0, 0),  # after the snapshot
        ],
    )
    events = frame(
        EVENTS,
        [
            ("e1", "rich", "s1", ts("2024-03-10 12:00:00"), "shop", 30),
            ("e2", "rich", "s1", ts("2024-03-10 12:01:00"), "home", None),
            ("e3", "rich", "s2", ts("2024-03-21 09:00:00"), "shop", 15),
            ("e4", None, "s9", ts("2024-03-21 09:00:00"), "home", 99),  # anonymous
            ("e5", "rich", "s3", ts("2024-04-02 09:00:00"), "late", 99),  # after the snapshot
            ("e6", "refunder", "s4", ts("2024-02-01 00:00:00"), None, None),
        ],
    )
    rows = build_customer_360(customers, transactions, tickets, events, SNAP).collect()
    return {r.customer_id: r.asDict() for r in rows}


def test_one_row_per_customer(gold):
    assert sorted(gold) == ["idle", "refunder", "rich"]


def test_transaction_aggregates_count_completed_sales_up_to_the_snapshot(gold):
    rich = gold["rich"]
    assert rich["total_transactions"] == 3
    assert rich["lifetime_value"] == Decimal("7000.50")
    assert rich["avg_transaction_amount"] == Decimal("2333.50")
    assert (rich["first_transaction_date"], rich["last_transaction_date"]) == (
        d("2023-03-31"),
        d("2024-03-02"),
    )
    assert rich["unique_categories_purchased"] == 2
    assert rich["categories_list"] == ["books", "games"]
    assert rich["transactions_last_30_days"] == 1
    assert rich["revenue_last_30_days"] == Decimal("100.50")


def test_support_aggregates(gold):
    rich = gold["rich"]
    assert (rich["total_tickets"], rich["open_tickets"]) == (3, 2)
    assert rich["avg_resolution_time_hours"] == 7.0
    assert rich["last_ticket_date"] == SNAP
    assert rich["avg_satisfaction_score"] == (90 + 61) / 2


def test_web_aggregates_leave_out_anonymous_and_later_events(gold):
    rich = gold["rich"]
    assert (rich["total_web_visits"], rich["unique_sessions"], rich["total_time_spent_seconds"]) == (3, 2, 45)
    assert rich["last_visit_date"] == d("2024-03-21")
    assert rich["visited_categories"] == ["home", "shop"]


def test_derived_metrics(gold):
    rich = gold["rich"]
    assert rich["customer_lifetime_months"] == 425 / 30.4375  # since the CRM record of 2023-01-31
    assert rich["average_monthly_revenue"] == Decimal("501.36")  # 7000.50 * 30.4375 / 425 = 501.3593...
    assert (rich["days_since_last_transaction"], rich["days_since_last_visit"]) == (29, 10)
    assert rich["customer_segment"] == "High Value"
    assert rich["churn_risk_score"] == 0.4 * 29 + 0.3 * 10 + 0.3 * (100 - 75.5)
    assert rich["churn_risk_category"] == "Low Risk"
    assert (rich["full_name"], rich["country"], rich["snapshot_date"]) == ("Ada Lovelace", "US", SNAP)


def test_a_customer_with_nothing_gets_zeros_empty_lists_and_null_dates(gold):
    # No creation date and no sale: the lifetime, and with it the monthly average, is unknown.
    idle = gold["idle"]
    zeros = [
        "total_transactions", "unique_categories_purchased", "transactions_last_30_days", "total_tickets",
        "open_tickets", "total_web_visits", "unique_sessions", "total_time_spent_seconds",
    ]  # fmt: skip
    assert {k: idle[k] for k in zeros} == dict.fromkeys(zeros, 0)
    assert (idle["lifetime_value"], idle["revenue_last_30_days"]) == (Decimal("0.00"), Decimal("0.00"))
    assert (idle["categories_list"], idle["visited_categories"]) == ([], [])
    nulls = [
        "avg_transaction_amount", "first_transaction_date", "last_transaction_date",
        "avg_resolution_time_hours", "last_ticket_date", "avg_satisfaction_score", "last_visit_date",
        "customer_lifetime_months", "average_monthly_revenue", "days_since_last_transaction",
        "days_since_last_visit", "full_name", "country",
    ]  # fmt: skip
    assert {k: idle[k] for k in nulls} == dict.fromkeys(nulls)
    assert (idle["customer_segment"], idle["churn_risk_score"]) == ("Low Value", 85.0)
    assert idle["churn_risk_category"] == "High Risk"


def test_only_refunds_is_like_no_transaction(gold):
    refunder = gold["refunder"]
    assert (refunder["total_transactions"], refunder["lifetime_value"]) == (0, Decimal("0.00"))
    assert refunder["days_since_last_transaction"] is None
    assert refunder["days_since_last_visit"] == 59
    assert refunder["visited_categories"] == []
    assert refunder["customer_lifetime_months"] == 30 / 30.4375
    assert refunder["average_monthly_revenue"] == Decimal("0.00")
    assert refunder["full_name"] == "Rey"
