"""Write a synthetic bronze day: ``python -m lake_jobs.synthetic --lake .lake --rows N --run-date D``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from lake_jobs.common.contract import ContractFileError, load_contract
from lake_jobs.common.paths import LakePaths, workspace_root
from lake_jobs.synthetic.generate import generate


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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    folder = Path(args.contracts) if args.contracts else workspace_root() / "dist" / "schemas"
    wanted = set(args.datasets.split(",")) if args.datasets else None
    try:
        contracts = [load_contract(str(p)) for p in sorted(folder.glob("*/contract.json"))]
    except ContractFileError as err:
        print(f"synthetic: {err}", file=sys.stderr)
        return 1
    chosen = [c for c in contracts if c.source is not None and (wanted is None or c.name in wanted)]
    if not chosen:
        print(f"synthetic: no dataset with a source in {folder} (run `make generate`?)", file=sys.stderr)
        return 1
    spark = None
    if any(c.source and c.source.format == "avro" for c in chosen):
        from lake_jobs.common.session import get_spark

        spark = get_spark("synthetic", args.lake)
    lake = LakePaths.local(args.lake)
    started = time.perf_counter()
    manifest = generate(
        chosen, Path(lake.bronze), args.run_date, args.rows, args.dirty_share, args.seed, spark
    )
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
