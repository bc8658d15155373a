"""The MWAA target's operators against moto's Glue API server on loopback: what they send to AWS."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.dags.test_manifest import MANIFEST

from lake_dags.aws_tasks import AwsTarget, LakeCrawlerOperator, NotDeployedOperator, wait_attempts
from lake_dags.factory import task_arguments
from lake_dags.manifest import parse_manifest

ROLE = "arn:aws:iam::123456789012:role/glue"


@pytest.fixture(scope="module")
def moto(tmp_path_factory) -> Iterator[str]:
    """moto's server on a free loopback port, recording every request it answers."""
    recording = tmp_path_factory.mktemp("moto") / "requests.jsonl"
    saved = dict(os.environ)
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="eu-west-1",
        MOTO_ENABLE_RECORDING="true",
        MOTO_RECORDER_FILEPATH=str(recording),
    )
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    os.environ["AWS_ENDPOINT_URL"] = f"http://{host}:{port}"
    try:
        yield os.environ["AWS_ENDPOINT_URL"]
    finally:
        server.stop()
        os.environ.clear()
        os.environ.update(saved)


def moto_api(endpoint: str, path: str, body: dict | None = None) -> None:
    data = json.dumps(body).encode() if body is not None else b""
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/{path}", data=data, method="POST"))


def sent(endpoint: str, target: str) -> list[dict]:
    """The JSON bodies of the recorded requests to the Glue action `target` (e.g. AWSGlue.StartJobRun)."""
    path = Path(os.environ["MOTO_RECORDER_FILEPATH"])
    bodies = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("headers", {}).get("X-Amz-Target") != target:
            continue
        body = entry["body"]
        bodies.append(json.loads(base64.b64decode(body) if entry.get("body_encoded") else body))
    return bodies


@pytest.fixture
def glue(moto):
    import boto3

    moto_api(moto, "reset")
    moto_api(moto, "recorder/stop-recording")
    moto_api(moto, "recorder/reset-recording")
    return boto3.client("glue")


def record(endpoint: str) -> None:
    """Record what follows: the test's own setup calls stay out of the recording."""
    moto_api(endpoint, "recorder/start-recording")


def common(task_id: str, type_: str) -> dict:
    manifest = parse_manifest(MANIFEST)
    spec = next(t for t in manifest.tasks if t.type == type_)
    return manifest, spec, {**task_arguments(spec, manifest), "task_id": task_id}


def test_the_glue_job_task_starts_the_deployed_job_with_the_run_date_and_defers(glue, moto):
    from airflow.exceptions import TaskDeferred
    from airflow.providers.amazon.aws.triggers.glue import GlueJobCompleteTrigger

    glue.create_job(Name="b2s-a", Role=ROLE, Command={"Name": "glueetl", "ScriptLocation": "s3://b/s.py"})
    record(moto)
    manifest, spec, args = common("bronze_to_silver_a", "glue_job")
    operator = AwsTarget().job(spec, manifest, args)
    operator.render_template_fields({"ds": "2024-03-31"})
    with pytest.raises(TaskDeferred) as deferred:
        operator.execute({"ds": "2024-03-31", "ti": None})
    assert sent(moto, "AWSGlue.StartJobRun") == [
        {"JobName": "b2s-a", "Arguments": {"--run-date": "2024-03-31"}}
    ]
    trigger = deferred.value.trigger
    assert isinstance(trigger, GlueJobCompleteTrigger)
    assert (trigger.job_name, trigger.waiter_delay) == ("b2s-a", 60)
    assert trigger.attempts == wait_attempts(10800, 60)
    # Only reads and the run: the operator never creates or updates the job the silver stack owns.
    assert sent(moto, "AWSGlue.CreateJob") == [] and sent(moto, "AWSGlue.UpdateJob") == []


def test_a_missing_job_fails_the_task_instead_of_being_created(glue, moto):
    record(moto)
    manifest, spec, args = common("bronze_to_silver_a", "glue_job")
    operator = AwsTarget().job(spec, manifest, args)
    from botocore.exceptions import ParamValidationError

    # The provider's get-or-create has no script or role to create one with: it fails before any CreateJob.
    with pytest.raises(ParamValidationError, match="Role"):
        operator.execute({"ds": "2024-03-31", "ti": None})
    assert [len(sent(moto, f"AWSGlue.{a}")) for a in ("GetJob", "CreateJob", "StartJobRun")] == [1, 0, 0]


