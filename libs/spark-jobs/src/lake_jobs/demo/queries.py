"""The analytical queries over gold, as ``make generate`` renders them for Spark SQL.

Each query is defined once in ``libs/schemas`` (``src/analytics/gold-queries.ts``), which also renders the
Athena named queries and prepared statements the gold stack saves; ``dist/schemas/<dataset>/queries.json``
carries the Spark SQL with two placeholders, the table and the snapshot date, filled here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession

QUERIES_FILE = "queries.json"


@dataclass(frozen=True)
class GoldQuery:
    name: str
    description: str
    dataset: str
    columns: tuple[str, ...]  # the result columns, in order
    template: str
    table_placeholder: str
    snapshot_placeholder: str

    def sql(self, table: str, snapshot: date) -> str:
        """The query over one snapshot of ``table`` (a catalog name, or ``delta.`<path>```)."""
        if isinstance(snapshot, datetime) or not isinstance(snapshot, date):
            raise TypeError(f"query {self.name!r}: the snapshot must be a date, got {snapshot!r}")
        return self.template.replace(self.table_placeholder, table).replace(
            self.snapshot_placeholder, snapshot.isoformat()
        )


def load_queries(schemas_root: Path, dataset: str) -> list[GoldQuery]:
    """The queries over ``dataset`` from its generated ``queries.json``; [] when no query reads it."""
    path = schemas_root / dataset / QUERIES_FILE
    if not path.is_file():
        if (schemas_root / dataset / "contract.json").is_file():
            return []
        raise FileNotFoundError(f"{path} is missing: run `make generate` first")
    raw = json.loads(path.read_text(encoding="utf-8"))
    table, snapshot = raw["placeholders"]["table"], raw["placeholders"]["snapshotDate"]
    queries = []
    for q in raw["queries"]:
        if table not in q["sql"] or snapshot not in q["sql"]:
            raise ValueError(f"{path}: query {q['name']!r} lacks the placeholder {table} or {snapshot}")
        queries.append(
            GoldQuery(
                q["name"], q["description"], raw["dataset"], tuple(q["columns"]), q["sql"], table, snapshot
            )
        )
    return queries


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def run_query(spark: SparkSession, sql: str) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (decimals as exact strings)."""
    return [{k: _plain(v) for k, v in row.asDict().items()} for row in spark.sql(sql).collect()]
