"""Write a synthetic bronze day: ``python -m lake_jobs.synthetic --lake .lake --rows N --run-date D``."""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from lake_jobs.common.contract import Contract, ContractFileError, load_contract
from lake_jobs.common.paths import LakePaths, workspace_root
from lake_jobs.synthetic.generate import generate
from lake_jobs.synthetic.values import UnsupportedPatternError


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m lake_jobs.synthetic", description=__doc__)
    parser.add_argument("--lake", default=".lake", help="local lake root; files go to <lake>/bronze")
    parser.add_argument("--rows", type=int, default=1000, help="records per dataset, dirty ones included")
    parser.add_argument("--dirty-share", type=float, default=0.05, help="share of dirty records, in [0, 1)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--run-date", type=date.fromisoformat, required=True, help="the bronze day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--contracts", help="folder of <dataset>/contract.json (default: <workspace>/dist/schemas)"
    )
    parser.add_argument(
        "--datasets", help="comma-separated dataset names (default: every dataset with a source)"
    )
    return parser.parse_args(argv)


def choose(contracts: Sequence[Contract], wanted: Sequence[str] | None) -> list[Contract]:
    """The contracts to generate: every one with a source, or exactly the ones named. A name that is not a
    dataset with a source is an error (with the nearest one), never silently left out."""
    sourced = {c.name: c for c in contracts if c.source is not None}
    if wanted is None:
        return list(sourced.values())
    unknown = [name for name in wanted if name not in sourced]
    if unknown:
        hints = []
        for name in unknown:
            near = difflib.get_close_matches(name, list(sourced), n=1)
            hints.append(f"{name!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
        raise ValueError(
            f"no dataset with a source named {', '.join(hints)}; choose from {', '.join(sorted(sourced))}"
        )
    return [sourced[name] for name in sorted(set(wanted))]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    # The workspace the command runs in, not the one the package was loaded from: a copy of the repository may
    # share another checkout's environment.
    folder = Path(args.contracts) if args.contracts else workspace_root(Path.cwd()) / "dist" / "schemas"
    wanted = [name.strip() for name in args.datasets.split(",") if name.strip()] if args.datasets else None
    try:
        contracts = [load_contract(str(p)) for p in sorted(folder.glob("*/contract.json"))]
    except ContractFileError as err:
        print(f"synthetic: {err}", file=sys.stderr)
        return 1
    if not any(c.source is not None for c in contracts):
        print(f"synthetic: no dataset with a source in {folder} (run `make generate`?)", file=sys.stderr)
        return 1
    try:
        chosen = choose(contracts, wanted)
    except ValueError as err:
        print(f"synthetic: {err}", file=sys.stderr)
        return 1
    spark = None
    if any(c.source and c.source.format == "avro" for c in chosen):
        from lake_jobs.common.session import get_spark

        spark = get_spark("synthetic", args.lake)
    lake = LakePaths.local(args.lake)
    started = time.perf_counter()
    try:
        manifest = generate(
            chosen, Path(lake.bronze), args.run_date, args.rows, args.dirty_share, args.seed, spark
        )
    except UnsupportedPatternError as err:
        print(f"synthetic: {err}", file=sys.stderr)
        return 1
    out = Path(lake.reports) / "synthetic" / f"{args.run_date.isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(manifest.to_json(), encoding="utf-8")
    elapsed = time.perf_counter() - started
    for name, entry in manifest.datasets.items():
        print(
            f"{name}: {entry.rows} rows ({entry.rows - entry.clean_rows} dirty) in {len(entry.files)} file(s)"
        )
    print(f"manifest at {out} ({elapsed:.1f}s)")
    return 0
