"""The MWAA target: each task as the amazon provider's operator (provider 9.12.0, the one MWAA's Airflow 3.0.6
image ships), waiting deferrably so a long Glue run holds a triggerer slot, not a worker."""

from __future__ import annotations

import math
import time
from typing import Any

from airflow.exceptions import AirflowFailException
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator
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

    def not_deployed(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        return NotDeployedOperator(reason=str(spec.reason), **{**common, "retries": 0})
