"""One local Spark session for the gold tests (the same JVM session every test folder of the package gets)."""

from __future__ import annotations

import pytest
from pyspark.sql import SparkSession

from lake_jobs.common.session import get_spark


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> SparkSession:
    # getOrCreate: a session another folder started is reused, so the suite pays for one JVM.
    return get_spark(
        "lake-jobs-tests", str(tmp_path_factory.mktemp("lake")), master="local[2]", shuffle_partitions=2
    )
