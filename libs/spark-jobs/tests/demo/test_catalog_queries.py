"""The demo's pure parts: reading the generated Spark DDL and the query text."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from lake_jobs.common.paths import workspace_root
from lake_jobs.demo.catalog import parse_ddl
from lake_jobs.demo.queries import customer_summary_sql, top_segments_sql
from lake_jobs.demo.run import queryable_name

SCHEMAS = workspace_root() / "dist" / "schemas"


@pytest.mark.parametrize(
    ("dataset", "table", "fmt", "partitioned"),
    [
        ("customers", "silver.customers", "parquet", True),
        ("quarantine", "silver.quarantine", "parquet", True),
        ("customer_360", "lake.gold.customer_360", "iceberg", True),
    ],
)
def test_generated_ddl_is_read_with_the_lake_root_filled_in(dataset, table, fmt, partitioned):
    ddl = parse_ddl(dataset, (SCHEMAS / dataset / "ddl.spark.sql").read_text(encoding="utf-8"), "/data/lake/")
    assert (ddl.table, ddl.format, ddl.partitioned) == (table, fmt, partitioned)
    assert "${LAKE_ROOT}" not in ddl.sql
    if fmt == "parquet":
        assert f"LOCATION '/data/lake/silver/{dataset}'" in ddl.sql


def test_unexpected_ddl_is_a_clear_error():
    with pytest.raises(ValueError, match=r"orders/ddl\.spark\.sql: expected one CREATE TABLE IF NOT EXISTS"):
        parse_ddl("orders", "DROP TABLE orders", "/lake")


def test_queries_filter_on_the_partition_columns():
    top = top_segments_sql("lake.gold.customer_360", date(2024, 3, 31))
    assert "WHERE snapshot_date = DATE '2024-03-31' AND customer_segment IN ('VIP', 'High Value')" in top
    summary = customer_summary_sql("lake.gold.customer_360", date(2024, 3, 31))
    assert "GROUP BY customer_segment, churn_risk_category" in summary


def test_the_gold_table_is_queried_by_catalog_name_or_delta_path(contract):
    gold = contract("customer_360")
    assert queryable_name(gold, "/lake/gold") == "lake.gold.customer_360"
    delta = dataclasses.replace(gold, format="delta")
    assert queryable_name(delta, "/lake/gold") == "delta.`/lake/gold/customer_360`"
