"""The customer 360 computed by hand, in plain Python, from the bronze files the generator wrote.

An independent restatement of the rules documented in ``lake_jobs.silver_to_gold.metrics`` (no Spark, no
code shared with the job), with Spark's decimal rounding spelled out where money is divided.
"""

from __future__ import annotations

import csv
import gzip
import json
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

MONTH = Decimal("30.4375")
CENT = Decimal("0.01")


def read_bronze(folder: Path) -> list[dict[str, Any]]:
    """Every record of one bronze day folder, as the source delivered it."""
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith((".json", ".jsonl", ".jsonl.gz")):
            data = path.read_bytes()
            text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
            rows += [json.loads(line) for line in text.splitlines() if line]
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as f:
                rows += [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(f)]
        elif path.suffix == ".parquet":
            rows += pq.read_table(path).to_pylist()
    return rows


def day_of(value: Any) -> date | None:
    """A date, or the UTC day of an ISO timestamp or datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).date()
    if isinstance(value, date):
        return value
    text = str(value)
    return (
        date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).astimezone(UTC).date()
    )


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def avg_money(total: Decimal, n: int) -> Decimal:
    # Spark's avg over decimal(12,2) yields decimal(16,6), which the job then casts to decimal(18,2).
    with localcontext() as ctx:
        ctx.prec = 60
        return _round(_round(total / n, "0.000001"), "0.01")


def _monthly(value: Decimal, days: int) -> Decimal:
    # value * 30.4375 / max(days, 30.4375): Spark keeps 15 decimals in the division, then the cast rounds.
    with localcontext() as ctx:
        ctx.prec = 60
        return _round(_round(value * MONTH / max(Decimal(days), MONTH), "1e-15"), "0.01")


def _segment(value: Decimal) -> str:
    for name, above in (("VIP", 10000), ("High Value", 5000), ("Medium Value", 1000)):
        if value > above:
            return name
    return "Low Value"


def _churn(days_tx: int | None, days_visit: int | None, satisfaction: float | None) -> float:
    tx = min(100 if days_tx is None else days_tx, 100)
    visit = min(100 if days_visit is None else days_visit, 100)
    sat = 50.0 if satisfaction is None else min(max(satisfaction, 0.0), 100.0)
    return tx * 0.4 + visit * 0.3 + (100.0 - sat) * 0.3


def customer_360(
    customers: list[dict], transactions: list[dict], tickets: list[dict], events: list[dict], snap: date
) -> dict[str, dict[str, Any]]:
    out = {}
    for c in customers:
        cid = c["customer_id"]
        sales = [
            t for t in transactions
            if t["customer_id"] == cid and t["status"] == "completed" and day_of(t["transaction_date"]) <=
        snap ]  # fmt: skip
        sale_days = [day_of(t["transaction_date"]) for t in sales]
        amounts = [Decimal(str(t["amount"])) for t in sales]
        recent = [a for a, d in zip(amounts, sale_days, strict=True) if (snap - d).days < 30]
        categories = sorted({t["product_category"] for t in sales if t["product_category"] is not None})
        mine = [k for k in tickets if k["customer_id"] == cid and day_of(k["created_date"]) <= snap]
        hours = [k["resolution_time_hours"] for k in mine if k["resolution_time_hours"] is not None]
        scores = [k["satisfaction_score"] for k in mine if k["satisfaction_score"] is not None]
        visits = [e for e in events if e["customer_id"] == cid and day_of(e["event_timestamp"]) <= snap]
        visit_days = [day_of(e["event_timestamp"]) for e in visits]
        value = sum(amounts, Decimal("0.00"))
        starts = [d for d in (day_of(c.get("created_date")), min(sale_days, default=None)) if d is not None]
        lifetime_days = max((snap - min(starts)).days, 0) if starts else None
        last_sale = max(sale_days, default=None)
        last_visit = max(visit_days, default=None)
        days_tx = (snap - last_sale).days if last_sale else None
        days_visit = (snap - last_visit).days if last_visit else None
        satisfaction = sum(scores) / len(scores) if scores else None
        churn = _churn(days_tx, days_visit, satisfaction)
        out[cid] = {
            "status": c["status"],
            "total_transactions": len(sales),
            "lifetime_value": value,
            "avg_transaction_amount": avg_money(value, len(sales)) if sales else None,
            "first_transaction_date": min(sale_days, default=None),
            "last_transaction_date": last_sale,
            "unique_categories_purchased": len(categories),
            "categories_list": categories,
            "transactions_last_30_days": len(recent),
            "revenue_last_30_days": sum(recent, Decimal("0.00")),
            "total_tickets": len(mine),
            "open_tickets": sum(k["status"] in ("open", "pending") for k in mine),
            "avg_resolution_time_hours": sum(hours) / len(hours) if hours else None,
            "last_ticket_date": max((day_of(k["created_date"]) for k in mine), default=None),
            "avg_satisfaction_score": satisfaction,
            "total_web_visits": len(visits),
            "unique_sessions": len({e["session_id"] for e in visits}),
            "total_time_spent_seconds": sum(e["time_spent_seconds"] or 0 for e in visits),
            "last_visit_date": last_visit,
            "visited_categories": sorted(
                {e["page_category"] for e in visits if e["page_category"] is not None}
            ),
            "customer_lifetime_months": lifetime_days / 30.4375 if lifetime_days is not None else None,
            "average_monthly_revenue": _monthly(value, lifetime_days) if lifetime_days is not None else None,
            "days_since_last_transaction": days_tx,
            "days_since_last_visit": days_visit,
            "customer_segment": _segment(value),
            "churn_risk_score": churn,
            "churn_risk_category": "High Risk" if churn > 70 else "Medium Risk" if churn > 40 else "Low Risk",
        }
    return out
