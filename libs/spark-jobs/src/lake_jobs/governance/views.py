"""Persona views: what each persona of the governance stack reads, enforced in a Spark session.

The access model (``dist/access/governance.<stack>.json``, written by ``make access-model`` from the
governance stack's config and the contracts) lists per persona and table the visible columns and the row
filter; the Lake Formation grants of the deployed lake are rendered from the same model. Here each entry
becomes a temporary view that selects only the visible columns and applies the row filter (already rendered
for Spark SQL by the model), so a query through a persona's view sees what that persona sees through Athena.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession

from lake_jobs.common.paths import workspace_root

# Personas whose access is per job role, not something a person queries through a view.
PIPELINE_PRINCIPAL_PREFIX = "job:"


@dataclass(frozen=True)
class TableGrant:
    table: str  # <layer>.<dataset>
    layer: str
    dataset: str
    columns: tuple[str, ...]
    hidden: tuple[str, ...]
    row_filter: str | None  # Spark SQL
    row_filter_name: str | None


@dataclass(frozen=True)
class PersonaAccess:
    persona: str
    principal: str
    tables: tuple[TableGrant, ...]

    def grant(self, table: str) -> TableGrant | None:
        return next((t for t in self.tables if t.table == table), None)


def access_model_path(stack: str = "dev", root: Path | None = None) -> Path:
    """``dist/access/governance.<stack>.json``, written by ``make access-model``."""
    return (root or workspace_root()) / "dist" / "access" / f"governance.{stack}.json"


def _table(raw: dict[str, Any], where: str) -> TableGrant:
    try:
        row_filter = raw["rowFilter"]
        return TableGrant(
            table=raw["table"],
            layer=raw["layer"],
            dataset=raw["dataset"],
            columns=tuple(raw["columns"]),
            hidden=tuple(raw["hidden"]),
            row_filter=row_filter["spark"] if row_filter else None,
            row_filter_name=row_filter["name"] if row_filter else None,
        )
    except (KeyError, TypeError) as err:
        raise ValueError(f"{where}: table entry lacks {err}") from err


def load_access_model(path: Path) -> list[PersonaAccess]:
    """Every principal of the model but the pipeline's job roles; a clear error for a missing or bad file."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make access-model` first")
    raw = json.loads(path.read_text(encoding="utf-8"))
    personas = []
    for index, entry in enumerate(raw.get("personas", [])):
        where = f"{path}: personas[{index}] ({entry.get('persona', '?')})"
        if str(entry.get("principal", "")).startswith(PIPELINE_PRINCIPAL_PREFIX):
            continue
        tables = tuple(_table(t, f"{where}, tables[{i}]") for i, t in enumerate(entry.get("tables", [])))
        personas.append(PersonaAccess(entry["persona"], entry["principal"], tables))
    return personas


def view_name(persona: str, grant: TableGrant) -> str:
    return f"{persona}_{grant.layer}_{grant.dataset}"


def view_sql(grant: TableGrant, source: str, view: str) -> str:
    """The view of ``source`` a persona gets: only its columns, only its rows."""
    if not grant.columns:
        raise ValueError(f"view {view}: the persona sees no column of {grant.table}")
    columns = ", ".join(f"`{c}`" for c in grant.columns)
    where = f" WHERE {grant.row_filter}" if grant.row_filter else ""
    return f"CREATE OR REPLACE TEMPORARY VIEW `{view}` AS SELECT {columns} FROM {source}{where}"


def create_persona_views(
    spark: SparkSession, personas: list[PersonaAccess], sources: dict[str, str]
) -> dict[str, dict[str, str]]:
    """A view per persona and granted table among ``sources`` (``<layer>.<dataset>`` -> the name SQL reads
    it by); returns persona -> table -> view. A table without a grant gets no view: nothing is visible."""
    views: dict[str, dict[str, str]] = {}
    for persona in personas:
        for grant in persona.tables:
            source = sources.get(grant.table)
            if source is None:
                continue
            view = view_name(persona.persona, grant)
            spark.sql(view_sql(grant, source, view))
            views.setdefault(persona.persona, {})[grant.table] = view
    return views
