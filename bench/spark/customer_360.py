"""Benchmark: the customer 360 on generated silver tables, and partition pruning on the gold table.

Silver is generated with Spark itself (``--transactions`` rows, and customers, tickets and web events in
proportion), written as the contracts store it, then ``run_gold`` builds ``--snapshots`` daily
snapshots into the Iceberg table. The seed's partitioned query (top segments on one snapshot date) is then
run with and without its partition filters; Iceberg's scan metrics say how many data-file bytes each plan
reads.

    .venv/bin/python bench/spark/customer_360.py --transactions 5000000
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path

from benchlib import machine_note, mib, scan_metrics, scratch, session, size_of, timed
from lake_jobs.common.contract import Contract, load_contract
from lake_jobs.common.paths import (
    LakePaths,
    generated_contract_path,
    iceberg_table_name,
    workspace_root,
)
from lake_jobs.demo.queries import load_queries
from lake_jobs.silver_to_gold.job import run_gold, silver_reader
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

DAY = date(2024, 3, 31)
INGESTED = DAY - timedelta(
    days=7
)  # silver holds one ingest day, before every snapshot, so each sees it all
SOURCES = ("customers", "transactions", "support_tickets", "web_events")


def pick(values: list[str], n: Column) -> Column:
    return F.element_at(
        F.array(*[F.lit(v) for v in values]), (n % len(values)).cast("int") + 1
    )


def key(prefix: str, n: Column) -> Column:
    return F.format_string(f"{prefix}%09d", n)


def silver_columns(name: str, customers: int) -> dict[str, Column]:
    """Deterministic values per row number ``id``; customers are spread over every row of the others."""
    i = F.col("id")
    customer = key("C", F.abs(F.xxhash64(i)) % customers)
    day = F.lit(INGESTED)
    ts = F.to_timestamp(F.lit(f"{INGESTED} 00:00:00"))
    if name == "customers":
        return {
            "customer_id": key("C", i),
            "email": F.format_string("c%d@example.com", i),
            "first_name": pick(["Ana", "Ben", "Chen"], i),
            "last_name": pick(["Kim", "Rossi", "Silva"], i),
            "address": F.struct(
                F.lit("1 Main St").alias("street"),
                F.lit("Austin").alias("city"),
                F.lit("TX").alias("state"),
                F.lit("73301").alias("zip"),
                pick(["US", "GB", "FR", "PT"], i).alias("country"),
            ),
            "created_date": ts - F.make_interval(days=(i % 900).cast("int")),
            "status": pick(["active", "active", "inactive", "suspended"], i),
        }
    if name == "transactions":
        return {
            "transaction_id": key("T", i),
            "customer_id": customer,
            "transaction_date": F.date_sub(day, (i * 7 % 400).cast("int")),
            "amount": ((i * 37) % 60_000 / 100).cast("decimal(12,2)"),
            "currency": pick(["USD", "EUR", "GBP"], i),
            "product_category": pick(["books", "toys", "home", "garden", "sports"], i),
            "payment_method": pick(["card", "paypal", "bank_transfer", "gift_card"], i),
            "status": pick(["completed"] * 8 + ["pending", "refunded"], i),
        }
    if name == "support_tickets":
        return {
            "ticket_id": key("ST", i),
            "customer_id": customer,
            "created_date": ts - F.make_interval(hours=(i % 9000).cast("int")),
            "status": pick(["open", "pending", "resolved", "closed"], i),
            "resolution_time_hours": (i % 200).cast("double") / 3,
            "satisfaction_score": (i % 101).cast("int"),
        }
    return {
        "event_id": key("WE", i),
        "customer_id": F.when(i % 10 != 0, customer),
        "session_id": key("S", (i / 5).cast("long")),
        "event_timestamp": ts - F.make_interval(mins=(i % 500_000).cast("int")),
        "event_type": pick(["page_view", "click", "search"], i),
        "page_category": pick(["home", "shop", "help"], i),
        "time_spent_seconds": (i % 600).cast("int"),
    }


def write_silver(
    spark: SparkSession, contract: Contract, rows: int, customers: int, root: str
) -> None:
    values = silver_columns(contract.name, customers)
    audit = {
        "lake_ingest_date": F.lit(INGESTED),
        "lake_processed_at": F.current_timestamp(),
        "lake_run_id": F.lit("bench"),
        "lake_source_file": F.lit("generated"),
        "ingestion_timestamp": F.to_timestamp(F.lit(f"{INGESTED} 01:00:00")),
    }
    frame: DataFrame = spark.range(rows).select(
        *[
            (values.get(f.name) if f.name in values else audit.get(f.name, F.lit(None)))
            .cast(f.dataType)
            .alias(f.name)
            for f in contract.table_schema.fields
            if f.name != "lake_record_hash"
        ],
    )
    frame = frame.withColumn(
        "lake_record_hash", F.sha2(F.col(contract.primary_key[0]), 256)
    )
    frame.select(*contract.table_schema.fieldNames()).write.mode(
        "overwrite"
    ).partitionBy(*contract.partition_keys).option("compression", "zstd").parquet(
        f"{root}/{contract.name}"
    )


def bytes_scanned(spark: SparkSession, sql: str) -> tuple[int, int]:
    df = spark.sql(sql)
    df.collect()
    metrics = scan_metrics(df)
    return sum(m.get("totalDataFileSize", 0) for m in metrics), sum(
        m.get("resultDataFiles", 0) for m in metrics
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--transactions", type=int, default=5_000_000)
    parser.add_argument("--customers", type=int, help="default: transactions / 10")
    parser.add_argument(
        "--snapshots",
        type=int,
        default=3,
        help="daily snapshots to build, ending on the run day",
    )
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--shuffle-partitions", type=int, default=8)
    parser.add_argument("--driver-memory", default="8g")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()

    customers = args.customers or max(args.transactions // 10, 1)
    rows = {
        "customers": customers,
        "transactions": args.transactions,
        "support_tickets": max(customers // 2, 1),
        "web_events": args.transactions,
    }
    with scratch(args.workdir, "bench-c360-") as work:
        paths = LakePaths.local(work)
        print(
            f"customer_360 benchmark: silver rows {rows}, {args.snapshots} snapshots, {machine_note()}"
        )
        contracts = {
            n: load_contract(str(generated_contract_path(n)))
            for n in (*SOURCES, "customer_360")
        }
        spark = session(work, args.cores, args.shuffle_partitions, args.driver_memory)
        times: dict[str, float] = {}
        with timed(times, "silver"):
            for name in SOURCES:
                write_silver(
                    spark, contracts[name], rows[name], customers, paths.silver
                )
        print(
            f"  silver written in {times['silver']:.0f}s: {mib(size_of(paths.silver, '.parquet'))}"
        )

        days = [DAY - timedelta(days=n) for n in reversed(range(args.snapshots))]
        for day in days:
            with timed(times, str(day)):
                run = run_gold(
                    spark,
                    contract=contracts["customer_360"],
                    input_contracts=contracts,
                    read_silver=silver_reader(spark, paths.silver),
                    gold_root=paths.gold,
                    snapshot_date=day,
                    run_id=f"bench-{day:%Y%m%d}",
                    processed_at=datetime(2024, 4, 1),
                )
            per_s = rows["transactions"] / times[str(day)]
            print(
                f"  customer_360 snapshot {day}: {times[str(day)]:.1f}s ({per_s:,.0f} transactions/s), "
                f"{run.rows_written:,} rows, segments {run.builder_metrics['segments']}"
            )

        table = iceberg_table_name("gold", "customer_360")
        queries = load_queries(workspace_root() / "dist" / "schemas", "customer_360")
        pruned_sql = next(q for q in queries if q.name == "top_segments").sql(
            table, DAY
        )
        full_sql = (
            "SELECT customer_segment, COUNT(*) AS customer_count, SUM(lifetime_value) AS total_lifetime_value "
            f"FROM {table} GROUP BY customer_segment"
        )
        pruned, pruned_files = bytes_scanned(spark, pruned_sql)
        full, full_files = bytes_scanned(spark, full_sql)
        print(
            f"  gold query, top segments on {DAY}: scans {mib(pruned)} in {pruned_files} files with partition "
            f"pruning vs {mib(full)} in {full_files} files for a full scan ({pruned / full:.1%} of the bytes)"
        )
        spark.stop()


if __name__ == "__main__":
    main()
