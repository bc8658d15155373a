"""A day of DMS changes applied on real Spark: the latest change per key wins, deletes remove, reruns hold."""

from __future__ import annotations

import pytest

from lake_jobs.cdc.apply import apply_changes
from lake_jobs.common.contract import Cdc

CDC = Cdc(
    schema="sales",
    table="transactions",
    operation_column="Op",
    operations={"insert": "I", "update": "U", "delete": "D"},
    commit_order_column="seq",
)
STATE = "id string, status string, amount int"
CHANGES = "Op string, id string, status string, amount int, seq string"


def _state(spark, rows):
    return spark.createDataFrame(rows, STATE)


def _changes(spark, rows):
    return spark.createDataFrame(rows, CHANGES)


def _rows(df):
    return sorted(tuple(r) for r in df.collect())


@pytest.fixture(scope="module")
def day(spark):
    current = _state(spark, [("a", "pending", 10), ("b", "pending", 20), ("c", "completed", 30)])
    changes = _changes(
        spark,
        [
            ("U", "a", "completed", 10, "202611200800000000000000000000000002"),
            ("U", "a", "refunded", 10, "202611200900000000000000000000000005"),  # the later one wins
            ("D", "b", None, None, "202611200800000000000000000000000003"),
            ("I", "d", "pending", 40, "202611200700000000000000000000000001"),
            ("U", "c", "completed", 30, "202611201000000000000000000000000006"),  # same values
            ("D", "z", None, None, "202611201100000000000000000000000007"),  # never there
            ("I", "e", "pending", 50, "202611201200000000000000000000000008"),
            ("D", "e", None, None, "202611201300000000000000000000000009"),  # inserted, then deleted
        ],
    )
    return current, changes


def test_the_latest_change_per_key_wins_and_deletes_remove_the_key(day):
    current, changes = day
    applied = apply_changes(current, changes, ["id"], CDC)
    assert _rows(applied.state) == [("a", "refunded", 10), ("c", "completed", 30), ("d", "pending", 40)]
    assert applied.counts == {
        "changesRead": 8, "inserts": 1, "updates": 1, "unchanged": 1, "deletes": 1,
        "deletesOfMissingKeys": 2, "superseded": 2,
    }  # fmt: skip
    assert applied.counts["changesRead"] == sum(v for k, v in applied.counts.items() if k != "changesRead")


def test_applying_the_same_day_again_changes_nothing(day):
    current, changes = day
    once = apply_changes(current, changes, ["id"], CDC).state
    twice = apply_changes(once, changes, ["id"], CDC)
    assert _rows(twice.state) == _rows(once)
    assert twice.counts["inserts"] == twice.counts["updates"] == twice.counts["deletes"] == 0
    assert twice.counts["unchanged"] == 3 and twice.counts["deletesOfMissingKeys"] == 3


def test_a_full_load_row_precedes_every_change_of_its_key(spark):
    changes = _changes(
        spark,
        [("U", "a", "completed", 1, "202611200800000000000000000000000001"), ("I", "a", "pending", 1, "")],
    )
    applied = apply_changes(_state(spark, []), changes, ["id"], CDC)
    assert _rows(applied.state) == [("a", "completed", 1)]


def test_an_unknown_operation_is_refused_naming_it(spark, day):
    current, _ = day
    changes = _changes(spark, [("X", "a", "x", 1, "1"), (None, "b", "y", 2, "2")])
    with pytest.raises(ValueError, match=r"unknown operations \['None', 'X'\] in Op: expected I, U, D"):
        apply_changes(current, changes, ["id"], CDC)


def test_changes_without_the_change_columns_are_refused(spark, day):
    current, _ = day
    with pytest.raises(ValueError, match=r"lack the columns \['Op', 'seq'\]"):
        apply_changes(current, _state(spark, [("a", "x", 1)]), ["id"], CDC)
