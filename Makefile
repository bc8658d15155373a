# The workspace's entry points. `make demo` and `make test` install what is missing first (setup is idempotent).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export NX_DAEMON := false
export NX_NO_CLOUD := true
export NX_TUI := false
# Local Spark binds to loopback: this machine has no other network to serve, and it silences the hostname warning.
export SPARK_LOCAL_IP := 127.0.0.1
NX := npx --no-install nx
PY := .venv/bin/python

.PHONY: help setup generate access-model access demo orchestrate test lint typecheck plan plan-diff compat catalog policy python-lock airflow-lock clean

help:
	@echo "make demo      run the lake end to end on this machine (bronze -> silver -> gold, quality, queries)"
	@echo "make orchestrate  the pipeline DAG (Airflow 3.0.6, as on MWAA) run with airflow dags test on the local lake"
	@echo "make test      lint, typecheck and every test of every project"
	@echo "make generate  write dist/schemas/<dataset>/ from the dataset contracts"
	@echo "make plan      evaluate every Pulumi stack offline into dist/plan/"
	@echo "make access PRINCIPAL=<persona> [TABLE=<layer.table>] [STACK=prod]   who reads what, from the governance plan"
	@echo "make access-model   write the governance access model to dist/access/ (the demo's persona views)"
	@echo "make plan-diff BASE=<git ref>   the resources a change adds, changes or removes"
	@echo "make compat BASE=<git ref>      every contract change since BASE, compatible or breaking (fails on breaking)"
	@echo "make catalog [STACK=prod]   the data catalog site from the contracts and the stack's access model into dist/catalog/ (open index.html)"
	@echo "make policy    plan every stack, then run the security policy pack over the plans"
	@echo "make setup     install npm packages, the Python environment, Spark's jars and chromium (skips what is there)"

# Each stamp is rebuilt only when what it installs from changes, so a second `make setup` takes seconds.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

.venv/.lock.sha256: python/requirements.lock tools/setup-python.sh
	tools/setup-python.sh

# The Airflow environment of the DAGs (Airflow 3.0.6 with MWAA's constraints), apart from the Spark one.
.venv-airflow/.lock.sha256: python/airflow/requirements.lock python/airflow/pip.lock tools/setup-airflow.sh
	tools/setup-airflow.sh

.cache/jars/.installed: tools/jars.txt tools/fetch-jars.sh
	tools/fetch-jars.sh
	@touch $@

# The catalog's browser test drives Debian's chromium (playwright-core ships no browser): installed only when missing.
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

setup: node_modules/.installed .venv/.lock.sha256 .venv-airflow/.lock.sha256 .cache/jars/.installed /usr/bin/chromium

generate: setup
	$(NX) run schemas:generate

# The access model of the governance stacks' personas, which the demo's persona views apply.
access-model: setup
	$(NX) run governance:access-model

demo: setup generate access-model
	$(PY) -m lake_jobs.demo $(DEMO_ARGS)

# Plans the stacks (the DAG is rendered from the dev stack's planned manifest), lands the demo's sample sources
# in bronze and runs every task of the DAG on the local lake; ORCHESTRATE_ARGS="--datasets customers" runs fewer.
orchestrate: setup
	$(NX) run airflow-dags:orchestrate --outputStyle=stream $(if $(ORCHESTRATE_ARGS),-- $(ORCHESTRATE_ARGS))

# Who can read what, offline: the governance plan's Lake Formation grants read back (planned first when missing).
STACK ?= dev
access: setup
	@test -n "$(PRINCIPAL)" || { echo "usage: make access PRINCIPAL=<persona> [TABLE=<layer.table>] [STACK=dev|prod]"; exit 2; }
	@test -f dist/plan/governance.$(STACK).json || $(NX) run governance:plan
	@npx --no-install tsx apps/governance/src/cli/access.ts --plan dist/plan/governance.$(STACK).json \
	  --principal "$(PRINCIPAL)" $(if $(TABLE),--table "$(TABLE)")

lint: setup
	$(NX) run-many -t lint

typecheck: setup
	$(NX) run-many -t typecheck

# The policy target plans every stack first (it depends on their plan targets), so a plan that breaks a security
# rule fails the tests.
test: setup
	$(NX) run-many -t lint typecheck test pytest policy --outputStyle=stream

plan: setup
	$(NX) run-many -t plan

catalog: setup
	$(NX) run schemas:catalog -- --stack=$(STACK)

compat: setup
	@test -n "$(BASE)" || { echo "usage: make compat BASE=<git ref>"; exit 2; }
	npx --no-install tsx libs/schemas/src/cli/compat.ts --base "$(BASE)"

# The policy-pack:policy target depends on every app's plan target, so the plans it checks are the current ones.
policy: setup
	$(NX) run policy-pack:policy --outputStyle=stream

plan-diff: setup
	@test -n "$(BASE)" || { echo "usage: make plan-diff BASE=<git ref>"; exit 2; }
	npx --no-install tsx libs/offline-plan/src/cli/diff.ts --base "$(BASE)"

# Regenerates the Python lock from python/requirements.in (needs network; run when changing Python dependencies).
python-lock:
	$(PY) -m pip install --quiet uv==0.13.9
	.venv/bin/uv pip compile python/requirements.in --generate-hashes --python-version 3.11 --no-header \
	  -o python/requirements.lock
	sed -i '1i # Generated from python/requirements.in by `make python-lock` (uv pip compile --generate-hashes); do not edit by hand.' python/requirements.lock

# Regenerates the Airflow environment's lock from python/airflow/requirements.in and MWAA's vendored constraints.
airflow-lock:
	$(PY) -m pip install --quiet uv==0.13.9
	cd python/airflow && ../../.venv/bin/uv pip compile requirements.in --generate-hashes --universal \
	  --python-version 3.12 --no-python-downloads --no-header -o requirements.lock
	cd python/airflow && ../../.venv/bin/uv pip compile pip.in --generate-hashes --universal \
	  --python-version 3.12 --no-python-downloads --no-header -o pip.lock
	sed -i '1i # Generated from python/airflow/requirements.in by `make airflow-lock` (uv pip compile --generate-hashes); do not edit by hand.' python/airflow/requirements.lock
	sed -i '1i # Generated from python/airflow/pip.in by `make airflow-lock`; do not edit by hand.' python/airflow/pip.lock

clean:
	rm -rf dist .lake .nx
