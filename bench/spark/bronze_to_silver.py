"""Benchmark: bronze -> silver on generated customer rows delivered as JSON lines.

Prints rows/s of the real job (``lake_jobs.bronze_to_silver.job.run_day``: parse, validate, standardize,
dedup, audit, mask, write silver and quarantine, reconcile), bronze bytes against silver bytes, silver
written with zstd against snappy, and the same cleansing as one DuckDB query over the same files as the
single-machine reference.

    .venv/bin/python bench/spark/bronze_to_silver.py --rows 1000000
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from benchlib import machine_note, mib, scratch, session, size_of, timed
from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.common.contract import load_contract
from lake_jobs.common.paths import LakePaths, bronze_day_prefix, generated_contract_path
from lake_jobs.synthetic.generate import dataset_records
from lake_jobs.synthetic.writers import write_json_lines

DAY = date(2024, 3, 31)
CHUNK = 250_000  # rows generated at a time, so memory stays flat however many rows are asked for


def write_bronze(
    contract, folder: Path, rows: int, dirty_share: float, seed: int
) -> int:
    """JSON lines in files of CHUNK rows; keys are made unique across chunks. Returns the files' bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for part, start in enumerate(range(0, rows, CHUNK)):
        count = min(CHUNK, rows - start)
        records, _manifest, _keys = dataset_records(
            contract, DAY, count, dirty_share, seed + part, {}
        )
        for record in records:
            key = record.values.get("customer_id")
            if isinstance(key, str) and key.strip():
                record.values["customer_id"] = f"{key.strip()}-{part}"
        write_json_lines(folder / f"part-{part:05d}.json", records)
    return size_of(folder)


