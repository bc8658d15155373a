"""The demo's pure parts: reading the generated Spark DDL and the generated queries."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime

import pytest

from lake_jobs.common.paths import workspace_root
from lake_jobs.demo.catalog import parse_ddl
from lake_jobs.demo.queries import load_queries
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
    queries = {q.name: q for q in load_queries(SCHEMAS, "customer_360")}
    assert list(queries) == ["top_segments", "customer_summary"]
    top = queries["top_segments"].sql("lake.gold.customer_360", date(2024, 3, 31))
    assert "FROM lake.gold.customer_360\nWHERE snapshot_date = DATE '2024-03-31'\n" in top
    assert "\n  AND customer_segment IN ('VIP', 'High Value')\n" in top
    summary = queries["customer_summary"].sql("lake.gold.customer_360", date(2024, 3, 31))
    assert "GROUP BY customer_segment, churn_risk_category" in summary
    assert "$" not in top + summary


def test_query_columns_and_aliases_are_spelled_once():
    queries = {q.name: q for q in load_queries(SCHEMAS, "customer_360")}
    assert queries["top_segments"].columns == ("customer_segment", "customer_count", "total_lifetime_value")
    assert "avg_lifetime_value" in queries["customer_summary"].columns
    assert all("_ltv" not in q.template for q in queries.values())


def test_the_snapshot_must_be_a_date():
    query = load_queries(SCHEMAS, "customer_360")[0]
    with pytest.raises(TypeError, match=r"query 'top_segments': the snapshot must be a date"):
        query.sql("lake.gold.customer_360", "2024-03-31")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a date"):
        query.sql("lake.gold.customer_360", datetime(2024, 3, 31))


def test_a_dataset_no_query_reads_has_none_and_a_missing_one_is_a_clear_error(tmp_path):
    assert load_queries(SCHEMAS, "customers") == []
    with pytest.raises(FileNotFoundError, match=r"orders/queries\.json is missing: run `make generate`"):
        load_queries(tmp_path, "orders")


def test_a_template_without_its_placeholders_is_refused(tmp_path):
    raw = json.loads((SCHEMAS / "customer_360" / "queries.json").read_text(encoding="utf-8"))
    raw["queries"][1]["sql"] = raw["queries"][1]["sql"].replace("${TABLE}", "gold.customer_360")
    (tmp_path / "customer_360").mkdir()
    (tmp_path / "customer_360" / "queries.json").write_text(json.dumps(raw))
    with pytest.raises(ValueError, match=r"query 'customer_summary' lacks the placeholder \$\{TABLE\}"):
        load_queries(tmp_path, "customer_360")


def test_the_gold_table_is_queried_by_catalog_name_or_delta_path(contract):
    gold = contract("customer_360")
    assert queryable_name(gold, "/lake/gold") == "lake.gold.customer_360"
    delta = dataclasses.replace(gold, format="delta")
    assert queryable_name(delta, "/lake/gold") == "delta.`/lake/gold/customer_360`"
