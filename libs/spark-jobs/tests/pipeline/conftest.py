"""One lake for the pipeline tests (building it runs every job): see :mod:`tests.pipeline.gold_lake`."""

from __future__ import annotations

import pytest
from pyspark.sql import SparkSession

from tests.pipeline.gold_lake import Lake, build_lake


@pytest.fixture(scope="package")
def lake(spark: SparkSession, contract, tmp_path_factory: pytest.TempPathFactory) -> Lake:
    return build_lake(spark, contract, tmp_path_factory.mktemp("gold_pipeline"))
