"""The gold contract names the silver datasets it is built from; the job refuses to run when they and the
builder's declared inputs drift apart."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from lake_jobs.common.contract import load_contract
from lake_jobs.common.errors import JobFailed
from lake_jobs.common.paths import generated_contract_path
from lake_jobs.silver_to_gold.job import run_gold
from lake_jobs.silver_to_gold.registry import builder_for


def test_generated_contract_names_the_inputs_its_builder_reads():
    contract = load_contract(str(generated_contract_path("customer_360")))
    assert sorted(contract.derived_from) == sorted(builder_for("customer_360").inputs)


def test_a_contract_whose_inputs_differ_from_its_builder_fails_before_reading(spark, tmp_path):
    contract = load_contract(str(generated_contract_path("customer_360")))
    drifted = dataclasses.replace(contract, derived_from=("customers", "transactions"))

    def read_silver(_):
        raise AssertionError("nothing may be read when the contract and the builder disagree")

    with pytest.raises(JobFailed) as failed:
        run_gold(
            spark,
            contract=drifted,
            input_contracts={},
            read_silver=read_silver,
            gold_root=str(tmp_path),
            snapshot_date=date(2024, 3, 31),
            run_id="drift-check",
        )
    message = str(failed.value)
    assert message.startswith("dataset 'customer_360' (")
    assert (
        "derivedFrom ['customers', 'transactions'] does not match the datasets its builder reads, " in message
    )
    assert "['customers', 'transactions', 'support_tickets', 'web_events']" in message
    assert "lake_jobs/silver_to_gold/builders/customer_360.py together" in message
