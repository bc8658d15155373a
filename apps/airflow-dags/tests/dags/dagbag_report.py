"""``python dagbag_report.py <dag folder>``: parse a DAG folder as Airflow's dag processor does, in a fresh
interpreter (so each folder's own lake_dags is the one imported), and print what the tests check as JSON: the
import errors, and per DAG its settings, cycle check and every task's settings."""

from __future__ import annotations

import json
import sys


def report(folder: str) -> dict:
    # Airflow 3.0.x keeps DagBag here (3.2 moved it to airflow.dag_processing.dagbag).
    from airflow.models.dagbag import DagBag
    from airflow.utils.dag_cycle_tester import check_cycle

    bag = DagBag(dag_folder=folder, include_examples=False)
    dags = {}
    for dag_id, dag in bag.dags.items():
        try:
            check_cycle(dag)
            cycle = None
        except Exception as err:
            cycle = str(err)
        dags[dag_id] = {
            "fileloc": dag.fileloc,
            "tags": sorted(dag.tags),
            "schedule": str(dag.schedule),
            "catchup": dag.catchup,
            "maxActiveRuns": dag.max_active_runs,
            "cycle": cycle,
            "tasks": {
                t.task_id: {
                    "operator": type(t).__name__,
                    "module": type(t).__module__,
                    "owner": t.owner,
                    "retries": t.retries,
                    "retryExponentialBackoff": t.retry_exponential_backoff,
                    "retryDelaySeconds": t.retry_delay.total_seconds(),
                    "maxRetryDelaySeconds": t.max_retry_delay.total_seconds() if t.max_retry_delay else None,
                    "executionTimeoutSeconds": t.execution_timeout.total_seconds()
                    if t.execution_timeout
                    else None,
                    "deferrable": getattr(t, "deferrable", None),
                    "upstream": sorted(t.upstream_task_ids),
                    "hasFailureCallback": bool(t.on_failure_callback),
                    "jobName": getattr(t, "job_name", None),
                    "scriptArgs": getattr(t, "script_args", None),
                    "crawler": (getattr(t, "config", None) or {}).get("Name"),
                    "datasource": getattr(t, "datasource", None),
                    "role": getattr(t, "role", None),
                    "rulesets": getattr(t, "rule_set_names", None),
                    "runKwargs": getattr(t, "rule_set_evaluation_run_kwargs", None),
                    "runTimeoutMinutes": getattr(t, "timeout", None),
                    "verifyResultStatus": getattr(t, "verify_result_status", None),
                    "warningRules": list(getattr(t, "warning_rules", None) or []),
                    "arguments": getattr(t, "arguments", None),
                    "doc": t.doc_md,
                }
                for t in dag.tasks
            },
        }
    return {"importErrors": dict(bag.import_errors), "files": sorted(bag.file_last_changed), "dags": dags}


if __name__ == "__main__":
    print("REPORT " + json.dumps(report(sys.argv[1]), default=str))
