"""The quality job: evaluate a dataset's rules for a run date, record the results, gate on blocking rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from lake_jobs.common.contract import Contract, load_contract, sibling_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.tables import read_table, replace_scope
from lake_jobs.quality.evaluate import RuleResult, evaluate, run_scope_column


class QualityGateFailed(JobFailed):
    pass


@dataclass(frozen=True)
class QualityRun:
    run_date: date
    run_id: str
    table_root: str  # where the dataset's table is (Iceberg tables are found in the catalog instead)
    reference_root: str  # where referenced datasets' tables are
    results_location: str  # the quality_results table
    evaluated_at: datetime


def scoped(df: DataFrame, contract: Contract, run_date: date, *, up_to: bool = False) -> DataFrame:
    """The rows of the run date (or, for reference targets, every day up to it)."""
    column = run_scope_column(contract)
    if column is None:
        return df
    day = F.lit(run_date).cast("date")
    return df.where(F.col(column) <= day) if up_to else df.where(F.col(column) == day)


def run_quality(
    spark: SparkSession, contract: Contract, results_contract: Contract, run: QualityRun
) -> list[RuleResult]:
    """Evaluate and write the results, replacing this dataset's results for the run date."""

    def references(dataset: str) -> DataFrame:
        target = load_contract(sibling_contract(contract.location, dataset), spark)
        return scoped(read_table(spark, target, run.reference_root), target, run.run_date, up_to=True)

    data = scoped(read_table(spark, contract, run.table_root), contract, run.run_date)
    results = evaluate(data, contract, run.run_date, references)
    rows = [
        (
            contract.name, r.rule.id, r.rule.kind, r.column_name, r.rule.severity, r.outcome, r.metric,
            r.threshold, run.run_id, run.evaluated_at, run.run_date,
        )
        for r in results
    ]  # fmt: skip
    frame = spark.createDataFrame(rows, results_contract.source_schema)
    scope = {"dataset": contract.name, "run_date": run.run_date}
    replace_scope(spark, frame, results_contract, "", scope, location=run.results_location)
    return results


def gate(contract: Contract, run_date: date, results: list[RuleResult]) -> None:
    """Raise :class:`QualityGateFailed` naming every blocking rule that did not pass."""
    blocking = [r for r in results if r.blocks]
    if blocking:
        named = "; ".join(
            f"{r.rule.id} ({r.outcome}: metric {r.metric}, expected {r.threshold}"
            + (f", {r.message}" if r.message else "")
            + ")"
            for r in blocking
        )
        raise QualityGateFailed(
            f"dataset {contract.name!r}, run date {run_date}: blocking rule(s) failed: {named}"
        )


def results_metrics(results: list[RuleResult]) -> dict[str, object]:
    return {
        "rulesEvaluated": len(results),
        "passed": sum(r.outcome == "pass" for r in results),
        "failedBlocking": [r.rule.id for r in results if r.blocks],
        "warningsFailed": [r.rule.id for r in results if not r.rule.blocking and r.outcome != "pass"],
        "results": [
            {"ruleId": r.rule.id, "kind": r.rule.kind, "severity": r.rule.severity, "outcome": r.outcome,
             "metric": r.metric, "threshold": r.threshold, "message": r.message}
            for r in results
        ],
    }  # fmt: skip
