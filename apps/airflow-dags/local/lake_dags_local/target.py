"""What each task of the pipeline runs on the local lake."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from airflow.exceptions import AirflowException
from airflow.providers.standard.hooks.subprocess import SubprocessHook
from airflow.sdk import BaseOperator

from lake_dags.manifest import Manifest, ManifestError, TaskSpec

# Where the local target finds the lake, the contracts and the Spark environment (set by `make orchestrate`).
LAKE_ENV = "LAKE_LOCAL_ROOT"
SCHEMAS_ENV = "LAKE_SCHEMAS_ROOT"
PYTHON_ENV = "LAKE_SPARK_PYTHON"
# Where the local stand-in of a Glue Data Quality evaluation keeps its results and reports, under the lake.
DATA_QUALITY_FOLDER = "glue_data_quality"


@dataclass(frozen=True)
class LocalLake:
    """The local lake a run works on: its root, the generated contracts and the Spark environment's Python."""

    root: Path
    schemas: Path
    python: Path

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> LocalLake:
        env = os.environ if environ is None else environ
        missing = [name for name in (LAKE_ENV, SCHEMAS_ENV, PYTHON_ENV) if not env.get(name)]
        if missing:
            raise ManifestError(
                f"the local target needs {', '.join(missing)} (the lake root, dist/schemas and the Spark "
                "environment's python): run it through `make orchestrate`"
            )
        return cls(Path(env[LAKE_ENV]), Path(env[SCHEMAS_ENV]), Path(env[PYTHON_ENV]))

    def contract(self, dataset: str) -> Path:
        return self.schemas / dataset / "contract.json"

    def job_arguments(self, job: str, dataset: str, layer: str) -> list[str]:
        """What a Glue job's definition holds on AWS (contract and locations), for the local lake. ``--lake``
        fills every location from the lake layout; a gold table's quality reads gold, and its references
        rules read silver."""
        arguments = ["--contract", str(self.contract(dataset)), "--lake", str(self.root)]
        if job == "quality" and layer == "gold":
            arguments += ["--input", str(self.root / "gold"), "--reference-input", str(self.root / "silver")]
        return arguments

    def ruleset_evaluation_arguments(self, dataset: str) -> list[str]:
        """The local Glue Data Quality evaluation: the quality job's evaluation of the same contract rules on
        the same table, its results and report kept apart (Glue keeps its results with the ruleset, not in
        quality_results), so the quality task's rows and report stay its own."""
        where = self.root / DATA_QUALITY_FOLDER
        return [
            *self.job_arguments("quality", dataset, "silver"),
            "--output",
            str(where / "results"),
            "--report",
            str(where / "reports"),
        ]

    def bronze_day(self, dataset: str, day: date) -> Path:
        """The folder of the day a source's crawl reads, in its contract's landing layout: the hive
        ``<tablePrefix>year=YYYY/month=MM/day=DD``, or DMS's ``<tablePrefix>YYYY/MM/DD`` (a cdc source), as
        lake_jobs.common.paths.source_day_prefix, which Airflow's environment (not Spark's) cannot import."""
        contract = json.loads(self.contract(dataset).read_text(encoding="utf-8"))
        source = contract.get("source") or {}
        prefix = source.get("tablePrefix") or source.get("bronzePrefix")
        if not prefix:
            raise AirflowException(f"dataset {dataset}: its contract has no source.bronzePrefix to crawl")
        layout = source.get("layout") or "hive"
        if layout == "dms":
            return self.root / "bronze" / prefix / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}"
        if layout != "hive":
            raise AirflowException(f"dataset {dataset}: unknown source.layout {layout!r} (hive or dms)")
        return self.root / "bronze" / prefix / f"year={day:%Y}" / f"month={day:%m}" / f"day={day:%d}"


# The run's day, as a Glue job's run gets it (the ruleset evaluation scopes its tables by it instead).
RUN_DATE_ARGUMENT = {"--run-date": "{{ ds }}"}


def _flatten(arguments: dict[str, str]) -> list[str]:
    return [token for name, value in arguments.items() for token in (name, value)]


