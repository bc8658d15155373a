"""The gold contract names the silver datasets it is built from; the job refuses to run when they drift."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from lake_jobs.common.contract import load_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.paths import generated_contract_path
from lake_jobs.silver_to_gold import customer_360 as c360
from lake_jobs.silver_to_gold.job import run_customer_360


def test_generated_contract_names_the_sources_the_job_reads():
    contract = load_contract(str(generated_contract_path("customer_360")))
    assert sorted(contract.derived_from) == sorted(c360.SOURCES)


def test_a_contract_whose_inputs_differ_from_the_job_fails_before_reading(spark, tmp_path):
    contract = load_contract(str(generated_contract_path("customer_360")))
    drifted = dataclasses.replace(contract, derived_from=("customers", "transactions"))

    def read_silver(_):
        raise AssertionError("nothing may be read when the contract and the job disagree")

    with pytest.raises(JobFailed, match=r"derivedFrom \['customers', 'transactions'\] does not match"):
        run_customer_360(
            spark,
            contract=drifted,
            source_contracts={},
            read_silver=read_silver,
            gold_root=str(tmp_path),
            snapshot_date=date(2024, 3, 31),
            run_id="drift-check",
        )
