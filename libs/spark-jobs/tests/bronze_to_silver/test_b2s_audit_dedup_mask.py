"""Record hash (null vs empty), audit columns, deterministic deduplication, and PII masking."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.audit import RECORD_HASH, add_audit_columns, record_hash
from lake_jobs.bronze_to_silver.dedup import RANK, rank_duplicates
from lake_jobs.bronze_to_silver.mask import mask_pii

SCHEMA = "a string, b string"


def test_record_hash_tells_null_from_empty_and_is_sha256_of_the_tokens(spark):
    df = spark.createDataFrame([("x", None), ("x", ""), (None, "x"), ("x", None)], SCHEMA)
    hashes = [r[0] for r in df.select(record_hash(df.schema)).collect()]
    assert hashes[0] != hashes[1] and hashes[0] != hashes[2]
    assert hashes[0] == hashes[3]
    assert hashes[1] == hashlib.sha256(b"S1:xS0:").hexdigest()


def test_record_hash_cannot_be_fooled_by_moving_text_between_columns(spark):
    df = spark.createDataFrame([("ab", "c"), ("a", "bc")], SCHEMA)
    first, second = (r[0] for r in df.select(record_hash(df.schema)).collect())
    assert first != second


def test_audit_columns(spark):
    df = spark.createDataFrame([("x", "y")], SCHEMA)
    at = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)
    row = add_audit_columns(df, df.schema, date(2026, 11, 20), at, "run-1", F.lit("file:///b/x.json")).first()
    assert row["lake_ingest_date"] == date(2026, 11, 20)
    assert row["lake_processed_at"] == datetime(2026, 11, 21, 2, 30)
    assert (row["lake_run_id"], row["lake_source_file"]) == ("run-1", "file:///b/x.json")
    assert len(row[RECORD_HASH]) == 64


def _winners(df):
    hashed = df.withColumn(RECORD_HASH, record_hash(df.select("id", "v", "ts").schema))
    ranked = rank_duplicates(hashed, ["id"], "ts")
    return sorted((r.id, r.v) for r in ranked.where(F.col(RANK) == 1).collect())


def test_latest_wins_and_ties_break_on_the_hash_whatever_the_input_order(spark):
    t1, t2 = datetime(2026, 11, 20, 1), datetime(2026, 11, 20, 2)
    rows = [
        ("k1", "old", t1),
        ("k1", "new", t2),
        ("k2", "tie-a", t1),
        ("k2", "tie-b", t1),
        ("k3", "only", None),
    ]
    schema = "id string, v string, ts timestamp"
    forward = _winners(spark.createDataFrame(rows, schema))
    backward = _winners(spark.createDataFrame(list(reversed(rows)), schema).repartition(3))
    assert forward == backward
    tie_hashes = {
        r.v: r.h
        for r in spark.createDataFrame(rows[2:4], schema)
        .select("v", record_hash(spark.createDataFrame(rows[2:4], schema).schema).alias("h"))
        .collect()
    }
    expected_tie = max(tie_hashes, key=tie_hashes.get)
    assert forward == [("k1", "new"), ("k2", expected_tie), ("k3", "only")]


def test_masking_hides_each_kind_of_pii(spark, contract):
    customers = contract("customers")
    df = spark.createDataFrame(
        [("C1", "jane.doe@example.com", "Jane", "Doe", "5550101234", "active")],
        "customer_id string, email string, first_name string, last_name string, phone string, status string",
    ).withColumn("address", F.struct(F.lit("1 Main").alias("street")))
    row = mask_pii(df, customers).first()
    assert row["email"] == "j***@example.com"
    assert row["phone"] == "******1234"
    assert row["first_name"] == hashlib.sha256(b"Jane").hexdigest()
    assert row["address"] is None  # redact: a struct cannot be hashed into its own type
    assert (row["customer_id"], row["status"]) == ("C1", "active")  # not PII: untouched
