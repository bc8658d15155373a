"""The local session's settings, the run report, and replacing a run's scope in each table format."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from lake_jobs.common.paths import LakePaths, iceberg_table_name
from lake_jobs.common.report import RunReport, report_uri, write_report
from lake_jobs.common.session import RUNTIME_CONF, local_conf, session_conf
from lake_jobs.common.storage import list_dirs
from lake_jobs.common.tables import (
    current_summary_value,
    read_table,
    replace_scope,
    replace_table,
    rows_per_value,
    scope_sql,
    table_location,
)
from tests.conftest import build_contract


def test_local_conf_sets_the_catalog_extensions_and_jars(tmp_path: Path):
    jar = tmp_path / "x.jar"
    conf = local_conf(str(tmp_path / "lake"), [jar], shuffle_partitions=3)
    assert conf["spark.jars"] == str(jar)
    assert conf["spark.sql.catalog.lake.type"] == "hadoop"
    assert conf["spark.sql.catalog.lake.warehouse"] == (tmp_path / "lake" / "warehouse").as_uri()
    assert "IcebergSparkSessionExtensions" in conf["spark.sql.extensions"]
    assert "DeltaSparkSessionExtension" in conf["spark.sql.extensions"]
    assert conf["spark.sql.shuffle.partitions"] == "3"
    assert conf["spark.ui.enabled"] == "false"


def test_the_running_session_has_the_runtime_settings(spark):
    for key, value in RUNTIME_CONF.items():
        assert spark.conf.get(key) == value


def test_a_setting_for_a_block_is_restored_after_it_even_on_failure(spark):
    key = "spark.sql.inMemoryColumnarStorage.batchSize"
    assert spark.conf.get(key, None) is None
    with pytest.raises(RuntimeError), session_conf(spark, key, "7"):
        assert spark.conf.get(key) == "7"
        raise RuntimeError("the block fails")
    assert spark.conf.get(key, None) is None
    spark.conf.set(key, "500")
    try:
        with session_conf(spark, key, "7"):
            assert spark.conf.get(key) == "7"
        assert spark.conf.get(key) == "500"
    finally:
        spark.conf.unset(key)


def test_report_is_json_at_a_path_per_job_dataset_and_day(tmp_path: Path):
    report = RunReport("bronze_to_silver", "customers", "customers-20261120", date(2026, 11, 20), "dev")
    report.started_at = datetime(2026, 11, 21, 2, tzinfo=UTC)
    report.metrics = {"rowsRead": 3}
    where = write_report(report, str(tmp_path))
    assert where == report_uri(str(tmp_path), "bronze_to_silver", "customers", date(2026, 11, 20))
    body = json.loads(Path(where).read_text())
    assert body["run_date"] == "2026-11-20" and body["metrics"] == {"rowsRead": 3}
    assert body["started_at"] == "2026-11-21T02:00:00+00:00" and body["reportVersion"] == 1


def test_scope_sql_quotes_values():
    assert scope_sql({"d": date(2026, 11, 20), "s": "it's"}) == "`d` = DATE '2026-11-20' AND `s` = 'it\\'s'"


def _snapshots():
    return build_contract(
        "snapshots",
        [("id", "string", False), ("segment", "string", False), ("day", "date", False)],
        partition_keys=["day", "segment"],
        source_format=None,
    )


def _rows(spark, rows):
    return spark.createDataFrame(rows, "id string, segment string, day date")


D1, D2 = date(2026, 11, 20), date(2026, 11, 21)


def _replace_twice(spark, contract, root):
    """Day 1 with two segments, day 2, then a rerun of day 1 that no longer has the "low" segment."""
    replace_scope(spark, _rows(spark, [("a", "vip", D1), ("b", "low", D1)]), contract, root, {"day": D1})
    replace_scope(spark, _rows(spark, [("c", "low", D2)]), contract, root, {"day": D2})
    replace_scope(spark, _rows(spark, [("a2", "vip", D1)]), contract, root, {"day": D1})
    return sorted((r.id, r.segment, r.day) for r in read_table(spark, contract, root).collect())


def test_parquet_replace_removes_stale_partitions_and_empties_a_scope(spark, tmp_path):
    contract, root = _snapshots(), str(tmp_path)
    assert _replace_twice(spark, contract, root) == [("a2", "vip", D1), ("c", "low", D2)]
    replace_scope(spark, _rows(spark, []), contract, root, {"day": D1})
    assert [r.id for r in read_table(spark, contract, root).collect()] == ["c"]
    assert [Path(p).name for p in list_dirs(table_location(contract, root))] == ["day=2026-11-21"]


@pytest.mark.parametrize("fmt", ["delta", "iceberg"])
def test_table_formats_replace_exactly_the_scope(spark, tmp_path, fmt):
    contract = replace(_snapshots(), format=fmt, name=f"snapshots_{fmt}_{tmp_path.name[-8:]}".lower())
    assert _replace_twice(spark, contract, str(tmp_path)) == [("a2", "vip", D1), ("c", "low", D2)]


def test_reading_a_table_never_written_gives_no_rows(spark, tmp_path):
    assert read_table(spark, _snapshots(), str(tmp_path)).count() == 0
    assert LakePaths(str(tmp_path)).table("silver", "x") == f"{tmp_path}/silver/x"


@pytest.mark.parametrize("fmt", ["parquet", "delta", "iceberg"])
def test_rows_per_partition_value_are_the_rows_stored_in_every_format(spark, tmp_path, fmt):
    contract = replace(_snapshots(), format=fmt, name=f"counted_{fmt}_{tmp_path.name[-8:]}".lower())
    root = str(tmp_path)
    assert rows_per_value(spark, contract, root, "day") == {}
    _replace_twice(spark, contract, root)
    assert rows_per_value(spark, contract, root, "day") == {str(D1): 1, str(D2): 1}
    assert rows_per_value(spark, contract, root, "segment") == {"vip": 1, "low": 1}
    with pytest.raises(ValueError, match="'id' is not a partition key"):
        rows_per_value(spark, contract, root, "id")


def test_a_state_commit_summary_is_read_from_the_current_ancestry_and_goes_back_with_a_rollback(
    spark, tmp_path
):
    contract = replace(_snapshots(), format="iceberg", name=f"summary_{tmp_path.name[-8:]}".lower())
    root, key = str(tmp_path), "lake.change-day"
    assert current_summary_value(spark, contract, root, key) is None  # no table yet
    replace_table(spark, _rows(spark, [("a", "vip", D1)]), contract, root, summary={key: "2026-11-20"})
    where = table_location(contract, root)
    first = spark.table(f"{where}.snapshots").where("summary['lake.change-day'] = '2026-11-20'").first()
    replace_table(spark, _rows(spark, [("b", "vip", D2)]), contract, root, summary={key: "2026-11-21"})
    replace_table(spark, _rows(spark, [("b", "vip", D2)]), contract, root)  # a commit without it: passed over
    assert current_summary_value(spark, contract, root, key) == "2026-11-21"
    catalog, table = where.split(".", 1)
    spark.sql(f"CALL {catalog}.system.rollback_to_snapshot('{table}', {first['snapshot_id']})")
    assert current_summary_value(spark, contract, root, key) == "2026-11-20"
    assert current_summary_value(spark, replace(contract, format="delta"), root, key) is None


def test_iceberg_rows_per_value_subtract_rows_a_delete_file_removed(spark, tmp_path):
    # The manifests' record counts do not subtract merge-on-read deletes: the figure must still be the rows.
    contract = replace(_snapshots(), format="iceberg", name=f"deleted_{tmp_path.name[-8:]}".lower())
    replace_scope(
        spark, _rows(spark, [("a", "vip", D1), ("b", "vip", D1)]), contract, str(tmp_path), {"day": D1}
    )
    replace_scope(spark, _rows(spark, [("c", "low", D2)]), contract, str(tmp_path), {"day": D2})
    name = iceberg_table_name(contract.layer, contract.name)
    spark.sql(f"ALTER TABLE {name} SET TBLPROPERTIES ('write.delete.mode' = 'merge-on-read')")
    spark.sql(f"DELETE FROM {name} WHERE id = 'b'")
    deletes = spark.table(f"{name}.partitions").agg({"position_delete_record_count": "sum"}).first()[0]
    assert deletes == 1  # the delete wrote a delete file, as the case needs
    assert rows_per_value(spark, contract, str(tmp_path), "day") == {str(D1): 1, str(D2): 1}
