"""The MWAA target: each task as the amazon provider's operator (provider 9.12.0, the one MWAA's Airflow 3.0.6
image ships), waiting deferrably so a long Glue run holds a triggerer slot, not a worker."""

from __future__ import annotations

import math
import time
from typing import Any

from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.amazon.aws.operators.glue import (
    GlueDataQualityRuleSetEvaluationRunOperator,
    GlueJobOperator,
)
from airflow.providers.amazon.aws.operators.glue_crawler import GlueCrawlerOperator
from airflow.sdk import BaseOperator

from lake_dags.manifest import Manifest, TaskSpec


def wait_attempts(timeout_seconds: int, poll_seconds: int) -> int:
    """Polls that cover the task's whole execution timeout: the timeout, not the waiter, ends a slow run."""
    return math.ceil(timeout_seconds / poll_seconds) + 1


class LakeCrawlerOperator(GlueCrawlerOperator):
    """Starts an existing crawler and waits for its crawl. A crawl already running (a manual one, or the
    previous run's that outlived its task) is waited for and then this run's crawl is started, so the catalog
    always reflects files that landed before this run: provider 9.12.0 would fail the attempt on
    CrawlerRunningException (``fail_on_already_running`` arrived in 9.25.0). Only the crawler's name is
    passed, so the operator never creates or updates the crawler the bronze stack owns."""

    def __init__(self, *, crawler_name: str, waiter_max_attempts: int, **kwargs: Any) -> None:
        super().__init__(config={"Name": crawler_name}, **kwargs)
        self.waiter_max_attempts = waiter_max_attempts

    def _start(self, name: str) -> None:
        glue = self.hook.glue_client
        try:
            self.hook.start_crawler(name)
        except glue.exceptions.CrawlerRunningException:
            self.log.info("A crawl of %s is already running: waiting for it to end first", name)
            while glue.get_crawler(Name=name)["Crawler"]["State"] != "READY":
                time.sleep(self.poll_interval)
            self.hook.start_crawler(name)

    def execute(self, context: Any) -> str:
        name = self.config["Name"]
        self._start(name)
        if self.deferrable:
            from airflow.providers.amazon.aws.triggers.glue_crawler import GlueCrawlerCompleteTrigger

            self.defer(
                trigger=GlueCrawlerCompleteTrigger(
                    crawler_name=name,
                    waiter_delay=self.poll_interval,
                    waiter_max_attempts=self.waiter_max_attempts,
                    aws_conn_id=self.aws_conn_id,
                    region_name=self.region_name,
                    verify=self.verify,
                    botocore_config=self.botocore_config,
                ),
                method_name="execute_complete",
            )
        self.hook.wait_for_crawler_completion(crawler_name=name, poll_interval=self.poll_interval)
        return name


# What Glue reports for a rule that did not pass (GetDataQualityResult RuleResults[].Result).
FAILED_RULE_RESULTS = ("FAIL", "ERROR")


