"""The demo's steps, in one Spark session, calling each job's functions (no subprocesses)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession

from lake_jobs.bronze_to_silver.job import DayRun, run_day
from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY, KEY_ENV, mask_key
from lake_jobs.common.args import default_run_id
from lake_jobs.common.contract import Contract, load_contract
from lake_jobs.common.paths import LakePaths, join_uri, workspace_root
from lake_jobs.common.storage import write_text
from lake_jobs.common.tables import drop_table, table_location
from lake_jobs.demo.catalog import register_all
from lake_jobs.demo.queries import load_queries, run_query
from lake_jobs.demo.session import lake_session
from lake_jobs.governance.views import access_model_path, create_persona_views, load_access_model
from lake_jobs.quality.job import QualityRun, results_metrics, run_quality
from lake_jobs.silver_to_gold.job import run_gold, silver_reader
from lake_jobs.synthetic.generate import generate
from lake_jobs.synthetic.landing import landed_summary

REPORT_VERSION = 1
# Rows per dataset for --rows N: N customers, and the activity a shop of that size would have in bronze.
ROWS_PER_CUSTOMER = {"customers": 1, "transactions": 5, "support_tickets": 1, "web_events": 8}
FIGURES = (
    "rowsRead",
    "rowsWritten",
    "rowsQuarantined",
    "duplicatesRemoved",
    "quarantinedByReason",
    "warningsByRule",
)
# The gold table the demo builds, reports on and queries.
GOLD_DATASET = "customer_360"


@dataclass(frozen=True)
class DemoOptions:
    lake_root: Path
    rows: int = 200
    seed: int = 20240331
    run_date: date = date(2024, 3, 31)
    # 10% of 200 customers (and tickets) is 20 dirty rows each: one at least of every kind of dirt, the
    # breaks of each cross-column rule included, so the report shows every reason and warning rule at work.
    dirty_share: float = 0.1
    schemas_root: Path | None = None  # dist/schemas; defaults to the workspace's
    access_model: Path | None = None  # dist/access/governance.dev.json; defaults to the workspace's

    def __post_init__(self) -> None:
        if self.rows < 20:
            raise ValueError(f"--rows must be at least 20 (enough clean rows to dirty), got {self.rows}")

    def rows_per_dataset(self, datasets: list[str]) -> dict[str, int]:
        return {name: self.rows * ROWS_PER_CUSTOMER.get(name, 1) for name in datasets}


@dataclass
class Progress:
    """One line per finished step: seconds since the start, the step, its own seconds and a summary."""

    out: Callable[[str], None]
    started: float = field(default_factory=time.monotonic)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[dict[str, str]]:
        began = time.monotonic()
        note = {"summary": ""}
        yield note
        now = time.monotonic()
        self.timings[name] = round(now - began, 1)
        summary = f": {note['summary']}" if note["summary"] else ""
        self.out(f"[{now - self.started:6.1f}s] {name} ({now - began:.1f}s){summary}")


def _contracts(schemas_root: Path) -> tuple[list[Contract], dict[str, Contract]]:
    index_path = schemas_root / "index.json"
    if not index_path.is_file():
        raise FileNotFoundError(f"{index_path} is missing: run `make generate` first")
    index = json.loads(index_path.read_text(encoding="utf-8"))["datasets"]
    contracts = {d["name"]: load_contract(str(schemas_root / d["name"] / "contract.json")) for d in index}
    sources = [contracts[d["name"]] for d in index if d["hasSource"]]
    return sources, contracts


def dataset_figures(metrics: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """What the report shows per source: the job's figures, and whether they add up and match the
    generator's own count of what it injected.

    A day of changes (a cdc source) adds up when every change read was quarantined or applied, and the
    table's rows after it are the rows before plus the inserts minus the deletes."""
    names = [*FIGURES, "changes"] if "changes" in metrics else list(FIGURES)
    figures = {k: metrics[k] for k in names}
    if "changes" in figures:
        c = figures["changes"]
        adds_up = (
            figures["rowsRead"] == figures["rowsQuarantined"] + c["changesRead"]
            and figures["rowsWritten"] == c["tableRowsBefore"] + c["inserts"] - c["deletes"]
        )
    else:
        adds_up = figures["rowsRead"] == (
            figures["rowsWritten"] + figures["rowsQuarantined"] + figures["duplicatesRemoved"]
        )
    return {
        **figures,
        "reconciles": adds_up,
        "matchesGenerator": figures == {k: expected.get(k) for k in names},
    }


