"""The local lake's stand-ins for the AWS tasks of the pipeline DAG (``make orchestrate``): the same task ids,
dependencies and run arguments, with each Glue job run as its ``lake_jobs`` entry point in Spark local mode
(a subprocess of the Spark environment's Python) and each crawl as a check that the day's bronze files landed.
Never uploaded to MWAA."""

from lake_dags_local.target import LocalLake, LocalTarget

__all__ = ["LocalLake", "LocalTarget"]
