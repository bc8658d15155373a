"""What a compatible contract change means at run time: a table written under the old contract, then written
and read under the new one (a new nullable column, widened types), keeps every row and value in each table
format. Delta 3.3 cannot widen a type in place, so there a write refuses it (and compat calls it breaking)."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY
from lake_jobs.common.contract import Contract, parse_contract
from lake_jobs.common.paths import LakePaths, generated_contract_path
from lake_jobs.common.tables import (
    TableSchemaError,
    evolution_statements,
    read_table,
    replace_scope,
    table_location,
)
from lake_jobs.synthetic import generate
from tests.conftest import build_contract

FORMATS = ["parquet", "iceberg", "delta"]
D1, D2 = date(2026, 11, 20), date(2026, 11, 21)
BIG = 2**40  # fits a bigint, not an int


def _unique(prefix: str, fmt: str, tmp_path: Path) -> str:
    # Iceberg tables live in the session's one catalog, so every test names its own.
    return f"{prefix}_{fmt}_{tmp_path.name[-8:]}".lower().replace("-", "_")


def _measures(name: str, fmt: str, *, new: bool, widen: bool = True) -> Contract:
    score, ratio, amount = (
        ("bigint", "double", "decimal(12,2)") if new and widen else ("int", "float", "decimal(5,2)")
    )
    columns = [("id", "string", False), ("score", score, True)]
    if new:
        columns.append(("channel", "string", True))  # in the middle: it must land where the contract has it
    columns += [("ratio", ratio, True), ("amount", amount, True), ("day", "date", False)]
    contract = build_contract(name, columns, partition_keys=["day"], source_format=None)
    return replace(contract, format=fmt)


OLD_ROWS = [
    ("a", 7, 0.5, Decimal("123.45"), D1),
    ("b", None, 1.25, Decimal("-0.01"), D1),
    ("c", -3, None, None, D1),
]


def _old_frame(spark):
    return spark.createDataFrame(OLD_ROWS, "id string, score int, ratio float, amount decimal(5,2), day date")


def _values(df) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in df.collect())


@pytest.mark.parametrize("fmt", ["parquet", "iceberg"])
def test_a_table_written_under_the_old_contract_takes_a_new_column_and_widened_types(spark, tmp_path, fmt):
    name = _unique("measures", fmt, tmp_path)
    old, new = _measures(name, fmt, new=False), _measures(name, fmt, new=True)
    root = str(tmp_path / "silver")
    assert replace_scope(spark, _old_frame(spark), old, root, {"day": D1}) == 3

    # A reader on the new contract before any new write: old rows as the new contract types them.
    before = read_table(spark, new, root)
    assert before.schema.simpleString() == new.table_schema.simpleString()
    expected_day1 = [
        ("a", 7, None, 0.5, Decimal("123.45"), D1),
        ("b", None, None, 1.25, Decimal("-0.01"), D1),
        ("c", -3, None, None, None, D1),
    ]
    assert _values(before) == expected_day1

    # The job on the new contract writes a day that needs the wider types and the new column.
    day2 = spark.createDataFrame(
        [("d", BIG, "web", 1e300, Decimal("1234567890.12"), D2)],
        "id string, score bigint, channel string, ratio double, amount decimal(12,2), day date",
    )
    assert replace_scope(spark, day2, new, root, {"day": D2}) == 1
    after = _values(read_table(spark, new, root))
    assert after == sorted([*expected_day1, ("d", BIG, "web", 1e300, Decimal("1234567890.12"), D2)])

    # A rerun of the old day under the new contract replaces it with no row lost or doubled.
    day1 = read_table(spark, new, root).where(F.col("day") == D1)
    assert replace_scope(spark, day1.localCheckpoint(), new, root, {"day": D1}) == 3
    assert _values(read_table(spark, new, root)) == after

    if fmt == "iceberg":
        stored = spark.table(table_location(new, root)).schema
        assert [(f.name, f.dataType.simpleString()) for f in stored.fields] == [
            (f.name, f.dataType.simpleString()) for f in new.table_schema.fields
        ]


def test_delta_takes_a_new_column_and_refuses_a_widening_it_cannot_store(spark, tmp_path):
    name = _unique("measures", "delta", tmp_path)
    old = _measures(name, "delta", new=False)
    added = _measures(name, "delta", new=True, widen=False)
    root = str(tmp_path / "silver")
    replace_scope(spark, _old_frame(spark), old, root, {"day": D1})
    day2 = spark.createDataFrame(
        [("d", 1, "web", 2.0, Decimal("1.00"), D2)],
        "id string, score int, channel string, ratio float, amount decimal(5,2), day date",
    )
    assert replace_scope(spark, day2, added, root, {"day": D2}) == 1
    stored = spark.read.format("delta").load(table_location(added, root)).schema
    assert stored.fieldNames() == added.table_schema.fieldNames()  # placed after score, as the contract says
    assert _values(read_table(spark, added, root)) == [
        ("a", 7, None, 0.5, Decimal("123.45"), D1),
        ("b", None, None, 1.25, Decimal("-0.01"), D1),
        ("c", -3, None, None, None, D1),
        ("d", 1, "web", 2.0, Decimal("1.00"), D2),
    ]

    widened = _measures(name, "delta", new=True)
    # Reading casts, so a reader on the widened contract still gets every row ...
    assert read_table(spark, widened, root).count() == 4
    # ... but a write cannot change the stored type, and says so before writing anything.
    with pytest.raises(
        TableSchemaError, match=r"score is stored as int .* says bigint, a type Delta 3.3 cannot"
    ):
        replace_scope(spark, read_table(spark, widened, root), widened, root, {"day": D2})
    assert read_table(spark, added, root).count() == 4


def _schema(spark, ddl: str) -> StructType:
    return spark.createDataFrame([], ddl).schema


def _statements(spark, fmt: str, before: str, after: str, table: str = "cat.t") -> list[str]:
    contract = build_contract("t", [("x", "int", True)], source_format=None)
    contract = replace(contract, format=fmt, table_schema_json=_schema(spark, after).jsonValue())
    return evolution_statements(contract, _schema(spark, before), table)


def test_evolution_adds_nested_fields_widens_and_relaxes_in_iceberg(spark, tmp_path):
    before = "a struct<p:int>, xs array<struct<q:float>>, m map<string,int>, b int"
    after = (
        "a struct<n:string,p:bigint>, xs array<struct<q:double,r:string>>, m map<string,bigint>, b smallint"
    )
    table = f"lake.silver.{_unique('nested', 'iceberg', tmp_path)}"
    statements = _statements(spark, "iceberg", before, after, table)
    assert statements == [
        f"ALTER TABLE {table} ADD COLUMN `a`.`n` string FIRST",
        f"ALTER TABLE {table} ALTER COLUMN `a`.`p` TYPE bigint",
        f"ALTER TABLE {table} ALTER COLUMN `xs`.`element`.`q` TYPE double",
        f"ALTER TABLE {table} ADD COLUMN `xs`.`element`.`r` string AFTER `q`",
        f"ALTER TABLE {table} ALTER COLUMN `m`.`value` TYPE bigint",
    ]  # b: Iceberg stores a tinyint as int, and a smallint too
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.silver")
    spark.createDataFrame([], before).writeTo(table).using("iceberg").create()
    for statement in statements:
        spark.sql(statement)
    assert (
        spark.table(table).schema.simpleString()
        == _schema(spark, after.replace("b smallint", "b int")).simpleString()
    )


def test_evolution_refuses_what_compat_calls_breaking(spark):
    with pytest.raises(TableSchemaError, match=r"x is stored as bigint .* says int, not a widening"):
        _statements(spark, "iceberg", "x bigint", "x int")
    with pytest.raises(TableSchemaError, match=r"column y is new and required"):
        _statements(spark, "iceberg", "x int", "x int, y string not null")
    with pytest.raises(TableSchemaError, match=r"says decimal\(7,3\), not a widening"):
        _statements(spark, "iceberg", "x decimal(5,2)", "x decimal(7,3)")
    with pytest.raises(TableSchemaError, match=r"Delta 3.3 cannot change"):
        _statements(spark, "delta", "x float", "x double")


def test_a_stored_column_narrower_than_no_widening_fails_the_read_with_its_name(spark, tmp_path):
    name = _unique("narrowed", "parquet", tmp_path)
    root = str(tmp_path / "silver")
    written = build_contract(name, [("id", "string", False), ("n", "bigint", True), ("day", "date", False)],
                             partition_keys=["day"], source_format=None)  # fmt: skip
    rows = spark.createDataFrame([("a", BIG, D1)], "id string, n bigint, day date")
    replace_scope(spark, rows, written, root, {"day": D1})
    narrowed = build_contract(name, [("id", "string", False), ("n", "int", True), ("day", "date", False)],
                              partition_keys=["day"], source_format=None)  # fmt: skip
    with pytest.raises(TableSchemaError, match=rf"dataset '{name}' .*n is stored as bigint"):
        read_table(spark, narrowed, root)


# The real bronze -> silver job: support_tickets (a JSON API source) under its contract, then under one with
# a new nullable column and satisfaction_score widened from int to bigint.


def _tickets(fmt: str, name: str, *, new: bool) -> Contract:
    raw = json.loads(generated_contract_path("support_tickets").read_text())
    raw = copy.deepcopy(raw) | {"name": name, "format": fmt}
    if new:
        for column in raw["columns"]:
            if column["name"] == "satisfaction_score":
                column["type"] = "bigint"
                column["leaves"][0]["type"] = "bigint"
        for schema in ("sourceSchema", "tableSchema"):
            for field in raw[schema]["fields"]:
                if field["name"] == "satisfaction_score":
                    field["type"] = "long"
        if fmt == "delta":  # Delta cannot widen in place: only the new column there
            raw = json.loads(
                json.dumps(raw).replace('"bigint"', '"int"').replace('"type": "long"', '"type": "integer"')
            )
        at = [c["name"] for c in raw["columns"]].index("priority") + 1
        raw["columns"].insert(at, {
            "name": "channel", "type": "string", "nullable": True, "description": "Where the ticket came in.",
            "classification": "public", "enum": None, "standardize": None, "mask": None,
            "leaves": [{"path": ["channel"], "type": "string", "nullable": True, "classification": "public",
                        "standardize": None, "mask": None}],
        })  # fmt: skip
        for schema in ("sourceSchema", "tableSchema"):
            fields = raw[schema]["fields"]
            at = [f["name"] for f in fields].index("priority") + 1
            fields.insert(at, {"name": "channel", "type": "string", "nullable": True, "metadata": {}})
    return parse_contract(raw, f"<support_tickets {'new' if new else 'old'}>")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_job_on_a_compatible_new_contract_keeps_the_rows_the_old_one_wrote(
    spark, contract, tmp_path, fmt
):
    name = _unique("tickets", fmt, tmp_path)
    old, new = _tickets(fmt, name, new=False), _tickets(fmt, name, new=True)
    paths = LakePaths(str(tmp_path / "lake"))
    quarantine = contract("quarantine")
    at = datetime(2026, 11, 22, 3, tzinfo=UTC)

    def run(c: Contract, day: date) -> dict[str, object]:
        generate([c], Path(paths.bronze), day, 60, 0.2, seed=5)
        run_ = DayRun(day, f"{name}-{day:%Y%m%d}", paths.bronze, paths.silver, paths.quarantine, at, True,
                      DEMO_MASK_KEY.encode())  # fmt: skip
        return run_day(spark, c, quarantine, run_)

    first = run(old, D1)
    day1_old = _values(
        read_table(spark, old, paths.silver).select("ticket_id", "satisfaction_score", "status")
    )
    assert len(day1_old) == first["rowsWritten"] > 0

    second = run(new, D2)
    table = read_table(spark, new, paths.silver)
    assert table.schema["satisfaction_score"].dataType.simpleString() == (
        "int" if fmt == "delta" else "bigint"
    )
    assert table.count() == first["rowsWritten"] + second["rowsWritten"]
    day1 = table.where(F.col("lake_ingest_date") == D1)
    assert _values(day1.select("ticket_id", "satisfaction_score", "status")) == day1_old
    assert day1.where(F.col("channel").isNotNull()).count() == 0
    assert table.where(F.col("lake_ingest_date") == D2).where(F.col("channel").isNotNull()).count() > 0
