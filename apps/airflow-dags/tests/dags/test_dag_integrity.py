"""The pipeline and maintenance DAGs as MWAA parses them, in the pinned Airflow (3.0.6) with its constraints:
rendered from the manifests the dev and prod stacks upload, with the MWAA target's operators."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.dags.conftest import APP, make_dag_folder, planned_manifest, registry_datasets

REPORT = Path(__file__).with_name("dagbag_report.py")


def parse_folder(folder: Path, **env: str) -> dict[str, Any]:
    """The DagBag report of `folder`, parsed in a fresh interpreter without the source tree on its path."""
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environ.update({"AIRFLOW__CORE__DAGS_FOLDER": str(folder), **env})
    result = subprocess.run(
        [sys.executable, str(REPORT), str(folder)], env=environ, capture_output=True, text=True, check=True
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("REPORT "))
    return json.loads(line.removeprefix("REPORT "))


@pytest.fixture(scope="module", params=["dev", "prod"])
def stack_report(request, tmp_path_factory) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest a stack uploads and the report of its DAG folder, parsed once per stack."""
    manifest = planned_manifest(request.param)
    return manifest, parse_folder(make_dag_folder(tmp_path_factory.mktemp(request.param), manifest))


def test_the_dag_file_parses_without_import_errors_and_only_it_is_parsed(stack_report):
    manifest, report = stack_report
    assert report["importErrors"] == {}
    # .airflowignore keeps the factory and the manifest out of the parse: one DAG file, the pipeline and the
    # table maintenance.
    assert [Path(f).name for f in report["files"]] == ["lake_pipeline.py"]
    assert sorted(report["dags"]) == sorted([manifest["dagId"], manifest["maintenance"]["dagId"]])
    for dag in report["dags"].values():
        assert dag["cycle"] is None


def test_every_dataset_of_the_registry_has_its_tasks(stack_report):
    manifest, report = stack_report
    tasks = report["dags"][manifest["dagId"]]["tasks"]
    datasets = registry_datasets()
    sources = [name for name, d in datasets.items() if d["hasSource"]]
    gold = [name for name, d in datasets.items() if d["layer"] == "gold"]
    assert sources and gold
    for name in sources:
        assert tasks[f"crawl_{name}"]["upstream"] == []
        assert tasks[f"bronze_to_silver_{name}"]["upstream"] == [f"crawl_{name}"]
        # Both quality checks of a source run after its bronze -> silver, side by side.
        assert tasks[f"quality_{name}"]["upstream"] == [f"bronze_to_silver_{name}"]
        assert tasks[f"data_quality_{name}"]["upstream"] == [f"bronze_to_silver_{name}"]
    for name in gold:
        derived = datasets[name]["derivedFrom"]
        assert derived
        assert tasks[f"silver_to_gold_{name}"]["upstream"] == sorted(
            f"{check}_{d}" for d in derived for check in ("quality", "data_quality")
        )
        assert tasks[f"quality_{name}"]["upstream"] == [f"silver_to_gold_{name}"]
    assert len(tasks) == 4 * len(sources) + 2 * len(gold)


def test_the_maintenance_dag_maintains_every_iceberg_and_delta_table_on_its_own_schedule(stack_report):
    manifest, report = stack_report
    maintenance = manifest["maintenance"]
    dag = report["dags"][maintenance["dagId"]]
    datasets = registry_datasets().items()
    maintained = sorted(name for name, d in datasets if d["format"] in ("iceberg", "delta"))
    assert maintained
    assert sorted(dag["tasks"]) == [f"maintain_{name}" for name in maintained]
    assert dag["schedule"] == maintenance["schedule"] != manifest["schedule"]
    assert dag["tags"] == sorted(["lake", "medallion", manifest["environment"], "maintenance"])
    for task in dag["tasks"].values():
        assert task["upstream"] == []


def test_every_task_has_owner_retries_with_backoff_a_timeout_and_a_failure_callback(stack_report):
    manifest, report = stack_report
    dag = report["dags"][manifest["dagId"]]
    defaults = manifest["taskDefaults"]
    assert dag["tags"] == sorted(["lake", "medallion", manifest["environment"]])
    assert (dag["catchup"], dag["maxActiveRuns"]) == (False, 1)
    maintenance = report["dags"][manifest["maintenance"]["dagId"]]
    assert (maintenance["catchup"], maintenance["maxActiveRuns"]) == (False, 1)
    every_task = {**dag["tasks"], **maintenance["tasks"]}
    assert len(every_task) == len(dag["tasks"]) + len(maintenance["tasks"])
    for task_id, task in every_task.items():
        assert task["owner"] == manifest["owner"], task_id
        assert task["hasFailureCallback"], task_id
        assert task["executionTimeoutSeconds"] and task["executionTimeoutSeconds"] > 0, task_id
        if task["operator"] == "NotDeployedOperator":
            assert task["retries"] == 0, task_id  # nothing to retry: it names what is missing
            continue
        assert task["retries"] >= 2, task_id
        assert task["retryExponentialBackoff"] is True, task_id
        assert task["retryDelaySeconds"] == defaults["retryDelaySeconds"], task_id
        assert task["maxRetryDelaySeconds"] == defaults["maxRetryDelaySeconds"], task_id


