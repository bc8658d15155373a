"""The DAG factory: one DAG from a checked manifest, each task built by a target (MWAA's AWS operators, or the
local lake's stand-ins) with the same task ids, dependencies, arguments, retries and timeouts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Protocol

from airflow.sdk import DAG, BaseOperator

from lake_dags.callbacks import log_task_failure
from lake_dags.manifest import Manifest, TaskSpec


class TaskTarget(Protocol):
    """Builds the operator of one task; ``common`` holds the task id and the arguments every task shares."""

    def crawler(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator: ...

    def job(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator: ...

    def data_quality(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator: ...

    def not_deployed(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator: ...


def task_doc(spec: TaskSpec) -> str:
    """What the Airflow UI shows for a task: its dataset and what it runs."""
    if spec.type == "glue_crawler":
        what = f"Glue crawler `{spec.crawler_name}` catalogs the day's bronze files"
    elif spec.type == "glue_job":
        what = f"Glue job `{spec.job_name}` runs `lake_jobs.{spec.job}`"
    elif spec.type == "glue_data_quality":
        what = (
            f"Glue Data Quality evaluates ruleset `{spec.ruleset_name}` on "
            f"`{spec.database_name}.{spec.table_name}` as `{spec.role_arn}`"
        )
    else:
        what = f"`lake_jobs.{spec.job}` has no deployed job: {spec.reason}"
    return f"Dataset `{spec.dataset}` ({spec.layer}). {what}."


def task_arguments(spec: TaskSpec, manifest: Manifest) -> dict[str, Any]:
    """What every task gets whatever its target: owner, retries with exponential backoff, a timeout per task
    type, the failure callback (which names the dataset) and the doc."""
    retry = manifest.retry
    return {
        "task_id": spec.task_id,
        "owner": manifest.owner,
        "retries": retry.retries,
        "retry_delay": timedelta(seconds=retry.delay_seconds),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(seconds=retry.max_delay_seconds),
        "execution_timeout": timedelta(seconds=manifest.timeout_seconds[spec.type]),
        "on_failure_callback": partial(log_task_failure, dataset=spec.dataset),
        "doc_md": task_doc(spec),
    }


def build_dag(manifest: Manifest, target: TaskTarget) -> DAG:
    """The DAG of ``manifest`` (the pipeline's, or its ``maintenance``): one task per manifest task, wired to
    its upstream tasks."""
    builders: dict[str, Callable[[TaskSpec, Manifest, dict[str, Any]], BaseOperator]] = {
        "glue_crawler": target.crawler,
        "glue_job": target.job,
        "glue_data_quality": target.data_quality,
        "not_deployed": target.not_deployed,
    }
    start = datetime(manifest.start_date.year, manifest.start_date.month, manifest.start_date.day, tzinfo=UTC)
    with DAG(
        dag_id=manifest.dag_id,
        description=manifest.description,
        schedule=manifest.schedule,
        start_date=start,
        # A day is processed when its run comes; older days are backfilled on purpose, never by surprise.
        catchup=False,
        # Two runs would race on the same partitions of the lake's tables.
        max_active_runs=1,
        tags=list(manifest.tags),
        default_args={"owner": manifest.owner},
        doc_md=f"{manifest.description}\n\nEnvironment `{manifest.environment}`, rendered from the manifest.",
    ) as dag:
        operators = {
            spec.task_id: builders[spec.type](spec, manifest, task_arguments(spec, manifest))
            for spec in manifest.tasks
        }
        for spec in manifest.tasks:
            for up in spec.upstream:
                operators[up] >> operators[spec.task_id]
    return dag
