"""A Spark session whose Iceberg catalog ``lake`` lives in a given lake's warehouse."""

from __future__ import annotations

from pyspark.sql import SparkSession

from lake_jobs.common.paths import ICEBERG_CATALOG
from lake_jobs.common.session import get_spark, local_conf


def lake_session(lake_root: str, spark: SparkSession | None = None) -> SparkSession:
    """A new local session for ``lake_root``, or, given a running ``spark``, a sibling session on its JVM.

    Catalogs are cached per session, so pointing ``lake`` at another warehouse needs a new session
    (``newSession`` shares the SparkContext, so this costs no JVM); the catalog keys are runtime settings.
    """
    if spark is None:
        # The demo's data is small: two shuffle partitions (one per core here) halve the tasks per step.
        return get_spark("lake-demo", lake_root, shuffle_partitions=2)
    session = spark.newSession()
    for key, value in local_conf(lake_root, []).items():
        if key.startswith(f"spark.sql.catalog.{ICEBERG_CATALOG}"):
            session.conf.set(key, value)
    return session
