"""The gold builders, found by gold dataset name: one module per builder in :mod:`.builders`.

The module of a builder is named after its gold dataset (``builders/customer_360.py`` builds
``customer_360``) and defines ``BUILDER``, a :class:`GoldBuilder`. Modules are found by listing the package,
so the folder is the registry: the gold stack lists the same folder to refuse a gold contract without a
builder before any plan. Modules whose name starts with ``_`` are helpers, not builders.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pyspark.sql import Column, DataFrame

from lake_jobs.common.errors import JobFailed

BUILDERS_PACKAGE = "lake_jobs.silver_to_gold.builders"

# The input states by silver dataset name and the snapshot date -> the business columns of the gold rows.
BuildFn = Callable[[Mapping[str, DataFrame], date], DataFrame]
# Named aggregate expressions over the gold rows, evaluated by the write itself (``DataFrame.observe``), so a
# figure about what was written costs no read-back. A function, because a Column needs a running Spark.
ObservedFn = Callable[[], Mapping[str, Column]]


@dataclass(frozen=True)
class RunFigures:
    """What the job counted while it computed and wrote one snapshot, with no pass of its own."""

    # Rows of each input state (latest row per key as of the snapshot) named in GoldBuilder.counted_inputs.
    input_rows: Mapping[str, int]
    # The values of GoldBuilder.observed over the rows written.
    written: Mapping[str, Any]


# The figures -> the builder's own run metrics (they join the job's in the run report).
MetricsFn = Callable[[RunFigures], Mapping[str, object]]


def _nothing_observed() -> Mapping[str, Column]:
    return {}


def _no_metrics(_figures: RunFigures) -> Mapping[str, object]:
    return {}


@dataclass(frozen=True)
class GoldBuilder:
    """How one gold dataset is computed for a snapshot date from the silver datasets it reads."""

    dataset: str
    # The silver datasets read, by name: the gold contract's derivedFrom must list exactly these.
    inputs: tuple[str, ...]
    # Receives each input reduced to its state as of the snapshot (latest row per key), by name.
    build: BuildFn
    observed: ObservedFn = field(default=_nothing_observed)
    # Inputs whose state rows are counted while the snapshot is computed. Only inputs every run of the
    # build reads in full: Spark may skip a plan branch it proves empty, and then its count never arrives.
    counted_inputs: tuple[str, ...] = ()
    metrics: MetricsFn = field(default=_no_metrics)


def builder_path(package: str, dataset: str) -> str:
    """Where the builder of ``dataset`` lives, as a path inside the job package."""
    return f"{package.replace('.', '/')}/{dataset}.py"


def known_builders(package: str = BUILDERS_PACKAGE) -> list[str]:
    """The gold datasets that have a builder module, sorted."""
    folder = importlib.import_module(package)
    return sorted(
        m.name for m in pkgutil.iter_modules(folder.__path__) if not m.ispkg and not m.name.startswith("_")
    )


def builder_for(dataset: str, package: str = BUILDERS_PACKAGE) -> GoldBuilder:
    """The builder of a gold dataset; an error naming the dataset and the known builders if there is none."""
    known = known_builders(package)
    if dataset not in known:
        raise JobFailed(
            f"dataset {dataset!r}: no gold builder; add {builder_path(package, dataset)} defining BUILDER "
            f"(known builders: {', '.join(known) or 'none'})"
        )
    module = importlib.import_module(f"{package}.{dataset}")
    builder = getattr(module, "BUILDER", None)
    if not isinstance(builder, GoldBuilder) or builder.dataset != dataset:
        raise JobFailed(
            f"dataset {dataset!r}: {builder_path(package, dataset)} must define "
            f"BUILDER = GoldBuilder(dataset={dataset!r}, ...); found {builder!r}"
        )
    return builder
