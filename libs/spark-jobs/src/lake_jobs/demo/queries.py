"""The analytical queries of the lake's gold layer, as Spark SQL for one snapshot date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pyspark.sql import SparkSession

TOP_SEGMENTS = ("VIP", "High Value")


def top_segments_sql(table: str, snapshot: date) -> str:
    """Customers and lifetime value per segment for the two top segments (prunes to two partitions)."""
    segments = ", ".join(f"'{s}'" for s in TOP_SEGMENTS)
    return (
        "SELECT customer_segment, COUNT(*) AS customer_count, SUM(lifetime_value) AS total_lifetime_value "
        f"FROM {table} WHERE snapshot_date = DATE '{snapshot.isoformat()}' "
        f"AND customer_segment IN ({segments}) "
        "GROUP BY customer_segment ORDER BY customer_segment"
    )


def customer_summary_sql(table: str, snapshot: date) -> str:
    """Customers, average lifetime value and last-30-days revenue by segment and churn risk."""
    return (
        "SELECT customer_segment, churn_risk_category, COUNT(*) AS customer_count, "
        "CAST(AVG(lifetime_value) AS DECIMAL(18,2)) AS avg_lifetime_value, "
        "SUM(revenue_last_30_days) AS total_revenue_30d "
        f"FROM {table} WHERE snapshot_date = DATE '{snapshot.isoformat()}' "
        "GROUP BY customer_segment, churn_risk_category ORDER BY customer_segment, churn_risk_category"
    )


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def run_query(spark: SparkSession, sql: str) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (decimals as exact strings)."""
    return [{k: _plain(v) for k, v in row.asDict().items()} for row in spark.sql(sql).collect()]
