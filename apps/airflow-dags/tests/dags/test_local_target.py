"""The local lake's stand-ins: what each task runs, and how it fails."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.dags.test_manifest import MANIFEST

from lake_dags.manifest import ManifestError, parse_manifest
from lake_dags_local.target import BronzeLandedOperator, LakeJobOperator, LocalLake, LocalTarget


@pytest.fixture
def lake(tmp_path: Path) -> LocalLake:
    schemas = tmp_path / "schemas"
    (schemas / "a").mkdir(parents=True)
    (schemas / "a" / "contract.json").write_text(
        json.dumps({"name": "a", "source": {"bronzePrefix": "source=a/"}}), encoding="utf-8"
    )
    return LocalLake(root=tmp_path / "lake", schemas=schemas, python=Path("/spark/bin/python"))


def test_a_job_runs_its_lake_jobs_entry_point_with_the_lake_and_the_tasks_run_arguments(lake):
    manifest = parse_manifest(MANIFEST)
    spec = manifest.task("bronze_to_silver_a")
    operator = LocalTarget(lake).job(spec, manifest, {"task_id": spec.task_id})
    assert isinstance(operator, LakeJobOperator)
    operator.render_template_fields({"ds": "2024-03-31"})
    assert operator.command() == [
        "/spark/bin/python", "-m", "lake_jobs.bronze_to_silver",
        "--contract", str(lake.schemas / "a" / "contract.json"), "--lake", str(lake.root),
        "--run-date", "2024-03-31",
    ]  # fmt: skip


def test_a_local_task_fails_at_its_first_error_and_keeps_its_timeout(lake):
    manifest = parse_manifest(MANIFEST)
    target = LocalTarget(lake)
    builders = {"glue_crawler": target.crawler, "glue_data_quality": target.data_quality}
    for spec in manifest.tasks:
        build = builders.get(spec.type, target.job)
        common = {"task_id": spec.task_id, "retries": 3, "execution_timeout": timedelta(minutes=7)}
        operator = build(spec, manifest, common)
        assert (operator.retries, operator.execution_timeout) == (0, timedelta(minutes=7)), spec.task_id


def test_a_ruleset_evaluation_runs_the_quality_job_on_the_same_table_with_its_results_kept_apart(lake):
    manifest = parse_manifest(MANIFEST)
    spec = manifest.task("data_quality_a")
    operator = LocalTarget(lake).data_quality(spec, manifest, {"task_id": spec.task_id})
    assert isinstance(operator, LakeJobOperator) and operator.task_id == "data_quality_a"
    operator.render_template_fields({"ds": "2024-03-31"})
    where = lake.root / "glue_data_quality"
    assert operator.command() == [
        "/spark/bin/python", "-m", "lake_jobs.quality",
        "--contract", str(lake.schemas / "a" / "contract.json"), "--lake", str(lake.root),
        "--output", str(where / "results"), "--report", str(where / "reports"),
        "--run-date", "2024-03-31",
    ]  # fmt: skip


def test_a_maintenance_task_runs_lake_jobs_maintenance_with_the_retention(lake):
    manifest = parse_manifest(MANIFEST).maintenance
    assert manifest is not None
    spec = manifest.task("maintain_g")
    operator = LocalTarget(lake).not_deployed(spec, manifest, {"task_id": spec.task_id})
    operator.render_template_fields({"ds": "2024-03-31"})
    assert operator.command()[2:] == [
        "lake_jobs.maintenance", "--contract", str(lake.schemas / "g" / "contract.json"),
        "--lake", str(lake.root), "--run-date", "2024-03-31", "--retain-days", "7",
    ]  # fmt: skip


def test_a_gold_tables_quality_reads_gold_and_checks_references_in_silver(lake):
    assert lake.job_arguments("quality", "g", "gold")[-4:] == [
        "--input", str(lake.root / "gold"), "--reference-input", str(lake.root / "silver"),
    ]  # fmt: skip
    assert "--input" not in lake.job_arguments("quality", "a", "silver")


def test_a_task_without_a_deployed_job_still_runs_on_the_local_lake(lake):
    manifest = parse_manifest(MANIFEST)
    operator = LocalTarget(lake).not_deployed(manifest.task("quality_g"), manifest, {"task_id": "quality_g"})
    assert isinstance(operator, LakeJobOperator) and operator.job == "quality"
    assert operator.execution_timeout == timedelta(seconds=manifest.timeout_seconds["glue_job"])


def test_a_failing_job_fails_the_task_naming_the_job_and_dataset(lake, tmp_path):
    failing = tmp_path / "python"
    failing.write_text("#!/bin/sh\necho 'bronze_to_silver failed: no files' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    lake = LocalLake(root=lake.root, schemas=lake.schemas, python=failing)
    lake.root.mkdir(parents=True)
    from airflow.exceptions import AirflowException

    operator = LakeJobOperator(task_id="t", job="bronze_to_silver", dataset="a", layer="silver",
                               arguments={}, lake=lake)  # fmt: skip
    with pytest.raises(
        AirflowException, match=r"lake_jobs\.bronze_to_silver for dataset a exited with 1: bronze"
    ):
        operator.execute({})


def test_the_crawl_finds_the_days_bronze_files_or_names_the_missing_folder(lake):
    from airflow.exceptions import AirflowException

    operator = BronzeLandedOperator(task_id="crawl_a", dataset="a", day="2024-03-31", lake=lake)
    folder = lake.root / "bronze" / "source=a" / "year=2024" / "month=03" / "day=31"
    with pytest.raises(AirflowException, match=f"dataset a: no bronze files in {folder}"):
        operator.execute({})
    folder.mkdir(parents=True)
    (folder / "_SUCCESS").write_text("", encoding="utf-8")
    with pytest.raises(AirflowException):
        operator.execute({})  # markers are not deliveries
    (folder / "part-0.json").write_text("{}\n", encoding="utf-8")
    assert operator.execute({}) == 1


def test_a_cdc_sources_crawl_reads_the_day_folder_of_its_dms_layout(lake):
    (lake.schemas / "t").mkdir()
    source = {"bronzePrefix": "source=t/", "layout": "dms", "tablePrefix": "source=t/sales/t/"}
    (lake.schemas / "t" / "contract.json").write_text(json.dumps({"name": "t", "source": source}), "utf-8")
    folder = lake.root / "bronze" / "source=t" / "sales" / "t" / "2024" / "03" / "31"
    assert lake.bronze_day("t", date(2024, 3, 31)) == folder
    folder.mkdir(parents=True)
    (folder / "LOAD00000001.parquet").write_bytes(b"PAR1")
    operator = BronzeLandedOperator(task_id="crawl_t", dataset="t", day="2024-03-31", lake=lake)
    assert operator.execute({}) == 1


def test_the_local_target_says_which_settings_are_missing():
    with pytest.raises(ManifestError, match="LAKE_LOCAL_ROOT, LAKE_SPARK_PYTHON"):
        LocalLake.from_environment({"LAKE_SCHEMAS_ROOT": "/s"})
