"""A cross-column rule is judged the same three ways: by Glue Data Quality's CustomSql in dqdl.txt, by the
jobs' ``violation`` (F.expr of contract.json's condition) and by the generator's Python evaluator.

Each side is evaluated on the same rows, every combination of a few values per column the rules read, NULL
included: the DQDL statement and its WHERE clause run as Spark SQL (the dialect Glue runs CustomSql in)."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta

import pytest
from pyspark.sql import types as T

from lake_jobs.common.paths import generated_contract_path
from lake_jobs.common.rule_checks import violation
from lake_jobs.common.vocabulary import CROSS_COLUMN_RULE_KINDS
from lake_jobs.synthetic.relations import broken

T0 = datetime(2026, 11, 1, 12, tzinfo=UTC)
CUSTOM_SQL = re.compile(r'CustomSql "((?:[^"\\]|\\.)*)" = 0')
WITH_CROSS_RULES = ["customers", "support_tickets"]


def _custom_sql(dataset: str) -> list[str]:
    text = generated_contract_path(dataset).with_name("dqdl.txt").read_text(encoding="utf-8")
    return [m.group(1).replace('\\"', '"') for m in CUSTOM_SQL.finditer(text)]


def _candidates(contract, name: str, data_type: T.DataType) -> list:
    if isinstance(data_type, T.TimestampType):
        return [T0, T0 + timedelta(hours=3), T0 - timedelta(hours=1), None]
    if isinstance(data_type, T.DoubleType):
        return [3.0, 3.005, 5.0, None]
    values = list(contract.column(name).enum or ())
    return [*values[:3], None] if values else ["x", None]


def _rows(contract):
    rules = contract.rules_of(*CROSS_COLUMN_RULE_KINDS)
    read = [n for n in contract.column_names if any(n in r.columns_read for r in rules)]
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    combos = itertools.product(*[_candidates(contract, n, types[n]) for n in read])
    rows = [{**dict.fromkeys(contract.column_names), **dict(zip(read, combo, strict=True)), "_id": i}
            for i, combo in enumerate(combos)]  # fmt: skip
    schema = T.StructType(
        [T.StructField(f.name, f.dataType, True) for f in contract.source_schema.fields]
        + [T.StructField("_id", T.IntegerType(), False)]
    )
    return rules, rows, schema


@pytest.mark.parametrize("dataset", WITH_CROSS_RULES)
def test_dqdl_custom_sql_the_jobs_and_the_generator_agree_on_every_row(spark, contract, dataset):
    c = contract(dataset)
    rules, rows, schema = _rows(c)
    statements = _custom_sql(dataset)
    assert len(statements) == len(rules) > 0
    frame = spark.createDataFrame(rows, schema)
    frame.createOrReplaceTempView("primary")
    for rule, statement in zip(rules, statements, strict=True):
        where = statement.split(" WHERE ", 1)[1]
        by_dqdl = {r._id for r in spark.sql(f"SELECT _id FROM primary WHERE {where}").collect()}
        by_job = {r._id for r in frame.where(violation(rule)).select("_id").collect()}
        by_generator = {row["_id"] for row in rows if broken(rule, row)}
        assert by_dqdl == by_job == by_generator, rule.id
        assert 0 < len(by_job) < len(rows), rule.id  # the rows tell breaking from holding
        assert spark.sql(statement).first()[0] == len(by_job), rule.id
    nulls = [r["_id"] for r in rows if any(r[n] is None for n in rules[0].columns_read)]
    assert nulls  # NULL operands are among the rows judged
