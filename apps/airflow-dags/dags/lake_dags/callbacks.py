"""What happens when a task of the pipeline fails (after its last retry)."""

from __future__ import annotations

import json
import logging
from typing import Any

log = logging.getLogger("lake_dags")

# One line per failed task, in the task's log (CloudWatch on MWAA): a metric filter on this event name is the
# alarm, and the fields say which dataset of which run to look at.
FAILURE_EVENT = "lake_task_failed"


def failure_record(context: dict[str, Any], dataset: str) -> dict[str, Any]:
    ti = context.get("ti") or context.get("task_instance")
    dag_run = context.get("dag_run")
    return {
        "event": FAILURE_EVENT,
        "dataset": dataset,
        "dag_id": getattr(ti, "dag_id", None),
        "task_id": getattr(ti, "task_id", None),
        "run_id": getattr(dag_run, "run_id", None) or getattr(ti, "run_id", None),
        "logical_date": str(context.get("logical_date") or context.get("ds")),
        "try_number": getattr(ti, "try_number", None),
        "error": str(context.get("exception")),
    }


def log_task_failure(context: dict[str, Any], *, dataset: str) -> None:
    log.error(json.dumps(failure_record(context, dataset), sort_keys=True))