def run_demo(
    options: DemoOptions, spark: SparkSession | None = None, out: Callable[[str], None] = print
) -> dict[str, Any]:
    """Run every step and return the report (also written to ``<lake>/reports/latest.json``)."""
    progress = Progress(out)
    paths = LakePaths.local(options.lake_root)
    schemas_root = options.schemas_root or workspace_root() / "dist" / "schemas"
    sources, contracts = _contracts(schemas_root)
    gold_contract, quarantine = contracts[GOLD_DATASET], contracts["quarantine"]
    day, rows = options.run_date, options.rows_per_dataset([c.name for c in sources])
    out(f"lake demo: run date {day}, seed {options.seed}, rows {rows}, lake {paths.root}")
    # The demo's own key when none is set, so `make demo` runs anywhere; a deployed run reads a secret.
    os.environ.setdefault(KEY_ENV, DEMO_MASK_KEY)
    key = mask_key(None)

    with progress.step("spark session") as note:
        session = lake_session(paths.root, spark)
        note["summary"] = f"Spark {session.version}, {session.sparkContext.master}"
    with progress.step("generate bronze") as note:
        # A cdc source lands its initial load the day before, so the run date's changes have rows to change.
        manifest = generate(
            sources,
            Path(paths.bronze),
            day,
            rows,
            options.dirty_share,
            options.seed,
            session,
            prior_load=True,
        )
        note["summary"] = f"{sum(rows.values())} rows in {len(sources)} sources under {paths.bronze}"

    def bronze_to_silver(contract: Contract, on: date) -> dict[str, Any]:
        run = DayRun(
            day=on,
            run_id=default_run_id(contract.name, on),
            bronze_root=paths.bronze,
            silver_root=paths.silver,
            quarantine_location=paths.quarantine,
            processed_at=datetime.now(UTC),
            mask=True,
            mask_key=key,
        )
        return run_day(session, contract, quarantine, run)

    datasets: dict[str, Any] = {}
    for contract in sources:
        entry = manifest.datasets[contract.name]
        load = entry.prior_load
        if load is not None:
            with progress.step(f"bronze -> silver {contract.name} (initial load)") as note:
                # A full load is the table's whole state: it starts from an empty table, so a rerun of the
                # demo replays the load and the day's changes as the first run did.
                drop_table(session, contract, paths.silver)
                loaded = dataset_figures(bronze_to_silver(contract, day - timedelta(days=1)), load.expected)
                note["summary"] = f"{landed_summary(contract, load.files)}: {_change_summary(loaded)}"
        with progress.step(f"bronze -> silver {contract.name}") as note:
            metrics = bronze_to_silver(contract, day)
            datasets[contract.name] = {
                "kind": contract.source.kind if contract.source else None,
                "landed": landed_summary(contract, entry.files),
                **dataset_figures(metrics, entry.expected),
            }
            f = datasets[contract.name]
            if load is not None:
                f["initialLoad"] = loaded
                f["reconciles"] = f["reconciles"] and loaded["reconciles"]
                f["matchesGenerator"] = f["matchesGenerator"] and loaded["matchesGenerator"]
            note["summary"] = (
                f"{f['kind']}, {f['landed']}: read {f['rowsRead']}, written {f['rowsWritten']}, "
                f"quarantined {f['rowsQuarantined']}, duplicates {f['duplicatesRemoved']}"
                + (f"; {_change_summary(f)}" if "changes" in f else "")
            )

    with progress.step(f"silver -> gold {GOLD_DATASET}") as note:
        gold = run_gold(
            session,
            contract=gold_contract,
            input_contracts=contracts,
            read_silver=silver_reader(session, paths.silver),
            gold_root=paths.gold,
            snapshot_date=day,
            run_id=default_run_id(GOLD_DATASET, day),
        )
        note["summary"] = f"{gold.rows_written} customers for snapshot {day}"

    quality: dict[str, Any] = {}
    for contract in [*sources, gold_contract]:
        with progress.step(f"quality {contract.name}") as note:
            qrun = QualityRun(
                run_date=day,
                run_id=default_run_id(f"quality-{contract.name}", day),
                table_root=paths.gold if contract.layer == "gold" else paths.silver,
                reference_root=paths.silver,
                results_location=paths.quality_results,
                evaluated_at=datetime.now(UTC),
            )
            summary = results_metrics(run_quality(session, contract, contracts["quality_results"], qrun))
            summary.pop("results")
            quality[contract.name] = summary
            note["summary"] = (
                f"{summary['passed']}/{summary['rulesEvaluated']} passed, "
                f"blocking failures {summary['failedBlocking'] or 'none'}, "
                f"warnings {summary['warningsFailed'] or 'none'}"
            )

    with progress.step("register tables from the generated Spark DDL") as note:
        tables = register_all(session, schemas_root, sorted(contracts), paths.root)
        note["summary"] = ", ".join(tables)

    gold_table = queryable_name(gold_contract, paths.gold)
    with progress.step("analytical queries") as note:
        queries = {
            q.name: run_query(session, q.sql(gold_table, day))
            for q in load_queries(schemas_root, GOLD_DATASET)
        }
        note["summary"] = f"{sum(len(v) for v in queries.values())} result rows"

    with progress.step("persona views of gold") as note:
        personas = persona_views(session, options.access_model or access_model_path("dev"), gold_table)
        note["summary"] = ", ".join(
            f"{p} {v['rows']} rows x {len(v['columns'])} columns" for p, v in personas.items()
        )

    gold_metrics = gold.metrics()
    report = {
        "reportVersion": REPORT_VERSION,
        "runDate": day.isoformat(),
        "snapshotDate": day.isoformat(),
        "seed": options.seed,
        "dirtyShare": options.dirty_share,
        "rows": rows,
        "datasets": datasets,
        "gold": {
            "table": gold_table,
            **gold_metrics,
            "reconciles": gold_metrics["rowsWritten"] == gold_metrics["customersAsOfSnapshot"],
        },
        "quality": quality,
        "queries": queries,
        "tables": tables,
        "personas": personas,
        "files": {
            "bronze": paths.bronze,
            "silver": paths.silver,
            "quarantine": paths.quarantine,
            "qualityResults": paths.quality_results,
            "icebergWarehouse": paths.warehouse,
            "reports": paths.reports,
        },
        "timings": progress.timings,
    }
    report["ok"] = all_ok(report)
    location = join_uri(paths.reports, "latest.json")
    write_text(location, json.dumps(report, indent=2, sort_keys=True) + "\n")
    report["files"]["report"] = location
    return report


