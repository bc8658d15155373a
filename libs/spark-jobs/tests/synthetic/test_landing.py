"""Each source kind's day lands as its service writes it: Firehose objects, puller runs, DMS change files."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from lake_jobs.synthetic import generate
from lake_jobs.synthetic.landing import (
    chunks,
    commit_sequence,
    dms_file_name,
    firehose_object_name,
    hourly_runs,
    instants,
    land_day,
    landed_summary,
    pull_object_name,
)

DAY = date(2026, 11, 20)
SOURCES = ["customers", "transactions", "support_tickets", "web_events"]
AT = datetime(2026, 11, 20, 13, 4, 5, 678_000, tzinfo=UTC)


@pytest.fixture(scope="module")
def landed(contract, tmp_path_factory):
    root = tmp_path_factory.mktemp("bronze")
    return generate([contract(d) for d in SOURCES], root, DAY, 240, 0.2, seed=4)


def test_object_names_are_the_services_names():
    assert re.fullmatch(
        r"lake-dev-bronze-web_events-1-2026-11-20-13-04-05-[0-9a-f]{8}-[0-9a-f-]{27}\.jsonl\.gz",
        firehose_object_name("lake-dev-bronze-web_events", AT, "web_events", 0),
    )
    assert firehose_object_name("s", AT, "web_events", 0) != firehose_object_name("s", AT, "web_events", 1)
    assert pull_object_name(AT.replace(microsecond=0)) == "20261120T130405Z.jsonl"
    assert dms_file_name(AT) == "20261120-130405678.parquet"


def test_commit_sequences_sort_as_text_in_commit_order():
    later = AT.replace(second=6)
    values = [commit_sequence(AT, 9), commit_sequence(AT, 10), commit_sequence(later, 0)]
    assert sorted(values) == values and len({len(v) for v in values}) == 1


@pytest.mark.parametrize(("items", "count", "sizes"), [(10, 4, [3, 3, 2, 2]), (2, 4, [1, 1]), (0, 4, [0])])
def test_chunks_are_contiguous_and_even(items, count, sizes):
    runs = chunks([str(i) for i in range(items)], count)
    assert [len(r) for r in runs] == sizes
    assert [x for r in runs for x in r] == [str(i) for i in range(items)]


def test_fewer_records_than_runs_leave_some_runs_empty_in_order():
    runs = hourly_runs([str(i) for i in range(5)], 8)
    assert [len(r) for r in runs] == [0, 1, 0, 1, 1, 0, 1, 1]
    assert [x for r in runs for x in r] == [str(i) for i in range(5)] and len(runs) == 8


def test_instants_stay_in_the_day():
    hourly = instants(DAY, 24, minute=5)
    assert hourly[0] == datetime(2026, 11, 20, 0, 5, tzinfo=UTC)
    assert hourly[-1] == datetime(2026, 11, 20, 23, 5, tzinfo=UTC)


def test_a_stream_day_is_firehose_objects_of_gzip_json_lines(landed):
    entry = landed.datasets["web_events"]
    names = [Path(f).name for f in entry.files]
    assert len(names) == 4 and all(n.startswith("lake-local-bronze-web_events-1-2026-11-20-") for n in names)
    lines = [line for f in entry.files for line in gzip.decompress(Path(f).read_bytes()).splitlines()]
    assert len(lines) == 240
    assert sum(1 for line in lines if _is_json(line)) == 240 - entry.dirt.get("malformed", 0)


def test_an_api_day_is_one_json_lines_object_per_hourly_run(landed):
    entry = landed.datasets["support_tickets"]
    assert [Path(f).name for f in entry.files] == [f"20261120T{h:02d}0500Z.jsonl" for h in range(24)]
    assert sum(len(Path(f).read_text(encoding="utf-8").splitlines()) for f in entry.files) == 240


def test_a_small_api_day_still_lands_at_the_hourly_run_times(contract, tmp_path):
    entry = generate([contract("support_tickets")], tmp_path, DAY, 6, 0.0, seed=4).datasets["support_tickets"]
    hours = (3, 7, 11, 15, 19, 23)
    assert [Path(f).name for f in entry.files] == [f"20261120T{h:02d}0500Z.jsonl" for h in hours]


def test_a_cdc_day_is_dms_change_files_with_the_operation_and_commit_order(landed, contract):
    cdc = contract("transactions").source.cdc
    entry = landed.datasets["transactions"]
    assert all(re.fullmatch(r"20261120-\d{9}\.parquet", Path(f).name) for f in entry.files)
    tables = [pq.read_table(f) for f in sorted(entry.files)]
    assert sum(t.num_rows for t in tables) == 240
    for table in tables:
        assert table.column_names[0] == "Op" and table.column_names[-1] == cdc.commit_order_column
        assert set(table.column("Op").to_pylist()) == {"I"}
        assert "transaction_id" in table.column_names or "customer_id" in table.column_names
    sequence = [s for t in tables for s in t.column(cdc.commit_order_column).to_pylist()]
    assert sequence == sorted(sequence) and len(set(sequence)) == len(sequence)
    assert pq.ParquetFile(entry.files[0]).metadata.row_group(0).column(0).compression == "GZIP"


def test_a_file_day_keeps_the_uploads(landed, contract):
    entry = landed.datasets["customers"]
    assert [Path(f).name for f in entry.files] == ["part-00000.json"]
    assert landed_summary(contract("customers"), entry.files) == "1 upload"
    assert landed_summary(contract("web_events"), landed.datasets["web_events"].files) == "4 Firehose objects"


def test_a_kind_whose_service_cannot_write_the_format_is_refused(contract, tmp_path):
    events = contract("web_events")
    as_csv = dataclasses.replace(events, source=dataclasses.replace(events.source, format="csv"))
    refused = "'web_events': a stream source lands as json, its contract says csv"
    with pytest.raises(ValueError, match=refused):
        land_day(as_csv, tmp_path, DAY, [])


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True
