"""The orchestration manifest: the task graph the stack writes beside the DAG file, read and checked in full
before any DAG object exists, so a broken manifest is one import error that names every dataset and task at
fault instead of a DAG that is silently missing or half built."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

MANIFEST_VERSION = 1
# What a task does; each is rendered by a target (AWS or the local lake).
TASK_TYPES = ("glue_crawler", "glue_job", "glue_data_quality", "not_deployed")
# The lake_jobs entry points a Glue job (and its local stand-in) runs.
LAKE_JOBS = ("bronze_to_silver", "quality", "silver_to_gold", "maintenance")
LAYERS = ("bronze", "silver", "gold")


class ManifestError(ValueError):
    """A manifest the factory refuses: every problem, each naming the dataset and task it is about."""


@dataclass(frozen=True)
class TaskSpec:
    task_id: str
    dataset: str
    layer: str
    type: str
    upstream: tuple[str, ...]
    # glue_crawler
    crawler_name: str | None = None
    # glue_job and not_deployed: the lake_jobs entry point and the run arguments (templated, e.g. {{ ds }})
    job: str | None = None
    job_name: str | None = None
    arguments: Mapping[str, str] | None = None
    # not_deployed: why AWS has nothing to run for this task
    reason: str | None = None
    # glue_data_quality: the ruleset, the role its run is started with, the evaluated table and the tables its
    # ReferentialIntegrity rules read, by alias
    ruleset_name: str | None = None
    role_arn: str | None = None
    database_name: str | None = None
    table_name: str | None = None
    referenced_tables: Mapping[str, str] | None = None
    warning_rules: tuple[str, ...] | None = None
    # per table of the evaluation: its partition predicate (templated, e.g. {{ ds }})
    predicates: Mapping[str, str] | None = None


@dataclass(frozen=True)
class RetryPolicy:
    retries: int
    delay_seconds: int
    max_delay_seconds: int


@dataclass(frozen=True)
class Manifest:
    dag_id: str
    description: str
    schedule: str
    start_date: date
    environment: str
    owner: str
    tags: tuple[str, ...]
    retry: RetryPolicy
    # Per task type: the task's execution timeout and how often its wait polls AWS.
    timeout_seconds: Mapping[str, int]
    poll_seconds: Mapping[str, int]
    tasks: tuple[TaskSpec, ...]
    # The maintenance DAG: its own id, schedule and tasks, the same owner, retries and timeouts.
    maintenance: Manifest | None = None

    def task(self, task_id: str) -> TaskSpec:
        return next(t for t in self.tasks if t.task_id == task_id)

    def dags(self) -> tuple[Manifest, ...]:
        """The pipeline DAG's manifest, then the maintenance DAG's (when it has tasks)."""
        return (self,) if self.maintenance is None or not self.maintenance.tasks else (self, self.maintenance)


def load_manifest(path: str | Path) -> Manifest:
    """Read and check the manifest JSON at ``path``; a ManifestError names the file and each problem."""
    source = str(path)
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ManifestError(
            f"{source}: the manifest is missing (the stack uploads it beside the DAG file)"
        ) from err
    except json.JSONDecodeError as err:
        raise ManifestError(f"{source}: not JSON: {err}") from err
    return parse_manifest(raw, source)


class _Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.found.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.found:
            listed = "\n  ".join(self.found)
            raise ManifestError(f"{self.source}: {len(self.found)} problem(s):\n  {listed}")


def _text(raw: Mapping[str, Any], key: str, where: str, problems: _Problems) -> str | None:
    value = raw.get(key)
    if not isinstance(value, str) or value == "":
        problems.add(where, f"{key} must be a non-empty string, got {value!r}")
        return None
    return value


def _count(raw: Mapping[str, Any], key: str, where: str, problems: _Problems, minimum: int) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        problems.add(where, f"{key} must be a whole number of at least {minimum}, got {value!r}")
        return minimum
    return value


def _per_type(raw: Any, key: str, problems: _Problems) -> dict[str, int]:
    if not isinstance(raw, Mapping):
        problems.add("taskDefaults", f"{key} must map each task type to seconds, got {raw!r}")
        return {}
    return {t: _count(raw, t, f"taskDefaults.{key}", problems, 1) for t in TASK_TYPES}


def _task(raw: Any, index: int, problems: _Problems) -> TaskSpec | None:
    if not isinstance(raw, Mapping):
        problems.add(f"tasks[{index}]", f"must be an object, got {raw!r}")
        return None
    dataset = raw.get("dataset") if isinstance(raw.get("dataset"), str) else f"<tasks[{index}]>"
    where = f"dataset {dataset}, task {raw.get('taskId', f'<tasks[{index}]>')}"
    task_id = _text(raw, "taskId", where, problems)
    _text(raw, "dataset", where, problems)
    layer = raw.get("layer")
    if layer not in LAYERS:
        problems.add(where, f"layer must be one of {', '.join(LAYERS)}, got {layer!r}")
    upstream = raw.get("upstream")
    if not isinstance(upstream, Sequence) or isinstance(upstream, str):
        problems.add(where, f"upstream must be a list of task ids, got {upstream!r}")
        upstream = ()
    kind = raw.get("type")
    fields: dict[str, Any] = {}
    if kind == "glue_crawler":
        fields["crawler_name"] = _text(raw, "crawlerName", where, problems)
    elif kind == "glue_data_quality":
        fields.update(
            ruleset_name=_text(raw, "rulesetName", where, problems),
            role_arn=_text(raw, "roleArn", where, problems),
            database_name=_text(raw, "databaseName", where, problems),
            table_name=_text(raw, "tableName", where, problems),
        )
        referenced = raw.get("referencedTables")
        if not isinstance(referenced, Mapping) or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in referenced.items()
        ):
            problems.add(where, f"referencedTables must map an alias to a table name, got {referenced!r}")
            referenced = {}
        fields["referenced_tables"] = dict(referenced)
        warnings = raw.get("warningRules")
        if not isinstance(warnings, list) or not all(isinstance(w, str) and w for w in warnings):
            problems.add(where, f"warningRules must be a list of DQDL rules, got {warnings!r}")
            warnings = []
        fields["warning_rules"] = tuple(warnings)
        predicates = raw.get("predicates")
        if not isinstance(predicates, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in predicates.items()
        ):
            problems.add(where, f"predicates must map a table to a predicate, got {predicates!r}")
            predicates = {}
        fields["predicates"] = dict(predicates)
    elif kind in ("glue_job", "not_deployed"):
        job = raw.get("job")
        if job not in LAKE_JOBS:
            problems.add(where, f"job must be one of {', '.join(LAKE_JOBS)}, got {job!r}")
        arguments = raw.get("arguments")
        if not isinstance(arguments, Mapping) or not all(
            isinstance(k, str) and k.startswith("--") and isinstance(v, str) for k, v in arguments.items()
        ):
            problems.add(where, f'arguments must map "--name" to a string, got {arguments!r}')
            arguments = {}
        fields.update(job=job, arguments=dict(arguments))
        if kind == "glue_job":
            fields["job_name"] = _text(raw, "jobName", where, problems)
        else:
            fields["reason"] = _text(raw, "reason", where, problems)
    else:
        problems.add(where, f"unknown task type {kind!r} (known: {', '.join(TASK_TYPES)})")
    if task_id is None or layer not in LAYERS or kind not in TASK_TYPES:
        return None
    return TaskSpec(
        task_id=task_id,
        dataset=str(raw["dataset"]),
        layer=str(layer),
        type=str(kind),
        upstream=tuple(str(u) for u in upstream),
        **fields,
    )


def _tasks(raw_tasks: Any, where: str, problems: _Problems, allow_empty: bool = False) -> list[TaskSpec]:
    """The checked tasks of one DAG: ids unique, every upstream id one of them."""
    if not isinstance(raw_tasks, list) or (not raw_tasks and not allow_empty):
        problems.add(where, f"tasks must be a non-empty list, got {raw_tasks!r}")
        raw_tasks = []
    tasks = [t for i, r in enumerate(raw_tasks) if (t := _task(r, i, problems)) is not None]
    # Upstream ids are checked against every task that names one, valid or not: one bad task, one problem.
    ids = [r["taskId"] for r in raw_tasks if isinstance(r, Mapping) and isinstance(r.get("taskId"), str)]
    seen: set[str] = set()
    for task in tasks:
        at = f"dataset {task.dataset}, task {task.task_id}"
        if task.task_id in seen:
            problems.add(at, "the task id is used more than once")
        seen.add(task.task_id)
        for up in task.upstream:
            if up not in ids:
                problems.add(at, f"upstream task {up!r} is not in the manifest")
    return tasks


def parse_manifest(raw: Any, source: str = "manifest") -> Manifest:
    """Check ``raw`` (the decoded JSON) completely and return the Manifest, or raise one ManifestError."""
    problems = _Problems(source)
    if not isinstance(raw, Mapping):
        raise ManifestError(f"{source}: the manifest must be a JSON object, got {type(raw).__name__}")
    if raw.get("manifestVersion") != MANIFEST_VERSION:
        raise ManifestError(
            f"{source}: manifestVersion {raw.get('manifestVersion')!r} is not {MANIFEST_VERSION}, the "
            "version this DAG factory reads (upload the factory and the manifest of one deployment together)"
        )
    dag_id = _text(raw, "dagId", "manifest", problems)
    description = _text(raw, "description", "manifest", problems)
    schedule = _text(raw, "schedule", "manifest", problems)
    environment = _text(raw, "environment", "manifest", problems)
    owner = _text(raw, "owner", "manifest", problems)
    start_text = _text(raw, "startDate", "manifest", problems)
    start_date = date(2024, 1, 1)
    if start_text is not None:
        try:
            start_date = date.fromisoformat(start_text)
        except ValueError:
            problems.add("manifest", f"startDate must be YYYY-MM-DD, got {start_text!r}")
    tags = raw.get("tags")
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t for t in tags):
        problems.add("manifest", f"tags must be a non-empty list of strings, got {tags!r}")
        tags = []
    defaults = raw.get("taskDefaults")
    if not isinstance(defaults, Mapping):
        problems.add("manifest", f"taskDefaults must be an object, got {defaults!r}")
        defaults = {}
    retry = RetryPolicy(
        retries=_count(defaults, "retries", "taskDefaults", problems, 2),
        delay_seconds=_count(defaults, "retryDelaySeconds", "taskDefaults", problems, 1),
        max_delay_seconds=_count(defaults, "maxRetryDelaySeconds", "taskDefaults", problems, 1),
    )
    timeouts = _per_type(defaults.get("executionTimeoutSeconds"), "executionTimeoutSeconds", problems)
    polls = _per_type(defaults.get("pollIntervalSeconds"), "pollIntervalSeconds", problems)

    tasks = _tasks(raw.get("tasks"), "manifest", problems)
    maintenance_raw = raw.get("maintenance")
    maintenance: dict[str, Any] | None = None
    if maintenance_raw is not None:
        if not isinstance(maintenance_raw, Mapping):
            problems.add("maintenance", f"must be an object, got {maintenance_raw!r}")
        else:
            maintenance = {
                "dag_id": _text(maintenance_raw, "dagId", "maintenance", problems),
                "description": _text(maintenance_raw, "description", "maintenance", problems),
                "schedule": _text(maintenance_raw, "schedule", "maintenance", problems),
                # A table format without maintainable tables gives an empty list: no DAG, not an error.
                "tasks": _tasks(maintenance_raw.get("tasks"), "maintenance", problems, allow_empty=True),
            }
    problems.raise_if_any()
    pipeline = Manifest(
        dag_id=str(dag_id),
        description=str(description),
        schedule=str(schedule),
        start_date=start_date,
        environment=str(environment),
        owner=str(owner),
        tags=tuple(tags),
        retry=retry,
        timeout_seconds=timeouts,
        poll_seconds=polls,
        tasks=tuple(tasks),
    )
    if maintenance is None:
        return pipeline
    return replace(
        pipeline,
        maintenance=replace(
            pipeline,
            dag_id=str(maintenance["dag_id"]),
            description=str(maintenance["description"]),
            schedule=str(maintenance["schedule"]),
            tags=(*pipeline.tags, "maintenance"),
            tasks=tuple(maintenance["tasks"]),
        ),
    )
