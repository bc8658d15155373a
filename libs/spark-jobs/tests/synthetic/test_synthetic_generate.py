"""The generator: deterministic for a seed, exact manifest, referential consistency, dirt per format."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from lake_jobs.common.paths import workspace_root
from lake_jobs.common.vocabulary import ROW_RULE_KINDS
from lake_jobs.synthetic import generate
from lake_jobs.synthetic.cli import main
from lake_jobs.synthetic.dirt import dirt_kinds
from lake_jobs.synthetic.generate import generation_order, split_evenly

DAY = date(2026, 11, 20)
# Every dataset with a source, from the generated index: a new contract is generated here without an edit.
SOURCES = [
    d["name"]
    for d in json.loads((workspace_root() / "dist" / "schemas" / "index.json").read_text())["datasets"]
    if d["hasSource"]
]


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.*")
    }


@pytest.fixture(scope="module")
def sources(contract):
    return [contract(d) for d in SOURCES]


def test_same_seed_same_bytes_other_seed_other_bytes(sources, tmp_path):
    first = generate(sources, tmp_path / "a", DAY, 300, 0.2, seed=7)
    second = generate(sources, tmp_path / "b", DAY, 300, 0.2, seed=7)
    generate(sources, tmp_path / "c", DAY, 300, 0.2, seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert first.to_json().replace(str(tmp_path / "a"), "") == second.to_json().replace(
        str(tmp_path / "b"), ""
    )
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_files_follow_each_source_layout(sources, tmp_path):
    manifest = generate(sources, tmp_path, DAY, 50, 0.1, seed=1)
    hive_day = Path("year=2026", "month=11", "day=20")
    folders = {
        "customers": tmp_path / "source=customers" / hive_day,
        "support_tickets": tmp_path / "source=support_tickets" / hive_day,
        "web_events": tmp_path / "source=web_events" / hive_day,
        "transactions": tmp_path / "source=transactions" / "sales" / "transactions" / "2026" / "11" / "20",
    }
    for name, entry in manifest.datasets.items():
        assert entry.files and {Path(f).parent for f in entry.files} == {folders[name]}


@pytest.mark.parametrize(("rows", "share"), [(1000, 0.05), (257, 0.3), (40, 0.0)])
def test_manifest_counts_add_up(sources, contract, tmp_path, rows, share):
    manifest = generate(sources, tmp_path, DAY, rows, share, seed=3)
    for name, entry in manifest.datasets.items():
        dirty = sum(entry.dirt.values())
        assert dirty == round(rows * share) and entry.clean_rows == rows - dirty
        expected = entry.expected
        assert expected["rowsRead"] == rows
        assert expected["rowsRead"] == expected["rowsWritten"] + expected["rowsQuarantined"] + expected[
            "duplicatesRemoved"]  # fmt: skip
        assert expected["rowsQuarantined"] == sum(expected["quarantinedByReason"].values())
        warning_rules = {r.id for r in contract(name).rules_of(*ROW_RULE_KINDS) if not r.blocking}
        assert set(expected["warningsByRule"]) == warning_rules
        breaks = {k.breaks.id: entry.dirt[k.name] for k in dirt_kinds(contract(name), entry.source_format)
                  if k.breaks is not None and not k.breaks.blocking}  # fmt: skip
        assert expected["warningsByRule"] == {r: breaks.get(r, 0) for r in warning_rules}


def test_every_record_is_written(sources, tmp_path):
    manifest = generate(sources, tmp_path, DAY, 200, 0.25, seed=5)
    customers = manifest.datasets["customers"]
    lines = Path(customers.files[0]).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200
    broken = [line for line in lines if not _is_json(line)]
    assert len(broken) == customers.dirt["malformed"]
    twice = [line for line in lines if _is_json(line) and line.count('"customer_id":') == 2]
    assert len(twice) == customers.dirt["duplicate_key"] > 0
    transactions = manifest.datasets["transactions"]
    assert sum(pq.read_metadata(f).num_rows for f in transactions.files) == 200
    events = manifest.datasets["web_events"]
    assert sum(len(gzip.decompress(Path(f).read_bytes()).splitlines()) for f in events.files) == 200


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def test_references_point_only_at_clean_customers(sources, tmp_path):
    manifest = generate(sources, tmp_path, DAY, 300, 0.2, seed=9)
    customer_ids = {
        json.loads(line)["customer_id"]
        for line in Path(manifest.datasets["customers"].files[0]).read_text(encoding="utf-8").splitlines()
        if _is_json(line)
    }
    referenced = set()
    for file in manifest.datasets["transactions"].files:
        table = pq.read_table(file)
        if "customer_id" in table.column_names:  # a file of records missing the column has none
            referenced |= set(table.column("customer_id").to_pylist())
    referenced -= {None, ""}
    assert referenced and referenced <= customer_ids


def test_dirt_kinds_follow_the_format(contract):
    names = {k.name for k in dirt_kinds(contract("web_events"), "parquet")}
    assert "malformed" not in names  # a Parquet row cannot be half a line
    assert "malformed" in {k.name for k in dirt_kinds(contract("transactions"), "csv")}
    # Keys are repeated in JSON lines only (Parquet cannot; a CSV header has a reader test of its own).
    assert {"duplicate_key", "breaks:compare:resolved_date+created_date"} <= {
        k.name for k in dirt_kinds(contract("support_tickets"), "json")
    }
    assert "duplicate_key" not in {k.name for k in dirt_kinds(contract("transactions"), "csv")}
    assert {k.outcome for k in dirt_kinds(contract("customers"), "json") if k.name == "bad_email"} == {
        "regex:email"
    }


def test_split_evenly_and_generation_order(contract, sources):
    kinds = dirt_kinds(contract("customers"), "json")
    split = split_evenly(len(kinds) + 2, kinds)
    assert sum(split.values()) == len(kinds) + 2 and max(split.values()) - min(split.values()) <= 1
    assert generation_order(list(reversed(sources)))[0].name == "customers"


def test_too_dirty_a_share_is_refused(sources, tmp_path):
    with pytest.raises(ValueError, match="dirty-share must be in"):
        generate(sources, tmp_path, DAY, 10, 1.0, seed=1)


def test_cli_writes_the_manifest(tmp_path, capsys):
    code = main(["--lake", str(tmp_path), "--rows", "30", "--seed", "4", "--run-date", "2026-11-20",
                 "--datasets", "customers"])  # fmt: skip
    assert code == 0
    manifest = json.loads((tmp_path / "reports" / "synthetic" / "2026-11-20.json").read_text())
    assert list(manifest["datasets"]) == ["customers"] and manifest["seed"] == 4
    assert "customers: 30 rows" in capsys.readouterr().out


def test_avro_sources_are_written_through_spark_and_read_back_whole(spark, contract, tmp_path):
    from dataclasses import replace

    from lake_jobs.bronze_to_silver.read import read_bronze_files
    from lake_jobs.bronze_to_silver.validate import REASONS, check_rows

    customers = contract("customers")
    as_avro = replace(customers, source=replace(customers.source, format="avro"))
    entry = generate([as_avro], tmp_path, DAY, 60, 0.3, seed=2, spark=spark).datasets["customers"]
    assert all(f.endswith(".avro") for f in entry.files) and "malformed" not in entry.dirt
    checked = check_rows(read_bronze_files(spark, as_avro, entry.files), as_avro).collect()
    reasons: dict[str, int] = {}
    for row in checked:
        for reason in row[REASONS]:
            reasons[reason] = reasons.get(reason, 0) + 1
    assert len(checked) == 60 and reasons == entry.expected["quarantinedByReason"]
