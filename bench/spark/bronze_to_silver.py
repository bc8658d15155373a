"""Benchmark: bronze -> silver on generated customer rows delivered as JSON lines, three ways in one run.

For each ``--rows`` size, on the same files and in the same process: the seed's job as its write-up describes
it (``seed_silver.py``, measurement only), this project's job (``lake_jobs.bronze_to_silver.job.run_day``:
parse, validate, standardize, dedup, audit, mask, write silver and quarantine, reconcile), and the same
cleansing as one DuckDB query (the single-machine reference). Prints time, rows/s, cost per row and peak
memory of each, the two ratios the job is held to (rows/s against the seed's, time against DuckDB's), and,
with more than one size, how the cost per row changes with the size.

    .venv/bin/python bench/spark/bronze_to_silver.py --rows 1000000 5000000
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from benchlib import (
    MemorySampler,
    Peak,
    add_session_flags,
    machine_note,
    mib,
    scratch,
    session_from_flags,
    size_of,
    timed,
)
from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.bronze_to_silver.mask import hmac_pads
from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY
from lake_jobs.common.contract import Contract, load_contract
from lake_jobs.common.paths import LakePaths, bronze_day_prefix, generated_contract_path
from lake_jobs.synthetic.generate import dataset_records
from lake_jobs.synthetic.writers import write_json_lines
from pyspark.sql import SparkSession
from seed_silver import seed_silver

DAY = date(2024, 3, 31)
WARM_UP_DAY = date(2024, 3, 30)
WARM_UP_ROWS = 20_000
CHUNK = 250_000  # rows generated at a time, so memory stays flat however many rows are asked for
KEY = DEMO_MASK_KEY.encode()


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


def duckdb_hmac(column: str) -> str:
    """HMAC-SHA-256 of ``column`` in DuckDB SQL, the same construction as the job's ``hash`` mask."""
    inner, outer = hmac_pads(KEY)
    return f"sha256(unhex('{outer.hex()}') || unhex(sha256(unhex('{inner.hex()}') || encode({column}))))"


