"""The DAG run end to end on the local lake, as `make orchestrate` runs it, for one source: `airflow dags
test` with the real lake_jobs entry points in Spark local mode (the whole DAG, minutes long, is
`make orchestrate`)."""

from __future__ import annotations

import json

from tests.dags.conftest import WORKSPACE, planned_manifest

from lake_dags_local.run import main, only_datasets


def test_one_sources_tasks_run_and_succeed_on_the_local_lake(tmp_path, capsys):
    lake = tmp_path / "lake"
    code = main(
        ["--workspace", str(WORKSPACE), "--lake", str(lake), "--datasets", "customers", "--rows", "40"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    report = json.loads((lake / "reports" / "orchestrate.json").read_text(encoding="utf-8"))
    assert report["state"] == "success"
    assert {t["task"]: t["state"] for t in report["tasks"]} == {
        "crawl_customers": "success",
        "bronze_to_silver_customers": "success",
        "quality_customers": "success",
        "data_quality_customers": "success",
    }
    # customers is Parquet: the maintenance DAG has no task of it, so only the pipeline ran.
    assert [d["dag"] for d in report["dags"]] == ["lake_medallion"]
    # The jobs wrote the run date's partitions and reports, as on AWS.
    assert (lake / "silver" / "customers" / "lake_ingest_date=2024-03-31").is_dir()
    b2s = json.loads((lake / "reports" / "bronze_to_silver" / "customers" / "2024-03-31.json").read_text())
    assert b2s["status"] == "succeeded" and b2s["metrics"]["rowsRead"] == 40
    assert "4/4 tasks succeeded" in out
    # The local ruleset evaluation kept its report apart from the quality job's.
    dq = lake / "glue_data_quality" / "reports" / "quality" / "customers" / "2024-03-31.json"
    assert json.loads(dq.read_text())["status"] == "succeeded"
    assert (lake / "reports" / "quality" / "customers" / "2024-03-31.json").is_file()


def test_only_datasets_keeps_their_tasks_and_drops_dependencies_on_others():
    manifest = only_datasets(planned_manifest("dev"), {"customer_360"})
    assert [(t["taskId"], t["upstream"]) for t in manifest["tasks"]] == [
        ("silver_to_gold_customer_360", []),
        ("quality_customer_360", ["silver_to_gold_customer_360"]),
    ]
    assert [t["taskId"] for t in manifest["maintenance"]["tasks"]] == ["maintain_customer_360"]
