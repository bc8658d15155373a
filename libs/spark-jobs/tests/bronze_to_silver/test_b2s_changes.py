"""A cdc source through bronze -> silver on real Spark: DMS change files applied to the table's current state
(Iceberg), changes that cannot be applied quarantined with their reason, reruns that commit nothing, a
failure part-way that leaves the state as it was, and the generator's change day reconciled exactly."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.sql.functions import udf

from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.paths import LakePaths, source_day_prefix
from lake_jobs.common.tables import read_table, table_location
from lake_jobs.demo.session import lake_session
from lake_jobs.synthetic.generate import generate
from lake_jobs.synthetic.landing import commit_sequence

DAY1, DAY2 = date(2026, 11, 19), date(2026, 11, 20)
AT = datetime(2026, 11, 21, 3, tzinfo=UTC)


def _change(op, key, amount="10.00", status="completed", customer="C1", at="2026-11-19T08:00:00Z"):
    return {
        "Op": op, "transaction_id": key, "customer_id": customer, "transaction_date": "2026-11-19",
        "amount": amount, "currency": "USD", "product_category": "books", "payment_method": "card",
        "status": status, "ingestion_timestamp": at,
    }  # fmt: skip


def _land(paths: LakePaths, contract, day: date, changes: list[dict]) -> None:
    """One DMS change file for ``day``: the rows in commit order, DMS's sequence column added."""
    source = contract.source
    folder = Path(source_day_prefix(paths.bronze, source.layout, source.table_prefix, day))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    names = list(changes[0])
    table = pa.table({n: pa.array([c.get(n) for c in changes], pa.string()) for n in names})
    sequence = [commit_sequence(at, i) for i in range(len(changes))]
    table = table.append_column(source.cdc.commit_order_column, pa.array(sequence, pa.string()))
    pq.write_table(table, folder / "20261119-090000000.parquet")


@dataclasses.dataclass
class Lake:
    spark: object
    paths: LakePaths
    contract: object
    quarantine: object

    def run(self, day: date, hook=None, at: datetime = AT) -> dict:
        run = DayRun(day, f"t-{day}", self.paths.bronze, self.paths.silver, self.paths.quarantine, at, False)
        return run_day(self.spark, self.contract, self.quarantine, run, hook)

    def state(self) -> dict[str, tuple]:
        rows = read_table(self.spark, self.contract, self.paths.silver).collect()
        return {r.transaction_id: (str(r.amount), r.status, str(r.lake_ingest_date)) for r in rows}

    def snapshots(self) -> int:
        name = table_location(self.contract, self.paths.silver)
        return self.spark.table(f"{name}.snapshots").count()


@pytest.fixture(scope="module")
def lake(spark, contract, tmp_path_factory) -> Lake:
    paths = LakePaths.local(tmp_path_factory.mktemp("cdc"))
    built = Lake(lake_session(paths.root, spark), paths, contract("transactions"), contract("quarantine"))
    _land(paths, built.contract, DAY1, [_change("I", k) for k in ("a", "b", "c", "d")])
    built.run(DAY1)
    return built


@pytest.fixture(scope="module")
def day2(lake) -> dict:
    key_only = {k: None for k in _change("D", "b")} | {"Op": "D", "transaction_id": "b"}
    _land(
        lake.paths,
        lake.contract,
        DAY2,
        [
            _change("U", "a", amount="11.00", at="2026-11-20T08:00:00Z"),
            _change("U", "a", amount="12.00", status="refunded", at="2026-11-20T09:00:00Z"),  # later: wins
            key_only,  # DMS logged only the key of the deleted row
            _change("D", "c"),
            _change("I", "e", at="2026-11-20T10:00:00Z"),
            _change("U", "d"),  # the same values as the table holds
            _change("D", "zz"),  # a key the table never held
            _change("X", "f"),  # an operation DMS does not write
            _change(None, "g"),  # no operation at all
            _change("I", "h", amount="-5.00"),  # breaks the contract's blocking range rule
        ],
    )
    return lake.run(DAY2)


def test_the_day_is_applied_to_the_current_state(lake, day2):
    assert lake.state() == {
        "a": ("12.00", "refunded", "2026-11-20"),
        "d": ("10.00", "completed", "2026-11-19"),  # unchanged: the row of its last real change stays
        "e": ("10.00", "completed", "2026-11-20"),
    }
    assert day2["changes"] == {
        "changesRead": 7, "inserts": 1, "updates": 1, "unchanged": 1, "deletes": 2,
        "deletesOfMissingKeys": 1, "superseded": 1, "tableRowsBefore": 4,
    }  # fmt: skip
    assert (day2["rowsRead"], day2["rowsWritten"], day2["rowsQuarantined"]) == (10, 3, 3)
    assert day2["duplicatesRemoved"] == 1


