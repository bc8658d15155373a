"""The bronze -> silver job end to end on generated dirty data: exact reconciliation with the generator's
manifest, drift, masking, reruns, and a failure injected part-way followed by a rerun."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pyspark.sql import functions as F
from pyspark.sql.functions import udf

from lake_jobs.bronze_to_silver import main
from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY, KEY_ENV
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.paths import LakePaths, generated_contract_path
from lake_jobs.common.tables import read_table
from lake_jobs.demo.session import lake_session
from lake_jobs.synthetic import generate
from lake_jobs.synthetic.values import UNICODE_TEXT

DAY = date(2026, 11, 20)
SOURCES = ["customers", "transactions", "support_tickets", "web_events"]
PROCESSED_AT = datetime(2026, 11, 21, 3, tzinfo=UTC)
KEY = DEMO_MASK_KEY.encode()


def day_run(paths: LakePaths, dataset: str, *, mask: bool = True, at: datetime = PROCESSED_AT) -> DayRun:
    return DayRun(DAY, f"{dataset}-20261120", paths.bronze, paths.silver, paths.quarantine, at, mask, KEY)


@dataclass
class Lake:
    paths: LakePaths
    manifest: object
    metrics: dict


@pytest.fixture(scope="module")
def lake(spark, contract, tmp_path_factory) -> Lake:
    paths = LakePaths(str(tmp_path_factory.mktemp("e2e")))
    manifest = generate([contract(d) for d in SOURCES], Path(paths.bronze), DAY, 120, 0.3, seed=11)
    quarantine = contract("quarantine")
    session = lake_session(paths.root, spark)  # transactions' Iceberg table in this lake's own catalog
    metrics = {d: run_day(session, contract(d), quarantine, day_run(paths, d)) for d in SOURCES}
    return Lake(paths, manifest, metrics)


def silver(spark, contract, paths: LakePaths, dataset: str):
    return read_table(spark, contract(dataset), paths.silver).where(F.col("lake_ingest_date") == DAY)


def quarantined(spark, contract, paths: LakePaths, dataset: str):
    table = read_table(spark, contract("quarantine"), "", location=paths.quarantine)
    return table.where((F.col("dataset") == dataset) & (F.col("ingest_date") == DAY))


@pytest.mark.parametrize("dataset", SOURCES)
def test_report_reconciles_exactly_with_the_generator_manifest(lake, dataset):
    expected = lake.manifest.datasets[dataset].expected
    got = lake.metrics[dataset]
    assert {k: got[k] for k in expected} == expected
    assert got["rowsRead"] == got["rowsWritten"] + got["rowsQuarantined"] + got["duplicatesRemoved"]


def test_the_generated_day_holds_every_kind_of_dirt(lake):
    kinds = {k for entry in lake.manifest.datasets.values() for k, n in entry.dirt.items() if n > 0}
    assert {
        "duplicate", "null_key", "malformed", "bad_email", "bad_phone", "mixed_dates", "unknown_enum",
        "extra_column", "missing_column", "wrong_type", "unicode", "duplicate_key",
        "breaks:compare:resolved_date+created_date", "breaks:null_when:resolved_date+status",
        "breaks:null_when:resolution_time_hours+status", "breaks:duration:resolution_time_hours",
        "breaks:compare:last_updated+created_date",
    } <= kinds  # fmt: skip


def test_cross_column_breaks_are_quarantined_when_blocking_and_counted_when_warnings(spark, contract, lake):
    entry = lake.manifest.datasets["support_tickets"]
    rows = quarantined(spark, contract, lake.paths, "support_tickets").collect()
    by_key = {
        json.loads(r.raw_record)["ticket_id"]: r.reasons for r in rows if r.reasons != ["malformed_record"]
    }
    for kind in ("compare:resolved_date+created_date", "null_when:resolved_date+status"):
        keys = entry.sample_keys[f"breaks:{kind}"]
        assert keys and all(by_key[k] == [kind] for k in keys)
    written = {r.ticket_id for r in silver(spark, contract, lake.paths, "support_tickets").collect()}
    for kind in ("null_when:resolution_time_hours+status", "duration:resolution_time_hours"):
        assert set(entry.sample_keys[f"breaks:{kind}"]) <= written
    warnings = lake.metrics["support_tickets"]["warningsByRule"]
    broken = ("resolution_time_hours+status.null_when", "resolution_time_hours.duration")
    kinds = {f"support_tickets.{b}": "breaks:{1}:{0}".format(*b.rsplit(".", 1)) for b in broken}
    assert warnings == {rule: entry.dirt[kind] for rule, kind in kinds.items()} and all(warnings.values())
    assert lake.metrics["customers"]["warningsByRule"] == {
        "customers.last_updated+created_date.compare": lake.manifest.datasets["customers"].dirt[
            "breaks:compare:last_updated+created_date"]
    }  # fmt: skip


def test_no_silver_ticket_is_resolved_before_created_or_open_with_a_resolution(spark, contract, lake):
    tickets = silver(spark, contract, lake.paths, "support_tickets")
    assert tickets.where(F.col("resolved_date").isNotNull()).count() > 0
    assert tickets.where(F.col("resolved_date") < F.col("created_date")).count() == 0
    open_ones = tickets.where(F.col("status").isin("open", "pending"))
    assert open_ones.count() > 0 and open_ones.where(F.col("resolved_date").isNotNull()).count() == 0


def test_a_json_record_naming_a_key_twice_is_quarantined_for_it(spark, contract, lake):
    entry = lake.manifest.datasets["customers"]
    rows = quarantined(spark, contract, lake.paths, "customers").collect()
    twice = [r for r in rows if r.reasons == ["duplicate_key:customer_id"]]
    assert len(twice) == entry.dirt["duplicate_key"] > 0
    for row in twice:
        assert row.raw_record.count('"customer_id":') == 2
    assert {r.customer_id for r in silver(spark, contract, lake.paths, "customers").collect()}.isdisjoint(
        entry.sample_keys["duplicate_key"]
    )


def test_quarantine_rows_carry_reasons_raw_record_and_file(spark, contract, lake):
    rows = quarantined(spark, contract, lake.paths, "customers").collect()
    assert len(rows) == lake.metrics["customers"]["rowsQuarantined"]
    assert all(r.reasons and r.raw_record and r.source_file.endswith(".json") for r in rows)
    assert {r.run_id for r in rows} == {"customers-20261120"}
    malformed = [r for r in rows if r.reasons == ["malformed_record"]]
    assert len(malformed) == lake.manifest.datasets["customers"].dirt["malformed"]
    assert all(not r.raw_record.rstrip().endswith("}") for r in malformed)


def test_schema_drift_is_reported_and_no_row_is_lost(lake):
    # transactions is the seed's Parquet source (DMS); a Parquet delivery drifts file by file.
    entry = lake.manifest.datasets["transactions"]
    drift = lake.metrics["transactions"]["schemaDrift"]
    assert len(entry.files) > 1  # extra-column, missing-column and text-typed deliveries are separate files
    assert drift["extraColumns"] == {"promo_code": entry.dirt["extra_column"]}
    expected_missing: dict[str, int] = {}
    for kind in ("missing_column", "missing_required"):
        if entry.dirt.get(kind):
            target = entry.targets[kind]
            expected_missing[target] = expected_missing.get(target, 0) + entry.dirt[kind]
    assert drift["missingColumns"] == expected_missing


def test_dev_masks_pii_and_prod_keeps_standardized_values(spark, contract, lake, tmp_path):
    dev = silver(spark, contract, lake.paths, "customers").collect()
    assert all(re.fullmatch(r".\*\*\*@example\.com", r.email) for r in dev)
    assert all(r.phone is None or re.fullmatch(r"\*+\d{4}", r.phone) for r in dev)
    prod_paths = LakePaths(str(tmp_path))
    prod_paths_run = DayRun(
        DAY, "p", lake.paths.bronze, prod_paths.silver, prod_paths.quarantine, PROCESSED_AT, False
    )
    run_day(spark, contract("customers"), contract("quarantine"), prod_paths_run)
    prod = {r.customer_id: r for r in silver(spark, contract, prod_paths, "customers").collect()}
    assert {r.lake_record_hash for r in dev} == {
        r.lake_record_hash for r in prod.values()
    }  # hash before masking
    entry = lake.manifest.datasets["customers"]
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+\d+@example\.com", r.email) for r in prod.values())
    for key in entry.sample_keys["bad_phone"]:
        assert re.fullmatch(r"555\d{7}", prod[key].phone)
    for key in entry.sample_keys["enum_case"]:
        assert prod[key].status in ("active", "inactive", "suspended")
    for key in entry.sample_keys["unicode"]:
        assert getattr(prod[key], entry.targets["unicode"]) in UNICODE_TEXT
    for key in entry.sample_keys["mixed_dates"]:
        assert getattr(prod[key], entry.targets["mixed_dates"]) is not None


def _business(rows, drop):
    return sorted(
        json.dumps({k: str(v) for k, v in r.asDict().items() if k not in drop}, sort_keys=True) for r in rows
    )


def test_rerunning_a_day_through_the_cli_changes_nothing(spark, contract, lake, monkeypatch):
    monkeypatch.setenv(KEY_ENV, DEMO_MASK_KEY)  # the key the fixture's runs masked with
    dataset = "support_tickets"
    before = _business(silver(spark, contract, lake.paths, dataset).collect(), {"lake_processed_at"})
    before_q = _business(quarantined(spark, contract, lake.paths, dataset).collect(), {"quarantined_at"})
    code = main(
        [
            "--contract",
            str(generated_contract_path(dataset)),
            "--lake",
            lake.paths.root,
            "--run-date",
            "2026-11-20",
        ]
    )
    assert code == 0
    assert _business(silver(spark, contract, lake.paths, dataset).collect(), {"lake_processed_at"}) == before
    assert (
        _business(quarantined(spark, contract, lake.paths, dataset).collect(), {"quarantined_at"}) == before_q
    )
    report = json.loads(Path(lake.paths.reports, "bronze_to_silver", dataset, "2026-11-20.json").read_text())
    assert report["status"] == "succeeded"
    assert {k: report["metrics"][k] for k in ("rowsRead", "rowsWritten")} == {
        k: lake.metrics[dataset][k] for k in ("rowsRead", "rowsWritten")
    }


def test_cli_names_a_bad_argument_and_exits_1(capsys):
    assert main(["--contract", "c.json", "--run-date", "2026-11-20"]) == 1
    assert "missing argument(s): --input, --output, --quarantine, --report" in capsys.readouterr().err


def test_failure_part_way_then_rerun_leaves_no_duplicate_or_partial_data(spark, contract, lake):
    # A day that replaces its own rows: a cdc source's day is applied to a state instead (test_b2s_changes).
    dataset = "customers"
    c, q = contract(dataset), contract("quarantine")
    old_hashes = {r.lake_record_hash for r in silver(spark, contract, lake.paths, dataset).collect()}
    # A corrected delivery replaces the day's bronze files.
    fresh = generate([c], Path(lake.paths.bronze), DAY, 90, 0.3, seed=12).datasets[dataset].expected

    @udf("string")
    def explode_on_some_rows(value):
        if value is not None and value.endswith("7"):
            raise RuntimeError("injected failure while writing silver")
        return value

    def fail_in_silver_write(stage, df):
        return df.withColumn("customer_id", explode_on_some_rows("customer_id")) if stage == "silver" else df

    with pytest.raises(Exception, match="injected failure while writing silver"):
        run_day(spark, c, q, day_run(lake.paths, dataset), fail_in_silver_write)
    # Tasks that finished had written files, but the day's committed data is still the previous run's.
    assert {r.lake_record_hash for r in silver(spark, contract, lake.paths, dataset).collect()} == old_hashes

    def fail_after_silver(stage, df):
        if stage == "quarantine":
            raise RuntimeError("injected failure between the silver and quarantine writes")
        return df

    with pytest.raises(RuntimeError, match="between the silver and quarantine"):
        run_day(spark, c, q, day_run(lake.paths, dataset), fail_after_silver)

    rerun_at = datetime(2026, 11, 21, 9, tzinfo=UTC)
    metrics = run_day(spark, c, q, day_run(lake.paths, dataset, at=rerun_at))
    assert {k: metrics[k] for k in fresh} == fresh
    rows = silver(spark, contract, lake.paths, dataset)
    assert rows.count() == fresh["rowsWritten"] == rows.select("customer_id").distinct().count()
    assert {r[0] for r in rows.select("lake_processed_at").distinct().collect()} == {
        rerun_at.replace(tzinfo=None)
    }
    assert quarantined(spark, contract, lake.paths, dataset).count() == fresh["rowsQuarantined"]


def _customer(key: str, **changes) -> str:
    row = {
        "customer_id": key, "email": f"{key}@example.com", "first_name": "Ana", "last_name": "Kim",
        "phone": "555 010 1234", "address": {"street": "1 Main St", "city": "Leeds", "state": "ENG",
        "zip": "LS1", "country": "GB"}, "created_date": "2024-01-02T03:04:05Z", "last_updated": None,
        "status": "active", "ingestion_timestamp": "2026-11-20T08:00:00Z", **changes,
    }  # fmt: skip
    return json.dumps(row)


@pytest.fixture(scope="module")
def small_day(spark, contract, tmp_path_factory):
    """A hand-written customers day: far-future and pre-Gregorian timestamps, phones without digits."""
    paths = LakePaths(str(tmp_path_factory.mktemp("small")))
    folder = Path(paths.bronze, "source=customers", "year=2026", "month=11", "day=20")
    folder.mkdir(parents=True)
    lines = [
        _customer("far", created_date="2999-01-01T00:00:00Z"),
        _customer("old", created_date="1500-03-01T12:00:00Z"),
        _customer("nodigits", phone="n/a"),
        _customer("empty", phone=""),
    ]
    (folder / "part-0.json").write_text("\n".join(lines) + "\n")
    c = contract("customers")
    metrics = run_day(spark, c, contract("quarantine"), day_run(paths, "customers", mask=False))
    return paths, metrics


def test_silver_timestamps_are_micros_that_any_parquet_reader_reads_back(small_day):
    import pyarrow.parquet as pq

    paths, _metrics = small_day
    table = pq.read_table(Path(paths.silver, "customers", "lake_ingest_date=2026-11-20"))
    assert str(table.schema.field("created_date").type) == "timestamp[us, tz=UTC]"  # not INT96
    created = dict(
        zip(table.column("customer_id").to_pylist(), table.column("created_date").to_pylist(), strict=True)
    )
    assert created["far"] == datetime(2999, 1, 1, tzinfo=UTC)
    assert created["old"] == datetime(1500, 3, 1, 12, tzinfo=UTC)


def test_a_phone_without_digits_is_null_with_a_counted_warning_not_an_empty_string(
    spark, contract, small_day
):
    paths, metrics = small_day
    rows = {r.customer_id: r for r in silver(spark, contract, paths, "customers").collect()}
    assert rows["nodigits"].phone is None and rows["empty"].phone is None
    assert rows["far"].phone == "5550101234"
    assert metrics["standardizeWarnings"] == {"phone.no_digits": 2}
    assert metrics["rowsWritten"] == 4 and metrics["rowsQuarantined"] == 0


def test_masking_without_a_key_fails_naming_where_the_key_comes_from(spark, contract, tmp_path):
    paths = LakePaths(str(tmp_path))
    run = DayRun(DAY, "r", paths.bronze, paths.silver, paths.quarantine, PROCESSED_AT, True, None)
    with pytest.raises(JobFailed, match="--mask-key-secret-id on AWS, LAKE_MASK_KEY locally"):
        run_day(spark, contract("customers"), contract("quarantine"), run)


def test_cli_outside_prod_without_a_key_exits_1_naming_the_argument_and_variable(lake, monkeypatch, capsys):
    monkeypatch.delenv(KEY_ENV, raising=False)
    code = main(["--contract", str(generated_contract_path("customers")), "--lake", lake.paths.root,
                 "--run-date", "2026-11-20"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert "--mask-key-secret-id" in err and KEY_ENV in err
