"""``python -m lake_jobs.quality``: evaluate a dataset's rules for a run date, on Glue and locally."""

from __future__ import annotations

from collections.abc import Sequence

from lake_jobs.common.args import ArgSpec, LakeLayout
from lake_jobs.common.report import RunReport
from lake_jobs.common.runner import companion_contract, exit_code, run_days, start
from lake_jobs.quality.job import QualityRun, gate, results_metrics, run_quality

JOB = "quality"
EXTRA_ARGS = (
    ArgSpec("reference-input", "table root of datasets named by references rules; defaults to --input"),
    ArgSpec("results-contract", "contract.json of quality_results; defaults to the one beside --contract"),
)
LAYOUT: LakeLayout = {
    "input": lambda p: p.silver,
    "output": lambda p: p.quality_results,
    "report": lambda p: p.reports,
}


def main(argv: Sequence[str] | None = None) -> int:
    def work() -> None:
        args, spark, contract = start(JOB, argv, EXTRA_ARGS, ("input", "output", "report"), LAYOUT)
        results_contract = companion_contract(args, spark, "results-contract", "quality_results")

        def day(report: RunReport) -> None:
            assert report.started_at is not None  # set by run_days
            run = QualityRun(
                run_date=report.run_date,
                run_id=report.run_id,
                table_root=str(args.input),
                reference_root=str(args.extra.get("reference-input") or args.input),
                results_location=str(args.output),
                evaluated_at=report.started_at,
            )
            results = run_quality(spark, contract, results_contract, run)
            report.metrics = results_metrics(results)
            gate(contract, report.run_date, results)

        run_days(JOB, spark, args, contract, day)

    return exit_code(JOB, work)
