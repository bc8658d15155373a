"""``python -m lake_jobs.bronze_to_silver``: the job's entry point, on Glue and locally."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.common.args import ArgSpec, ArgumentError, parse_job_args
from lake_jobs.common.contract import ContractFileError, load_contract, sibling_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.report import RunReport, write_report
from lake_jobs.common.session import get_spark

JOB = "bronze_to_silver"
EXTRA_ARGS = (
    ArgSpec(
        "quarantine-contract", "contract.json of the quarantine table; defaults to the one beside --contract"
    ),
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every requested day in order; stop at the first failing day. Returns the process exit code."""
    try:
        args = parse_job_args(JOB, argv, EXTRA_ARGS)
        args.require("input", "output", "quarantine", "report")
        spark = get_spark(JOB, args.lake or ".lake")
        contract = load_contract(args.contract, spark)
        quarantine = load_contract(
            args.extra.get("quarantine-contract") or sibling_contract(args.contract, "quarantine"), spark
        )
        for day in args.run_dates:
            report = RunReport(JOB, contract.name, args.run_id_for(contract.name, day), day, args.env)
            report.started_at = datetime.now(UTC)
            run = DayRun(
                day=day,
                run_id=report.run_id,
                bronze_root=str(args.input),
                silver_root=str(args.output),
                quarantine_location=str(args.quarantine),
                processed_at=report.started_at,
                mask=not args.is_prod,
            )
            try:
                report.metrics = run_day(spark, contract, quarantine, run)
                report.status = "succeeded"
            except Exception as err:
                report.status = "failed"
                report.errors.append(f"{type(err).__name__}: {err}")
                raise
            finally:
                report.finished_at = datetime.now(UTC)
                where = write_report(report, str(args.report), spark)
                print(f"{JOB} {contract.name} {day}: {report.status}, report at {where}", file=sys.stderr)
    except (ArgumentError, ContractFileError, JobFailed) as err:
        print(f"{JOB} failed: {err}", file=sys.stderr)
        return 1
    return 0
