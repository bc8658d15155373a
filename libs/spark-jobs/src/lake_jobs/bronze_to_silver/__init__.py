"""The generic bronze -> silver job, driven by a dataset contract (see the package README)."""

from lake_jobs.bronze_to_silver.cli import main
from lake_jobs.bronze_to_silver.job import DayRun, run_day

__all__ = ["DayRun", "main", "run_day"]
