"""Reading each of the four source formats, and every quarantine reason, on a small hand-made contract."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lake_jobs.bronze_to_silver.read import DUPLICATED, EXTRA, MALFORMED, PRESENT, RAW, read_bronze_files
from lake_jobs.bronze_to_silver.validate import REASONS, WARNINGS, check_rows, reason_codes, warning_flags
from tests.conftest import build_contract

COLUMNS = [
    ("id", "string", False),
    ("email", "string", False),
    ("status", "string", True),
    ("amount", "decimal(12,2)", False),
    ("code", "string", True),
    ("tier", "string", True),
    ("note", "string", True),
    ("seen_at", "timestamp", True),
]


def rule(kind: str, column: str, severity: str = "blocking", **keys) -> dict:
    return {"id": f"t.{column}.{kind}", "kind": kind, "severity": severity, "column": column, **keys}


RULES = [
    rule("regex", "email", pattern=r"[^@\s]+@[^@\s]+\.[^@\s]+"),
    rule("range", "amount", min=0, max=100),
    rule("length", "code", min=2, max=3),
    rule("allowed", "tier", values=["gold", "silver"]),
    rule("not_null", "note"),
    rule("length", "note", "warning", max=5),
]


def make_contract(fmt: str = "json"):
    return build_contract(
        "things",
        COLUMNS,
        rules=RULES,
        primary_key=["id"],
        source_format=fmt,
        extra={"email": {"standardize": "email"}, "status": {"enum": ["active", "inactive"]}},
    )


VALID = {"id": "ok", "email": "A@B.io", "status": "Active", "amount": "10.5", "code": "AB", "tier": "gold",
         "note": "hi", "seen_at": "2026-11-20T10:00:00Z"}  # fmt: skip


def variant(key: str, **changes) -> dict:
    row = {**VALID, "id": key, **changes}
    return {k: v for k, v in row.items() if v is not ...}


JSON_CASES = {
    "ok": (variant("ok"), []),
    "k_blank": (variant("k_blank", id="  "), ["not_null:id"]),
    "e_missing": (variant("e_missing", email=...), ["missing:email"]),
    "e_null": (variant("e_null", email=None), ["not_null:email"]),
    "e_bad": (variant("e_bad", email=" nope "), ["regex:email"]),
    "s_bad": (variant("s_bad", status="deleted"), ["allowed:status"]),
    "a_parse": (variant("a_parse", amount="12,5"), ["parse_error:amount"]),
    "a_range": (variant("a_range", amount=150), ["range:amount"]),
    "c_len": (variant("c_len", code="A"), ["length:code"]),
    "t_allowed": (variant("t_allowed", tier="bronze"), ["allowed:tier"]),
    "n_null": (variant("n_null", note=None), ["not_null:note"]),
    "ts_bad": (variant("ts_bad", seen_at="soon"), ["parse_error:seen_at"]),
    "multi": (variant("multi", email="nope", amount="-1"), ["regex:email", "range:amount"]),
    "extra": (variant("extra", shoe_size=42), []),
    "optional_missing": (variant("optional_missing", code=..., seen_at=...), []),
}


@pytest.fixture(scope="module")
def json_checked(spark, tmp_path_factory):
    path = tmp_path_factory.mktemp("json") / "part-0.json"
    lines = [json.dumps(row) for row, _ in JSON_CASES.values()]
    lines += [
        '{"id": null, "email": "a@b.io", "amount": 1, "note": "x"}',
        '{"id": "cut", "em',
        "[1, 2]",
        "   ",
    ]
    path.write_text("\n".join(lines) + "\n")
    contract = make_contract()
    checked = check_rows(read_bronze_files(spark, contract, [str(path)]), contract)
    flags = warning_flags(contract)
    return [r.asDict() for r in checked.select("*", flags["t.note.length"].alias("warn")).collect()]


def test_every_json_line_but_blank_ones_is_a_row(json_checked):
    assert len(json_checked) == len(JSON_CASES) + 3


@pytest.mark.parametrize("key", list(JSON_CASES))
def test_json_row_reasons(json_checked, key):
    row = next(
        r
        for r in json_checked
        if r["id"] == key or (key == "k_blank" and r["id"] is None and '"  "' in r[RAW])
    )
    assert row[REASONS] == JSON_CASES[key][1]


def test_null_key_and_malformed_lines_keep_their_raw_text(json_checked):
    by_raw = {r[RAW]: r for r in json_checked}
    assert by_raw['{"id": null, "email": "a@b.io", "amount": 1, "note": "x"}'][REASONS] == ["not_null:id"]
    assert by_raw['{"id": "cut", "em'][REASONS] == ["malformed_record"]
    assert by_raw["[1, 2]"][REASONS] == ["malformed_record"]
    assert by_raw["[1, 2]"][MALFORMED] is True


def test_valid_json_row_is_typed_and_standardized(json_checked):
    ok = next(r for r in json_checked if r["id"] == "ok")
    assert ok["email"] == "a@b.io" and ok["status"] == "active"
    assert ok["amount"] == Decimal("10.50") and ok["seen_at"] == datetime(2026, 11, 20, 10)


def test_drift_is_recorded_per_row(json_checked):
    extra = next(r for r in json_checked if r["id"] == "extra")
    assert extra[EXTRA] == ["shoe_size"]
    partial = next(r for r in json_checked if r["id"] == "optional_missing")
    assert "code" not in partial[PRESENT] and partial["code"] is None and partial[REASONS] == []


def test_warnings_are_flagged_not_quarantined(spark, tmp_path):
    contract = make_contract()
    path = tmp_path / "w.json"
    path.write_text(json.dumps(variant("long_note", note="far too long")) + "\n")
    row = check_rows(read_bronze_files(spark, contract, [str(path)]), contract)
    got = row.select(REASONS, warning_flags(contract)["t.note.length"].alias("warn")).first()
    assert got[REASONS] == [] and got["warn"] is True


def test_csv_uses_each_file_header_and_flags_broken_lines(spark, write_lines):
    contract = make_contract("csv")
    path = write_lines(
        "csv/part-0.csv",
        [
            "id,email,amount,note,promo",
            "c1,x@y.io,5,hi,P1",
            "c2,x@y.io",
            'c3,"x@y.io,5,hi,P1',
            "c4,x@y.io,abc,hi,P1",
            '"c5","Zoë@y.io","7.25","a, b",P2',
        ],
    )
    rows = {r[RAW]: r for r in check_rows(read_bronze_files(spark, contract, [path]), contract).collect()}
    assert rows["c1,x@y.io,5,hi,P1"][REASONS] == []
    assert rows["c1,x@y.io,5,hi,P1"][EXTRA] == ["promo"]
    assert rows["c1,x@y.io,5,hi,P1"][PRESENT] == ["id", "email", "amount", "note"]
    assert rows["c2,x@y.io"][REASONS] == ["malformed_record"]
    assert rows['c3,"x@y.io,5,hi,P1'][REASONS] == ["malformed_record"]
    assert rows["c4,x@y.io,abc,hi,P1"][REASONS] == ["parse_error:amount"]
    quoted = rows['"c5","Zoë@y.io","7.25","a, b",P2']
    assert (quoted["email"], quoted["amount"], quoted["note"]) == ("zoë@y.io", Decimal("7.25"), "a, b")


def test_a_key_named_twice_quarantines_the_record_for_it_whatever_else_it_breaks(spark, write_lines):
    contract = make_contract()
    twice = '{"id": "a", "email": "a@b.io", "amount": 1, "note": "x", "id": "b"}'
    both = '{"id": "c", "email": "nope", "amount": 500, "note": "x", "amount": 2, "email": "c@d.io"}'
    path = write_lines("dup/part-0.json", [twice, both, json.dumps(variant("fine"))])
    rows = {r[RAW]: r for r in check_rows(read_bronze_files(spark, contract, [path]), contract).collect()}
    assert rows[twice][REASONS] == ["duplicate_key:id"]
    assert sorted(rows[both][REASONS]) == ["duplicate_key:amount", "duplicate_key:email"]  # not regex/range
    assert rows[json.dumps(variant("fine"))][REASONS] == []
    assert set(reason_codes(contract)) >= {"duplicate_key:id", "duplicate_key:amount"}


def test_a_json_record_with_as_many_keys_as_columns_is_told_apart_by_its_names(spark, write_lines):
    """A record naming every column once (in any order) takes the shortcut in read.py; one with as many
    keys but a name repeated or replaced by another does not, and each gets its own lists."""
    contract = make_contract()
    names = contract.column_names
    reordered = json.dumps(dict(reversed(list(variant("rev").items()))))
    repeated = json.dumps(variant("rep", code=...))[:-1] + ', "id": "rep2"}'  # 8 keys, id twice, no code
    replaced = json.dumps({**variant("swap", code=...), "shoe_size": 42})  # 8 keys, code missing
    path = write_lines("keys/part-0.json", [reordered, repeated, replaced])
    rows = {r[RAW]: r for r in read_bronze_files(spark, contract, [path]).collect()}
    assert [len(json.loads(line)) for line in (reordered, replaced)] == [len(names)] * 2
    assert (rows[reordered][PRESENT], rows[reordered][EXTRA], rows[reordered][DUPLICATED]) == (names, [], [])
    without_code = [n for n in names if n != "code"]
    assert (rows[repeated][PRESENT], rows[repeated][EXTRA]) == (without_code, [])
    assert rows[repeated][DUPLICATED] == ["id"]
    assert (rows[replaced][PRESENT], rows[replaced][EXTRA], rows[replaced][DUPLICATED]) == (
        without_code,
        ["shoe_size"],
        [],
    )


def test_a_csv_header_naming_a_column_twice_quarantines_every_row_of_the_file(spark, write_lines):
    contract = make_contract("csv")
    repeated = write_lines("dupcsv/part-0.csv", ["id,email,amount,note,email", "d1,x@y.io,5,hi,z@y.io"])
    fine = write_lines("dupcsv/part-1.csv", ["id,email,amount,note", "d2,x@y.io,5,hi"])
    rows = {
        r["id"]: r
        for r in check_rows(read_bronze_files(spark, contract, [repeated, fine]), contract).collect()
    }
    assert rows["d1"][REASONS] == ["duplicate_key:email"]
    assert rows["d2"][REASONS] == []


def test_parquet_files_with_drifted_schemas_are_read_each_with_its_own(spark, tmp_path):
    contract = make_contract("parquet")
    seen = datetime(2026, 11, 20, 10, 0, 1, 123456, tzinfo=UTC)
    typed = pa.table(
        {
            "id": ["p1"], "email": ["p@q.io"], "amount": pa.array([Decimal("99.99")], pa.decimal128(12, 2)),
            "note": ["n"], "seen_at": pa.array([seen], pa.timestamp("us", tz="UTC")),
        }
    )  # fmt: skip
    # A producer that changed amount to text, dropped email (required) and added a column.
    drifted = pa.table({"id": ["p2", "p3"], "amount": ["5", "abc"], "note": ["n", "n"], "promo": ["x", "y"]})
    pq.write_table(typed, tmp_path / "a.parquet")
    pq.write_table(drifted, tmp_path / "b.parquet")
    files = [str(tmp_path / "a.parquet"), str(tmp_path / "b.parquet")]
    rows = {r["id"]: r for r in check_rows(read_bronze_files(spark, contract, files), contract).collect()}
    assert rows["p1"][REASONS] == []
    assert rows["p1"]["amount"] == Decimal("99.99") and rows["p1"]["seen_at"] == seen.replace(tzinfo=None)
    assert json.loads(rows["p1"][RAW])["id"] == "p1"
    assert rows["p2"][REASONS] == ["missing:email"] and rows["p2"]["amount"] == Decimal("5.00")
    assert rows["p3"][REASONS] == ["missing:email", "parse_error:amount"]
    assert rows["p3"][EXTRA] == ["promo"]


def test_avro_is_read_like_parquet(spark, tmp_path):
    contract = replace(make_contract(), source=replace(make_contract().source, format="avro"))
    frame = spark.createDataFrame(
        [
            ("v1", "v@w.io", Decimal("1.50"), "n", datetime(2026, 11, 20, 8)),
            ("v2", "bad", Decimal("2"), "n", None),
        ],
        "id string, email string, amount decimal(12,2), note string, seen_at timestamp",
    )
    frame.coalesce(1).write.format("avro").save(str(tmp_path / "avro"))
    files = [str(p) for p in (tmp_path / "avro").glob("part-*.avro")]
    rows = {r["id"]: r for r in check_rows(read_bronze_files(spark, contract, files), contract).collect()}
    assert rows["v1"][REASONS] == [] and rows["v1"]["seen_at"] == datetime(2026, 11, 20, 8)
    assert rows["v2"][REASONS] == ["regex:email"]


def test_a_required_phone_without_digits_is_a_parse_error_and_an_optional_one_a_warning(spark, tmp_path):
    contract = build_contract(
        "phones",
        [("id", "string", False), ("phone", "string", False), ("fax", "string", True)],
        primary_key=["id"],
        extra={"phone": {"standardize": "phone"}, "fax": {"standardize": "phone"}},
    )
    path = tmp_path / "p.json"
    rows = [{"id": "a", "phone": "n/a", "fax": "--"}, {"id": "b", "phone": "(555) 123", "fax": "5-5"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    checked = {
        r["id"]: r for r in check_rows(read_bronze_files(spark, contract, [str(path)]), contract).collect()
    }
    assert checked["a"][REASONS] == ["parse_error:phone"]
    assert checked["a"]["fax"] is None and checked["a"][WARNINGS] == ["fax.no_digits"]
    assert (checked["b"][REASONS], checked["b"][WARNINGS]) == ([], [])
    assert (checked["b"]["phone"], checked["b"]["fax"]) == ("555123", "55")
    assert reason_codes(contract) == [
        "malformed_record", "duplicate_key:id", "duplicate_key:phone", "duplicate_key:fax",
        "missing:id", "not_null:id", "missing:phone", "parse_error:phone", "not_null:phone",
    ]  # fmt: skip


def test_every_reason_a_row_gets_is_one_the_report_counts(json_checked):
    known = set(reason_codes(make_contract()))
    assert {reason for row in json_checked for reason in row[REASONS]} <= known
