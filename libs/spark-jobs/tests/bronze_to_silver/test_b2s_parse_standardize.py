"""Each standardization: timestamps and dates from every accepted format to UTC, strict numbers, nested JSON,
emails, phones, trim/lower/upper and enums. All cases are evaluated in one Spark job per table."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lake_jobs.bronze_to_silver.parse import parse_value
from lake_jobs.bronze_to_silver.standardize import match_enum, standardize

PARSE_CASES = [
    # (type, text, expected)
    ("timestamp", "2026-11-20T10:15:30Z", datetime(2026, 11, 20, 10, 15, 30)),
    ("timestamp", "2026-11-20T12:15:30+02:00", datetime(2026, 11, 20, 10, 15, 30)),
    ("timestamp", "2026-11-20T10:15:30", datetime(2026, 11, 20, 10, 15, 30)),
    ("timestamp", "2026-11-20T10:15:30.250Z", datetime(2026, 11, 20, 10, 15, 30, 250000)),
    ("timestamp", "2026-11-20 10:15:30", datetime(2026, 11, 20, 10, 15, 30)),
    ("timestamp", "11/20/2026 10:15", datetime(2026, 11, 20, 10, 15)),
    ("timestamp", "20-11-2026", datetime(2026, 11, 20)),
    ("timestamp", "1763633730", datetime(2025, 11, 20, 10, 15, 30)),
    ("timestamp", "1763633730250", datetime(2025, 11, 20, 10, 15, 30, 250000)),
    ("timestamp", " 2026-11-20T10:15:30Z ", datetime(2026, 11, 20, 10, 15, 30)),
    ("timestamp", "yesterday", None),
    ("timestamp", "2026-02-30T00:00:00Z", None),
    ("timestamp", "2026", None),
    # At the edge of the common shape (to the second, "Z" or no zone), which takes a shortcut of its own.
    ("timestamp", "2026-11-20 10:15:30Z", datetime(2026, 11, 20, 10, 15, 30)),
    ("timestamp", "2024-02-29T23:59:59Z", datetime(2024, 2, 29, 23, 59, 59)),
    ("timestamp", "2026-11-20T10:15:30+00:00", datetime(2026, 11, 20, 10, 15, 30)),
    ("timestamp", "2026-11-20", datetime(2026, 11, 20)),
    ("timestamp", "2026-11-20T24:00:00Z", None),
    ("timestamp", "2026-11-20T23:59:60Z", None),
    ("timestamp", "2026-11-31T00:00:00Z", None),
    ("timestamp", "2026-11-20T10:15Z", None),
    ("timestamp", "2026-11-20T10:15:30ZZ", None),
    ("timestamp", "2026-11-20t10:15:30Z", None),
    ("timestamp", "+2026-11-20T10:15:30Z", None),
    ("timestamp", "2026-11-20T10:15:30\u2028", None),
    ("date", "2026-11-20", date(2026, 11, 20)),
    ("date", "11/20/2026", date(2026, 11, 20)),
    ("date", "20-11-2026", date(2026, 11, 20)),
    ("date", "2026-11-20T23:30:00-02:00", date(2026, 11, 21)),
    ("date", "13/45/2026", None),
    ("int", "42", 42),
    ("int", " -7 ", -7),
    ("int", "12.7", None),
    ("int", "99999999999", None),
    ("int", "", None),
    ("decimal(12,2)", "1234.56", Decimal("1234.56")),
    ("decimal(12,2)", "1,234.56", None),
    ("double", "1e3", 1000.0),
    ("double", "abc", None),
    ("boolean", "TRUE", True),
    ("boolean", "no", False),
    ("boolean", "maybe", None),
    ("map<string,string>", '{"a":"1"}', {"a": "1"}),
    ("map<string,string>", "not json", None),
    ("struct<city:string>", '{"city":"Leeds"}', ("Leeds",)),
    ("struct<city:string>", "[1]", None),
    ("string", "  kept as is ", "  kept as is "),
]


@pytest.fixture(scope="module")
def parsed(spark):
    df = spark.createDataFrame(
        [(i, text) for i, (_t, text, _e) in enumerate(PARSE_CASES)], "i int, text string"
    )
    columns = [
        F.when(F.col("i") == i, parse_value(F.col("text"), T._parse_datatype_string(kind))).alias(f"c{i}")
        for i, (kind, _text, _e) in enumerate(PARSE_CASES)
    ]
    rows = df.select("i", *columns).collect()
    return {r["i"]: r[f"c{r['i']}"] for r in rows}


@pytest.mark.parametrize(
    ("index", "case"), list(enumerate(PARSE_CASES)), ids=[f"{c[0]}:{c[1]}" for c in PARSE_CASES]
)
def test_parse_value(parsed, index, case):
    _kind, _text, expected = case
    value = parsed[index]
    if isinstance(expected, tuple):
        value = tuple(value)
    assert value == expected


def test_explicit_zones_are_read_as_such_in_a_session_of_another_zone(spark):
    df = spark.createDataFrame([("2026-11-20T10:15:30Z",), ("2026-11-20T12:15:30+02:00",)], "text string")
    previous = spark.conf.get("spark.sql.session.timeZone")
    spark.conf.set("spark.sql.session.timeZone", "America/New_York")
    try:
        parsed = parse_value(F.col("text"), T.TimestampType())
        got = [r[0] for r in df.select(F.unix_micros(parsed)).collect()]
    finally:
        spark.conf.set("spark.sql.session.timeZone", previous)
    instant = int(datetime(2026, 11, 20, 10, 15, 30, tzinfo=UTC).timestamp()) * 1_000_000
    assert got == [instant, instant]


STANDARDIZE_CASES = [
    ("email", "  John.DOE@Example.COM ", "john.doe@example.com"),
    ("phone", "+1 (555) 010-1234 ext", "15550101234"),
    ("phone", "n/a", ""),
    ("trim", "  x y  ", "x y"),
    ("lower", "MiXeD", "mixed"),
    ("upper", "eur", "EUR"),
]


def test_standardize_each_kind(spark):
    df = spark.createDataFrame([(how, text) for how, text, _ in STANDARDIZE_CASES], "how string, text string")
    exprs = F.coalesce(
        *[F.when(F.col("how") == how, standardize(F.col("text"), how)) for how, _, _ in STANDARDIZE_CASES]
    )
    got = [(r.how, r.text, r.out) for r in df.select("how", "text", exprs.alias("out")).collect()]
    assert got == [(h, t, e) for h, t, e in STANDARDIZE_CASES]


def test_enums_match_case_insensitively_after_trim_and_take_the_declared_spelling(spark):
    declared = ("active", "High Value")
    df = spark.createDataFrame(
        [(" ACTIVE ",), ("high value",), ("Active",), ("deleted",), (None,)], "v string"
    )
    got = [r[0] for r in df.select(match_enum(F.col("v"), declared)).collect()]
    assert got == ["active", "High Value", "active", None, None]
