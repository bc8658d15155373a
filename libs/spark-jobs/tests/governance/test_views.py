"""Persona views on real Spark, from the generated access model: the analyst's and BI's views hold no pii
column, the regional analyst's view holds only its rows, and a persona sees nothing it has no grant on."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from lake_jobs.governance.views import (
    PersonaAccess,
    TableGrant,
    access_model_path,
    create_persona_views,
    load_access_model,
    view_sql,
)

COUNTRIES = ["US", "US", "DE", None, "FR", "US"]
DEFAULTS = {
    T.StringType: "x", T.IntegerType: 0, T.LongType: 0, T.ShortType: 0, T.ByteType: 0, T.DoubleType: 0.0,
    T.FloatType: 0.0, T.BooleanType: False, T.DecimalType: Decimal(0), T.DateType: date(2024, 3, 31),
    T.TimestampType: datetime(2024, 3, 31, tzinfo=UTC), T.ArrayType: [], T.MapType: {},
}  # fmt: skip


def _value(field: T.StructField):
    """A value for a non-nullable field (the rows only vary in country), None for a nullable one."""
    if field.nullable:
        return None
    if isinstance(field.dataType, T.StructType):
        return {f.name: _value(f) for f in field.dataType.fields}
    return DEFAULTS[type(field.dataType)]


@pytest.fixture(scope="module")
def personas() -> dict[str, PersonaAccess]:
    return {p.persona: p for p in load_access_model(access_model_path("dev"))}


@pytest.fixture(scope="module")
def views(spark: SparkSession, personas, contract) -> dict[str, dict[str, str]]:
    """Every table a persona reads, as a small table with the contract's schema, and every persona's views."""
    sources = {}
    for table in sorted({g.table for p in personas.values() for g in p.tables}):
        c = contract(table.split(".")[1])
        base = {f.name: _value(f) for f in c.table_schema.fields}
        rows = [{**base, **({"country": country} if "country" in base else {})} for country in COUNTRIES]
        df = spark.createDataFrame(rows, c.table_schema)
        source = f"src_{c.layer}_{c.name}"
        df.createOrReplaceTempView(source)
        sources[table] = source
    return create_persona_views(spark, list(personas.values()), sources)


def _pii(contract, table: str) -> set[str]:
    """Columns holding a pii value anywhere, a struct with one pii field included."""
    c = contract(table.split(".")[1])
    return {
        col.name
        for col in (*c.columns, *c.audit_columns)
        if col.is_pii or any(leaf.is_pii for leaf in col.leaves)
    }


@pytest.mark.parametrize("persona", ["analyst", "regional_analyst", "bi", "data_scientist"])
def test_views_of_personas_that_never_see_pii_hold_no_pii_column(spark, views, contract, persona):
    assert views[persona], f"{persona} has no view"
    for table, view in views[persona].items():
        columns = set(spark.table(view).columns)
        assert columns, f"{persona} sees no column of {table}"
        assert not columns & _pii(contract, table), f"{persona} sees pii in {table}"


def test_the_data_engineer_sees_every_column_and_row(spark, views, contract):
    view = views["data_engineer"]["gold.customer_360"]
    schema = contract("customer_360").table_schema
    assert spark.table(view).columns == [f.name for f in schema.fields]
    assert {"email", "phone", "full_name"} <= set(spark.table(view).columns)
    assert spark.table(view).count() == len(COUNTRIES)


def test_the_regional_analyst_sees_only_us_rows_of_customer_360(spark, views, personas):
    grant = personas["regional_analyst"].grant("gold.customer_360")
    assert grant is not None and grant.row_filter == "`country` = 'US'"
    rows = spark.table(views["regional_analyst"]["gold.customer_360"]).collect()
    assert [r["country"] for r in rows] == ["US", "US", "US"]
    assert spark.table(views["analyst"]["gold.customer_360"]).count() == len(COUNTRIES)


def test_a_persona_gets_no_view_of_a_table_it_has_no_grant_on(views):
    assert set(views["analyst"]) == {"gold.customer_360"}
    assert "intern" not in views
    assert all(not p.startswith("pipeline") for p in views)


def test_view_sql_selects_the_visible_columns_and_applies_the_filter():
    grant = TableGrant("gold.t", "gold", "t", ("a", "b"), ("email",), "`a` = 'US'", "x_us")
    assert view_sql(grant, "lake.gold.t", "x_gold_t") == (
        "CREATE OR REPLACE TEMPORARY VIEW `x_gold_t` AS SELECT `a`, `b` FROM lake.gold.t WHERE `a` = 'US'"
    )
    with pytest.raises(ValueError, match=r"view v: the persona sees no column of gold\.t"):
        view_sql(TableGrant("gold.t", "gold", "t", (), ("a",), None, None), "s", "v")


def test_a_missing_model_says_how_to_make_it(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="run `make access-model` first"):
        load_access_model(tmp_path / "governance.dev.json")
