"""The artifacts `make generate` writes from the contracts, checked on real Spark.

Each generated ``spark.json`` must load with ``StructType.fromJson`` and equal the schema written here by
hand from ``libs/schemas/CONTRACT.md``; each generated Spark DDL must execute (Iceberg through a Hadoop
catalog, Parquet as external tables); and a DataFrame with the generated schema, written to Parquet, must
read back with exactly the names and types of the generated Glue columns.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pyspark.sql import SparkSession
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    IntegerType,
    LongType,
    MapType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

from lake_jobs.common.paths import workspace_root

SCHEMAS = workspace_root() / "dist" / "schemas"


def _f(name: str, data_type: DataType, nullable: bool = True) -> StructField:
    return StructField(name, data_type, nullable)


S, TS, D = StringType(), TimestampType(), DateType()
SILVER_AUDIT = [
    _f("lake_ingest_date", D, False),
    _f("lake_processed_at", TS, False),
    _f("lake_run_id", S, False),
    _f("lake_source_file", S, False),
    _f("lake_record_hash", S, False),
]
GOLD_AUDIT = [_f("lake_processed_at", TS, False), _f("lake_run_id", S, False)]
MONEY = DecimalType(18, 2)

EXPECTED: dict[str, StructType] = {
    "customers": StructType(
        [
            _f("customer_id", S, False),
            _f("email", S, False),
            _f("first_name", S),
            _f("last_name", S),
            _f("phone", S),
            _f(
                "address",
                StructType([_f(n, S) for n in ("street", "city", "state", "zip", "country")]),
            ),
            _f("created_date", TS),
            _f("last_updated", TS),
            _f("status", S),
            _f("ingestion_timestamp", TS, False),
            *SILVER_AUDIT,
        ]
    ),
    "transactions": StructType(
        [
            _f("transaction_id", S, False),
            _f("customer_id", S, False),
            _f("transaction_date", D, False),
            _f("amount", DecimalType(12, 2), False),
            _f("currency", S),
            _f("product_category", S),
            _f("payment_method", S),
            _f("status", S),
            _f("ingestion_timestamp", TS, False),
            *SILVER_AUDIT,
        ]
    ),
    "support_tickets": StructType(
        [
            _f("ticket_id", S, False),
            _f("customer_id", S, False),
            _f("created_date", TS, False),
            _f("resolved_date", TS),
            _f("status", S, False),
            _f("priority", S),
            _f("subject", S),
            _f("resolution_time_hours", DoubleType()),
            _f("satisfaction_score", IntegerType()),
            _f("ingestion_timestamp", TS, False),
            *SILVER_AUDIT,
        ]
    ),
    "web_events": StructType(
        [
            _f("event_id", S, False),
            _f("customer_id", S),
            _f("session_id", S, False),
            _f("event_timestamp", TS, False),
            _f("event_type", S, False),
            _f("page_url", S),
            _f("page_category", S),
            _f("time_spent_seconds", IntegerType()),
            _f("device", S),
            _f("properties", MapType(S, S, True)),
            _f("ingestion_timestamp", TS, False),
            *SILVER_AUDIT,
        ]
    ),
    "customer_360": StructType(
        [
            _f("customer_id", S, False),
            _f("full_name", S),
            _f("email", S),
            _f("phone", S),
            _f("country", S),
            _f("status", S),
            _f("total_transactions", LongType(), False),
            _f("lifetime_value", MONEY, False),
            _f("avg_transaction_amount", MONEY),
            _f("first_transaction_date", D),
            _f("last_transaction_date", D),
            _f("unique_categories_purchased", IntegerType(), False),
            _f("categories_list", ArrayType(S, True)),
            _f("transactions_last_30_days", IntegerType(), False),
            _f("revenue_last_30_days", MONEY, False),
            _f("total_tickets", LongType(), False),
            _f("open_tickets", LongType(), False),
            _f("avg_resolution_time_hours", DoubleType()),
            _f("last_ticket_date", D),
            _f("avg_satisfaction_score", DoubleType()),
            _f("total_web_visits", LongType(), False),
            _f("unique_sessions", LongType(), False),
            _f("total_time_spent_seconds", LongType(), False),
            _f("last_visit_date", D),
            _f("visited_categories", ArrayType(S, True)),
            _f("customer_lifetime_months", DoubleType()),
            _f("average_monthly_revenue", MONEY),
            _f("days_since_last_transaction", IntegerType()),
            _f("days_since_last_visit", IntegerType()),
            _f("customer_segment", S, False),
            _f("churn_risk_score", DoubleType()),
            _f("churn_risk_category", S, False),
            _f("snapshot_date", D, False),
            *GOLD_AUDIT,
        ]
    ),
}


def _datasets() -> list[str]:
    index = SCHEMAS / "index.json"
    if not index.is_file():
        raise FileNotFoundError(f"{index} is missing: run `make generate` (or `npx nx run schemas:generate`)")
    entries = json.loads(index.read_text())["datasets"]
    return sorted(e if isinstance(e, str) else e["name"] for e in entries)


DATASETS = _datasets()


def _artifact(dataset: str, name: str) -> Path:
    return SCHEMAS / dataset / name


def _without_metadata(schema: StructType) -> StructType:
    """Comments live in field metadata; the hand-written schemas compare names, types and nullability."""
    return StructType.fromJson(json.loads(re.sub(r'"metadata":\{[^{}]*\}', '"metadata":{}', schema.json())))


def _glue(dataset: str) -> dict:
    return json.loads(_artifact(dataset, "glue.json").read_text())


def test_every_seed_dataset_is_generated():
    assert set(EXPECTED) <= set(DATASETS)
    for dataset in DATASETS:
        for name in ("glue.json", "spark.json", "schema.json", "dqdl.txt", "contract.json"):
            assert _artifact(dataset, name).is_file(), f"{dataset}: {name} was not generated"


@pytest.mark.parametrize("dataset", sorted(EXPECTED))
def test_spark_json_loads_and_equals_the_hand_written_schema(dataset: str):
    raw = json.loads(_artifact(dataset, "spark.json").read_text())
    for field in raw["fields"]:
        assert set(field) == {"name", "type", "nullable", "metadata"}, f"{dataset}.{field['name']}"
    schema = StructType.fromJson(raw)
    assert _without_metadata(schema) == EXPECTED[dataset]
    # StructType.jsonValue is the format's definition: what Spark writes back must be what was generated.
    assert schema.jsonValue() == raw


@pytest.mark.parametrize("dataset", DATASETS)
def test_spark_json_round_trips_for_every_dataset(dataset: str):
    raw = json.loads(_artifact(dataset, "spark.json").read_text())
    assert StructType.fromJson(raw).jsonValue() == raw


def _glue_types(columns: list[dict]) -> list[tuple[str, str]]:
    return [(c["name"], c["type"]) for c in columns]


def _sample_value(data_type: DataType):
    """One non-null value of any type, so every column (nested ones too) is really written."""
    if isinstance(data_type, StructType):
        return tuple(_sample_value(f.dataType) for f in data_type.fields)
    if isinstance(data_type, ArrayType):
        return [_sample_value(data_type.elementType)]
    if isinstance(data_type, MapType):
        return {"k": _sample_value(data_type.valueType)}
    samples = {
        StringType: "x",
        IntegerType: 7,
        LongType: 7,
        DoubleType: 1.5,
        BooleanType: True,
        DateType: date(2026, 11, 20),
        TimestampType: datetime(2026, 11, 20, 8, 30, tzinfo=UTC),
    }
    if isinstance(data_type, DecimalType):
        return Decimal(1).scaleb(-data_type.scale)
    for kind, value in samples.items():
        if isinstance(data_type, kind):
            return value
    raise AssertionError(f"no sample value for {data_type.simpleString()}")


@pytest.mark.parametrize("dataset", DATASETS)
def test_parquet_written_with_the_spark_schema_reads_back_as_the_glue_columns(
    spark: SparkSession, tmp_path: Path, dataset: str
):
    schema = StructType.fromJson(json.loads(_artifact(dataset, "spark.json").read_text()))
    glue = _glue(dataset)
    partition_keys = [c["name"] for c in glue["partitionKeys"]]
    df = spark.createDataFrame([_sample_value(schema)], schema)
    target = str(tmp_path / dataset)
    df.write.partitionBy(*partition_keys).parquet(target)

    # Read with no schema: names and types come from the Parquet files and the partition folders alone.
    back = spark.read.parquet(target)
    assert back.count() == 1
    data = [(f.name, f.dataType.simpleString()) for f in back.schema.fields if f.name not in partition_keys]
    assert data == _glue_types(glue["columns"])
    types = {f.name: f.dataType.simpleString() for f in back.schema.fields}
    assert [(k, types[k]) for k in partition_keys] == _glue_types(glue["partitionKeys"])


def _describe_columns(spark: SparkSession, table: str) -> list[tuple[str, str]]:
    rows = spark.sql(f"DESCRIBE TABLE {table}").collect()
    columns = []
    for row in rows:
        if not row.col_name or row.col_name.startswith("#"):
            break  # the partition and detail sections repeat columns
        columns.append((row.col_name, row.data_type))
    return columns


@pytest.mark.parametrize("dataset", DATASETS)
def test_generated_spark_ddl_executes_and_creates_the_glue_columns(
    spark: SparkSession, tmp_path: Path, dataset: str
):
    ddl = _artifact(dataset, "ddl.spark.sql").read_text()
    head = ddl.split("(", 1)[0]
    match = re.match(r"CREATE TABLE IF NOT EXISTS (?:(\w+)\.)?(\w+)\.(\w+) $", head.strip() + " ")
    assert match, f"{dataset}: unexpected DDL head {head!r}"
    catalog, database, table = match.groups()
    # Run against a catalog and databases of this test's own, so no other test's tables are touched.
    if catalog:
        spark.conf.set("spark.sql.catalog.ddl_check", "org.apache.iceberg.spark.SparkCatalog")
        spark.conf.set("spark.sql.catalog.ddl_check.type", "hadoop")
        spark.conf.set("spark.sql.catalog.ddl_check.warehouse", (tmp_path / "warehouse").as_uri())
        qualified = f"ddl_check.{database}_check.{table}"
        spark.sql(f"CREATE NAMESPACE IF NOT EXISTS ddl_check.{database}_check")
    else:
        qualified = f"{database}_check.{table}"
        spark.sql(f"CREATE DATABASE IF NOT EXISTS {database}_check")
    statement = ddl.replace(head, f"CREATE TABLE IF NOT EXISTS {qualified} ", 1)
    statement = statement.replace("${LAKE_ROOT}", tmp_path.as_uri()).rstrip().rstrip(";")
    spark.sql(statement)

    glue = _glue(dataset)
    expected = _glue_types(glue["columns"]) + _glue_types(glue["partitionKeys"])
    assert sorted(_describe_columns(spark, qualified)) == sorted(expected)
    if catalog:
        described = spark.sql(f"DESCRIBE TABLE {qualified}").collect()
        partitioning = [r.data_type for r in described if r.col_name.startswith("Part ")]
        assert partitioning == [c["name"] for c in glue["partitionKeys"]]
