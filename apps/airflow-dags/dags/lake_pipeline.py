"""The lake's pipeline as an Airflow DAG: rendered from lake_pipeline.manifest.json beside this file by the
lake_dags factory. This file holds no logic; a broken manifest or factory is an import error of this file."""

import sys
from pathlib import Path

# The factory sits beside this file. Airflow 3 puts the DAG folder on sys.path in the dag processor and the
# task runner only, not in `airflow dags test` or `dags list-import-errors --local`, which import it too.
_DAG_FOLDER = str(Path(__file__).resolve().parent)
if _DAG_FOLDER not in sys.path:
    sys.path.append(_DAG_FOLDER)

from lake_dags import render_dags  # noqa: E402

globals().update(render_dags(Path(__file__).with_name("lake_pipeline.manifest.json")))
