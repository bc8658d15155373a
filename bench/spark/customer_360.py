"""Benchmark: the customer 360 on generated silver tables, and partition pruning on the gold table.

Silver is generated with Spark itself (``--transactions`` rows, and customers, tickets and web events in
proportion), written as the contracts store it, then ``run_gold`` builds ``--snapshots`` daily
snapshots into the Iceberg table. The same aggregation for the last snapshot then runs as one DuckDB query
over the same silver Parquet (the single-machine reference), with the Spark/DuckDB time ratio and each side's
peak memory. The seed's partitioned query (top segments on one snapshot date) is then run with and without
its partition filters; Iceberg's scan metrics say how many data-file bytes each plan reads.

    .venv/bin/python bench/spark/customer_360.py --transactions 5000000
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
from benchlib import (
    MemorySampler,
    Peak,
    add_session_flags,
    machine_note,
    mib,
    scan_metrics,
    scratch,
    session_from_flags,
    size_of,
    timed,
)
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


def as_parquet_silver(contract: Contract) -> Contract:
    return (
        replace(contract, format="parquet") if contract.layer == "silver" else contract
    )


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


# customer_360 for one snapshot as one DuckDB statement over the silver Parquet: the latest row per key as of
# the snapshot, the three metric groups, the joins and the derived columns, as silver_to_gold computes them
# (metrics.py), written as zstd Parquet. It writes no Iceberg snapshot and checks no contract, so it does less
# than the Spark job: the ratio favours DuckDB.
DUCKDB_360_SQL = """
COPY (
  WITH
{latest},
  tx AS (
    SELECT customer_id, count(*) AS total_transactions, sum(amount)::DECIMAL(18,2) AS lifetime_value,
      avg(amount)::DECIMAL(18,2) AS avg_transaction_amount, min(transaction_date) AS first_transaction_date,
      max(transaction_date) AS last_transaction_date,
      count(DISTINCT product_category)::INT AS unique_categories_purchased,
      list_sort(list_distinct(list(product_category))) AS categories_list,
      sum(CASE WHEN transaction_date > DATE '{snap}' - 30 THEN 1 ELSE 0 END)::INT AS transactions_last_30_days,
      sum(CASE WHEN transaction_date > DATE '{snap}' - 30 THEN amount END)::DECIMAL(18,2) AS revenue_last_30_days
    FROM transactions
    WHERE transaction_date IS NOT NULL AND transaction_date <= DATE '{snap}' AND coalesce(status = 'completed', false)
    GROUP BY customer_id
  ),
  st AS (
    SELECT customer_id, count(*) AS total_tickets,
      count(CASE WHEN status IN ('open', 'pending') THEN 1 END) AS open_tickets,
      avg(resolution_time_hours) AS avg_resolution_time_hours, max(created_date::DATE) AS last_ticket_date,
      avg(satisfaction_score) AS avg_satisfaction_score
    FROM support_tickets WHERE created_date IS NOT NULL AND created_date::DATE <= DATE '{snap}'
    GROUP BY customer_id
  ),
  web AS (
    SELECT customer_id, count(*) AS total_web_visits, count(DISTINCT session_id) AS unique_sessions,
      coalesce(sum(time_spent_seconds), 0)::BIGINT AS total_time_spent_seconds,
      max(event_timestamp::DATE) AS last_visit_date,
      list_sort(list_distinct(list(page_category))) AS visited_categories
    FROM web_events
    WHERE customer_id IS NOT NULL AND event_timestamp IS NOT NULL AND event_timestamp::DATE <= DATE '{snap}'
    GROUP BY customer_id
  ),
  joined AS (
    SELECT c.customer_id, nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') AS full_name, c.email,
      c.phone, c.address.country AS country, c.status,
      coalesce(tx.total_transactions, 0) AS total_transactions, coalesce(tx.lifetime_value, 0) AS lifetime_value,
      tx.avg_transaction_amount, tx.first_transaction_date, tx.last_transaction_date,
      coalesce(tx.unique_categories_purchased, 0) AS unique_categories_purchased,
      coalesce(tx.categories_list, []) AS categories_list,
      coalesce(tx.transactions_last_30_days, 0) AS transactions_last_30_days,
      coalesce(tx.revenue_last_30_days, 0) AS revenue_last_30_days,
      coalesce(st.total_tickets, 0) AS total_tickets, coalesce(st.open_tickets, 0) AS open_tickets,
      st.avg_resolution_time_hours, st.last_ticket_date, st.avg_satisfaction_score,
      coalesce(web.total_web_visits, 0) AS total_web_visits, coalesce(web.unique_sessions, 0) AS unique_sessions,
      coalesce(web.total_time_spent_seconds, 0) AS total_time_spent_seconds, web.last_visit_date,
      coalesce(web.visited_categories, []) AS visited_categories,
      least(c.created_date::DATE, tx.first_transaction_date) AS lifetime_start
    FROM customers c
    LEFT JOIN tx USING (customer_id) LEFT JOIN st USING (customer_id) LEFT JOIN web USING (customer_id)
  ),
  derived AS (
    SELECT *, greatest(DATE '{snap}' - lifetime_start, 0) AS lifetime_days,
      DATE '{snap}' - last_transaction_date AS days_since_last_transaction,
      DATE '{snap}' - last_visit_date AS days_since_last_visit
    FROM joined
  ),
  scored AS (
    SELECT *, lifetime_days / 30.4375 AS customer_lifetime_months,
      CASE WHEN lifetime_start IS NOT NULL THEN (lifetime_value * 30.4375
        / greatest(lifetime_days::DECIMAL(10,4), 30.4375))::DECIMAL(18,2) END AS average_monthly_revenue,
      CASE WHEN lifetime_value > 10000 THEN 'VIP' WHEN lifetime_value > 5000 THEN 'High Value'
           WHEN lifetime_value > 1000 THEN 'Medium Value' ELSE 'Low Value' END AS customer_segment,
      least(coalesce(days_since_last_transaction, 100), 100)::DOUBLE * 0.4
        + least(coalesce(days_since_last_visit, 100), 100)::DOUBLE * 0.3
        + (100.0 - least(greatest(coalesce(avg_satisfaction_score::DOUBLE, 50.0), 0.0), 100.0)) * 0.3
        AS churn_risk_score
    FROM derived
  )
  SELECT * EXCLUDE (lifetime_start, lifetime_days),
    CASE WHEN churn_risk_score > 70 THEN 'High Risk' WHEN churn_risk_score > 40 THEN 'Medium Risk'
         ELSE 'Low Risk' END AS churn_risk_category, DATE '{snap}' AS snapshot_date
  FROM scored
) TO '{out}' (FORMAT parquet, COMPRESSION zstd)
"""


def latest_as_of(dataset: str, key: str) -> str:
    """A CTE with the latest row per key ingested on or before the snapshot, as silver_to_gold picks it."""
    return f"""  {dataset} AS (
    SELECT * FROM read_parquet('{{silver}}/{dataset}/*/*.parquet', hive_partitioning = true)
    WHERE lake_ingest_date <= DATE '{{snap}}'
    QUALIFY row_number() OVER (PARTITION BY {key}
      ORDER BY ingestion_timestamp DESC NULLS LAST, lake_ingest_date DESC, lake_record_hash DESC) = 1
  )"""


LATEST = ",\n".join(
    latest_as_of(d, k)
    for d, k in (
        ("customers", "customer_id"),
        ("transactions", "transaction_id"),
        ("support_tickets", "ticket_id"),
        ("web_events", "event_id"),
    )
)


def duckdb_customer_360(
    silver: str, snapshot: date, out: Path, threads: int
) -> dict[str, int]:
    """Runs the query; returns customers per segment, to compare with the Spark job's."""
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    sql = DUCKDB_360_SQL.replace("{latest}", LATEST)
    con.execute(sql.format(silver=silver, snap=snapshot.isoformat(), out=out))
    query = f"SELECT customer_segment, count(*) FROM '{out}' GROUP BY 1 ORDER BY 1"
    segments = con.execute(query).fetchall()
    con.close()
    return {name: int(n) for name, n in segments}


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
    add_session_flags(parser, driver_memory="8g")
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
        # Every silver input as Parquet, the files DuckDB reads too: a source stored as Iceberg (transactions,
        # a cdc source's current state) is read by the gold job the same way from either format.
        contracts = {
            n: as_parquet_silver(load_contract(str(generated_contract_path(n))))
            for n in (*SOURCES, "customer_360")
        }
        spark = session_from_flags(work, args)
        sampler = MemorySampler(spark)
        peaks: dict[str, Peak] = {}
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
            with timed(times, str(day)), sampler.step(peaks, str(day)):
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
                f"{run.rows_written:,} rows, segments {run.builder_metrics['segments']}; "
                f"{peaks[str(day)].jvm()}"
            )

        last = str(days[-1])
        with timed(times, "duckdb"), sampler.step(peaks, "duckdb"):
            duck_segments = duckdb_customer_360(
                paths.silver, days[-1], work / "duckdb-customer-360.parquet", args.cores
            )
        print(
            f"  DuckDB, the same aggregation for {last} as one query: {times['duckdb']:.1f}s, "
            f"{sum(duck_segments.values()):,} rows, segments {duck_segments}; {peaks['duckdb'].python()}"
        )
        print(
            f"  gold vs DuckDB: {times[last] / times['duckdb']:.2f}x the time (goal <= 3; the last snapshot, warm only when --snapshots > 1)"
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
