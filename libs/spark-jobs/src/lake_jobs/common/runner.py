"""What every job's ``main`` does around its work: one report per day, written whatever happens, and one
clear line plus exit code 1 for the failures a user can act on."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from pyspark.sql import SparkSession

from lake_jobs.common.args import (
    BRONZE_TO_SILVER_LAYOUT,
    ArgSpec,
    ArgumentError,
    JobArgs,
    LakeLayout,
    parse_job_args,
)
from lake_jobs.common.contract import Contract, ContractFileError, load_contract, sibling_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.report import RunReport, write_report
from lake_jobs.common.session import get_spark

# Does one day's work, filling report.metrics; raises to fail the day.
DayBody = Callable[[RunReport], None]


def start(
    job: str,
    argv: Sequence[str] | None,
    extra: Sequence[ArgSpec],
    required: Sequence[str],
    layout: LakeLayout = BRONZE_TO_SILVER_LAYOUT,
) -> tuple[JobArgs, SparkSession, Contract]:
    """Parse the arguments, check the ones the job needs, and get the session and the dataset's contract."""
    args = parse_job_args(job, argv, extra, lake_layout=layout)
    args.require(*required)
    spark = get_spark(job, args.lake or ".lake")
    return args, spark, load_contract(args.contract, spark)


def companion_contract(args: JobArgs, spark: SparkSession, argument: str, dataset: str) -> Contract:
    """A system table's contract: ``--<argument>`` when given, else the one beside --contract."""
    return load_contract(args.extra.get(argument) or sibling_contract(args.contract, dataset), spark)


def run_days(job: str, spark: SparkSession, args: JobArgs, contract: Contract, body: DayBody) -> None:
    """Run ``body`` for each requested day in order, stopping at the first failure (after its report)."""
    if args.report is None:
        raise ArgumentError("missing argument: --report (or give --lake for local runs)")
    for day in args.run_dates:
        report = RunReport(job, contract.name, args.run_id_for(contract.name, day), day, args.env)
        report.started_at = datetime.now(UTC)
        try:
            body(report)
            report.status = "succeeded"
        except Exception as err:
            report.status = "failed"
            report.errors.append(f"{type(err).__name__}: {err}")
            raise
        finally:
            report.finished_at = datetime.now(UTC)
            where = write_report(report, args.report, spark)
            print(f"{job} {contract.name} {day}: {report.status}, report at {where}", file=sys.stderr)


def exit_code(job: str, work: Callable[[], None]) -> int:
    """0 when ``work`` succeeds; 1 with a one-line message for argument, contract and job failures
    (anything else propagates with its stack trace: it is a bug, not bad input)."""
    try:
        work()
    except (ArgumentError, ContractFileError, JobFailed) as err:
        print(f"{job} failed: {err}", file=sys.stderr)
        return 1
    return 0