# The job's cleansing for customers, as one DuckDB statement: parse, check, standardize, keep the latest
# row per key, mask PII, write zstd Parquet. (It writes no quarantine table and takes no counts, so it
# does less than the Spark job: the ratio favours DuckDB.)
DUCKDB_SQL = r"""
COPY (
  WITH raw AS (
    SELECT * FROM read_json('{files}', format = 'newline_delimited', ignore_errors = true,
      columns = {{customer_id: 'VARCHAR', email: 'VARCHAR', first_name: 'VARCHAR', last_name: 'VARCHAR',
                 phone: 'VARCHAR', address: 'STRUCT(street VARCHAR, city VARCHAR, state VARCHAR,
                 zip VARCHAR, country VARCHAR)', created_date: 'VARCHAR', last_updated: 'VARCHAR',
                 status: 'VARCHAR', ingestion_timestamp: 'VARCHAR'}})
  ), typed AS (
    SELECT customer_id, lower(trim(email)) AS email, first_name, last_name,
           regexp_replace(phone, '[^0-9]', '', 'g') AS phone, address,
           TRY_CAST(created_date AS TIMESTAMPTZ) AS created_date,
           TRY_CAST(last_updated AS TIMESTAMPTZ) AS last_updated,
           CASE lower(trim(status)) WHEN 'active' THEN 'active' WHEN 'inactive' THEN 'inactive'
                WHEN 'suspended' THEN 'suspended' END AS status, status AS status_raw,
           TRY_CAST(ingestion_timestamp AS TIMESTAMPTZ) AS ingestion_timestamp,
           created_date AS created_raw, last_updated AS updated_raw
    FROM raw
  ), valid AS (
    SELECT * FROM typed
    WHERE customer_id IS NOT NULL AND trim(customer_id) <> '' AND email IS NOT NULL
      AND regexp_full_match(email, '[^@\s]+@[^@\s]+\.[^@\s]+') AND ingestion_timestamp IS NOT NULL
      AND (status_raw IS NULL OR status IS NOT NULL)
      AND (created_raw IS NULL OR created_date IS NOT NULL) AND (updated_raw IS NULL OR last_updated IS NOT NULL)
  ), latest AS (
    SELECT * FROM valid
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY ingestion_timestamp DESC) = 1
  )
  SELECT customer_id,
         regexp_replace(email, '^(.)[^@]*(@.*)$', '\1***\2') AS email,
         sha256(first_name) AS first_name, sha256(last_name) AS last_name,
         repeat('*', greatest(length(phone) - 4, 0)) || right(phone, 4) AS phone, NULL AS address,
         created_date, last_updated, status, ingestion_timestamp, DATE '{day}' AS lake_ingest_date
  FROM latest
) TO '{out}' (FORMAT parquet, COMPRESSION zstd)
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dirty-share", type=float, default=0.02)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--shuffle-partitions", type=int, default=8)
    parser.add_argument("--driver-memory", default="6g")
    parser.add_argument(
        "--workdir", type=Path, help="keep the files here (default: a temporary folder)"
    )
    args = parser.parse_args()

    with scratch(args.workdir, "bench-b2s-") as work:
        paths = LakePaths.local(work)
        print(
            f"bronze -> silver benchmark: {args.rows:,} customer rows, {machine_note()}"
        )
        contract = load_contract(str(generated_contract_path("customers")))
        quarantine = load_contract(str(generated_contract_path("quarantine")))
        assert contract.source is not None
        bronze_dir = Path(
            bronze_day_prefix(paths.bronze, contract.source.bronze_prefix, DAY)
        )
        times: dict[str, float] = {}
        with timed(times, "generate"):
            bronze_bytes = write_bronze(
                contract, bronze_dir, args.rows, args.dirty_share, seed=7
            )

        spark = session(work, args.cores, args.shuffle_partitions, args.driver_memory)
        spark.range(1).count()  # start the JVM's executors before timing
        run = DayRun(
            DAY,
            "bench",
            paths.bronze,
            paths.silver,
            paths.quarantine,
            datetime.now(UTC),
            mask=True,
        )
        with timed(times, "spark"):
            metrics = run_day(spark, contract, quarantine, run)
        silver_dir = Path(paths.table("silver", contract.name))
        silver_zstd = size_of(silver_dir, ".parquet")

        silver = spark.read.parquet(str(silver_dir))
        snappy_dir = work / "silver-snappy"
        with timed(times, "rewrite_snappy"):
            silver.write.mode("overwrite").option("compression", "snappy").parquet(
                str(snappy_dir)
            )
        zstd_dir = work / "silver-zstd"
        with timed(times, "rewrite_zstd"):
            silver.write.mode("overwrite").option("compression", "zstd").parquet(
                str(zstd_dir)
            )

        duck_out = work / "duckdb-silver.parquet"
        con = duckdb.connect()
        con.execute(f"SET threads = {args.cores}")
        sql = DUCKDB_SQL.format(
            files=f"{bronze_dir}/*.json", out=duck_out, day=DAY.isoformat()
        )
        with timed(times, "duckdb"):
            con.execute(sql)
        duck_rows = con.execute(f"SELECT count(*) FROM '{duck_out}'").fetchone()[0]

        read = metrics["rowsRead"]
        print(
            f"  generated bronze JSON lines in {times['generate']:.0f}s: {mib(bronze_bytes)}"
        )
        print(
            f"  Spark job (run_day): {times['spark']:.1f}s, {read / times['spark']:,.0f} rows/s; read {read:,}, "
            f"written {metrics['rowsWritten']:,}, quarantined {metrics['rowsQuarantined']:,}, "
            f"duplicates {metrics['duplicatesRemoved']:,}"
        )
        print(
            f"  bytes: bronze {mib(bronze_bytes)} -> silver (zstd) {mib(silver_zstd)} "
            f"= {bronze_bytes / max(silver_zstd, 1):.1f}x smaller"
        )
        snappy, zstd = size_of(snappy_dir, ".parquet"), size_of(zstd_dir, ".parquet")
        print(
            f"  silver rewritten: snappy {mib(snappy)} in {times['rewrite_snappy']:.1f}s, "
            f"zstd {mib(zstd)} in {times['rewrite_zstd']:.1f}s (zstd/snappy size {zstd / snappy:.2f})"
        )
        print(
            f"  DuckDB, one query: {times['duckdb']:.1f}s, {read / times['duckdb']:,.0f} rows/s, {duck_rows:,} rows "
            f"written; Spark/DuckDB time ratio {times['spark'] / times['duckdb']:.1f}"
        )
        spark.stop()


if __name__ == "__main__":
    main()
