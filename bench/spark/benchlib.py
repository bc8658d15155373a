"""Shared pieces of the Spark benchmarks: the session, timing, sizes on disk and the machine's load."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lake_jobs.common.session import get_spark
from pyspark.sql import SparkSession


def session(
    lake_root: Path, cores: int, shuffle_partitions: int, driver_memory: str
) -> SparkSession:
    return get_spark(
        "lake-bench",
        str(lake_root),
        master=f"local[{cores}]",
        shuffle_partitions=shuffle_partitions,
        extra_conf={
            "spark.driver.memory": driver_memory,
            # Iceberg's vectorized (Arrow) reads crashed the JVM twice here in its shaded Netty (SIGSEGV)
            # on a 100k-row gold scan after the 1M-transaction runs; row reads plan the same files and
            # bytes, which is what the pruning figure is about.
            "spark.sql.iceberg.vectorization.enabled": "false",
        },
    )


@contextmanager
def scratch(keep: Path | None, prefix: str) -> Iterator[Path]:
    """An empty working folder: ``keep`` (left in place afterwards) or a temporary one (removed)."""
    work = keep or Path(tempfile.mkdtemp(prefix=prefix))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        yield work
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


@contextmanager
def timed(results: dict[str, float], name: str) -> Iterator[None]:
    began = time.perf_counter()
    yield
    results[name] = time.perf_counter() - began


def size_of(path: str | Path, suffix: str = "") -> int:
    """Bytes of the data files under ``path`` (hidden and marker files such as _SUCCESS and .crc excluded)."""
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            if not name.startswith((".", "_")) and name.endswith(suffix):
                total += os.path.getsize(os.path.join(folder, name))
    return total


def machine_note() -> str:
    load1, load5, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load1:.1f} (1 min) / {load5:.1f} (5 min) at the start"


def mib(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB"


def scan_metrics(df) -> list[dict[str, int]]:
    """The SQL metrics of every scan in ``df``'s executed plan (run it first), through AQE query stages."""

    def scans(node):
        name = node.getClass().getSimpleName()
        if name == "AdaptiveSparkPlanExec":
            yield from scans(node.executedPlan())
            return
        if name.endswith("QueryStageExec"):
            yield from scans(node.plan())
            return
        if "Scan" in name:
            yield node
        children = node.children()
        for i in range(children.size()):
            yield from scans(children.apply(i))

    found = []
    for scan in scans(df._jdf.queryExecution().executedPlan()):
        metrics, entries = {}, scan.metrics().iterator()
        while entries.hasNext():
            entry = entries.next()
            metrics[entry._1()] = int(entry._2().value())
        found.append(metrics)
    return found
