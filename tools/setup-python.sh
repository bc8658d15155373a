#!/usr/bin/env bash
# Creates .venv from the workspace lock, once; reinstalls only when the lock changes.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=python/requirements.lock
stamp=.venv/.lock.sha256
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "python: .venv matches $lock"
  exit 0
fi
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --require-hashes -r "$lock"
# The jobs package is put on the path (not pip-installed) so that editing it needs no reinstall.
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$PWD/libs/spark-jobs/src" > "$site/lake-jobs.pth"
echo "$want" > "$stamp"
echo "python: .venv installed from $lock"
