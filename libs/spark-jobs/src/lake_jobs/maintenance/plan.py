"""The maintenance statements for one table, as pure functions of its format and the retention settings.

Iceberg (Spark procedures of the catalog): ``rewrite_data_files`` compacts small files, ``expire_snapshots``
drops snapshots older than the retention while keeping the newest ``retain_last`` (so time travel within the
retention keeps working), ``remove_orphan_files`` deletes files no snapshot references (such as the leftovers
of a failed write) once they are older than ``orphan_days``. Delta: ``OPTIMIZE`` then ``VACUUM ... RETAIN``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from lake_jobs.common.args import ArgumentError
from lake_jobs.common.paths import ICEBERG_CATALOG

# Delta refuses a VACUUM retention under 7 days unless its safety check is switched off: readers of an older
# version could lose files under them. The job keeps the check and says so in its error.
DELTA_MIN_RETENTION_HOURS = 168


@dataclass(frozen=True)
class Retention:
    """How much history to keep. ``now`` is passed in so a plan is reproducible and testable."""

    now: datetime
    retain_days: float = 7.0
    retain_last: int = 5
    orphan_days: float = 3.0
    remove_orphans: bool = True
    compact: bool = True

    def __post_init__(self) -> None:
        if self.retain_days < 0 or self.orphan_days < 0:
            raise ArgumentError(
                f"--retain-days ({self.retain_days}) and --orphan-days ({self.orphan_days}) must be >= 0"
            )
        if self.retain_last < 1:
            raise ArgumentError(
                f"--retain-last must be at least 1 (the current snapshot), got {self.retain_last}"
            )

    @property
    def snapshots_older_than(self) -> datetime:
        return self.now - timedelta(days=self.retain_days)

    @property
    def orphans_older_than(self) -> datetime:
        return self.now - timedelta(days=self.orphan_days)

    @property
    def retain_hours(self) -> float:
        return self.retain_days * 24


@dataclass(frozen=True)
class Step:
    name: str
    sql: str


def _ts(value: datetime) -> str:
    # Millisecond precision, as Iceberg records commit times: truncating to the second would keep every
    # snapshot committed in the same second as the cut-off.
    return f"TIMESTAMP '{value.isoformat(sep=' ', timespec='milliseconds')}'"


def iceberg_steps(table: str, retention: Retention) -> list[Step]:
    """``table`` is ``lake.<namespace>.<name>``; the procedures take the name relative to the catalog."""
    catalog, _, relative = table.partition(".")
    if catalog != ICEBERG_CATALOG or not relative:
        raise ArgumentError(f"{table!r} is not a table of the Iceberg catalog {ICEBERG_CATALOG!r}")
    call = f"CALL {ICEBERG_CATALOG}.system"
    steps = []
    if retention.compact:
        # min-input-files 2: a partition already held in one file is left alone instead of being rewritten.
        steps.append(
            Step(
                "rewrite_data_files",
                f"{call}.rewrite_data_files(table => '{relative}', options => map('min-input-files', '2'))",
            )
        )
    steps.append(
        Step(
            "expire_snapshots",
            f"{call}.expire_snapshots(table => '{relative}', "
            f"older_than => {_ts(retention.snapshots_older_than)}, retain_last => {retention.retain_last})",
        )
    )
    if retention.remove_orphans:
        if retention.orphan_days < 1:
            raise ArgumentError(
                f"Iceberg table {table}: --orphan-days {retention.orphan_days} is under one day; a file that "
                "young may belong to a write still in progress, so Iceberg refuses to remove it"
            )
        steps.append(
            Step(
                "remove_orphan_files",
                f"{call}.remove_orphan_files(table => '{relative}', "
                f"older_than => {_ts(retention.orphans_older_than)})",
            )
        )
    return steps


def delta_steps(location: str, retention: Retention) -> list[Step]:
    if retention.retain_hours < DELTA_MIN_RETENTION_HOURS:
        raise ArgumentError(
            f"Delta table {location}: --retain-days {retention.retain_days} is under Delta's 7-day minimum "
            "for VACUUM (readers of older versions could lose files); use 7 or more"
        )
    table = f"delta.`{location}`"
    steps = [Step("optimize", f"OPTIMIZE {table}")] if retention.compact else []
    steps.append(Step("vacuum", f"VACUUM {table} RETAIN {retention.retain_hours:g} HOURS"))
    return steps
