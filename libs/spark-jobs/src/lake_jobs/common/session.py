"""The SparkSession: built for local mode here, taken from the GlueContext on AWS Glue.

``awsglue`` exists only on Glue, so it is imported lazily and its presence is what tells the two apart.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from pyspark.sql import SparkSession

from lake_jobs.common.paths import ICEBERG_CATALOG, LakePaths, has_scheme, jars_dir

# Settings the jobs rely on for correctness, valid at runtime so they can also be applied to Glue's session:
# - UTC, so timestamps parsed without a zone and the audit dates never depend on the machine;
# - dynamic partition overwrite, so a rerun replaces exactly the partitions it writes;
# - ANSI off: a value that fails to cast becomes null, which the jobs turn into a parse_error reason;
# - the CORRECTED parser, so an unparseable timestamp is null instead of an upgrade exception;
# - Parquet timestamps as TIMESTAMP_MICROS, not Spark's default INT96: INT96 is deprecated, the Iceberg spec
#   forbids it, and readers that map it to nanoseconds (pyarrow) overflow past the year 2262; with the
#   proleptic Gregorian calendar as is (CORRECTED), as every other reader expects, instead of an exception
#   for dates before 1582.
RUNTIME_CONF: Mapping[str, str] = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.legacy.timeParserPolicy": "CORRECTED",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.sql.parquet.datetimeRebaseModeInWrite": "CORRECTED",
    "spark.sql.parquet.compression.codec": "zstd",
    "spark.sql.avro.compression.codec": "zstandard",
}

_EXTENSIONS = ",".join(
    [
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        "io.delta.sql.DeltaSparkSessionExtension",
    ]
)


def on_glue() -> bool:
    """True inside an AWS Glue job run (the ``awsglue`` package is importable only there)."""
    return importlib.util.find_spec("awsglue") is not None


def local_conf(
    lake_root: str, jars: list[Path], *, shuffle_partitions: int = 4, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The full local configuration: pure, so the test of what is set needs no JVM."""
    warehouse = _as_uri(LakePaths(lake_root).warehouse)
    utc = "-Duser.timezone=UTC"
    conf = {
        "spark.jars": ",".join(str(j) for j in jars),
        "spark.sql.extensions": _EXTENSIONS,
        f"spark.sql.catalog.{ICEBERG_CATALOG}": "org.apache.iceberg.spark.SparkCatalog",
        f"spark.sql.catalog.{ICEBERG_CATALOG}.type": "hadoop",
        f"spark.sql.catalog.{ICEBERG_CATALOG}.warehouse": warehouse,
        "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.sql.shuffle.partitions": str(shuffle_partitions),
        "spark.default.parallelism": str(shuffle_partitions),
        # Delta rebuilds table state with 50 tasks and lists tables (VACUUM) with 10,000 by default: minutes
        # of empty tasks on one machine.
        "spark.databricks.delta.snapshotPartitions": str(shuffle_partitions),
        "spark.sql.sources.parallelPartitionDiscovery.parallelism": str(shuffle_partitions),
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.extraJavaOptions": utc,
        "spark.executor.extraJavaOptions": utc,
        # Spark's own session catalog must not write spark-warehouse/ into whatever folder the job ran from.
        "spark.sql.warehouse.dir": _as_uri(LakePaths(lake_root).root + "/spark-warehouse"),
        **RUNTIME_CONF,
    }
    conf.update(extra or {})
    return conf


def _as_uri(location: str) -> str:
    return location if has_scheme(location) else Path(location).resolve().as_uri()


def local_jars(folder: Path | None = None) -> list[Path]:
    """The jars of ``.cache/jars``; a clear error when ``make setup`` has not fetched them."""
    folder = folder or jars_dir()
    jars = sorted(folder.glob("*.jar")) if folder.is_dir() else []
    if not jars:
        raise FileNotFoundError(
            f"no Spark jars in {folder}: run `make setup` to fetch Iceberg, Delta and Avro"
        )
    return jars


def get_spark(
    app_name: str,
    lake_root: str = ".lake",
    *,
    master: str = "local[*]",
    shuffle_partitions: int = 4,
    extra_conf: Mapping[str, str] | None = None,
) -> SparkSession:
    """The session for a job: Glue's own on AWS (with :data:`RUNTIME_CONF` applied), a local one otherwise.

    On Glue the catalogs and extensions are static settings that the job definition passes
    (``--datalake-formats`` and ``--conf``); ``lake_root`` is only used locally, where the Iceberg catalog
    ``lake`` lives in ``<lake_root>/warehouse``.
    """
    if on_glue():
        return _glue_session()
    builder = SparkSession.builder.appName(app_name).master(master)
    conf = local_conf(lake_root, local_jars(), shuffle_partitions=shuffle_partitions, extra=extra_conf)
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _glue_session() -> SparkSession:
    from awsglue.context import GlueContext
    from pyspark.context import SparkContext

    spark = GlueContext(SparkContext.getOrCreate()).spark_session
    for key, value in RUNTIME_CONF.items():
        spark.conf.set(key, value)
    return spark


@contextmanager
def session_conf(spark: SparkSession, key: str, value: str) -> Iterator[None]:
    """``key`` set to ``value`` for the block only, then back to what it was (unset if it was unset)."""
    before = spark.conf.get(key, None)
    spark.conf.set(key, value)
    try:
        yield
    finally:
        if before is None:
            spark.conf.unset(key)
        else:
            spark.conf.set(key, before)