def test_the_crawl_starts_the_crawler_by_name_only_and_defers(glue, moto):
    from airflow.exceptions import TaskDeferred
    from airflow.providers.amazon.aws.triggers.glue_crawler import GlueCrawlerCompleteTrigger

    glue.create_crawler(Name="crawl-a", Role=ROLE, Targets={"S3Targets": [{"Path": "s3://bronze/source=a/"}]})
    record(moto)
    manifest, spec, args = common("crawl_a", "glue_crawler")
    operator = AwsTarget().crawler(spec, manifest, args)
    with pytest.raises(TaskDeferred) as deferred:
        operator.execute({})
    assert sent(moto, "AWSGlue.StartCrawler") == [{"Name": "crawl-a"}]
    assert sent(moto, "AWSGlue.UpdateCrawler") == [] and sent(moto, "AWSGlue.CreateCrawler") == []
    assert isinstance(deferred.value.trigger, GlueCrawlerCompleteTrigger)
    assert deferred.value.trigger.attempts == wait_attempts(3600, 30)


def test_a_crawl_already_running_is_waited_for_then_this_runs_crawl_starts(glue, moto):
    from airflow.exceptions import TaskDeferred

    glue.create_crawler(Name="crawl-a", Role=ROLE, Targets={"S3Targets": [{"Path": "s3://bronze/source=a/"}]})
    glue.start_crawler(Name="crawl-a")  # a crawl another run started
    assert glue.get_crawler(Name="crawl-a")["Crawler"]["State"] == "RUNNING"
    record(moto)
    manifest, spec, args = common("crawl_a", "glue_crawler")
    operator = AwsTarget().crawler(spec, manifest, args)
    operator.poll_interval = 0.2

    def finish_the_running_crawl():
        # Only once the operator's start was refused and it has seen the crawl running (a fixed sleep loses
        # that race on a loaded machine).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (
            sent(moto, "AWSGlue.StartCrawler") and sent(moto, "AWSGlue.GetCrawler")
        ):
            time.sleep(0.05)
        # moto advances a crawl only when crawls are listed (its state manager's manual progression).
        glue.list_crawls(CrawlerName="crawl-a")

    threading.Thread(target=finish_the_running_crawl).start()
    with pytest.raises(TaskDeferred):
        operator.execute({})
    starts = sent(moto, "AWSGlue.StartCrawler")
    # The refused start, then this run's once the other crawl ended.
    assert starts == [{"Name": "crawl-a"}, {"Name": "crawl-a"}]
    assert len(sent(moto, "AWSGlue.GetCrawler")) >= 2


def test_a_task_without_a_deployed_job_fails_at_once_naming_what_is_missing():
    from airflow.exceptions import AirflowFailException

    manifest, spec, args = common("quality_g", "not_deployed")
    operator = AwsTarget().not_deployed(spec, manifest, args)
    assert isinstance(operator, NotDeployedOperator) and operator.retries == 0
    with pytest.raises(AirflowFailException, match="quality_g: none yet"):
        operator.execute({})


@pytest.mark.parametrize(("timeout", "poll", "attempts"), [(3600, 30, 121), (10800, 60, 181), (90, 60, 3)])
def test_the_waits_cover_the_whole_execution_timeout(timeout, poll, attempts):
    assert wait_attempts(timeout, poll) == attempts
    assert (attempts - 1) * poll >= timeout


def test_the_crawler_operator_is_the_providers():
    from airflow.providers.amazon.aws.operators.glue_crawler import GlueCrawlerOperator

    assert issubclass(LakeCrawlerOperator, GlueCrawlerOperator)


# moto implements none of Glue Data Quality's APIs, so the evaluation task is checked against botocore's
# Stubber: each request is validated against the Glue service model and compared with what is expected.
EVALUATION = {
    "RunId": "dqrun-1",
    "ResultIds": ["dqresult-1"],
}


def results(*rules: tuple[str, str]) -> dict:
    """A BatchGetDataQualityResult answer with one rule result per (DQDL text, Result)."""
    return {
        "Results": [
            {
                "ResultId": "dqresult-1",
                "RulesetName": "ruleset-a",
                "RuleResults": [
                    {"Name": f"Rule_{i}", "Description": text, "Result": result, "EvaluationMessage": "x"}
                    for i, (text, result) in enumerate(rules, start=1)
                ],
            }
        ],
    }


@pytest.fixture
def evaluation(monkeypatch):
    """The data quality task of the test manifest, its Glue client stubbed (a region, no endpoint)."""
    from botocore.stub import Stubber

    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    manifest, spec, args = common("data_quality_a", "glue_data_quality")
    operator = AwsTarget().data_quality(spec, manifest, args)
    stub = Stubber(operator.hook.conn)
    stub.activate()
    yield operator, stub
    stub.deactivate()


