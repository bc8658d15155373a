from __future__ import annotations

import json
import logging
from types import SimpleNamespace

from lake_dags.callbacks import FAILURE_EVENT, failure_record, log_task_failure


def context():
    ti = SimpleNamespace(dag_id="lake_medallion", task_id="quality_customers", try_number=3, run_id="r1")
    return {"ti": ti, "dag_run": SimpleNamespace(run_id="scheduled__2024-03-31"), "ds": "2024-03-31",
            "exception": ValueError("quality failed: customers.email.regex")}  # fmt: skip


def test_the_record_names_the_dataset_task_run_and_error():
    assert failure_record(context(), "customers") == {
        "event": FAILURE_EVENT,
        "dataset": "customers",
        "dag_id": "lake_medallion",
        "task_id": "quality_customers",
        "run_id": "scheduled__2024-03-31",
        "logical_date": "2024-03-31",
        "try_number": 3,
        "error": "quality failed: customers.email.regex",
    }


def test_the_callback_logs_one_json_line_a_metric_filter_can_match(caplog):
    with caplog.at_level(logging.ERROR, logger="lake_dags"):
        log_task_failure(context(), dataset="customers")
    [record] = caplog.records
    assert json.loads(record.getMessage())["event"] == "lake_task_failed"
