"""The lake's pipeline as an Airflow DAG: rendered from lake_pipeline.manifest.json beside this file by the
lake_dags factory. This file holds no logic; a broken manifest or factory is an import error of this file."""

from pathlib import Path

from lake_dags import render_dags

globals().update(render_dags(Path(__file__).with_name("lake_pipeline.manifest.json")))
