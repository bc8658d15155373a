"""The JSON run report each job writes: what was read, written, set aside, and why the run ended as it did."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from pyspark.sql import SparkSession

from lake_jobs.common.paths import join_uri
from lake_jobs.common.storage import write_text

REPORT_VERSION = 1


@dataclass
class RunReport:
    """One job run for one dataset and day. ``metrics`` is job-specific (documented in the README)."""

    job: str
    dataset: str
    run_id: str
    run_date: date
    env: str
    status: str = "running"  # running -> succeeded | failed
    started_at: datetime | None = None
    finished_at: datetime | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        body = {"reportVersion": REPORT_VERSION, **asdict(self)}
        return json.dumps(body, indent=2, sort_keys=True, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "__float__"):  # Decimal and numpy numbers
        return float(value)
    raise TypeError(f"not JSON serializable in a run report: {type(value).__name__}")


def report_uri(report_root: str, job: str, dataset: str, day: date) -> str:
    """``<report>/<job>/<dataset>/<YYYY-MM-DD>.json``: one per job, dataset and day; a rerun replaces it."""
    return join_uri(report_root, job, dataset, f"{day.isoformat()}.json")


def write_report(report: RunReport, report_root: str, spark: SparkSession | None = None) -> str:
    """Write the report and return its URI."""
    uri = report_uri(report_root, report.job, report.dataset, report.run_date)
    write_text(uri, report.to_json(), spark)
    return uri
