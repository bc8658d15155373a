"""Figures computed by Spark while a query runs (``DataFrame.observe``), read without a second pass.

Observed metrics are aggregated from the tasks of the query that carries them. A task that fails is not
counted; a stage that Spark re-runs (a lost shuffle file) can count its rows twice, so an observed figure can
only come out too high, never too low: the jobs check their figures against each other, and a figure that
is too high fails that check instead of hiding a loss.
"""

from __future__ import annotations

import threading
from typing import Any

from pyspark.sql import Observation

from lake_jobs.common.errors import JobFailed

# Spark delivers the metrics through its listener bus shortly after the query ends; waiting longer than this
# means they will not come (a query that never ran the observed plan), which must fail rather than hang.
WAIT_SECONDS = 300.0


def observed(observation: Observation, what: str, wait_seconds: float = WAIT_SECONDS) -> dict[str, Any]:
    """The metrics of ``observation`` once its query has run; ``what`` names the figures in the error."""
    box: dict[str, Any] = {}

    def get() -> None:
        try:
            box["metrics"] = observation.get
        except Exception as err:  # py4j errors surface here, in the waiting thread
            box["error"] = err

    waiter = threading.Thread(target=get, name=f"observe-{what}", daemon=True)
    waiter.start()
    waiter.join(wait_seconds)
    if "error" in box:
        raise JobFailed(f"Spark could not report {what}: {box['error']}") from box["error"]
    if "metrics" not in box:
        raise JobFailed(f"Spark did not report {what} within {wait_seconds:.0f} s of the query's end")
    return dict(box["metrics"])
