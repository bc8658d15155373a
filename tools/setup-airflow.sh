#!/usr/bin/env bash
# Creates .venv-airflow, the Airflow environment of the DAGs (Airflow 3.0.6 as MWAA runs it), from its own lock,
# once; reinstalls only when the lock changes. Separate from .venv: Airflow's pins conflict with the Spark one's.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=python/airflow/requirements.lock
venv=.venv-airflow
stamp=$venv/.lock.sha256
want=$(cat "$lock" python/airflow/pip.lock | sha256sum | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "airflow: $venv matches $lock"
  exit 0
fi
# MWAA's image for Airflow 3.0.6 runs Python 3.12; 3.11 is the fallback where no 3.12 is installed (Airflow 3.0.6
# supports both, and the lock is resolved for every Python from 3.12 down through its markers).
python=""
# (A pyenv shim answers `command -v` for versions it does not select, so each candidate is run to be sure.)
for candidate in python3.12 "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/3.12*/bin/python3.12 python3.11; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] not in ((3, 12), (3, 11)))' 2>/dev/null; then
    python=$candidate
    break
  fi
done
[[ -n "$python" ]] || { echo "airflow: no python3.12 or python3.11 found" >&2; exit 1; }
if [[ ! -x $venv/bin/python ]]; then
  "$python" -m venv "$venv"
fi
echo "airflow: installing $lock into $venv ($($venv/bin/python --version))"
$venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r python/airflow/pip.lock
$venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
echo "$want" > "$stamp"
echo "airflow: $venv installed from $lock"