class LakeJobOperator(BaseOperator):
    """Runs ``python -m lake_jobs.<job>`` of the Spark environment for one dataset, with the task's run
    arguments (rendered like the Glue task's ``script_args``) after the lake's own; a non-zero exit fails the
    task with the job's last line."""

    template_fields = ("arguments",)

    def __init__(
        self,
        *,
        job: str,
        dataset: str,
        layer: str,
        arguments: dict[str, str],
        lake: LocalLake,
        lake_arguments: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.job = job
        self.dataset = dataset
        self.layer = layer
        self.arguments = arguments
        self.lake = lake
        # What the job definition holds on AWS; by default the lake's locations of the job.
        self.lake_arguments = lake_arguments

    def command(self) -> list[str]:
        own = self.lake_arguments or self.lake.job_arguments(self.job, self.dataset, self.layer)
        return [str(self.lake.python), "-m", f"lake_jobs.{self.job}", *own, *_flatten(self.arguments)]

    def execute(self, context: Any) -> None:
        command = self.command()
        self.log.info("Running %s", " ".join(command))
        result = SubprocessHook().run_command(command, env=dict(os.environ), cwd=str(self.lake.root))
        if result.exit_code != 0:
            raise AirflowException(
                f"lake_jobs.{self.job} for dataset {self.dataset} exited with {result.exit_code}: "
                f"{result.output}"
            )


class BronzeLandedOperator(BaseOperator):
    """The local crawl: the day's bronze folder of the source must hold files (what the crawler would
    catalog), so a run over a day that never landed fails here, naming the folder, not in the job."""

    template_fields = ("day",)

    def __init__(self, *, dataset: str, day: str, lake: LocalLake, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dataset = dataset
        self.day = day
        self.lake = lake

    def execute(self, context: Any) -> int:
        folder = self.lake.bronze_day(self.dataset, date.fromisoformat(self.day))
        files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))]
        if not files:
            raise AirflowException(f"dataset {self.dataset}: no bronze files in {folder} to crawl")
        self.log.info("%s: %d bronze files in %s", self.dataset, len(files), folder)
        return len(files)


def _no_retries(common: dict[str, Any]) -> dict[str, Any]:
    """A local task fails at its first error: on the laptop a failure is the code's, not a passing AWS fault,
    and MWAA's backoff (minutes between tries) would only delay the report of it."""
    return {**common, "retries": 0}


class LocalTarget:
    """Tasks as they run on the local lake: the same task ids, dependencies, arguments and timeouts as on
    MWAA, without retries."""

    def __init__(self, lake: LocalLake) -> None:
        self.lake = lake

    @classmethod
    def from_environment(cls) -> LocalTarget:
        return cls(LocalLake.from_environment())

    def crawler(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        return BronzeLandedOperator(
            dataset=spec.dataset, day="{{ ds }}", lake=self.lake, **_no_retries(common)
        )

    def job(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        return LakeJobOperator(
            job=str(spec.job),
            dataset=spec.dataset,
            layer=spec.layer,
            arguments=dict(spec.arguments or {}),
            lake=self.lake,
            **_no_retries(common),
        )

    def data_quality(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        """No Glue Data Quality here: the same contract rules (the ruleset is generated from them) evaluated
        on the same silver table for the run's day by ``lake_jobs.quality``, which fails on blocking rules
        only, as the MWAA task does."""
        return LakeJobOperator(
            job="quality",
            dataset=spec.dataset,
            layer=spec.layer,
            arguments=dict(RUN_DATE_ARGUMENT),
            lake=self.lake,
            lake_arguments=self.lake.ruleset_evaluation_arguments(spec.dataset),
            **_no_retries(common),
        )

    def not_deployed(self, spec: TaskSpec, manifest: Manifest, common: dict[str, Any]) -> BaseOperator:
        """The local lake has every job, deployed or not: it runs as a job, with a job's timeout (the
        not-deployed task's own is for failing at once on MWAA)."""
        timeout = timedelta(seconds=manifest.timeout_seconds["glue_job"])
        return self.job(spec, manifest, {**common, "execution_timeout": timeout})
