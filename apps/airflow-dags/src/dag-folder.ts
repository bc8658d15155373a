// What the stack uploads besides the manifest: the DAG folder of this app (the DAG file and the factory,
// `dags/`) and the MWAA constraints file the Airflow environment is locked against.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The DAG folder as uploaded: `lake_pipeline.py`, `.airflowignore` and the `lake_dags` factory package. */
export const DAGS_SOURCE = fileURLToPath(new URL("../dags/", import.meta.url));

/** The vendored constraints of MWAA's Airflow 3.0.6 image (Python 3.12). */
export const CONSTRAINTS_FILE = "constraints-3.0.6-py3.12.txt";
const CONSTRAINTS_SOURCE = new URL(`../../../python/airflow/${CONSTRAINTS_FILE}`, import.meta.url);

export function mwaaConstraints(): string {
  return readFileSync(CONSTRAINTS_SOURCE, "utf8");
}

/** The DAG folder's prefix in the bucket, and the manifest's name beside the DAG file it is read by. */
export const DAGS_PREFIX = "dags";
export const MANIFEST_FILE = "lake_pipeline.manifest.json";

/** The packages the DAG folder imports beyond Airflow: pinned in requirements.txt to their constrained versions. */
export const DAG_PACKAGES = ["apache-airflow-providers-amazon", "apache-airflow-providers-standard"];
