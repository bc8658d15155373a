"""lake_dags: the DAG factory of the lake's pipeline. ``render_dags`` reads the manifest beside a DAG file
and returns its DAGs (the pipeline, and the table maintenance on its own schedule), built for MWAA, or for
the local lake when ``LAKE_DAGS_TARGET=local``
(``make orchestrate``)."""

from __future__ import annotations

import os
from pathlib import Path

from lake_dags.factory import TaskTarget, build_dag
from lake_dags.manifest import Manifest, ManifestError, load_manifest

TARGET_ENV = "LAKE_DAGS_TARGET"
TARGETS = ("aws", "local")

__all__ = ["TARGET_ENV", "Manifest", "ManifestError", "build_dag", "load_manifest", "render_dags", "target"]


def target(name: str | None = None) -> TaskTarget:
    """The task target ``name`` (default: ``$LAKE_DAGS_TARGET``, else ``aws``)."""
    chosen = name or os.environ.get(TARGET_ENV) or "aws"
    if chosen == "aws":
        from lake_dags.aws_tasks import AwsTarget

        return AwsTarget()
    if chosen == "local":
        # Only on the laptop: the local stand-ins are not uploaded to MWAA.
        from lake_dags_local import LocalTarget

        return LocalTarget.from_environment()
    raise ManifestError(f"{TARGET_ENV}={chosen!r} is not a target (known: {', '.join(TARGETS)})")


def render_dags(manifest_path: str | Path) -> dict[str, object]:
    """``{dag_id: DAG}`` of the manifest at ``manifest_path`` (the pipeline and the table maintenance), for
    the DAG file's module globals."""
    chosen = target()
    dags = [build_dag(m, chosen) for m in load_manifest(manifest_path).dags()]
    return {dag.dag_id: dag for dag in dags}
