"""Writing generated records as bronze files in a source format: JSON lines, CSV with header, Parquet, Avro.

JSON and CSV are written with the standard library (one pass, no per-row objects beyond the line); Parquet
with pyarrow; Avro through Spark (spark-avro), the one format that needs a session.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import types as T

from lake_jobs.synthetic.dirt import Record, Text


def _iso(value: datetime) -> str:
    # isoformat is several times faster than strftime, which matters at a million rows.
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _nested_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return [json_value(v) for v in value]


# Dispatch on the exact type: one dict lookup per value instead of a chain of isinstance checks.
_JSON: dict[type, Any] = {
    str: None, int: None, float: None, bool: None, type(None): None,
    Text: lambda v: v.text, datetime: _iso, date: date.isoformat, Decimal: str,
    dict: _nested_json, list: _nested_json,
}  # fmt: skip
_TEXT: dict[type, Any] = {
    str: None, type(None): lambda _v: "", bool: lambda v: "true" if v else "false", int: str, float: repr,
    Text: lambda v: v.text, datetime: _iso, date: date.isoformat, Decimal: str,
    dict: lambda v: json.dumps(_nested_json(v), ensure_ascii=False, separators=(",", ":")),
    list: lambda v: json.dumps(_nested_json(v), ensure_ascii=False, separators=(",", ":")),
}  # fmt: skip


def json_value(value: Any) -> Any:
    """A generated value as it appears in a JSON line (objects stay objects, instants become ISO text)."""
    render = _JSON[type(value)]
    return value if render is None else render(value)


def text_value(value: Any) -> str:
    """A generated value as CSV cell text; nested values as JSON, null as the empty cell."""
    render = _TEXT[type(value)]
    return value if render is None else render(value)


def write_json_lines(path: Path, records: Iterable[Record]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            line = json.dumps({k: json_value(v) for k, v in record.values.items()}, ensure_ascii=False)
            if record.repeated is not None:
                name, value = record.repeated
                again = json.dumps(name) + ": " + json.dumps(json_value(value), ensure_ascii=False)
                line = f"{line[:-1]}, {again}}}"
            if record.malformed is not None:
                line = line[: len(line) // 2]  # a line cut short, as from an interrupted upload
            out.write(line + "\n")


def write_csv(path: Path, columns: Sequence[str], records: Iterable[Record]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            cells = [text_value(record.values.get(c)) for c in columns]
            if record.malformed is not None:
                out.write('"' + ",".join(cells) + "\n")  # an unterminated quote: the line cannot be split
            else:
                writer.writerow(cells)


def arrow_type(data_type: T.DataType) -> pa.DataType:
    simple: dict[type, pa.DataType] = {
        T.StringType: pa.string(),
        T.ByteType: pa.int8(),
        T.ShortType: pa.int16(),
        T.IntegerType: pa.int32(),
        T.LongType: pa.int64(),
        T.FloatType: pa.float32(),
        T.DoubleType: pa.float64(),
        T.BooleanType: pa.bool_(),
        T.DateType: pa.date32(),
        T.TimestampType: pa.timestamp("us", tz="UTC"),
    }
    if type(data_type) in simple:
        return simple[type(data_type)]
    if isinstance(data_type, T.DecimalType):
        return pa.decimal128(data_type.precision, data_type.scale)
    if isinstance(data_type, T.StructType):
        return pa.struct([(f.name, arrow_type(f.dataType)) for f in data_type.fields])
    if isinstance(data_type, T.MapType):
        return pa.map_(arrow_type(data_type.keyType), arrow_type(data_type.valueType))
    if isinstance(data_type, T.ArrayType):
        return pa.list_(arrow_type(data_type.elementType))
    raise ValueError(f"no Arrow type for {data_type.simpleString()}")


def typed_columns(
    columns: Sequence[str], types: dict[str, T.DataType], records: Sequence[Record]
) -> list[tuple[str, pa.DataType, list[Any]]]:
    """Per column: its Arrow type (string when any value must be written as text) and its values."""
    out = []
    for name in columns:
        values = [r.values.get(name) for r in records]
        if name not in types or any(isinstance(v, Text) for v in values):
            out.append((name, pa.string(), [None if v is None else text_value(v) for v in values]))
            continue
        kind = arrow_type(types[name])
        if isinstance(types[name], T.MapType):
            values = [None if v is None else list(v.items()) for v in values]
        out.append((name, kind, values))
    return out


def write_parquet(
    path: Path, columns: Sequence[str], types: dict[str, T.DataType], records: Sequence[Record]
) -> None:
    cols = typed_columns(columns, types, records)
    table = pa.table({name: pa.array(values, type=kind) for name, kind, values in cols})
    pq.write_table(table, path, compression="zstd")


def _avro_cell(value: Any, as_text: bool) -> Any:
    return text_value(value) if as_text and value is not None else value


def write_avro(
    spark: Any, path: Path, columns: Sequence[str], types: dict[str, T.DataType], records: Sequence[Record]
) -> None:
    """One Avro file at ``path`` (Spark writes a folder; its single part file is moved into place)."""
    as_text = {
        n for n in columns if n not in types or any(isinstance(r.values.get(n), Text) for r in records)
    }
    schema = T.StructType([T.StructField(n, T.StringType() if n in as_text else types[n]) for n in columns])
    rows = [tuple(_avro_cell(r.values.get(n), n in as_text) for n in columns) for r in records]
    staging = path.with_name(path.name + ".spark")
    spark.createDataFrame(rows, schema).coalesce(1).write.mode("overwrite").format("avro").save(str(staging))
    next(staging.glob("part-*.avro")).replace(path)
    shutil.rmtree(staging)
