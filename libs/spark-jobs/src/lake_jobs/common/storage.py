"""Small file operations on local paths and on any URI Hadoop understands (``s3://`` on Glue).

Local paths use plain Python so tools (the contract loader, the report writer) work before a session exists;
other URIs go through the session's Hadoop FileSystem: no AWS SDK is needed and the job's credentials apply.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession

from lake_jobs.common.paths import has_scheme


def _local(uri: str) -> Path | None:
    if uri.startswith("file://"):
        return Path(uri.removeprefix("file://"))
    return None if has_scheme(uri) else Path(uri)


def _hadoop(spark: SparkSession | None, uri: str) -> tuple[Any, Any]:
    if spark is None:
        raise ValueError(f"{uri}: a SparkSession is needed to reach a non-local URI")
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), path


def read_text(uri: str, spark: SparkSession | None = None) -> str:
    local = _local(uri)
    if local is not None:
        return local.read_text(encoding="utf-8")
    fs, path = _hadoop(spark, uri)
    stream = fs.open(path)
    try:
        jvm = spark.sparkContext._jvm  # type: ignore[union-attr]
        return jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8")
    finally:
        stream.close()


def first_line(uri: str, spark: SparkSession | None = None) -> str | None:
    """The first line of a text file without its line break (a CSV header), reading no further."""
    local = _local(uri)
    if local is not None:
        # Spark reads .gz deliveries transparently; the header must come from the same bytes.
        opener = gzip.open if local.suffix == ".gz" else open
        with opener(local, "rt", encoding="utf-8", newline="") as handle:
            line = handle.readline()
        return line.rstrip("\r\n") if line else None
    fs, path = _hadoop(spark, uri)
    jvm = spark.sparkContext._jvm  # type: ignore[union-attr]
    stream = fs.open(path)
    codec = jvm.org.apache.hadoop.io.compress.CompressionCodecFactory(
        spark.sparkContext._jsc.hadoopConfiguration()  # type: ignore[union-attr]
    ).getCodec(path)
    if codec is not None:
        stream = codec.createInputStream(stream)
    reader = jvm.java.io.BufferedReader(jvm.java.io.InputStreamReader(stream, "UTF-8"))
    try:
        return reader.readLine()
    finally:
        reader.close()


def write_text(uri: str, text: str, spark: SparkSession | None = None) -> None:
    """Write (replace) one small text file, creating its parent folders."""
    local = _local(uri)
    if local is not None:
        local.parent.mkdir(parents=True, exist_ok=True)
        tmp = local.with_name(local.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(local)  # atomic on one file system: a reader never sees half a report
        return
    fs, path = _hadoop(spark, uri)
    stream = fs.create(path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def exists(uri: str, spark: SparkSession | None = None) -> bool:
    local = _local(uri)
    if local is not None:
        return local.exists()
    fs, path = _hadoop(spark, uri)
    return bool(fs.exists(path))


def delete(uri: str, spark: SparkSession | None = None) -> None:
    """Delete a file or a folder tree; no error when it is absent."""
    local = _local(uri)
    if local is not None:
        if local.is_dir():
            shutil.rmtree(local)
        elif local.exists():
            local.unlink()
        return
    fs, path = _hadoop(spark, uri)
    fs.delete(path, True)


def list_dirs(uri: str, spark: SparkSession | None = None) -> list[str]:
    """The sub-folders of ``uri`` (full paths), sorted; empty when ``uri`` does not exist."""
    return [p for p, is_dir in _list(uri, spark) if is_dir]


def list_files(uri: str, spark: SparkSession | None = None) -> list[str]:
    """The data files directly in ``uri``, sorted, without hidden and marker files (``_SUCCESS``)."""
    return [
        p for p, is_dir in _list(uri, spark) if not is_dir and not p.rsplit("/", 1)[-1].startswith(("_", "."))
    ]


def _list(uri: str, spark: SparkSession | None) -> list[tuple[str, bool]]:
    local = _local(uri)
    if local is not None:
        if not local.is_dir():
            return []
        return sorted((str(p), p.is_dir()) for p in local.iterdir())
    fs, path = _hadoop(spark, uri)
    if not fs.exists(path):
        return []
    return sorted((str(s.getPath().toString()), bool(s.isDirectory())) for s in fs.listStatus(path))
