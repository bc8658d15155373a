"""Data quality: the contract's rules evaluated on what a run wrote (see the package README)."""

from lake_jobs.quality.cli import main
from lake_jobs.quality.evaluate import RuleResult, evaluate
from lake_jobs.quality.job import QualityGateFailed, QualityRun, gate, run_quality

__all__ = ["QualityGateFailed", "QualityRun", "RuleResult", "evaluate", "gate", "main", "run_quality"]
