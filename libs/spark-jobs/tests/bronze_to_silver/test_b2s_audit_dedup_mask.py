"""Record hash (null vs empty), audit columns, deterministic deduplication, and PII masking."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, date, datetime

from pyspark.sql import functions as F

from lake_jobs.bronze_to_silver.audit import RECORD_HASH, add_audit_columns, record_hash
from lake_jobs.bronze_to_silver.dedup import RANK, rank_duplicates
from lake_jobs.bronze_to_silver.mask import mask_pii
from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY

KEY = DEMO_MASK_KEY.encode()

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


NESTED = "a struct<x:string,y:string>, b string, ts timestamp"


def test_record_hash_of_structs_tells_null_from_empty_and_cannot_be_fooled_by_moving_text(spark):
    rows = [
        (None, "b", None),  # a null struct
        ((None, None), "b", None),  # a struct whose fields are all null
        (("", None), "b", None),
        ((None, ""), "b", None),
        (("ab", "c"), "d", None),
        (("a", "bc"), "d", None),
        (("a", "b"), "cd", None),  # text moved across the struct's end
        (("a", "bc"), "d", None),  # the same record as two rows above
    ]
    df = spark.createDataFrame(rows, NESTED)
    hashes = [r[0] for r in df.select(record_hash(df.schema)).collect()]
    assert len(set(hashes[:7])) == 7
    assert hashes[7] == hashes[5]
    audited = add_audit_columns(df, df.schema, date(2026, 11, 20), datetime(2026, 11, 21), "r", F.lit("f"))
    assert [r[RECORD_HASH] for r in audited.collect()] == hashes  # one hash, however it is staged


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


def _address(street, city, state, zip_code, country):
    return F.struct(
        *[
            F.lit(v).cast("string").alias(n)
            for n, v in zip(
                ("street", "city", "state", "zip", "country"),
                (street, city, state, zip_code, country),
                strict=True,
            )
        ]
    )


def test_masking_hides_each_kind_of_pii(spark, contract):
    customers = contract("customers")
    df = spark.createDataFrame(
        [("C1", "jane.doe@example.com", "Jane", "Doe", "5550101234", "active")],
        "customer_id string, email string, first_name string, last_name string, phone string, status string",
    ).withColumn("address", _address("1 Main St", "Austin", "TX", "78701", "US"))
    row = mask_pii(df, customers, KEY).first()
    assert row["email"] == "j***@example.com"
    assert row["phone"] == "******1234"
    assert row["first_name"] == hmac.new(KEY, b"Jane", hashlib.sha256).hexdigest()  # RFC 2104 HMAC-SHA-256
    assert row["first_name"] != hashlib.sha256(b"Jane").hexdigest()  # a list of hashed names matches nothing
    assert (row["customer_id"], row["status"]) == ("C1", "active")  # not PII: untouched


def test_a_struct_keeps_its_fields_that_are_not_pii(spark, contract):
    customers = contract("customers")
    ids = spark.createDataFrame([("C1",), ("C2",)], "customer_id string")
    df = _all_columns(
        ids.withColumn(
            "address",
            F.when(F.col("customer_id") == "C1", _address("1 Main St", "Austin", "TX", "78701", "US")),
        ),
        customers,
        "customer_id",
        "address",
    )
    rows = {r["customer_id"]: r["address"] for r in mask_pii(df, customers, KEY).collect()}
    masked = rows["C1"].asDict()
    assert masked["street"] is None  # its mask: redact
    assert masked["zip"] == hmac.new(KEY, b"78701", hashlib.sha256).hexdigest()  # pii, default mask: hash
    assert (masked["city"], masked["state"], masked["country"]) == ("Austin", "TX", "US")
    assert rows["C2"] is None  # no address stays no address, not a struct of nulls


def _all_columns(df, customers, *columns: str):
    """``df``'s ``columns`` beside typed nulls for the other columns of the contract."""
    types = {f.name: f.dataType for f in customers.source_schema.fields}
    return df.select(
        *[F.col(c) if c in columns else F.lit(None).cast(types[c]).alias(c) for c in customers.column_names]
    )


def test_the_keyed_hash_is_stable_per_key_so_masked_columns_still_join(spark, contract):
    customers = contract("customers")
    long_key = b"k" * 100  # longer than SHA-256's block: RFC 2104 hashes it first
    names = ["Jane", "Zoë", "", None]

    def masked(key: bytes) -> list:
        full = _all_columns(
            spark.createDataFrame([(n,) for n in names], "first_name string"), customers, "first_name"
        )
        return [r["first_name"] for r in mask_pii(full, customers, key).collect()]

    first, again, other, long = (
        masked(KEY),
        masked(KEY),
        masked(b"another-key-of-32-bytes-or-more!"),
        masked(long_key),
    )
    assert first == again  # same key, same value: a join on the masked column matches
    expected = [None if n is None else hmac.new(KEY, n.encode(), hashlib.sha256).hexdigest() for n in names]
    assert first == expected
    assert long[0] == hmac.new(long_key, b"Jane", hashlib.sha256).hexdigest()
    assert all(a != b for a, b in zip(first[:3], other[:3], strict=True))  # another key, other values


def test_the_mask_key_never_appears_in_the_query_plan(spark, contract):
    customers = contract("customers")
    full = _all_columns(spark.createDataFrame([("Jane",)], "first_name string"), customers, "first_name")
    masked = mask_pii(full, customers, KEY)
    plan = masked._jdf.queryExecution().toString()
    inner_pad = bytes(b ^ 0x36 for b in KEY.ljust(64, b"\0")).hex().upper()
    assert "sha2" in plan  # the plan is the masked one
    assert inner_pad[:16] not in plan.upper() and KEY.decode() not in plan
