"""The dataset contract (``contract.json``, libs/schemas/CONTRACT.md) loaded into typed, checked dataclasses.

Every problem is a :class:`ContractFileError` naming the file and the key path (``columns[2].nullable``), so a
broken or outdated contract stops a job before it reads any data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pyspark.sql import SparkSession
from pyspark.sql.types import StructType

from lake_jobs.common.paths import join_uri
from lake_jobs.common.storage import read_text
from lake_jobs.common.vocabulary import (
    AUDITS,
    CLASSIFICATIONS,
    FORMATS,
    LANDING_LAYOUTS,
    LAYERS,
    MASKS,
    RULE_DERIVED_KEYS,
    RULE_KEYS,
    SEVERITIES,
    SOURCE_FORMATS,
    SOURCE_KINDS,
    STANDARDIZE,
    SUPPORTED_VERSION,
)

# Re-exported for the modules that import it from here (bronze_to_silver); new code imports common.vocabulary.
from lake_jobs.common.vocabulary import ROW_RULE_KINDS as ROW_RULE_KINDS


class ContractFileError(ValueError):
    """A contract file that cannot be used: names the file, and the key path when one is at fault."""

    def __init__(self, source: str, message: str, key: str | None = None):
        where = f"{source}: {key}: " if key else f"{source}: "
        super().__init__(where + message)
        self.source = source
        self.key = key


@dataclass(frozen=True)
class Leaf:
    """A value the jobs handle on its own: the column itself, or a field at the end of its structs
    (CONTRACT.md "Classification per field"). Its classification, standardizer and mask are its own."""

    path: tuple[str, ...]
    type: str
    nullable: bool
    classification: str
    standardize: str | None
    mask: str | None

    @property
    def name(self) -> str:
        """``address.street``: the leaf as Spark addresses it."""
        return ".".join(self.path)

    @property
    def is_pii(self) -> bool:
        return self.classification == "pii"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    description: str | None
    # As services that only know top-level columns see it: the most sensitive of its leaves.
    classification: str
    enum: tuple[str, ...] | None
    standardize: str | None
    mask: str | None
    leaves: tuple[Leaf, ...] = ()

    @property
    def is_pii(self) -> bool:
        return self.classification == "pii"


@dataclass(frozen=True)
class Cdc:
    """The change columns DMS adds to every record of a ``cdc`` source (CONTRACT.md, "Sources")."""

    schema: str
    table: str
    operation_column: str  # DMS's ``Op``
    operations: Mapping[str, str]  # insert / update / delete -> the value DMS writes
    commit_order_column: str  # ``$AR_H_CHANGE_SEQ``: increases with commit order, compared as text

    @property
    def columns(self) -> tuple[str, str]:
        return (self.operation_column, self.commit_order_column)


@dataclass(frozen=True)
class Source:
    kind: str
    format: str
    schedule: str | None
    bronze_prefix: str
    # How the files below the prefix are laid out: ``hive`` day folders, or ``dms`` date folders under the
    # replicated table's folder. Contracts written before the key was added are ``hive``.
    layout: str = "hive"
    table_prefix: str = ""  # the raw table's folder; the bronze_prefix when not given (hive)
    cdc: Cdc | None = None

    def __post_init__(self) -> None:
        if not self.table_prefix:
            object.__setattr__(self, "table_prefix", self.bronze_prefix)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    column: str | None = None
    columns: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] | None = None
    pattern: str | None = None
    max_age_hours: float | None = None
    dataset: str | None = None
    dataset_column: str | None = None
    # Cross-column kinds (compare, null_when, duration) and the condition rendered from them.
    operator: str | None = None
    other: str | None = None
    when: str | None = None
    start: str | None = None  # duration's "from"
    end: str | None = None  # duration's "to"
    unit: str | None = None
    violation: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == "blocking"

    @property
    def subject(self) -> str:
        """What the rule is about, as its reason code names it: ``resolved_date+created_date`` for a
        compare, ``column+when`` for a null_when, else the column."""
        if self.kind == "compare":
            return f"{self.column}+{self.other}"
        if self.kind == "null_when":
            return f"{self.column}+{self.when}"
        return str(self.column)

    @property
    def columns_read(self) -> tuple[str, ...]:
        """Every column the rule reads."""
        named = (self.column, self.other, self.when, self.start, self.end, *(self.columns or ()))
        return tuple(dict.fromkeys(n for n in named if n is not None))


@dataclass(frozen=True)
class Contract:
    name: str
    layer: str
    domain: str
    description: str
    owner: str
    format: str
    primary_key: tuple[str, ...]
    ordering_column: str | None
    partition_keys: tuple[str, ...]
    audit: str
    source: Source | None
    columns: tuple[Column, ...]
    audit_columns: tuple[Column, ...]
    rules: tuple[Rule, ...]
    source_schema_json: Mapping[str, Any] = field(repr=False)
    table_schema_json: Mapping[str, Any] = field(repr=False)
    # The silver datasets a gold table is built from (empty for silver and system tables).
    derived_from: tuple[str, ...] = ()
    location: str = "<memory>"

    @cached_property
    def source_schema(self) -> StructType:
        """The business columns as Spark reads them from bronze."""
        return StructType.fromJson(dict(self.source_schema_json))

    @cached_property
    def table_schema(self) -> StructType:
        """Business plus audit columns, as stored."""
        return StructType.fromJson(dict(self.table_schema_json))

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for col in (*self.columns, *self.audit_columns):
            if col.name == name:
                return col
        raise KeyError(f"dataset {self.name!r} ({self.location}) has no column {name!r}")

    def rules_of(self, *kinds: str) -> list[Rule]:
        return [r for r in self.rules if r.kind in kinds]


def load_contract(location: str, spark: SparkSession | None = None) -> Contract:
    """Read and check a ``contract.json`` from a local path or (with a session) any Hadoop URI such as s3://."""
    try:
        text = read_text(location, spark)
    except FileNotFoundError as err:
        raise ContractFileError(
            location, "file not found (generate contracts with `make generate` or pass --contract)"
        ) from err
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ContractFileError(location, f"not valid JSON: {err}") from err
    return parse_contract(raw, location)


