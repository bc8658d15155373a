"""The job finds the builder of a gold contract by the contract's name, in a folder of one module per
builder, and refuses a contract that has none."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pyspark.sql import SparkSession

import lake_jobs
from lake_jobs.common.contract import Contract, parse_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.paths import generated_contract_path, workspace_root
from lake_jobs.common.tables import read_table
from lake_jobs.silver_to_gold.job import check_committed, main, run_gold
from lake_jobs.silver_to_gold.registry import builder_for, known_builders
from tests.conftest import contract_dict

SNAP = date(2024, 3, 31)
_packages = itertools.count()

# A builder that tags every customer of the input state with its own name, so a row shows who built it.
TAGGING_BUILDER = """
from pyspark.sql import functions as F
from lake_jobs.silver_to_gold.registry import GoldBuilder

def build(states, snapshot_date):
    snapshot = F.lit(str(snapshot_date)).cast("date").alias("snapshot_date")
    return states["customers"].select("customer_id", F.lit("{name}").alias("built_by"), snapshot)

def observed():
    return {{"builtBy": F.max("built_by")}}

def metrics(figures):
    return {{"customersSeen": figures.input_rows["customers"], "builtBy": figures.written["builtBy"]}}

BUILDER = GoldBuilder(
    dataset="{name}",
    inputs=("customers",),
    build=build,
    observed=observed,
    counted_inputs=("customers",),
    metrics=metrics,
)
"""


@pytest.fixture
def builders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, str]], str]:
    """Writes a package of builder modules (module name -> source) and returns its import name."""

    def write(modules: dict[str, str]) -> str:
        package = f"test_gold_builders_{next(_packages)}"
        folder = tmp_path / package
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        for name, source in modules.items():
            (folder / f"{name}.py").write_text(textwrap.dedent(source))
        monkeypatch.syspath_prepend(str(tmp_path))
        return package

    return write


def gold_contract(name: str, derived_from: list[str]) -> Contract:
    """A small Parquet gold table (customer_id, built_by, snapshot_date) with the gold audit columns."""
    raw = contract_dict(
        name,
        [("customer_id", "string", False), ("built_by", "string", False), ("snapshot_date", "date", False)],
        primary_key=["customer_id", "snapshot_date"],
        partition_keys=["snapshot_date"],
        source_format=None,
    )
    audit = [("lake_processed_at", "timestamp", "timestamp"), ("lake_run_id", "string", "string")]
    base = raw["columns"][0]
    raw["auditColumns"] = [
        {**base, "name": col, "type": hive, "description": "audit",
         "leaves": [{**base["leaves"][0], "path": [col], "type": hive}]}
        for col, hive, _ in audit
    ]  # fmt: skip
    audit_fields = [
        {"name": col, "type": spark_type, "nullable": False, "metadata": {}} for col, _, spark_type in audit
    ]
    raw["tableSchema"] = {"type": "struct", "fields": [*raw["sourceSchema"]["fields"], *audit_fields]}
    raw.update(layer="gold", audit="gold", derivedFrom=derived_from)
    return parse_contract(raw, f"<{name}>")


def silver_customers(spark: SparkSession):
    """Silver rows of customers: c1 delivered twice (the later row wins), c3 only after the snapshot."""
    t = datetime.fromisoformat
    rows = [
        ("c1", t("2024-03-30 10:00:00"), date(2024, 3, 30), "h1"),
        ("c1", t("2024-03-31 10:00:00"), date(2024, 3, 31), "h2"),
        ("c2", t("2024-03-30 11:00:00"), date(2024, 3, 30), "h3"),
        ("c3", t("2024-04-01 09:00:00"), date(2024, 4, 1), "h4"),
    ]
    return spark.createDataFrame(
        rows,
        "customer_id string, ingestion_timestamp timestamp, lake_ingest_date date, lake_record_hash string",
    )


def run(spark: SparkSession, contract: Contract, package: str, gold_root: Path, contracts: Any, **kw: Any):
    return run_gold(
        spark,
        contract=contract,
        input_contracts={"customers": contracts("customers")},
        read_silver=kw.pop("read_silver", lambda _c: silver_customers(spark)),
        gold_root=str(gold_root),
        snapshot_date=SNAP,
        run_id=f"{contract.name}-test",
        processed_at=datetime(2024, 4, 1, 6, 0),
        builders_package=package,
        **kw,
    )


@pytest.mark.parametrize("name", ["alpha", "beta"])
def test_the_builder_named_after_the_contract_builds_it(spark, builders, contract, tmp_path, name):
    package = builders(
        {"alpha": TAGGING_BUILDER.format(name="alpha"), "beta": TAGGING_BUILDER.format(name="beta")}
    )
    gold = gold_contract(name, ["customers"])
    result = run(spark, gold, package, tmp_path / "gold", contract)
    rows = read_table(spark, gold, str(tmp_path / "gold")).collect()
    assert sorted((r.customer_id, r.built_by, r.lake_run_id) for r in rows) == [
        ("c1", name, f"{name}-test"),
        ("c2", name, f"{name}-test"),
    ]
    # The builder got the as-of-snapshot state of derivedFrom by name, and its metrics join the run's.
    assert result.metrics() == {
        "rowsWritten": 2,
        "customersSeen": 2,
        "builtBy": name,
        "snapshotsInTable": {str(SNAP): 2},
    }


def test_a_gold_contract_without_a_builder_fails_naming_it_and_the_known_ones(
    spark, builders, contract, tmp_path
):
    package = builders({"alpha": TAGGING_BUILDER.format(name="alpha"), "_shared": "HELPER = 1\n"})

    def read_silver(_):
        raise AssertionError("nothing may be read for a contract without a builder")

    with pytest.raises(JobFailed) as failed:
        run(
            spark,
            gold_contract("orders_360", ["customers"]),
            package,
            tmp_path,
            contract,
            read_silver=read_silver,
        )
    assert str(failed.value) == (
        f"dataset 'orders_360': no gold builder; add {package}/orders_360.py defining BUILDER "
        "(known builders: alpha)"
    )


def test_a_builder_module_must_define_the_builder_of_its_own_dataset(builders):
    package = builders({"alpha": TAGGING_BUILDER.format(name="beta"), "gamma": "BUILDER = None\n"})
    with pytest.raises(
        JobFailed, match=rf"dataset 'alpha': {package}/alpha\.py must define BUILDER = GoldBuilder"
    ):
        builder_for("alpha", package)
    with pytest.raises(JobFailed, match=r"dataset 'gamma': .* found None"):
        builder_for("gamma", package)


def test_a_silver_contract_is_refused(spark, contract, tmp_path):
    with pytest.raises(
        JobFailed, match=r"dataset 'customers' \(.*\) is a silver table: silver_to_gold builds"
    ):
        run(spark, contract("customers"), "lake_jobs.silver_to_gold.builders", tmp_path, contract)


def test_every_generated_gold_contract_has_a_builder_that_reads_its_derived_from():
    index = json.loads((workspace_root() / "dist" / "schemas" / "index.json").read_text(encoding="utf-8"))
    gold = sorted(d["name"] for d in index["datasets"] if d["layer"] == "gold")
    assert gold == known_builders()
    for name in gold:
        derived_from = json.loads(generated_contract_path(name).read_text(encoding="utf-8"))["derivedFrom"]
        assert sorted(builder_for(name).inputs) == sorted(derived_from), name


def test_the_command_line_refuses_a_gold_contract_without_a_builder(tmp_path, capsys):
    raw = json.loads(generated_contract_path("customer_360").read_text(encoding="utf-8"))
    folder = tmp_path / "contracts" / "orders_360"
    folder.mkdir(parents=True)
    (folder / "contract.json").write_text(json.dumps({**raw, "name": "orders_360"}))
    argv = [
        "--contract",
        str(folder / "contract.json"),
        "--lake",
        str(tmp_path / "lake"),
        "--run-date",
        str(SNAP),
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "silver_to_gold failed: dataset 'orders_360': no gold builder; add " in err
    assert (
        "lake_jobs/silver_to_gold/builders/orders_360.py defining BUILDER (known builders: customer_360)"
        in err
    )
    assert not (tmp_path / "lake" / "reports").exists()  # refused before any day ran


def test_builders_are_found_in_the_zipped_package_glue_imports(tmp_path):
    # Glue puts the job package on the path as a zip (--extra-py-files): the folder listing must work there.
    source = Path(lake_jobs.__file__).parent
    archive = tmp_path / "lake_jobs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(source.rglob("*.py")):
            z.write(path, path.relative_to(source.parent).as_posix())
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import lake_jobs; "
        "from lake_jobs.silver_to_gold.registry import builder_for, known_builders; "
        "print(lake_jobs.__file__); print(known_builders(), builder_for('customer_360').inputs)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(archive)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0].startswith(str(archive))
    assert out[1] == "['customer_360'] ('customers', 'transactions', 'support_tickets', 'web_events')"


def test_a_commit_whose_table_figure_differs_from_the_written_count_fails_naming_both():
    check_committed("customer_360", SNAP, 2, {str(SNAP): 2, "2024-03-30": 5})
    with pytest.raises(
        JobFailed,
        match=r"'customer_360', snapshot 2024-03-31: the write counted 2 rows but the table holds 0",
    ):
        check_committed("customer_360", SNAP, 2, {"2024-03-30": 2})
