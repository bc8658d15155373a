"""``python -m lake_jobs.demo``: argument parsing and the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from lake_jobs.common.paths import workspace_root
from lake_jobs.demo.render import render
from lake_jobs.demo.run import DemoOptions, run_demo


def parse(argv: Sequence[str] | None) -> DemoOptions:
    defaults = DemoOptions(lake_root=Path(".lake"))
    parser = argparse.ArgumentParser(prog="python -m lake_jobs.demo", description=__doc__)
    parser.add_argument("--lake", type=Path, help="lake root (default: <workspace>/.lake)")
    parser.add_argument("--rows", type=int, default=defaults.rows, help="customers to generate (default 200)")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--run-date", type=date.fromisoformat, default=defaults.run_date, help="YYYY-MM-DD")
    parser.add_argument("--dirty-share", type=float, default=defaults.dirty_share)
    args = parser.parse_args(argv)
    try:
        return DemoOptions(
            lake_root=args.lake or workspace_root() / ".lake",
            rows=args.rows,
            seed=args.seed,
            run_date=args.run_date,
            dirty_share=args.dirty_share,
        )
    except ValueError as err:
        parser.error(str(err))


def main(argv: Sequence[str] | None = None) -> int:
    options = parse(argv)
    report = run_demo(options)
    print(render(report))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
