"""Where a benchmark's wall time went, stage by stage, from Spark's event log (``--event-log DIR``).

``.venv/bin/python bench/spark/stages.py DIR/<application id>`` prints, for each step of the benchmark (the
job group its sampler gave the step's Spark jobs), every stage in the order it ran: its tasks, its wall time,
the time its tasks ran in total (and the CPU time of that: on a loaded machine a task runs longer than it
computes), and how many cores that kept busy on average (task time / wall time). A stage with fewer tasks
than cores, or a step whose task time is well under cores x its span, leaves cores idle.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Stage:
    stage_id: int
    name: str = ""
    tasks: int = 0
    submitted: int = 0  # ms since the epoch
    completed: int = 0
    task_ms: int = 0  # executor run time of its tasks
    cpu_ms: float = 0.0
    group: str = "(no step)"

    @property
    def wall_ms(self) -> int:
        return max(self.completed - self.submitted, 0)


@dataclass
class Log:
    stages: dict[int, Stage] = field(default_factory=dict)

    def stage(self, stage_id: int) -> Stage:
        return self.stages.setdefault(stage_id, Stage(stage_id))


def read_log(path: Path) -> Log:
    log = Log()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            kind = event["Event"]
            if kind == "SparkListenerJobStart":
                group = (event.get("Properties") or {}).get(
                    "spark.jobGroup.id"
                ) or "(no step)"
                for stage_id in event["Stage IDs"]:
                    log.stage(stage_id).group = group
            elif kind == "SparkListenerStageCompleted":
                info = event["Stage Info"]
                stage = log.stage(info["Stage ID"])
                stage.name = info["Stage Name"]
                stage.tasks = info["Number of Tasks"]
                stage.submitted = info.get("Submission Time", 0)
                stage.completed = info.get("Completion Time", 0)
            elif kind == "SparkListenerTaskEnd":
                metrics = event.get("Task Metrics") or {}
                stage = log.stage(event["Stage ID"])
                stage.task_ms += metrics.get("Executor Run Time", 0)
                stage.cpu_ms += metrics.get("Executor CPU Time", 0) / 1e6
    return log


def report(log: Log) -> None:
    by_group: dict[str, list[Stage]] = defaultdict(list)
    for stage in sorted(log.stages.values(), key=lambda s: s.submitted):
        if stage.completed:  # skipped stages (shuffle output reused) never ran
            by_group[stage.group].append(stage)
    for group, stages in by_group.items():
        task = sum(s.task_ms for s in stages) / 1000
        cpu = sum(s.cpu_ms for s in stages) / 1000
        # Stages of one step can overlap (independent inputs of a join), so the step's busy cores are its
        # task time over its span, not over the sum of its stages' wall times.
        span = (
            max(s.completed for s in stages) - min(s.submitted for s in stages)
        ) / 1000
        print(
            f"{group}: {len(stages)} stages, first start to last end {span:.1f} s, task time {task:.1f} s "
            f"(cpu {cpu:.1f} s), {task / max(span, 1e-9):.2f} cores busy on average"
        )
        for s in stages:
            print(
                f"  stage {s.stage_id:>4} {s.tasks:>4} tasks {s.wall_ms / 1000:>7.1f} s wall "
                f"{s.task_ms / 1000:>7.1f} s tasks (cpu {s.cpu_ms / 1000:>6.1f}) "
                f"{s.task_ms / max(s.wall_ms, 1):.2f} busy  {s.name}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "log", type=Path, help="one event log file (DIR/<application id>)"
    )
    report(read_log(parser.parse_args().log))


if __name__ == "__main__":
    main()
