"""The PySpark jobs of the medallion lake.

The same code runs on AWS Glue 5.0 and in Spark local mode; only URIs and catalog settings differ.
Each job is a module with a ``main(argv)``: ``python -m lake_jobs.bronze_to_silver --help``.
"""
