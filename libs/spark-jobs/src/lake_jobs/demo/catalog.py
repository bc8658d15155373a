"""Registering the lake's tables in the session from the generated Spark DDL (``ddl.spark.sql``).

The DDL names ``${LAKE_ROOT}`` for path-based tables; it is replaced by the lake's root. Path-based
(Parquet) tables are external: re-registering drops the catalog entry only, never data, so a rerun (or a lake
moved elsewhere) always points at the current files. Iceberg tables are the data itself and are only created
when missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyspark.sql import SparkSession

DDL_FILE = "ddl.spark.sql"
ROOT_PLACEHOLDER = "${LAKE_ROOT}"
_CREATE = re.compile(
    r"CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(?P<name>[\w.]+)\s*\(.*?\)\s*USING\s+(?P<format>\w+)", re.I | re.S
)


@dataclass(frozen=True)
class TableDdl:
    dataset: str
    table: str
    format: str
    partitioned: bool
    sql: str

    @property
    def namespace(self) -> str:
        return self.table.rsplit(".", 1)[0]


def parse_ddl(dataset: str, text: str, lake_root: str) -> TableDdl:
    """The table a DDL file creates, with the lake root filled in; a clear error for an unexpected file."""
    sql = text.strip().rstrip(";").replace(ROOT_PLACEHOLDER, lake_root.rstrip("/"))
    match = _CREATE.match(sql)
    if match is None:
        raise ValueError(
            f"{dataset}/{DDL_FILE}: expected one CREATE TABLE IF NOT EXISTS <name> (...) USING ..."
        )
    return TableDdl(
        dataset=dataset,
        table=match["name"],
        format=match["format"].lower(),
        partitioned=re.search(r"\)\s*USING\s+\w+\s+PARTITIONED\s+BY", sql, re.I) is not None,
        sql=sql,
    )


def register(spark: SparkSession, ddl: TableDdl) -> None:
    spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {ddl.namespace}")
    if ddl.format != "iceberg":
        spark.sql(f"DROP TABLE IF EXISTS {ddl.table}")
    spark.sql(ddl.sql)
    if ddl.format == "parquet" and ddl.partitioned:
        # A new catalog entry knows no partitions until the folders are scanned.
        spark.sql(f"ALTER TABLE {ddl.table} RECOVER PARTITIONS")


def register_all(spark: SparkSession, ddl_root: Path, datasets: list[str], lake_root: str) -> list[str]:
    """Register each dataset's table; returns the table names."""
    tables = []
    for dataset in datasets:
        path = ddl_root / dataset / DDL_FILE
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run `make generate` first")
        ddl = parse_ddl(dataset, path.read_text(encoding="utf-8"), lake_root)
        register(spark, ddl)
        tables.append(ddl.table)
    return tables
