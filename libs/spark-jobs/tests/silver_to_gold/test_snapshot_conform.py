"""The source state as of a snapshot date, and the alignment of computed rows with the contract."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from lake_jobs.common.errors import JobFailed
from lake_jobs.silver_to_gold.conform import conform
from lake_jobs.silver_to_gold.snapshot import latest_as_of

SILVER = "id string, status string, updated timestamp, lake_ingest_date date, lake_record_hash string"


def _state(spark: SparkSession, rows: list[tuple], snapshot: date) -> dict[str, str]:
    df = spark.createDataFrame(rows, SILVER)
    latest = latest_as_of(
        df, dataset="t", primary_key=["id"], ordering_column="updated", snapshot_date=snapshot
    )
    return {r.id: r.status for r in latest.collect()}


def test_latest_row_per_key_among_days_ingested_by_the_snapshot(spark):
    t = datetime.fromisoformat
    rows = [
        ("a", "day1", t("2024-03-30 10:00:00"), date(2024, 3, 30), "h1"),
        ("a", "day2", t("2024-03-31 09:00:00"), date(2024, 3, 31), "h2"),
        ("a", "later", t("2024-04-01 09:00:00"), date(2024, 4, 1), "h3"),  # ingested after the snapshot
        ("b", "newer-by-ordering", t("2024-03-30 12:00:00"), date(2024, 3, 30), "h4"),
        ("b", "re-sent-stale", t("2024-03-29 12:00:00"), date(2024, 3, 31), "h5"),  # later day, older data
        ("c", "tie-low-hash", t("2024-03-30 08:00:00"), date(2024, 3, 30), "h6"),
        ("c", "tie-high-hash", t("2024-03-30 08:00:00"), date(2024, 3, 30), "h7"),
    ]
    assert _state(spark, rows, date(2024, 3, 31)) == {
        "a": "day2",
        "b": "newer-by-ordering",
        "c": "tie-high-hash",
    }
    assert _state(spark, rows, date(2024, 3, 30)) == {
        "a": "day1",
        "b": "newer-by-ordering",
        "c": "tie-high-hash",
    }
    assert _state(spark, rows, date(2024, 3, 29)) == {}


def test_silver_rows_without_audit_columns_are_a_clear_error(spark):
    df = spark.createDataFrame([("a", "x")], "id string, status string")
    with pytest.raises(
        JobFailed, match=r"dataset 'orders': silver rows lack the column\(s\) \['lake_ingest_date'"
    ):
        latest_as_of(
            df, dataset="orders", primary_key=["id"], ordering_column=None, snapshot_date=date(2024, 1, 1)
        )


def test_conform_orders_and_casts_to_the_contract_schema(spark):
    schema = T.StructType([T.StructField("b", T.LongType()), T.StructField("a", T.StringType())])
    out = conform(spark.createDataFrame([("x", 1)], "a string, b int"), schema, "t")
    assert out.schema.simpleString() == "struct<b:bigint,a:string>"


def test_conform_names_columns_the_job_and_the_contract_disagree_on(spark):
    schema = T.StructType([T.StructField("a", T.StringType()), T.StructField("c", T.StringType())])
    with pytest.raises(JobFailed, match=r"not computed \['c'\], not in the contract \['b'\]"):
        conform(spark.createDataFrame([("x", 1)], "a string, b int"), schema, "customer_360")
