"""Shared by the DAG tests: an Airflow home of their own (set before Airflow is imported), the manifests the
dev and prod stacks would upload (from their offline plans), and DAG folders built the way MWAA gets them."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

APP = Path(__file__).resolve().parents[2]
WORKSPACE = APP.parents[1]
DAGS_SOURCE = APP / "dags"
MANIFEST_FILE = "lake_pipeline.manifest.json"

_HOME = Path(tempfile.mkdtemp(prefix="airflow-home-"))
os.environ.update(
    {
        "AIRFLOW_HOME": str(_HOME),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(_HOME / "dags"),
    }
)
os.environ.pop("LAKE_DAGS_TARGET", None)


def planned_manifest(stack: str) -> dict[str, Any]:
    """The manifest the stack uploads beside the DAG file, from its offline plan (airflow-dags:plan)."""
    plan = WORKSPACE / "dist" / "plan" / f"airflow-dags.{stack}.json"
    if not plan.is_file():
        pytest.fail(f"{plan} is missing: the pytest target plans the stacks first (nx run airflow-dags:plan)")
    return json.loads(plan.read_text(encoding="utf-8"))["outputs"]["manifest"]


def registry_datasets() -> dict[str, dict[str, Any]]:
    """The registry's datasets, from the generated dist/schemas (`make generate`): the index entry of each,
    with the `derivedFrom` of its contract."""
    schemas = WORKSPACE / "dist" / "schemas"
    index = schemas / "index.json"
    if not index.is_file():
        pytest.fail(f"{index} is missing: run `make generate`")
    datasets = {}
    for entry in json.loads(index.read_text(encoding="utf-8"))["datasets"]:
        contract = json.loads((schemas / entry["name"] / "contract.json").read_text(encoding="utf-8"))
        datasets[entry["name"]] = {**entry, "derivedFrom": contract.get("derivedFrom", [])}
    return datasets


def make_dag_folder(root: Path, manifest: dict[str, Any] | str) -> Path:
    """A copy of the DAG folder as uploaded under `root`, with `manifest` (an object, or raw text) beside the
    DAG file."""
    folder = root / "dags"
    shutil.copytree(DAGS_SOURCE, folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    (folder / MANIFEST_FILE).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def dag_folder(tmp_path: Path) -> Callable[..., Path]:
    """`make_dag_folder` in the test's own temporary folder."""
    return lambda manifest: make_dag_folder(tmp_path, manifest)
