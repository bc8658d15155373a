"""Maintenance on real tables: fewer files and snapshots afterwards, the same rows, orphans gone."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pyspark.sql import SparkSession

from lake_jobs.maintenance.job import run_maintenance
from lake_jobs.maintenance.plan import Retention, delta_steps, iceberg_steps

ROWS = "id int, d string"


def _utc_now() -> datetime:
    """The procedures read timestamps in the session time zone, UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def _append_three_times(write) -> None:
    for batch in range(3):
        write([(batch * 10 + i, "2024-01-01") for i in range(3)])


def _fingerprint(spark: SparkSession, table: str) -> tuple:
    row = spark.sql(f"SELECT count(*) AS n, sum(id) AS s FROM {table}").first()
    return (row.n, row.s)


def test_iceberg_maintenance_compacts_expires_and_removes_orphans(spark: SparkSession):
    table = "lake.maintenance_test.events"
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.maintenance_test")
    spark.sql(f"CREATE TABLE {table} (id int, d string) USING iceberg PARTITIONED BY (d)")
    _append_three_times(lambda rows: spark.createDataFrame(rows, ROWS).coalesce(1).writeTo(table).append())
    before = _fingerprint(spark, table)
    assert spark.sql(f"SELECT count(*) FROM {table}.snapshots").first()[0] == 3
    data_dir = Path(
        spark.sql(f"SELECT file_path FROM {table}.files LIMIT 1").first()[0].removeprefix("file:")
    )
    orphan = data_dir.parent / "left-by-a-failed-write.parquet"
    orphan.write_bytes(b"not referenced by any snapshot")
    two_days_ago = time.time() - 2 * 86400
    os.utime(orphan, (two_days_ago, two_days_ago))

    # Every snapshot is past retention except the newest one, which retain_last keeps. The cut-off comes from
    # the table's own commit times: a fast machine commits and cuts off within one clock tick.
    last_millis = spark.sql(f"SELECT unix_millis(max(committed_at)) FROM {table}.snapshots").first()[0]
    last_commit = datetime.fromtimestamp(last_millis / 1000, UTC).replace(tzinfo=None)
    retention = Retention(last_commit + timedelta(seconds=1), retain_days=0, retain_last=1, orphan_days=1)
    results = run_maintenance(spark, iceberg_steps(table, retention))

    assert results["rewrite_data_files"][0]["rewritten_data_files_count"] == 3
    assert spark.sql(f"SELECT count(*) FROM {table}.files").first()[0] == 1
    assert spark.sql(f"SELECT count(*) FROM {table}.snapshots").first()[0] == 1
    assert results["remove_orphan_files"] == [{"orphan_files_removed": 1}]
    assert not orphan.exists()
    assert _fingerprint(spark, table) == before


def test_delta_maintenance_compacts_and_keeps_the_rows(spark: SparkSession, tmp_path: Path):
    location = str(tmp_path / "delta_events")
    _append_three_times(
        lambda rows: (
            spark.createDataFrame(rows, ROWS)
            .coalesce(1)
            .write.format("delta")
            .mode("append")
            .partitionBy("d")
            .save(location)
        )
    )
    table = f"delta.`{location}`"
    before = _fingerprint(spark, table)

    results = run_maintenance(spark, delta_steps(location, Retention(_utc_now(), retain_days=7)))

    metrics = results["optimize"][0]["metrics"]
    assert (metrics["numFilesRemoved"], metrics["numFilesAdded"]) == (3, 1)
    assert spark.sql(f"DESCRIBE DETAIL {table}").first()["numFiles"] == 1
    assert "vacuum" in results
    assert _fingerprint(spark, table) == before
