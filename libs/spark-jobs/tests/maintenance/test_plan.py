"""The maintenance statements, checked as text: retention arithmetic and the guard rails."""

from __future__ import annotations

from datetime import datetime

import pytest

from lake_jobs.maintenance.plan import Retention, delta_steps, iceberg_steps

NOW = datetime(2024, 4, 10, 12, 0, 0)


def test_iceberg_plan_compacts_then_expires_then_removes_orphans():
    steps = iceberg_steps(
        "lake.gold.customer_360", Retention(NOW, retain_days=7, retain_last=3, orphan_days=2)
    )
    assert [s.name for s in steps] == ["rewrite_data_files", "expire_snapshots", "remove_orphan_files"]
    assert "lake.system.rewrite_data_files(table => 'gold.customer_360'" in steps[0].sql
    assert "older_than => TIMESTAMP '2024-04-03 12:00:00.000', retain_last => 3" in steps[1].sql
    assert "older_than => TIMESTAMP '2024-04-08 12:00:00.000'" in steps[2].sql


def test_iceberg_plan_without_compaction_or_orphan_removal():
    steps = iceberg_steps("lake.gold.t", Retention(NOW, compact=False, remove_orphans=False))
    assert [s.name for s in steps] == ["expire_snapshots"]


def test_iceberg_plan_needs_a_table_of_the_lake_catalog():
    with pytest.raises(ValueError, match="not a table of the Iceberg catalog 'lake'"):
        iceberg_steps("spark_catalog.gold.t", Retention(NOW))


def test_iceberg_plan_refuses_to_remove_orphans_younger_than_a_day():
    with pytest.raises(ValueError, match=r"--orphan-days 0\.5 is under one day"):
        iceberg_steps("lake.gold.t", Retention(NOW, orphan_days=0.5))


def test_delta_plan_optimizes_then_vacuums_with_the_retention_in_hours():
    steps = delta_steps("/lake/gold/t", Retention(NOW, retain_days=10))
    assert [(s.name, s.sql) for s in steps] == [
        ("optimize", "OPTIMIZE delta.`/lake/gold/t`"),
        ("vacuum", "VACUUM delta.`/lake/gold/t` RETAIN 240 HOURS"),
    ]


def test_delta_plan_refuses_a_retention_under_seven_days():
    with pytest.raises(ValueError, match="under Delta's 7-day minimum"):
        delta_steps("/lake/gold/t", Retention(NOW, retain_days=2))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"retain_last": 0}, "--retain-last must be at least 1"), ({"retain_days": -1}, "must be >= 0")],
)
def test_retention_rejects_settings_that_would_lose_the_table(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Retention(NOW, **kwargs)