def _change_summary(figures: dict[str, Any]) -> str:
    c = figures["changes"]
    return (
        f"{c['inserts']} inserts, {c['updates']} updates, {c['deletes']} deletes, "
        f"{c['superseded']} superseded, {figures['rowsQuarantined']} quarantined"
        f" -> {figures['rowsWritten']} rows"
    )


def persona_views(spark: SparkSession, model: Path, gold_table: str) -> dict[str, Any]:
    """Each persona's view of the gold table, as the governance stack's access model grants it: its row count,
    its columns, the columns hidden from it and its row filter. A persona without a grant is left out."""
    table = f"gold.{GOLD_DATASET}"
    personas = load_access_model(model)
    views = create_persona_views(spark, personas, {table: gold_table})
    report = {}
    for persona in personas:
        view = views.get(persona.persona, {}).get(table)
        grant = persona.grant(table)
        if view is None or grant is None:
            continue
        report[persona.persona] = {
            "view": view,
            "rows": spark.table(view).count(),
            "columns": list(spark.table(view).columns),
            "hidden": list(grant.hidden),
            "rowFilter": grant.row_filter,
        }
    return report


def queryable_name(contract: Contract, root: str) -> str:
    """What SQL names the gold table by: its catalog name (Iceberg) or ``delta.`<path>``` (Delta)."""
    location = table_location(contract, root)
    return location if contract.format == "iceberg" else f"{contract.format}.`{location}`"


def all_ok(report: dict[str, Any]) -> bool:
    """Every figure adds up and matches what was generated, gold has a row per customer, nothing blocks."""
    return (
        all(d["reconciles"] and d["matchesGenerator"] for d in report["datasets"].values())
        and report["gold"]["reconciles"]
        and not any(q["failedBlocking"] for q in report["quality"].values())
    )