def sibling_contract(location: str, dataset: str) -> str:
    """Another dataset's contract beside this one, in the ``dist/schemas`` layout (locally and in the job
    bucket): ``<dir>/<this>/contract.json`` -> ``<dir>/<dataset>/contract.json``."""
    parts = location.replace("\\", "/").rstrip("/").rsplit("/", 2)
    return join_uri(parts[0] if len(parts) == 3 else ".", dataset, "contract.json")


def parse_contract(raw: Any, location: str = "<memory>") -> Contract:
    """Check the decoded JSON of a contract and build the dataclasses (pure: the tests feed it dicts)."""
    r = _Reader(location)
    top = r.obj(raw, "")
    version = r.get(top, "contractVersion", int)
    if version != SUPPORTED_VERSION:
        raise ContractFileError(
            location,
            f"contractVersion {version} is not supported (expected {SUPPORTED_VERSION})",
            "contractVersion",
        )
    columns = tuple(r.column(c, f"columns[{i}]") for i, c in enumerate(r.get(top, "columns", list)))
    audit_columns = tuple(
        r.column(c, f"auditColumns[{i}]") for i, c in enumerate(r.get(top, "auditColumns", list))
    )
    contract = Contract(
        name=r.get(top, "name", str),
        layer=r.choice(top, "layer", LAYERS),
        domain=r.get(top, "domain", str),
        description=r.get(top, "description", str),
        owner=r.get(top, "owner", str),
        format=r.choice(top, "format", FORMATS),
        primary_key=tuple(r.get(top, "primaryKey", list)),
        ordering_column=r.get(top, "orderingColumn", str, nullable=True),
        partition_keys=tuple(r.get(top, "partitionKeys", list)),
        audit=r.choice(top, "audit", AUDITS),
        source=r.source(top),
        columns=columns,
        audit_columns=audit_columns,
        rules=tuple(r.rule(x, f"rules[{i}]") for i, x in enumerate(r.get(top, "rules", list))),
        source_schema_json=r.schema(top, "sourceSchema"),
        table_schema_json=r.schema(top, "tableSchema"),
        derived_from=tuple(r.get(top, "derivedFrom", list)),
        location=location,
    )
    _check_references(contract)
    return contract