# The job's cleansing for customers, as one DuckDB statement: parse, check, standardize, keep the latest
# row per key, mask PII (the same keyed hash), write zstd Parquet. (It writes no quarantine table and takes no
# counts, so it does less than the Spark job: the ratio favours DuckDB.)
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
           nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '') AS phone, address,
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
         {hmac_first} AS first_name, {hmac_last} AS last_name,
         repeat('*', greatest(length(phone) - 4, 0)) || right(phone, 4) AS phone, NULL AS address,
         created_date, last_updated, status, ingestion_timestamp, DATE '{day}' AS lake_ingest_date
  FROM latest
) TO '{out}' (FORMAT parquet, COMPRESSION zstd)
"""


def check_duckdb_hmac(con: duckdb.DuckDBPyConnection) -> None:
    jane = duckdb_hmac("'Jane'")
    got = con.execute(f"SELECT {jane}").fetchone()[0]
    assert got == hmac.new(KEY, b"Jane", hashlib.sha256).hexdigest(), (
        "DuckDB's HMAC differs from the job's"
    )


def project_job(
    spark: SparkSession,
    contract: Contract,
    quarantine: Contract,
    paths: LakePaths,
    day: date,
) -> dict:
    run = DayRun(
        day,
        "bench",
        paths.bronze,
        paths.silver,
        paths.quarantine,
        datetime.now(UTC),
        True,
        KEY,
    )
    return run_day(spark, contract, quarantine, run)


def measure_size(
    spark: SparkSession,
    sampler: MemorySampler,
    contract: Contract,
    quarantine: Contract,
    work: Path,
    rows: int,
    args: argparse.Namespace,
) -> dict:
    """Generate ``rows`` bronze rows, run the three, print and return their figures."""
    paths = LakePaths.local(work / f"lake-{rows}")
    assert contract.source is not None
    bronze_dir = Path(
        bronze_day_prefix(paths.bronze, contract.source.bronze_prefix, DAY)
    )
    times: dict[str, float] = {}
    peaks: dict[str, Peak] = {}
    with timed(times, "generate"):
        bronze_bytes = write_bronze(
            contract, bronze_dir, rows, args.dirty_share, seed=7
        )
    print(
        f"{rows:,} rows: bronze JSON lines {mib(bronze_bytes)} generated in {times['generate']:.0f}s; {machine_note()}"
    )
    files = f"{bronze_dir}/*.json"
    with timed(times, "seed"), sampler.step(peaks, "seed"):
        seed = seed_silver(spark, files, str(work / f"seed-{rows}"))
    with timed(times, "job"), sampler.step(peaks, "job"):
        metrics = project_job(spark, contract, quarantine, paths, DAY)
    duck_out = work / f"duckdb-{rows}.parquet"
    con = duckdb.connect()
    con.execute(f"SET threads = {args.cores}")
    check_duckdb_hmac(con)
    sql = DUCKDB_SQL.format(
        files=files, out=duck_out, day=DAY.isoformat(),
        hmac_first=duckdb_hmac("first_name"), hmac_last=duckdb_hmac("last_name"),
    )  # fmt: skip
    with timed(times, "duckdb"), sampler.step(peaks, "duckdb"):
        con.execute(sql)
    duck_rows = con.execute(f"SELECT count(*) FROM '{duck_out}'").fetchone()[0]
    con.close()

    read = metrics["rowsRead"]
    rate = {k: rows / times[k] for k in ("seed", "job", "duckdb")}
    silver = size_of(paths.table("silver", contract.name), ".parquet")
    print(
        f"  seed-style baseline: {times['seed']:.1f}s, {rate['seed']:,.0f} rows/s, "
        f"{times['seed'] / rows * 1e6:.1f} us/row; bronze {seed['total']:,}, silver {seed['valid']:,}; "
        f"{peaks['seed'].jvm()}"
    )
    print(
        f"  this project's job:  {times['job']:.1f}s, {rate['job']:,.0f} rows/s, "
        f"{times['job'] / rows * 1e6:.1f} us/row; read {read:,}, written {metrics['rowsWritten']:,}, "
        f"quarantined {metrics['rowsQuarantined']:,}, duplicates {metrics['duplicatesRemoved']:,}; "
        f"{peaks['job'].jvm()}"
    )
    print(
        f"  DuckDB, one query:   {times['duckdb']:.1f}s, {rate['duckdb']:,.0f} rows/s, "
        f"{times['duckdb'] / rows * 1e6:.1f} us/row; {duck_rows:,} rows written; {peaks['duckdb'].python()}"
    )
    print(
        f"  job vs seed baseline: {rate['job'] / rate['seed']:.2f}x the rows/s (goal >= 3); "
        f"job vs DuckDB: {times['job'] / times['duckdb']:.2f}x the time (goal <= 3)"
    )
    print(
        f"  bytes: bronze {mib(bronze_bytes)} -> silver (zstd) {mib(silver)} = "
        f"{bronze_bytes / max(silver, 1):.1f}x smaller"
    )
    if args.compare_codecs:
        compare_codecs(spark, paths, contract, work, rows)
    return {"rows": rows, "times": times}


def compare_codecs(
    spark: SparkSession, paths: LakePaths, contract: Contract, work: Path, rows: int
) -> None:
    silver = spark.read.parquet(paths.table("silver", contract.name))
    times: dict[str, float] = {}
    for codec in ("snappy", "zstd"):
        with timed(times, codec):
            silver.write.mode("overwrite").option("compression", codec).parquet(
                str(work / f"{codec}-{rows}")
            )
    snappy, zstd = (
        size_of(work / f"{c}-{rows}", ".parquet") for c in ("snappy", "zstd")
    )
    print(
        f"  silver rewritten: snappy {mib(snappy)} in {times['snappy']:.1f}s, zstd {mib(zstd)} in "
        f"{times['zstd']:.1f}s (zstd/snappy size {zstd / snappy:.2f})"
    )


def warm_up(
    spark: SparkSession, contract: Contract, quarantine: Contract, work: Path
) -> None:
    """One small untimed day through the baseline and the job, so neither pays for the JIT compiler."""
    paths = LakePaths.local(work / "warm-up")
    assert contract.source is not None
    folder = Path(
        bronze_day_prefix(paths.bronze, contract.source.bronze_prefix, WARM_UP_DAY)
    )
    write_bronze(contract, folder, WARM_UP_ROWS, 0.02, seed=3)
    seed_silver(spark, f"{folder}/*.json", str(work / "warm-up-seed"))
    project_job(spark, contract, quarantine, paths, WARM_UP_DAY)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--dirty-share", type=float, default=0.02)
    add_session_flags(parser, driver_memory="6g")
    parser.add_argument(
        "--compare-codecs",
        action="store_true",
        help="also rewrite silver as snappy and zstd",
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the files here (default: a temporary folder)"
    )
    args = parser.parse_args()

    with scratch(args.workdir, "bench-b2s-") as work:
        print(
            f"bronze -> silver benchmark: sizes {[f'{r:,}' for r in args.rows]}, {machine_note()}"
        )
        contract = load_contract(str(generated_contract_path("customers")))
        quarantine = load_contract(str(generated_contract_path("quarantine")))
        spark = session_from_flags(work, args)
        sampler = MemorySampler(spark)
        warm_up(spark, contract, quarantine, work)
        runs = [
            measure_size(spark, sampler, contract, quarantine, work, n, args)
            for n in args.rows
        ]
        if len(runs) > 1:
            first = runs[0]
            for run in runs[1:]:
                change = ", ".join(
                    f"{k} {first['times'][k] / first['rows'] * 1e6:.1f} -> {run['times'][k] / run['rows'] * 1e6:.1f}"
                    for k in ("seed", "job", "duckdb")
                )
                print(
                    f"cost per row (us) from {first['rows']:,} to {run['rows']:,} rows: {change}"
                )
        spark.stop()


if __name__ == "__main__":
    main()
