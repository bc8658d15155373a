"""Every generated gold query, run in Spark SQL on the gold table the pipeline built, returns its declared
columns and the figures a hand computation from bronze gives."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from lake_jobs.common.paths import workspace_root
from lake_jobs.demo.queries import GoldQuery, load_queries
from lake_jobs.demo.run import queryable_name
from tests.pipeline import expected_gold
from tests.pipeline.gold_lake import DAY1, DAY2, Lake

SCHEMAS = workspace_root() / "dist" / "schemas"
Customers = list[dict[str, Any]]


def top_segments(customers: Customers) -> list[dict[str, Any]]:
    by_segment: dict[str, list[Decimal]] = defaultdict(list)
    for c in customers:
        if c["customer_segment"] in ("VIP", "High Value"):
            by_segment[c["customer_segment"]].append(c["lifetime_value"])
    return [
        {"customer_segment": s, "customer_count": len(v), "total_lifetime_value": sum(v, Decimal("0.00"))}
        for s, v in sorted(by_segment.items())
    ]


def customer_summary(customers: Customers) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], Customers] = defaultdict(list)
    for c in customers:
        groups[(c["customer_segment"], c["churn_risk_category"])].append(c)
    return [
        {
            "customer_segment": segment,
            "churn_risk_category": risk,
            "customer_count": len(group),
            "avg_lifetime_value": expected_gold.avg_money(
                sum(g["lifetime_value"] for g in group), len(group)
            ),
            "total_revenue_30d": sum((g["revenue_last_30_days"] for g in group), Decimal("0.00")),
        }
        for (segment, risk), group in sorted(groups.items())
    ]


# The independent computation of each query; a query added to libs/schemas needs one here.
HAND_COMPUTED: dict[str, Callable[[Customers], list[dict[str, Any]]]] = {
    "top_segments": top_segments,
    "customer_summary": customer_summary,
}


def gold_queries() -> list[GoldQuery]:
    index = json.loads((SCHEMAS / "index.json").read_text(encoding="utf-8"))
    gold = [d["name"] for d in index["datasets"] if d["layer"] == "gold"]
    return [q for dataset in gold for q in load_queries(SCHEMAS, dataset)]


def test_every_generated_query_has_a_hand_computation():
    assert sorted(q.name for q in gold_queries()) == sorted(HAND_COMPUTED)


@pytest.mark.parametrize("snapshot", [DAY1, DAY2])
@pytest.mark.parametrize("query", gold_queries(), ids=lambda q: q.name)
def test_the_query_returns_its_columns_and_the_hand_computed_figures(lake: Lake, query: GoldQuery, snapshot):
    table = queryable_name(lake.contracts[query.dataset], lake.paths.gold)
    result = lake.spark.sql(query.sql(table, snapshot))
    assert tuple(result.columns) == query.columns
    got = [row.asDict() for row in result.collect()]
    want = HAND_COMPUTED[query.name](list(lake.expected(snapshot).values()))
    assert got == want
    assert want and all(row["customer_count"] > 0 for row in want), "the data leaves the query empty"
