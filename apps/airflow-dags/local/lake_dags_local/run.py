"""``make orchestrate``: the pipeline DAG, then the maintenance DAG, as MWAA runs them, on the local lake.

Lands the demo's sample sources in bronze for the demo's run date (``lake_jobs.synthetic`` with the demo's
seed, rows and dirty share), renders the DAGs from the dev stack's planned manifest with the local target,
runs ``airflow dags test`` of the pipeline for that date, then of the table maintenance (on the tables the
pipeline just wrote), and prints, and writes, the state of every task.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lake_dags_local.target import LAKE_ENV, PYTHON_ENV, SCHEMAS_ENV

APP = Path(__file__).resolve().parents[2]
DAGS_SOURCE = APP / "dags"
LOCAL_SOURCE = APP / "local"
MANIFEST_FILE = "lake_pipeline.manifest.json"

# The demo's options and its mask key, asked of the Spark environment so they are written once
# (lake_jobs.demo DemoOptions, lake_jobs.bronze_to_silver.mask_key).
DEMO_OPTIONS = (
    "import json; from pathlib import Path; from lake_jobs.demo.run import DemoOptions as O; "
    "from lake_jobs.bronze_to_silver.mask_key import DEMO_MASK_KEY, KEY_ENV; "
    "o = O(lake_root=Path('.')); "
    "print(json.dumps({'rows': o.rows, 'seed': o.seed, 'runDate': o.run_date.isoformat(), "
    "'dirtyShare': o.dirty_share, 'maskKeyEnv': KEY_ENV, 'maskKey': DEMO_MASK_KEY}))"
)


def planned_manifest(plan: Path) -> dict[str, Any]:
    """The manifest output of a stack's offline plan: what that stack would upload beside the DAG file."""
    if not plan.is_file():
        raise SystemExit(
            f"orchestrate: {plan} is missing: run `make plan` (or `nx run airflow-dags:plan`) first"
        )
    manifest = json.loads(plan.read_text(encoding="utf-8")).get("outputs", {}).get("manifest")
    if not isinstance(manifest, dict):
        raise SystemExit(f"orchestrate: {plan} has no manifest output")
    return manifest


def _only(tasks: list[dict[str, Any]], datasets: set[str]) -> list[dict[str, Any]]:
    kept = [t for t in tasks if t["dataset"] in datasets]
    ids = {t["taskId"] for t in kept}
    return [{**t, "upstream": [u for u in t["upstream"] if u in ids]} for t in kept]


def only_datasets(manifest: dict[str, Any], datasets: set[str]) -> dict[str, Any]:
    """The manifest's tasks of `datasets` only (in both DAGs), dependencies on other tasks dropped (a quicker
    local run)."""
    maintenance = manifest.get("maintenance")
    known = {t["dataset"] for t in manifest["tasks"]}
    unknown = datasets - known
    if unknown:
        raise SystemExit(f"orchestrate: the manifest has no tasks for {', '.join(sorted(unknown))}")
    narrowed = {**manifest, "tasks": _only(manifest["tasks"], datasets)}
    if maintenance:
        narrowed["maintenance"] = {**maintenance, "tasks": _only(maintenance["tasks"], datasets)}
    return narrowed