def _check_references(c: Contract) -> None:
    """Every column a key, rule or schema names must exist: a typo fails here, not halfway through a run."""
    names = {col.name for col in (*c.columns, *c.audit_columns)}

    def need(name: str | None, key: str) -> None:
        if name is not None and name not in names:
            raise ContractFileError(c.location, f"names unknown column {name!r} of dataset {c.name!r}", key)

    for i, key in enumerate(c.primary_key):
        need(key, f"primaryKey[{i}]")
    for i, key in enumerate(c.partition_keys):
        need(key, f"partitionKeys[{i}]")
    need(c.ordering_column, "orderingColumn")
    for i, rule in enumerate(c.rules):
        for name in rule.columns_read:
            need(name, f"rules[{i}]")
    try:
        source_fields = c.source_schema.fieldNames()
        table_fields = c.table_schema.fieldNames()
    except Exception as err:  # fromJson raises assorted errors on a malformed StructType
        raise ContractFileError(
            c.location, f"not a Spark StructType: {err}", "sourceSchema/tableSchema"
        ) from err
    if source_fields != c.column_names:
        raise ContractFileError(
            c.location, f"fields {source_fields} differ from the columns {c.column_names}", "sourceSchema"
        )
    expected = c.column_names + [a.name for a in c.audit_columns]
    if table_fields != expected:
        raise ContractFileError(c.location, f"fields {table_fields} differ from {expected}", "tableSchema")


