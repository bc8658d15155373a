"""The closed vocabularies of ``contract.json`` (libs/schemas/CONTRACT.md): the one place the jobs name them.

They are the TypeScript constants of ``libs/schemas``, which ``make generate`` also writes to
``dist/schemas/vocabulary.json``; ``tests/common/test_vocabulary.py`` compares the two, so a change on one
side fails the tests until the other follows. Tuples keep the TypeScript order (error messages list them in
it).
"""

from __future__ import annotations

from collections.abc import Mapping

SUPPORTED_VERSION = 2  # contractVersion
LAYERS = ("silver", "gold")
FORMATS = ("parquet", "iceberg", "delta")  # tableFormats
AUDITS = ("silver", "gold", "none")  # auditKinds
SOURCE_FORMATS = ("json", "csv", "parquet", "avro")
SOURCE_KINDS = ("file", "stream", "cdc", "api")
LANDING_LAYOUTS = ("hive", "dms")  # source.layout
CLASSIFICATIONS = ("pii", "confidential", "public")
STANDARDIZE = ("email", "phone", "trim", "lower", "upper")  # standardizers
MASKS = ("email", "phone", "hash", "redact")
SEVERITIES = ("blocking", "warning")
COMPARISON_OPERATORS = ("<", "<=", ">", ">=", "=", "<>")  # comparisonOperators
# durationUnits: a duration rule's unit -> its length in seconds; durationTolerance in that unit.
DURATION_UNIT_SECONDS: Mapping[str, int] = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
DURATION_TOLERANCE = 0.01
# The keys each rule kind requires beyond id/kind/severity (optional ones, min and max, are read with .get()).
RULE_KEYS: Mapping[str, tuple[str, ...]] = {
    "not_null": ("column",),
    "range": ("column",),
    "allowed": ("column", "values"),
    "regex": ("column", "pattern"),
    "length": ("column",),
    "unique": ("columns",),
    "freshness": ("column", "maxAgeHours"),
    "row_count": (),
    "references": ("column", "dataset", "datasetColumn"),
    "compare": ("column", "operator", "other"),
    "null_when": ("column", "when", "values"),
    "duration": ("column", "from", "to", "unit"),
}
# Keys contract.json renders for the jobs from a rule's own (its "derived" keys): a cross-column rule's
# ``violation``, the Spark SQL condition of a row that breaks it (the same text Glue Data Quality evaluates).
RULE_DERIVED_KEYS: Mapping[str, tuple[str, ...]] = {
    "compare": ("violation",),
    "null_when": ("violation",),
    "duration": ("violation",),
}
# Kinds judged on one row (level "row"), so bronze -> silver applies them before writing.
ROW_RULE_KINDS = ("not_null", "range", "allowed", "regex", "length", "compare", "null_when", "duration")
# The row kinds that relate several columns of the row.
CROSS_COLUMN_RULE_KINDS = ("compare", "null_when", "duration")