def test_the_ruleset_evaluation_starts_a_run_of_the_deployed_ruleset_on_the_runs_day_and_defers(evaluation):
    from airflow.exceptions import TaskDeferred
    from airflow.providers.amazon.aws.triggers.glue import GlueDataQualityRuleSetEvaluationRunCompleteTrigger

    operator, stub = evaluation
    operator.render_template_fields({"ds": "2024-03-31"})
    stub.add_response("get_data_quality_ruleset", {"Name": "ruleset-a"}, {"Name": "ruleset-a"})
    stub.add_response(
        "start_data_quality_ruleset_evaluation_run",
        {"RunId": "dqrun-1"},
        {
            "DataSource": {
                "GlueTable": {
                    "DatabaseName": "silver",
                    "TableName": "a",
                    "AdditionalOptions": {"pushDownPredicate": "lake_ingest_date = '2024-03-31'"},
                }
            },
            "Role": "arn:aws:iam::123456789012:role/dq-a",
            "NumberOfWorkers": 5,
            "Timeout": 60,
            "RulesetNames": ["ruleset-a"],
            "AdditionalRunOptions": {"CloudWatchMetricsEnabled": True},
            "AdditionalDataSources": {
                "c": {
                    "GlueTable": {
                        "DatabaseName": "silver",
                        "TableName": "c",
                        "AdditionalOptions": {"pushDownPredicate": "lake_ingest_date <= '2024-03-31'"},
                    }
                }
            },
        },
    )
    with pytest.raises(TaskDeferred) as deferred:
        operator.execute({})
    stub.assert_no_pending_responses()
    trigger = deferred.value.trigger
    assert isinstance(trigger, GlueDataQualityRuleSetEvaluationRunCompleteTrigger)
    assert (trigger.waiter_args, trigger.waiter_delay) == ({"RunId": "dqrun-1"}, 60)
    assert trigger.attempts == wait_attempts(3600, 60)


def test_a_ruleset_that_is_not_deployed_fails_before_any_run_starts(evaluation):
    from airflow.exceptions import AirflowException

    operator, stub = evaluation
    stub.add_client_error(
        "get_data_quality_ruleset", "EntityNotFoundException", expected_params={"Name": "ruleset-a"}
    )
    with pytest.raises(AirflowException, match="ruleset-a"):
        operator.execute({})
    stub.assert_no_pending_responses()


def _completed(stub, answer: dict) -> None:
    stub.add_response("get_data_quality_ruleset_evaluation_run", EVALUATION, {"RunId": "dqrun-1"})
    stub.add_response("batch_get_data_quality_result", answer, {"ResultIds": ["dqresult-1"]})
    # The provider reads the results once (to count failures), the gate once more to judge them.
    stub.add_response("get_data_quality_ruleset_evaluation_run", EVALUATION, {"RunId": "dqrun-1"})
    stub.add_response("batch_get_data_quality_result", answer, {"ResultIds": ["dqresult-1"]})


def test_a_failed_warning_rule_is_logged_and_the_task_succeeds(evaluation):
    operator, stub = evaluation
    _completed(
        stub,
        results(('IsComplete "a_id"', "PASS"), ('ReferentialIntegrity "c_id" "c.{c_id}" = 1.0', "FAIL")),
    )
    done = {"status": "success", "evaluation_run_id": "dqrun-1"}
    assert operator.execute_complete({}, done) == "dqrun-1"
    stub.assert_no_pending_responses()


def test_a_failed_blocking_rule_fails_the_task_naming_the_dataset_ruleset_and_rule(evaluation):
    from airflow.exceptions import AirflowException

    operator, stub = evaluation
    _completed(
        stub,
        results(('IsComplete "a_id"', "FAIL"), ('ReferentialIntegrity "c_id" "c.{c_id}" = 1.0', "FAIL")),
    )
    with pytest.raises(AirflowException) as err:
        operator.execute_complete({}, {"status": "success", "evaluation_run_id": "dqrun-1"})
    message = str(err.value)
    assert message.startswith("dataset a: ruleset ruleset-a (run dqrun-1): blocking rule(s) failed:")
    assert 'IsComplete "a_id" (FAIL' in message and "ReferentialIntegrity" not in message


def test_the_evaluation_operator_is_the_providers():
    from airflow.providers.amazon.aws.operators.glue import GlueDataQualityRuleSetEvaluationRunOperator

    from lake_dags.aws_tasks import LakeRulesetEvaluationOperator

    assert issubclass(LakeRulesetEvaluationOperator, GlueDataQualityRuleSetEvaluationRunOperator)
