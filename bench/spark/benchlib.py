"""Shared pieces of the Spark benchmarks: the session, timing, sizes on disk and the machine's load."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lake_jobs.common.session import get_spark
from pyspark.sql import SparkSession


def session(
    lake_root: Path,
    cores: int,
    shuffle_partitions: int,
    driver_memory: str,
    event_log: Path | None = None,
) -> SparkSession:
    # Spark's event log (every stage and task with its times) for stages.py; off unless asked for.
    logging = (
        {
            "spark.eventLog.enabled": "true",
            "spark.eventLog.dir": event_log.resolve().as_uri(),
        }
        if event_log
        else {}
    )
    if event_log:
        event_log.mkdir(parents=True, exist_ok=True)
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
            **logging,
        },
    )


def add_session_flags(parser, driver_memory: str) -> None:
    """The flags of :func:`session` every benchmark takes."""
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--shuffle-partitions", type=int, default=8)
    parser.add_argument("--driver-memory", default=driver_memory)
    parser.add_argument(
        "--event-log",
        type=Path,
        help="write Spark's event log to this folder (read it with stages.py)",
    )


def session_from_flags(lake_root: Path, args) -> SparkSession:
    """:func:`session` with the flags of :func:`add_session_flags`."""
    return session(
        lake_root,
        args.cores,
        args.shuffle_partitions,
        args.driver_memory,
        args.event_log,
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


@dataclass
class Peak:
    """Peak memory of one measured step: the JVM (in local mode the driver and the executor are one JVM, so
    its figures are both) and the Python process, which is where DuckDB runs."""

    jvm_rss: int = 0
    jvm_heap: int = 0
    python_rss: int = 0
    samples: int = 0

    def jvm(self) -> str:
        return f"peak driver+executor JVM: heap used {mib(self.jvm_heap)}, RSS {mib(self.jvm_rss)}"

    def python(self) -> str:
        return f"peak RSS of the process (DuckDB runs in it) {mib(self.python_rss)}"


def _rss(pid: int | str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


@dataclass
class MemorySampler:
    """Samples memory every ``interval`` seconds while a step runs (``with sampler.step(peaks, name):``).

    JVM heap used counts objects not yet collected, so it is bounded by ``--driver-memory`` rather than
    by what the step needed; the RSS is what the operating system had to give the process."""

    spark: SparkSession
    interval: float = 0.05
    _pid: int = field(init=False)

    def __post_init__(self) -> None:
        self._pid = int(self.spark.sparkContext._jvm.ProcessHandle.current().pid())
        self._memory = self.spark.sparkContext._jvm.java.lang.management.ManagementFactory.getMemoryMXBean()

    @contextmanager
    def step(self, peaks: dict[str, Peak], name: str) -> Iterator[None]:
        self._memory.gc()  # start each step from the live heap, not the garbage of the one before
        peak, stop = Peak(), threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak.jvm_rss = max(peak.jvm_rss, _rss(self._pid))
                peak.jvm_heap = max(
                    peak.jvm_heap, int(self._memory.getHeapMemoryUsage().getUsed())
                )
                peak.python_rss = max(peak.python_rss, _rss("self"))
                peak.samples += 1
                stop.wait(self.interval)

        sampler = threading.Thread(target=sample, name=f"memory-{name}", daemon=True)
        sampler.start()
        # Names the step's Spark jobs in the event log (stages.py groups stages by it).
        self.spark.sparkContext.setLocalProperty("spark.jobGroup.id", name)
        try:
            yield
        finally:
            self.spark.sparkContext.setLocalProperty("spark.jobGroup.id", None)
            stop.set()
            sampler.join()
            peaks[name] = peak


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