class _Reader:
    """Typed access to the JSON with key paths in every error."""

    def __init__(self, location: str):
        self.location = location

    def fail(self, key: str, message: str) -> ContractFileError:
        return ContractFileError(self.location, message, key or None)

    def obj(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"expected an object, found {type(value).__name__}")
        return value

    def get(
        self, obj: dict[str, Any], key: str, kind: type, *, path: str = "", nullable: bool = False
    ) -> Any:
        where = f"{path}.{key}" if path else key
        if key not in obj:
            raise self.fail(where, "missing key")
        value = obj[key]
        if value is None and nullable:
            return None
        # bool is an int in Python; a JSON true where a number is expected is still wrong.
        if not isinstance(value, kind) or (kind in (int, float) and isinstance(value, bool)):
            raise self.fail(where, f"expected {kind.__name__}, found {json.dumps(value)}")
        return value

    def number(self, obj: dict[str, Any], key: str, path: str) -> float | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{path}.{key}", f"expected a number, found {json.dumps(value)}")
        return float(value)

    def choice(self, obj: dict[str, Any], key: str, allowed: tuple[str, ...], path: str = "") -> str:
        value = self.get(obj, key, str, path=path)
        if value not in allowed:
            raise self.fail(f"{path}.{key}" if path else key, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def optional_choice(
        self, obj: dict[str, Any], key: str, allowed: tuple[str, ...], path: str
    ) -> str | None:
        if obj.get(key) is None:
            if key not in obj:
                raise self.fail(f"{path}.{key}", "missing key")
            return None
        return self.choice(obj, key, allowed, path)

    def leaf(self, value: Any, path: str) -> Leaf:
        obj = self.obj(value, path)
        steps = self.get(obj, "path", list, path=path)
        if not steps or not all(isinstance(s, str) for s in steps):
            raise self.fail(f"{path}.path", "expected a non-empty list of field names")
        return Leaf(
            path=tuple(steps),
            type=self.get(obj, "type", str, path=path),
            nullable=self.get(obj, "nullable", bool, path=path),
            classification=self.choice(obj, "classification", CLASSIFICATIONS, path),
            standardize=self.optional_choice(obj, "standardize", STANDARDIZE, path),
            mask=self.optional_choice(obj, "mask", MASKS, path),
        )

    def column(self, value: Any, path: str) -> Column:
        obj = self.obj(value, path)
        enum = self.get(obj, "enum", list, path=path, nullable=True)
        name = self.get(obj, "name", str, path=path)
        listed = self.get(obj, "leaves", list, path=path)
        leaves = tuple(self.leaf(x, f"{path}.leaves[{i}]") for i, x in enumerate(listed))
        if not leaves or any(leaf.path[0] != name for leaf in leaves):
            raise self.fail(
                f"{path}.leaves", f"expected the leaves of column {name!r}, each path starting there"
            )
        return Column(
            name=name,
            type=self.get(obj, "type", str, path=path),
            nullable=self.get(obj, "nullable", bool, path=path),
            description=self.get(obj, "description", str, path=path, nullable=True),
            classification=self.choice(obj, "classification", CLASSIFICATIONS, path),
            enum=tuple(enum) if enum is not None else None,
            standardize=self.optional_choice(obj, "standardize", STANDARDIZE, path),
            mask=self.optional_choice(obj, "mask", MASKS, path),
            leaves=leaves,
        )

    def source(self, top: dict[str, Any]) -> Source | None:
        obj = self.get(top, "source", dict, nullable=True)
        if obj is None:
            return None
        bronze_prefix = self.get(obj, "bronzePrefix", str, path="source")
        layout = self.choice(obj, "layout", LANDING_LAYOUTS, "source") if "layout" in obj else "hive"
        table_prefix = obj.get("tablePrefix", bronze_prefix)
        if not isinstance(table_prefix, str):
            raise self.fail("source.tablePrefix", f"expected str, found {json.dumps(table_prefix)}")
        cdc = self.get(obj, "cdc", dict, path="source", nullable=True) if "cdc" in obj else None
        if layout == "dms" and cdc is None:
            raise self.fail("source.cdc", "missing: a source in the dms layout carries DMS's change columns")
        return Source(
            kind=self.choice(obj, "kind", SOURCE_KINDS, "source"),
            format=self.choice(obj, "format", SOURCE_FORMATS, "source"),
            schedule=self.get(obj, "schedule", str, path="source", nullable=True),
            bronze_prefix=bronze_prefix,
            layout=layout,
            table_prefix=table_prefix,
            cdc=None if cdc is None else self.cdc(cdc),
        )

    def cdc(self, obj: dict[str, Any]) -> Cdc:
        operations = self.get(obj, "operations", dict, path="source.cdc")
        for name in ("insert", "update", "delete"):
            self.get(operations, name, str, path="source.cdc.operations")
        return Cdc(
            schema=self.get(obj, "schema", str, path="source.cdc"),
            table=self.get(obj, "table", str, path="source.cdc"),
            operation_column=self.get(obj, "operationColumn", str, path="source.cdc"),
            operations=dict(operations),
            commit_order_column=self.get(obj, "commitOrderColumn", str, path="source.cdc"),
        )

    def rule(self, value: Any, path: str) -> Rule:
        obj = self.obj(value, path)
        kind = self.get(obj, "kind", str, path=path)
        if kind not in RULE_KEYS:
            raise self.fail(f"{path}.kind", f"{kind!r} is not one of {', '.join(RULE_KEYS)}")
        for key in (*RULE_KEYS[kind], *RULE_DERIVED_KEYS.get(kind, ())):
            if obj.get(key) is None:
                raise self.fail(f"{path}.{key}", f"missing key (required by a {kind} rule)")
        columns = obj.get("columns")
        values = obj.get("values")
        return Rule(
            id=self.get(obj, "id", str, path=path),
            kind=kind,
            severity=self.choice(obj, "severity", SEVERITIES, path),
            column=obj.get("column"),
            columns=tuple(columns) if columns is not None else None,
            min=self.number(obj, "min", path),
            max=self.number(obj, "max", path),
            values=tuple(str(v) for v in values) if values is not None else None,
            pattern=obj.get("pattern"),
            max_age_hours=self.number(obj, "maxAgeHours", path),
            dataset=obj.get("dataset"),
            dataset_column=obj.get("datasetColumn"),
            operator=obj.get("operator"),
            other=obj.get("other"),
            when=obj.get("when"),
            start=obj.get("from"),
            end=obj.get("to"),
            unit=obj.get("unit"),
            violation=obj.get("violation"),
        )

    def schema(self, top: dict[str, Any], key: str) -> dict[str, Any]:
        value = self.get(top, key, dict)
        if value.get("type") != "struct" or not isinstance(value.get("fields"), list):
            raise self.fail(key, 'expected a Spark StructType JSON ({"type": "struct", "fields": [...]})')
        return value
