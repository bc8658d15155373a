"""Where things live: the workspace, the generated contracts, the local lake and the bronze key layout.

Pure functions over strings, so they work the same for local paths and ``s3://`` URIs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

WORKSPACE_ENV = "LAKE_WORKSPACE_ROOT"
# The Iceberg catalog name the jobs use everywhere: a Hadoop catalog locally, the Glue catalog on AWS.
ICEBERG_CATALOG = "lake"


def has_scheme(uri: str) -> bool:
    """True for ``s3://bucket/x`` or ``file:///x``; False for a plain local path."""
    return "://" in uri


def join_uri(base: str, *parts: str) -> str:
    """Join with ``/`` without doubling separators; keeps the scheme of ``base``."""
    out = base.rstrip("/")
    for part in parts:
        part = part.strip("/")
        if part:
            out = f"{out}/{part}"
    return out


def workspace_root(start: Path | None = None) -> Path:
    """The monorepo root: ``$LAKE_WORKSPACE_ROOT``, else the nearest folder above with ``nx.json``."""
    env = os.environ.get(WORKSPACE_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path(__file__)).resolve()
    for folder in [here, *here.parents]:
        if (folder / "nx.json").is_file():
            return folder
    raise FileNotFoundError(
        f"no nx.json above {here}: run from inside the workspace or set {WORKSPACE_ENV} to the workspace root"
    )


def generated_contract_path(dataset: str, root: Path | None = None) -> Path:
    """``dist/schemas/<dataset>/contract.json``, written by ``make generate``."""
    return (root or workspace_root()) / "dist" / "schemas" / dataset / "contract.json"


def jars_dir(root: Path | None = None) -> Path:
    """Spark's extra jars (Iceberg, Delta, Avro), fetched by ``make setup``."""
    return (root or workspace_root()) / ".cache" / "jars"


def bronze_day_prefix(bronze_root: str, bronze_prefix: str, day: date) -> str:
    """``<bronze>/source=<name>/year=YYYY/month=MM/day=DD``: one ingestion day under the bronzePrefix."""
    return join_uri(bronze_root, bronze_prefix, f"year={day:%Y}", f"month={day:%m}", f"day={day:%d}")


def source_day_prefix(bronze_root: str, layout: str, table_prefix: str, day: date) -> str:
    """The folder of one day of a source in its contract's layout: the hive day folder, or DMS's
    ``<tablePrefix>YYYY/MM/DD`` (the commit day of the change files; DMS cannot write ``key=value``)."""
    if layout == "hive":
        return bronze_day_prefix(bronze_root, table_prefix, day)
    if layout == "dms":
        return join_uri(bronze_root, table_prefix, f"{day:%Y}", f"{day:%m}", f"{day:%d}")
    raise ValueError(f"unknown landing layout {layout!r} for {table_prefix!r}: expected hive or dms")


@dataclass(frozen=True)
class LakePaths:
    """The layout of one lake: a local ``.lake/`` folder, or a URI root whose folders stand for buckets."""

    root: str

    @classmethod
    def local(cls, root: str | os.PathLike[str]) -> LakePaths:
        return cls(str(Path(root).resolve()))

    @property
    def bronze(self) -> str:
        return join_uri(self.root, "bronze")

    @property
    def silver(self) -> str:
        return join_uri(self.root, "silver")

    @property
    def gold(self) -> str:
        return join_uri(self.root, "gold")

    @property
    def warehouse(self) -> str:
        """The Iceberg Hadoop catalog ``lake`` (Iceberg tables of every layer)."""
        return join_uri(self.root, "warehouse")

    @property
    def reports(self) -> str:
        return join_uri(self.root, "reports")

    @property
    def quarantine(self) -> str:
        """The ``quarantine`` system table (silver layer, partitioned by dataset and ingest_date)."""
        return join_uri(self.silver, "quarantine")

    @property
    def quality_results(self) -> str:
        """The ``quality_results`` system table (silver layer, partitioned by dataset and run_date)."""
        return join_uri(self.silver, "quality_results")

    def table(self, layer: str, dataset: str) -> str:
        """The folder of a path-based table (Parquet or Delta) of ``layer``."""
        if layer not in ("bronze", "silver", "gold"):
            raise ValueError(
                f"unknown layer {layer!r} for dataset {dataset!r}: expected bronze, silver or gold"
            )
        return join_uri(self.root, layer, dataset)


def iceberg_table_name(layer: str, dataset: str) -> str:
    """``lake.<layer>.<dataset>``: the namespace is the layer, in the local Hadoop catalog and in Glue."""
    return f"{ICEBERG_CATALOG}.{layer}.{dataset}"