def test_aws_tasks_are_the_amazon_providers_operators_waiting_deferrably_with_the_run_date(stack_report):
    manifest, report = stack_report
    tasks = report["dags"][manifest["dagId"]]["tasks"]
    for spec in manifest["tasks"]:
        task = tasks[spec["taskId"]]
        if spec["type"] == "glue_job":
            assert (task["operator"], task["module"]) == (
                "GlueJobOperator",
                "airflow.providers.amazon.aws.operators.glue",
            )
            assert task["jobName"] == spec["jobName"]
            assert task["scriptArgs"] == {"--run-date": "{{ ds }}"}
            assert task["deferrable"] is True
            assert (
                task["executionTimeoutSeconds"]
                == manifest["taskDefaults"]["executionTimeoutSeconds"]["glue_job"]
            )
        elif spec["type"] == "glue_crawler":
            assert task["operator"] == "LakeCrawlerOperator"
            assert task["crawler"] == spec["crawlerName"]
            assert task["deferrable"] is True
        elif spec["type"] == "glue_data_quality":
            # The provider's operator (subclassed to fail on blocking rules only), deferrable.
            assert task["operator"] == "LakeRulesetEvaluationOperator"
            assert task["rulesets"] == [spec["rulesetName"]]
            assert task["role"] == spec["roleArn"]
            assert task["datasource"] == {
                "GlueTable": {
                    "DatabaseName": spec["databaseName"],
                    "TableName": spec["tableName"],
                    "AdditionalOptions": {"pushDownPredicate": spec["predicates"][spec["tableName"]]},
                }
            }
            assert "{{ ds }}" in task["datasource"]["GlueTable"]["AdditionalOptions"]["pushDownPredicate"]
            aliases = task["runKwargs"].get("AdditionalDataSources", {})
            assert sorted(aliases) == sorted(spec["referencedTables"])
            assert task["verifyResultStatus"] is False and task["warningRules"] == spec["warningRules"]
            assert task["deferrable"] is True
            timeout = manifest["taskDefaults"]["executionTimeoutSeconds"]["glue_data_quality"]
            assert task["executionTimeoutSeconds"] == timeout
            assert task["runTimeoutMinutes"] * 60 == timeout
        else:
            assert task["operator"] == "NotDeployedOperator"
            assert spec["dataset"] in task["doc"] and spec["reason"] in task["doc"]


def _with_task(manifest: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    tasks = [dict(t) for t in manifest["tasks"]]
    tasks[index].update(changes)
    return {**manifest, "tasks": tasks}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda m: _with_task(m, 1, type="emr_serverless"),
            ["dataset customers", "unknown task type 'emr_serverless'"],
        ),
        (
            lambda m: _with_task(m, 0, crawlerName=""),
            ["dataset customers, task crawl_customers", "crawlerName"],
        ),
        (lambda m: _with_task(m, 2, upstream=["nope"]), ["dataset customers", "upstream task 'nope'"]),
        (lambda m: {**m, "manifestVersion": 2}, ["manifestVersion 2 is not 1"]),
        (lambda m: "{ not json", ["not JSON"]),
    ],
)
def test_a_broken_manifest_is_an_import_error_of_the_dag_file_naming_the_dataset(
    dag_folder, change, expected
):
    report = parse_folder(dag_folder(change(planned_manifest("dev"))))
    assert report["dags"] == {}
    [(file, error)] = report["importErrors"].items()
    assert Path(file).name == "lake_pipeline.py"
    for text in expected:
        assert text in error


def test_a_broken_helper_module_still_surfaces_as_an_import_error(dag_folder):
    # A helper alone would be skipped by safe mode (or ignored by .airflowignore): the DAG file imports it, so
    # its syntax error is the DAG file's import error.
    folder = dag_folder(planned_manifest("dev"))
    helper = folder / "lake_dags" / "aws_tasks.py"
    helper.write_text(helper.read_text(encoding="utf-8") + "\ndef broken(:\n", encoding="utf-8")
    report = parse_folder(folder)
    [(file, error)] = report["importErrors"].items()
    assert Path(file).name == "lake_pipeline.py"
    assert "aws_tasks.py" in error and "SyntaxError" in error


def test_the_dag_file_carries_the_words_safe_mode_looks_for():
    text = (APP / "dags" / "lake_pipeline.py").read_text(encoding="utf-8").lower()
    assert "airflow" in text and "dag" in text


def test_an_unknown_target_is_an_import_error(dag_folder):
    report = parse_folder(dag_folder(planned_manifest("dev")), LAKE_DAGS_TARGET="emr")
    [error] = report["importErrors"].values()
    assert "LAKE_DAGS_TARGET='emr' is not a target" in error
