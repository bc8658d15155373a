"""``python -m lake_jobs.bronze_to_silver``: the job's entry point, on Glue and locally."""

from __future__ import annotations

from collections.abc import Sequence

from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.bronze_to_silver.mask_key import SECRET_ARG, mask_key
from lake_jobs.common.args import ArgSpec
from lake_jobs.common.report import RunReport
from lake_jobs.common.runner import companion_contract, exit_code, run_days, start

JOB = "bronze_to_silver"
EXTRA_ARGS = (
    ArgSpec(
        "quarantine-contract", "contract.json of the quarantine table; defaults to the one beside --contract"
    ),
    ArgSpec(
        SECRET_ARG,
        "ARN or name of the Secrets Manager secret holding the key of the hash mask (outside prod); "
        "without it the key comes from LAKE_MASK_KEY",
    ),
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every requested day in order; stop at the first failing day. Returns the process exit code."""

    def work() -> None:
        args, spark, contract = start(JOB, argv, EXTRA_ARGS, ("input", "output", "quarantine", "report"))
        quarantine = companion_contract(args, spark, "quarantine-contract", "quarantine")
        key = None if args.is_prod else mask_key(args.extra.get(SECRET_ARG))  # read once per run

        def day(report: RunReport) -> None:
            assert report.started_at is not None  # set by run_days
            run = DayRun(
                day=report.run_date,
                run_id=report.run_id,
                bronze_root=str(args.input),
                silver_root=str(args.output),
                quarantine_location=str(args.quarantine),
                processed_at=report.started_at,
                mask=not args.is_prod,
                mask_key=key,
            )
            report.metrics = run_day(spark, contract, quarantine, run)

        run_days(JOB, spark, args, contract, day)

    return exit_code(JOB, work)