def test_changes_that_cannot_be_applied_are_quarantined_with_their_reason(lake, day2):
    table = read_table(lake.spark, lake.quarantine, "", location=lake.paths.quarantine)
    rows = table.where((table.dataset == "transactions") & (table.ingest_date == DAY2)).collect()
    reasons = {r.raw_record.split('"transaction_id":"')[1][0]: r.reasons for r in rows}
    assert reasons == {"f": ["allowed:Op"], "g": ["not_null:Op"], "h": ["range:amount"]}
    assert day2["quarantinedByReason"] == {"allowed:Op": 1, "not_null:Op": 1, "range:amount": 1}


def test_a_rerun_of_the_day_changes_nothing_and_commits_nothing(lake, day2):
    before, snapshots = lake.state(), lake.snapshots()
    again = lake.run(DAY2, at=AT + timedelta(hours=5))
    assert lake.state() == before and lake.snapshots() == snapshots
    assert again["changes"] == {
        "changesRead": 7, "inserts": 0, "updates": 0, "unchanged": 3, "deletes": 0,
        "deletesOfMissingKeys": 3, "superseded": 1, "tableRowsBefore": 3,
    }  # fmt: skip
    assert again["rowsWritten"] == 3


def test_a_failure_while_writing_the_state_leaves_the_state_as_it_was(lake, day2):
    before = lake.state()
    _land(lake.paths, lake.contract, DAY2, [_change("U", "e", amount="99.00"), _change("I", "k")])

    @udf("string")
    def explode(value):
        raise RuntimeError("injected failure while writing the state")

    def fail_in_state_write(stage, df):
        return df.withColumn("transaction_id", explode("transaction_id")) if stage == "silver" else df

    with pytest.raises(Exception, match="injected failure while writing the state"):
        lake.run(DAY2, fail_in_state_write)
    assert lake.state() == before
    metrics = lake.run(DAY2)
    assert lake.state()["e"][0] == "99.00" and "k" in lake.state()
    assert metrics["changes"]["updates"] == 1 and metrics["changes"]["inserts"] == 1


def test_an_older_day_after_a_later_one_is_refused_before_anything_is_written(lake, day2):
    """DAY1 inserted a to d at 10.00: applied again over DAY2's state, it would undo DAY2's changes."""
    quarantined = read_table(lake.spark, lake.quarantine, "", location=lake.paths.quarantine)
    before, snapshots, rows = lake.state(), lake.snapshots(), quarantined.count()
    with pytest.raises(JobFailed, match=r"'transactions', day 2026-11-19: .* changes of 2026-11-20"):
        lake.run(DAY1, at=AT + timedelta(hours=6))
    assert lake.state() == before and lake.snapshots() == snapshots
    assert read_table(lake.spark, lake.quarantine, "", location=lake.paths.quarantine).count() == rows


def test_a_later_day_of_deletes_only_still_refuses_the_older_days(lake, day2):
    """DAY3 deletes one key and leaves no row of its day: the state commit's summary still records it."""
    day3 = DAY2 + timedelta(days=1)
    survivor = sorted(lake.state())[0]
    _land(lake.paths, lake.contract, day3, [{**_change("D", survivor), "ingestion_timestamp": None}])
    assert lake.run(day3)["changes"]["deletes"] == 1
    assert max(day for _, _, day in lake.state().values()) <= str(DAY2)
    before = lake.state()
    with pytest.raises(JobFailed, match=r"day 2026-11-20: .* changes of 2026-11-21"):
        lake.run(DAY2)
    assert lake.state() == before
    assert lake.run(day3)["changes"]["deletesOfMissingKeys"] == 1  # the latest day itself may be rerun


def test_a_cdc_source_stored_as_plain_parquet_is_refused_naming_the_dataset(lake):
    parquet = dataclasses.replace(lake.contract, format="parquet")
    run = DayRun(DAY2, "r", lake.paths.bronze, lake.paths.silver, lake.paths.quarantine, AT, False)
    with pytest.raises(JobFailed, match=r"'transactions'.*iceberg or delta table, not parquet"):
        run_day(lake.spark, parquet, lake.quarantine, run)


def test_the_generated_change_day_reconciles_exactly_with_its_manifest(spark, contract, tmp_path):
    paths = LakePaths.local(tmp_path)
    session = lake_session(paths.root, spark)
    transactions, quarantine = contract("transactions"), contract("quarantine")
    rows = {"customers": 20, "transactions": 80}
    sources = [contract("customers"), transactions]
    manifest = generate(sources, Path(paths.bronze), DAY2, rows, 0.2, seed=5, prior_load=True)
    entry = manifest.datasets["transactions"]
    assert entry.prior_load is not None
    for day, expected in ((DAY1, entry.prior_load.expected), (DAY2, entry.expected)):
        run = DayRun(day, f"t-{day}", paths.bronze, paths.silver, paths.quarantine, AT, False)
        got = run_day(session, transactions, quarantine, run)
        assert {k: got[k] for k in expected} == expected
    changes = entry.expected["changes"]
    assert changes["updates"] > 0 and changes["deletes"] > 0 and changes["superseded"] > 0
