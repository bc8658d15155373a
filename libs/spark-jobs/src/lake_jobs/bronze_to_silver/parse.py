"""Turning the text of a bronze value into its contract type: null when it does not parse, never a guess.

Every business value arrives as a string (JSON and CSV are read as text; Parquet and Avro values are
rendered to text first), so one parser per type serves all four formats and a value that fails becomes a
``parse_error:<column>`` reason instead of a silent null.
"""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql import types as T

# Each accepted timestamp shape, tried by its own regex so one input can never match two readings.
ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:\d{2})?$"
US_DATETIME = r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(:\d{2})?$"
US_DATE = r"^\d{1,2}/\d{1,2}/\d{4}$"
EU_DATE = r"^\d{1,2}-\d{1,2}-\d{4}$"
EPOCH_SECONDS = r"^\d{9,10}$"
EPOCH_MILLIS = r"^\d{12,13}$"
# The shape nearly every value has (ISO to the second, in UTC or without zone), a strict subset of
# ISO_DATETIME; it ends in \z, not $, which also matches before a final line break.
ISO_SECONDS_UTC = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}Z?\z"
INTEGER = r"^[+-]?\d+$"
BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def parse_timestamp(text: Column) -> Column:
    """A UTC timestamp from ISO-8601 (with or without zone; no zone means UTC), ``yyyy-MM-dd HH:mm:ss``,
    ``MM/dd/yyyy HH:mm[:ss]``, ``MM/dd/yyyy``, ``dd-MM-yyyy``, or epoch seconds / milliseconds."""
    v = F.trim(text)
    # The common shape first, cast without its "Z": the cast of a zone spends most of its time resolving the
    # zone's name, and a value without zone is read in the session zone, which is then UTC too. Where it gives
    # null (a session in another zone, an impossible date) every shape is tried as before, so the accepted
    # values and their readings are exactly those of the shapes below.
    common = F.when(
        (F.current_timezone() == "UTC") & v.rlike(ISO_SECONDS_UTC), F.substring(v, 1, 19).cast("timestamp")
    )
    return F.coalesce(common, _parse_any_timestamp(v))


def _parse_any_timestamp(v: Column) -> Column:
    return (
        F.when(v.rlike(ISO_DATETIME), v.cast("timestamp"))
        .when(
            v.rlike(US_DATETIME),
            F.coalesce(F.to_timestamp(v, "M/d/yyyy H:mm:ss"), F.to_timestamp(v, "M/d/yyyy H:mm")),
        )
        .when(v.rlike(US_DATE), F.to_timestamp(v, "M/d/yyyy"))
        .when(v.rlike(EU_DATE), F.to_timestamp(v, "d-M-yyyy"))
        .when(v.rlike(EPOCH_SECONDS), F.timestamp_seconds(v.cast("long")))
        .when(v.rlike(EPOCH_MILLIS), F.timestamp_millis(v.cast("long")))
    )


def parse_date(text: Column) -> Column:
    """A date from ``yyyy-MM-dd``, ``MM/dd/yyyy``, ``dd-MM-yyyy``, or any timestamp shape (its UTC day)."""
    v = F.trim(text)
    return (
        F.when(v.rlike(r"^\d{4}-\d{2}-\d{2}$"), F.to_date(v, "yyyy-MM-dd"))
        .when(v.rlike(US_DATE), F.to_date(v, "M/d/yyyy"))
        .when(v.rlike(EU_DATE), F.to_date(v, "d-M-yyyy"))
        .otherwise(F.to_date(parse_timestamp(v)))
    )


def _json_valid(text: Column, data_type: T.DataType) -> Column:
    if isinstance(data_type, T.ArrayType):
        return F.json_array_length(text).isNotNull()
    return F.json_object_keys(text).isNotNull()


def parse_value(text: Column, data_type: T.DataType) -> Column:
    """``text`` (a string Column) as ``data_type``; null when null, blank (non-strings) or unparseable."""
    if isinstance(data_type, T.StringType):
        return text
    v = F.trim(text)
    if isinstance(data_type, T.ByteType | T.ShortType | T.IntegerType | T.LongType):
        # A plain cast would truncate "12.7" to 12; integers must be written as integers.
        parsed = F.when(v.rlike(INTEGER), v.cast(data_type))
    elif isinstance(data_type, T.FloatType | T.DoubleType | T.DecimalType):
        parsed = v.cast(data_type)
    elif isinstance(data_type, T.BooleanType):
        mapping = F.create_map(*[x for k, b in BOOLEANS.items() for x in (F.lit(k), F.lit(b))])
        parsed = F.element_at(mapping, F.lower(v))
    elif isinstance(data_type, T.DateType):
        parsed = parse_date(v)
    elif isinstance(data_type, T.TimestampType):
        parsed = parse_timestamp(v)
    elif isinstance(data_type, T.StructType | T.MapType | T.ArrayType):
        parsed = F.when(_json_valid(v, data_type), F.from_json(v, data_type))
    else:
        raise ValueError(f"no bronze parser for Spark type {data_type.simpleString()}")
    return F.when(v != "", parsed)


def is_blank(text: Column, data_type: T.DataType) -> Column:
    """Null, or (for non-strings, where an empty CSV cell means nothing) only spaces."""
    if isinstance(data_type, T.StringType):
        return text.isNull()
    return text.isNull() | (F.trim(text) == "")


def as_text(value: Column, data_type: T.DataType) -> Column:
    """A typed value (from Parquet or Avro) as the text the parsers read back: JSON for nested types."""
    if isinstance(data_type, T.StringType):
        return value
    if isinstance(data_type, T.StructType | T.MapType | T.ArrayType):
        return F.to_json(value)
    return value.cast("string")
