"""Landing a generated day in bronze as its source kind's service does (libs/schemas CONTRACT.md, "Sources").

The generator writes the producer's records as part files (:func:`lake_jobs.synthetic.generate.write_day`);
this module turns them into the objects each service writes, so the local lake is read exactly as the deployed
one:

- ``file``: the uploads as they are, in the hive day folder;
- ``stream``: Firehose objects, GZIP-compressed JSON lines named
  ``<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>`` with the delivery stream's ``.jsonl.gz`` extension, one
  per buffer flush;
- ``api``: the puller's JSON lines, one object per scheduled run, named ``<YYYYMMDDTHHMMSSZ>.jsonl``;
- ``cdc``: DMS change files under ``<tablePrefix>YYYY/MM/DD/``, Parquet (GZIP pages) with the operation column
  first and the commit-order column last, named ``YYYYMMDD-HHMMSSmmm.parquet``. The generated changes are
  inserts.

Names and times are derived from the dataset and day only, so a seed gives the same bronze every time.
"""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from lake_jobs.common.contract import Contract, Source

FIREHOSE_OBJECTS = 4  # buffer flushes over the day
PULL_RUNS = 24  # an hourly schedule
FIREHOSE_VERSION = 1  # the delivery stream's version in its object names
LOCAL_NAME_PREFIX = "lake-local"  # stands for the stack's namePrefix in the delivery stream's name
SERVICE_FORMATS = {"stream": "json", "api": "json", "cdc": "parquet"}  # what each service writes
LANDED_AS = {"file": "upload", "stream": "Firehose object", "api": "puller run", "cdc": "DMS change file"}


def _source(contract: Contract) -> Source:
    if contract.source is None:
        raise ValueError(f"dataset {contract.name!r} has no source: there is nothing to land in bronze")
    return contract.source


def instants(day: date, count: int, minute: int = 0) -> list[datetime]:
    """``count`` instants spread evenly over ``day`` (UTC), the first at ``minute`` past midnight."""
    start = datetime.combine(day, time(0, minute), UTC)
    return [start + timedelta(seconds=i * 86_400 // count) for i in range(count)]


def chunks(items: Sequence[str], count: int) -> list[list[str]]:
    """``items`` in ``count`` contiguous runs as even as can be (never an empty run)."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def firehose_object_name(stream: str, at: datetime, dataset: str, index: int) -> str:
    """``<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>.jsonl.gz``; the uuid fixed by dataset, day, index."""
    random_part = uuid.uuid5(uuid.NAMESPACE_URL, f"{dataset}/{at:%Y-%m-%d}/{index}")
    return f"{stream}-{FIREHOSE_VERSION}-{at:%Y-%m-%d-%H-%M-%S}-{random_part}.jsonl.gz"


def pull_object_name(scheduled: datetime) -> str:
    """``<YYYYMMDDTHHMMSSZ>.jsonl``: the scheduled time of the run, as the puller names its object."""
    return f"{scheduled:%Y%m%dT%H%M%S}Z.jsonl"


def dms_file_name(at: datetime) -> str:
    """``YYYYMMDD-HHMMSSmmm.parquet``: DMS's name of a change file written at ``at``."""
    return f"{at:%Y%m%d-%H%M%S}{at.microsecond // 1000:03d}.parquet"


def commit_sequence(at: datetime, counter: int) -> str:
    """A ``$AR_H_CHANGE_SEQ``-like value: the commit timestamp, then a counter; text order is commit order."""
    return f"{at:%Y%m%d%H%M%S}{at.microsecond // 10_000:02d}{counter:019d}"


def _json_lines(files: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for file in files:
        lines += Path(file).read_text(encoding="utf-8").splitlines(keepends=True)
        Path(file).unlink()
    return lines


def _land_stream(contract: Contract, folder: Path, day: date, files: Sequence[str]) -> list[str]:
    stream = f"{LOCAL_NAME_PREFIX}-bronze-{contract.name}"
    runs = chunks(_json_lines(files), FIREHOSE_OBJECTS)
    out = []
    for i, (at, lines) in enumerate(zip(instants(day, len(runs)), runs, strict=True)):
        path = folder / firehose_object_name(stream, at, contract.name, i)
        # mtime 0: the gzip header would otherwise carry the clock, and a seed must give the same bytes.
        with gzip.GzipFile(path, "wb", mtime=0) as handle:
            handle.write("".join(lines).encode("utf-8"))
        out.append(str(path))
    return out


def hourly_runs(items: Sequence[str], runs: int = PULL_RUNS) -> list[list[str]]:
    """``items`` spread over ``runs`` scheduled runs in order; a run that finds nothing gets an empty list."""
    return [list(items[i * len(items) // runs : (i + 1) * len(items) // runs]) for i in range(runs)]


def _land_pulls(folder: Path, day: date, files: Sequence[str]) -> list[str]:
    out = []
    for at, lines in zip(instants(day, PULL_RUNS, minute=5), hourly_runs(_json_lines(files)), strict=True):
        if not lines:
            continue  # the puller writes no object for a run whose first page is empty
        path = folder / pull_object_name(at)
        path.write_text("".join(lines), encoding="utf-8")
        out.append(str(path))
    return out


def _land_changes(contract: Contract, folder: Path, day: date, files: Sequence[str]) -> list[str]:
    cdc = _source(contract).cdc
    if cdc is None:
        raise ValueError(f"dataset {contract.name!r}: its contract gives a cdc source no change columns")
    insert = cdc.operations["insert"]
    out, counter = [], 0
    for file, at in zip(files, instants(day, len(files), minute=1), strict=True):
        table = pq.read_table(file)
        Path(file).unlink()
        rows = table.num_rows
        if cdc.operation_column in table.column_names:  # the generator's change day says what each row is
            op = table.column(cdc.operation_column)
            table = table.drop_columns([cdc.operation_column]).add_column(0, cdc.operation_column, op)
        else:
            table = table.add_column(0, cdc.operation_column, pa.array([insert] * rows, pa.string()))
        sequence = [commit_sequence(at, counter + i) for i in range(rows)]
        table = table.append_column(cdc.commit_order_column, pa.array(sequence, pa.string()))
        counter += rows
        path = folder / dms_file_name(at)
        pq.write_table(table, path, compression="gzip")
        out.append(str(path))
    return out


def landed_summary(contract: Contract, files: Sequence[str]) -> str:
    """``4 Firehose objects``: how many of what the source's service landed."""
    return f"{len(files)} {LANDED_AS[_source(contract).kind]}{'' if len(files) == 1 else 's'}"


def land_day(contract: Contract, folder: Path, day: date, files: Sequence[str]) -> list[str]:
    """Turn the part files the generator wrote into ``folder`` into what the source's service lands there;
    returns the landed files, in order."""
    source = _source(contract)
    kind, needed = source.kind, SERVICE_FORMATS.get(source.kind)
    if needed is not None and source.format != needed:
        raise ValueError(
            f"dataset {contract.name!r}: a {kind} source lands as {needed}, its contract says {source.format}"
        )
    if kind == "file":
        return list(files)
    if kind == "stream":
        return _land_stream(contract, folder, day, files)
    if kind == "api":
        return _land_pulls(folder, day, files)
    if kind == "cdc":
        return _land_changes(contract, folder, day, files)
    raise ValueError(f"dataset {contract.name!r}: no landing for source kind {kind!r}")