def blocking_failures(results: dict[str, Any], warning_rules: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rule results of a BatchGetDataQualityResult answer that failed and do not come from a warning rule
    of the contract (Glue names each rule by its DQDL text, ``Description``)."""
    return [
        rule
        for result in results.get("Results", [])
        for rule in result.get("RuleResults", [])
        if rule.get("Result") in FAILED_RULE_RESULTS and rule.get("Description") not in warning_rules
    ]


class LakeRulesetEvaluationOperator(GlueDataQualityRuleSetEvaluationRunOperator):
    """Evaluates a source's Glue Data Quality ruleset on its silver table and fails on blocking rules only:
    the provider's ``verify_result_status`` fails on any failed rule, but the contract's warning rules (a
    ReferentialIntegrity to customers, say) only warn, as they do in the lake's quality job. The failed
    warnings are logged; a failed blocking rule fails the task naming the dataset, ruleset and each rule."""

    def __init__(self, *, dataset: str, warning_rules: tuple[str, ...], **kwargs: Any) -> None:
        # show_results tabulates with pandas, which the DAGs do not otherwise need: the gate logs each rule.
        super().__init__(verify_result_status=False, show_results=False, **kwargs)
        self.dataset = dataset
        self.warning_rules = warning_rules

    def _gate(self, evaluation_run_id: str) -> str:
        results = self.hook.get_evaluation_run_results(evaluation_run_id)
        for res in results.get("Results", []):
            for rule in res.get("RuleResults", []):
                self.log.info(
                    "dataset %s: %s %s %s",
                    self.dataset,
                    rule.get("Result"),
                    rule.get("Description"),
                    rule.get("EvaluationMessage", ""),
                )
        blocking = blocking_failures(results, self.warning_rules)
        warned = [
            r["Description"]
            for res in results.get("Results", [])
            for r in res.get("RuleResults", [])
            if r.get("Result") in FAILED_RULE_RESULTS and r.get("Description") in self.warning_rules
        ]
        if warned:
            self.log.warning("dataset %s: warning rule(s) failed: %s", self.dataset, "; ".join(warned))
        if blocking:
            named = "; ".join(
                f"{r.get('Description')} ({r.get('Result')}: {r.get('EvaluationMessage', 'no message')})"
                for r in blocking
            )
            raise AirflowException(
                f"dataset {self.dataset}: ruleset {', '.join(self.rule_set_names)} "
                f"(run {evaluation_run_id}): blocking rule(s) failed: {named}"
            )
        return evaluation_run_id

    def execute(self, context: Any) -> str:
        # Deferrable: the trigger waits and execute_complete gates; otherwise the provider has waited here.
        run_id = super().execute(context)
        return self._gate(run_id) if self.wait_for_completion else run_id

    def execute_complete(self, context: Any, event: dict[str, Any] | None = None) -> str:
        return self._gate(super().execute_complete(context, event))


class NotDeployedOperator(BaseOperator):
    """A task of the pipeline that has no deployed job on AWS: it fails at once, without retries, naming what
    is missing, so the gap is a red task in every run rather than a silently shorter DAG."""

    def __init__(self, *, reason: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.reason = reason

    def execute(self, context: Any) -> None:
        raise AirflowFailException(f"{self.task_id}: {self.reason}")


class AwsTarget:
    """Tasks as they run on MWAA."""

    def crawler(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        poll = manifest.poll_seconds["glue_crawler"]
        return LakeCrawlerOperator(
            crawler_name=str(spec.crawler_name),
            poll_interval=poll,
            waiter_max_attempts=wait_attempts(manifest.timeout_seconds["glue_crawler"], poll),
            deferrable=True,
            **common,
        )

    def job(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        poll = manifest.poll_seconds["glue_job"]
        return GlueJobOperator(
            job_name=spec.job_name,
            # The job definition holds every other argument (contract, locations, env); a run adds its day, so
            # a rerun or a backfill processes its own date.
            script_args=dict(spec.arguments or {}),
            deferrable=True,
            waiter_delay=poll,
            waiter_max_attempts=wait_attempts(manifest.timeout_seconds["glue_job"], poll),
            # A task that times out or is cleared stops its Glue run instead of leaving it writing.
            stop_job_run_on_kill=True,
            **common,
        )

    def data_quality(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        poll = manifest.poll_seconds["glue_data_quality"]
        timeout = manifest.timeout_seconds["glue_data_quality"]
        predicates = spec.predicates or {}

        def glue_table(name: str) -> dict[str, Any]:
            # pushDownPredicate (GlueTable.AdditionalOptions) reads only the partitions the run is about, as
            # the quality job does: the run's day, or every day up to it of a referenced table ({{ ds }}).
            options = {"pushDownPredicate": predicates[name]} if name in predicates else {}
            table = {"DatabaseName": spec.database_name, "TableName": name}
            return {"GlueTable": {**table, **({"AdditionalOptions": options} if options else {})}}

        extra: dict[str, Any] = {"AdditionalRunOptions": {"CloudWatchMetricsEnabled": True}}
        if spec.referenced_tables:
            # ReferentialIntegrity names the referenced dataset by alias: a table of the same database.
            extra["AdditionalDataSources"] = {
                alias: glue_table(name) for alias, name in sorted(spec.referenced_tables.items())
            }
        return LakeRulesetEvaluationOperator(
            dataset=spec.dataset,
            warning_rules=tuple(spec.warning_rules or ()),
            datasource=glue_table(str(spec.table_name)),
            role=str(spec.role_arn),
            rule_set_names=[str(spec.ruleset_name)],
            # Glue's own limit on the run (minutes): a run the task gave up on does not go on consuming DPUs.
            timeout=math.ceil(timeout / 60),
            rule_set_evaluation_run_kwargs=extra,
            deferrable=True,
            waiter_delay=poll,
            waiter_max_attempts=wait_attempts(timeout, poll),
            **common,
        )

    def not_deployed(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        return NotDeployedOperator(reason=str(spec.reason), **{**common, "retries": 0})
