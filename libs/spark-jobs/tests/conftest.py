"""Shared fixtures: one local Spark session for the whole test session, and the generated contracts.

Contracts are read from ``dist/schemas`` (written by ``make generate``; the Nx ``test`` target depends on
``schemas:generate``), so the jobs are tested against exactly the files they get in production.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyspark.sql import SparkSession

from lake_jobs.common.contract import Contract, load_contract, parse_contract
from lake_jobs.common.paths import generated_contract_path
from lake_jobs.common.session import get_spark
from lake_jobs.common.vocabulary import SUPPORTED_VERSION

LEAF_KEYS = ("type", "nullable", "classification", "standardize", "mask")


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> SparkSession:
    # getOrCreate: every test folder gets this same session, so the suite pays for one JVM.
    return get_spark(
        "lake-jobs-tests", str(tmp_path_factory.mktemp("lake")), master="local[2]", shuffle_partitions=2
    )


def generated(dataset: str) -> Contract:
    path = generated_contract_path(dataset)
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make generate` (nx run schemas:generate) first")
    return load_contract(str(path))


@pytest.fixture(scope="session")
def contract() -> Callable[[str], Contract]:
    """``contract("customers")``: the generated contract of a dataset."""
    return generated


def spark_type_json(hive: str) -> Any:
    return {"int": "integer", "bigint": "long"}.get(hive, hive)


def contract_dict(
    name: str,
    columns: list[tuple[str, str, bool]],
    *,
    rules: list[dict[str, Any]] | None = None,
    primary_key: list[str] | None = None,
    partition_keys: list[str] | None = None,
    source_format: str | None = "json",
    extra: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON of a small hand-made contract (simple types only), for tests about one behaviour; ``extra``
    adds column keys such as ``{"email": {"standardize": "email"}}``."""
    cols = []
    for col_name, hive, nullable in columns:
        col = {
            "name": col_name, "type": hive, "nullable": nullable, "description": None,
            "classification": "public", "enum": None, "standardize": None, "mask": None,
        }  # fmt: skip
        col.update((extra or {}).get(col_name, {}))
        # A simple type is its own only leaf.
        col["leaves"] = [{"path": [col_name], **{k: col[k] for k in LEAF_KEYS}}]
        cols.append(col)
    fields = [
        {"name": c["name"], "type": spark_type_json(c["type"]), "nullable": c["nullable"], "metadata": {}}
        for c in cols
    ]
    raw = {
        "contractVersion": SUPPORTED_VERSION, "name": name, "layer": "silver", "domain": "test",
        "description": "test", "owner": "test@example.com", "format": "parquet",
        "primaryKey": primary_key or [], "orderingColumn": None, "partitionKeys": partition_keys or [],
        "audit": "none",
        "source": None if source_format is None else {
            "kind": "file", "format": source_format, "schedule": None, "bronzePrefix": f"source={name}/",
        },
        "columns": cols, "auditColumns": [], "derivedFrom": [],
        "sourceSchema": {"type": "struct", "fields": fields},
        "tableSchema": {"type": "struct", "fields": fields},
        "rules": rules or [],
    }  # fmt: skip
    return raw


def build_contract(
    name: str, columns: list[tuple[str, str, bool]], *, location: str = "<test>", **keys: Any
) -> Contract:
    """:func:`contract_dict`, loaded."""
    return parse_contract(contract_dict(name, columns, **keys), location)


@pytest.fixture
def write_lines(tmp_path: Path) -> Callable[[str, list[str]], str]:
    """Writes text lines to a file under the test's folder and returns its path."""

    def write(name: str, lines: list[str]) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return str(path)

    return write