def dag_folder(target: Path, manifest: dict[str, Any]) -> Path:
    """A fresh DAG folder: this app's `dags/` (as uploaded to MWAA) with the manifest beside the DAG file."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(DAGS_SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


def airflow_environment(
    home: Path, dags: Path, lake: Path, schemas: Path, spark_python: Path, demo: dict[str, Any]
) -> dict[str, str]:
    env = dict(os.environ)
    # A deployed bronze -> silver job reads its mask key from Secrets Manager (its job definition names the
    # secret); the local jobs take the demo's key, as `make demo` does, unless one is set.
    env.setdefault(demo["maskKeyEnv"], demo["maskKey"])
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
            "LAKE_DAGS_TARGET": "local",
            LAKE_ENV: str(lake),
            SCHEMAS_ENV: str(schemas),
            PYTHON_ENV: str(spark_python),
            # The stand-ins only: the factory is imported from the DAG folder, as uploaded.
            "PYTHONPATH": str(LOCAL_SOURCE),
        }
    )
    return env


def task_states(env: dict[str, str], dag_id: str, logical_date: str) -> list[dict[str, Any]]:
    """Every task instance of the run, read back from the metadata database the test run wrote."""
    script = (
        "import json, sys\n"
        "from airflow.models import DagRun\n"
        "from airflow.utils.session import create_session\n"
        "with create_session() as s:\n"
        f"    runs = [r for r in DagRun.find(dag_id={dag_id!r}, session=s)]\n"
        "    run = max(runs, key=lambda r: r.start_date)\n"
        "    out = [{'task': t.task_id, 'state': str(t.state), 'try': t.try_number,\n"
        "            'seconds': round(t.duration or 0, 1)} for t in run.get_task_instances(session=s)]\n"
        "    print(json.dumps({'run': run.run_id, 'state': str(run.state), 'tasks': out}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def dags_test(airflow: str, env: dict[str, str], dag_id: str, day: str, log: Path) -> int:
    """``airflow dags test <dag_id> <day>`` with its output in ``log``; its exit code."""
    print(f"orchestrate: airflow dags test {dag_id} {day} (log {log})", flush=True)
    with log.open("w", encoding="utf-8") as out:
        test = subprocess.run([airflow, "dags", "test", dag_id, day], env=env, stdout=out, stderr=out)
    return test.returncode


def render(report: dict[str, Any]) -> str:
    lines = [f"run {report['run']}: {report['state']}"]
    width = max(len(t["task"]) for t in report["tasks"])
    order = {t: i for i, t in enumerate(report["order"])}
    for t in sorted(report["tasks"], key=lambda t: order.get(t["task"], len(order))):
        lines.append(f"  {t['task']:<{width}}  {t['state']:<8} {t['seconds']:>6.1f}s  try {t['try']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lake_dags_local.run", description=__doc__)
    parser.add_argument("--workspace", type=Path, default=APP.parents[1])
    parser.add_argument(
        "--stack", default="dev", help="the stack whose planned manifest is run (default dev)"
    )
    parser.add_argument("--lake", type=Path, help="lake root (default: <workspace>/.lake/orchestrate)")
    parser.add_argument("--rows", type=int, help="records per source (default: the demo's)")
    parser.add_argument("--datasets", help="comma-separated datasets whose tasks alone run (default: all)")
    args = parser.parse_args(argv)

    ws = args.workspace.resolve()
    lake = (args.lake or ws / ".lake" / "orchestrate").resolve()
    spark_python = ws / ".venv" / "bin" / "python"
    schemas = ws / "dist" / "schemas"
    manifest = planned_manifest(ws / "dist" / "plan" / f"airflow-dags.{args.stack}.json")
    if args.datasets:
        manifest = only_datasets(manifest, set(args.datasets.split(",")))
    sources = sorted({t["dataset"] for t in manifest["tasks"] if t["type"] == "glue_crawler"})
    demo = json.loads(
        subprocess.run(
            [str(spark_python), "-c", DEMO_OPTIONS], check=True, capture_output=True, text=True
        ).stdout
    )
    day = demo["runDate"]

    if lake.exists():
        shutil.rmtree(lake)
    started = time.monotonic()
    subprocess.run(
        [str(spark_python), "-m", "lake_jobs.synthetic", "--lake", str(lake), "--contracts", str(schemas),
         "--rows", str(args.rows or demo["rows"]), "--seed", str(demo["seed"]),
         "--dirty-share", str(demo["dirtyShare"]), "--run-date", day, "--datasets", ",".join(sources)],
        check=True,
    )  # fmt: skip
    home = lake / "airflow"
    dags = dag_folder(home / "dags", manifest)
    env = airflow_environment(home, dags, lake, schemas, spark_python, demo)
    airflow = str(Path(sys.executable).with_name("airflow"))
    subprocess.run([airflow, "db", "migrate"], env=env, check=True, capture_output=True)
    print(f"orchestrate: lake {lake}", flush=True)
    runs: list[tuple[dict[str, Any], Path, int]] = []
    dags_to_run = [(manifest["dagId"], manifest["tasks"], home / "dags-test.log")]
    maintenance = manifest.get("maintenance") or {}
    if maintenance.get("tasks"):
        # After the pipeline: it maintains the tables the pipeline just wrote.
        dags_to_run.append((maintenance["dagId"], maintenance["tasks"], home / "maintenance-test.log"))
    for dag_id, tasks, log in dags_to_run:
        code = dags_test(airflow, env, dag_id, day, log)
        report = task_states(env, dag_id, day)
        report["dag"] = dag_id
        report["order"] = [t["taskId"] for t in tasks]
        runs.append((report, log, code))

    seconds = round(time.monotonic() - started, 1)
    pipeline = runs[0][0]
    out = lake / "reports" / "orchestrate.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({**pipeline, "seconds": seconds, "dags": [r for r, *_ in runs]}, indent=2) + "\n",
        encoding="utf-8",
    )
    problems: list[str] = []
    succeeded = expected = 0
    for report, log, code in runs:
        print(f"{report['dag']}: " + render(report))
        failed = [t["task"] for t in report["tasks"] if t["state"] != "success"]
        missing = sorted(set(report["order"]) - {t["task"] for t in report["tasks"]})
        succeeded += len(report["tasks"]) - len(failed)
        expected += len(report["order"])
        if code != 0 or failed or missing:
            print("".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-40:]), file=sys.stderr)
            problems.append(f"{report['dag']}: {', '.join(failed + missing) or f'dags test exited {code}'}")
    print(f"orchestrate: {succeeded}/{expected} tasks succeeded in {seconds}s; report {out}")
    if problems:
        print(f"orchestrate: failed: {'; '.join(problems)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
