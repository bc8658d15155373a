"""The manifest reader: everything wrong with a manifest at once, each problem naming its dataset and task."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from lake_dags.manifest import ManifestError, load_manifest, parse_manifest

TASK_DEFAULTS = {
    "retries": 2,
    "retryDelaySeconds": 300,
    "maxRetryDelaySeconds": 3600,
    "executionTimeoutSeconds": {
        "glue_crawler": 3600,
        "glue_job": 10800,
        "glue_data_quality": 3600,
        "not_deployed": 60,
    },
    "pollIntervalSeconds": {"glue_crawler": 30, "glue_job": 60, "glue_data_quality": 60, "not_deployed": 1},
}
RUN_ARGUMENTS = {"--run-date": "{{ ds }}"}
MANIFEST = {
    "manifestVersion": 1,
    "dagId": "lake_medallion",
    "description": "The pipeline.",
    "schedule": "0 2 * * *",
    "startDate": "2024-01-01",
    "environment": "dev",
    "owner": "data-platform",
    "tags": ["lake"],
    "taskDefaults": TASK_DEFAULTS,
    "tasks": [
        {"taskId": "crawl_a", "dataset": "a", "layer": "bronze", "upstream": [], "type": "glue_crawler",
         "crawlerName": "crawl-a"},
        {"taskId": "bronze_to_silver_a", "dataset": "a", "layer": "silver", "upstream": ["crawl_a"],
         "type": "glue_job", "job": "bronze_to_silver", "jobName": "b2s-a", "arguments": RUN_ARGUMENTS},
        {"taskId": "quality_g", "dataset": "g", "layer": "gold", "upstream": ["bronze_to_silver_a"],
         "type": "not_deployed", "job": "quality", "arguments": RUN_ARGUMENTS, "reason": "none yet"},
        {"taskId": "data_quality_a", "dataset": "a", "layer": "silver", "upstream": ["bronze_to_silver_a"],
         "type": "glue_data_quality", "rulesetName": "ruleset-a",
         "roleArn": "arn:aws:iam::123456789012:role/dq-a", "databaseName": "silver", "tableName": "a",
         "referencedTables": {"c": "c"},
         "warningRules": ['ReferentialIntegrity "c_id" "c.{c_id}" = 1.0'],
         "predicates": {"a": "lake_ingest_date = '{{ ds }}'", "c": "lake_ingest_date <= '{{ ds }}'"}},
    ],
    "maintenance": {
        "dagId": "lake_maintenance",
        "description": "Table maintenance.",
        "schedule": "0 5 * * 0",
        "tasks": [
            {"taskId": "maintain_g", "dataset": "g", "layer": "gold", "upstream": [], "type": "not_deployed",
             "job": "maintenance", "arguments": {**RUN_ARGUMENTS, "--retain-days": "7"}, "reason": "no job"},
        ],
    },
}  # fmt: skip


def changed(**top) -> dict:
    m = copy.deepcopy(MANIFEST)
    m.update(top)
    return m


def with_task(index: int, **fields) -> dict:
    m = copy.deepcopy(MANIFEST)
    m["tasks"][index].update(fields)
    for key, value in list(fields.items()):
        if value is None:
            del m["tasks"][index][key]
    return m


def test_reads_a_valid_manifest():
    m = parse_manifest(MANIFEST)
    assert (m.dag_id, m.start_date, m.retry.retries) == ("lake_medallion", date(2024, 1, 1), 2)
    assert [t.task_id for t in m.tasks] == ["crawl_a", "bronze_to_silver_a", "quality_g", "data_quality_a"]
    assert m.task("bronze_to_silver_a").job_name == "b2s-a"
    assert m.task("quality_g").reason == "none yet"
    assert m.timeout_seconds["glue_job"] == 10800
    dq = m.task("data_quality_a")
    assert (dq.ruleset_name, dq.role_arn, dq.database_name, dq.table_name) == (
        "ruleset-a", "arn:aws:iam::123456789012:role/dq-a", "silver", "a",
    )  # fmt: skip
    assert dq.referenced_tables == {"c": "c"} and dq.predicates["a"] == "lake_ingest_date = '{{ ds }}'"
    assert dq.warning_rules == ('ReferentialIntegrity "c_id" "c.{c_id}" = 1.0',)


def test_the_maintenance_dag_shares_the_owner_retries_and_timeouts_with_its_own_id_schedule_and_tasks():
    m = parse_manifest(MANIFEST)
    pipeline, maintenance = m.dags()
    assert pipeline is m
    assert (maintenance.dag_id, maintenance.schedule) == ("lake_maintenance", "0 5 * * 0")
    assert [t.task_id for t in maintenance.tasks] == ["maintain_g"]
    assert maintenance.task("maintain_g").job == "maintenance"
    assert (maintenance.owner, maintenance.retry, maintenance.timeout_seconds) == (
        m.owner, m.retry, m.timeout_seconds,
    )  # fmt: skip
    assert maintenance.tags == (*m.tags, "maintenance")


def test_no_maintainable_table_means_no_maintenance_dag():
    m = parse_manifest(changed(maintenance={**MANIFEST["maintenance"], "tasks": []}))
    assert m.dags() == (m,)


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (
            with_task(1, type="emr_serverless"),
            "dataset a, task bronze_to_silver_a: unknown task type 'emr_serverless'",
        ),
        (
            with_task(1, jobName=None),
            "dataset a, task bronze_to_silver_a: jobName must be a non-empty string",
        ),
        (
            with_task(1, job="gold_builder"),
            "job must be one of bronze_to_silver, quality, silver_to_gold, maintenance",
        ),
        (
            with_task(3, rulesetName=None),
            "dataset a, task data_quality_a: rulesetName must be a non-empty string",
        ),
        (with_task(3, referencedTables=["c"]), "dataset a, task data_quality_a: referencedTables must map"),
        (with_task(3, warningRules="x"), "warningRules must be a list of DQDL rules"),
        (
            changed(maintenance={**MANIFEST["maintenance"], "tasks": [{"taskId": "maintain_x"}]}),
            "task maintain_x: layer must be one of",
        ),
        (changed(maintenance={**MANIFEST["maintenance"], "schedule": ""}), "maintenance: schedule must be"),
        (with_task(1, arguments={"run-date": "x"}), 'arguments must map "--name" to a string'),
        (with_task(2, reason=""), "dataset g, task quality_g: reason must be a non-empty string"),
        (
            with_task(0, layer="platinum"),
            "dataset a, task crawl_a: layer must be one of bronze, silver, gold",
        ),
        (with_task(2, upstream=["crawl_b"]), "dataset g, task quality_g: upstream task 'crawl_b' is not in"),
        (with_task(2, taskId="crawl_a"), "dataset g, task crawl_a: the task id is used more than once"),
        (
            changed(taskDefaults={**TASK_DEFAULTS, "retries": 1}),
            "retries must be a whole number of at least 2",
        ),
        (
            changed(taskDefaults={**TASK_DEFAULTS, "executionTimeoutSeconds": {"glue_job": 60}}),
            "glue_crawler",
        ),
        (changed(tags=[]), "tags must be a non-empty list of strings"),
        (changed(startDate="01/01/2024"), "startDate must be YYYY-MM-DD"),
        (changed(tasks=[]), "tasks must be a non-empty list"),
    ],
)
def test_names_the_problem_and_where_it_is(manifest, message):
    with pytest.raises(ManifestError, match="problem") as err:
        parse_manifest(manifest, "lake_pipeline.manifest.json")
    assert message in str(err.value)
    assert str(err.value).startswith("lake_pipeline.manifest.json: ")


def test_lists_every_problem_at_once():
    m = with_task(1, type="spark")
    m["tasks"][0]["crawlerName"] = ""
    with pytest.raises(ManifestError) as err:
        parse_manifest(m)
    assert "2 problem(s)" in str(err.value)
    assert "task crawl_a" in str(err.value) and "task bronze_to_silver_a" in str(err.value)


def test_refuses_another_manifest_version_before_reading_it():
    with pytest.raises(ManifestError, match="manifestVersion 2 is not 1"):
        parse_manifest(changed(manifestVersion=2))


def test_names_the_file_when_it_is_missing_or_not_json(tmp_path):
    with pytest.raises(ManifestError, match=r"m\.json: the manifest is missing"):
        load_manifest(tmp_path / "m.json")
    (tmp_path / "m.json").write_text("{", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"m\.json: not JSON"):
        load_manifest(tmp_path / "m.json")
    (tmp_path / "m.json").write_text(json.dumps(MANIFEST), encoding="utf-8")
    assert load_manifest(tmp_path / "m.json").dag_id == "lake_medallion"
