"""The contract loader: every generated contract loads; a broken one fails naming the file and the key."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from lake_jobs.common.contract import ContractFileError, load_contract, parse_contract, sibling_contract
from lake_jobs.common.paths import generated_contract_path

DATASETS = ["customers", "transactions", "support_tickets", "web_events", "quarantine", "quality_results"]


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_generated_contract_loads_with_schemas_matching_its_columns(contract, dataset):
    c = contract(dataset)
    assert c.name == dataset
    assert c.source_schema.fieldNames() == c.column_names
    assert c.table_schema.fieldNames() == c.column_names + [a.name for a in c.audit_columns]


def test_silver_source_contract_has_typed_source_and_audit_columns(contract):
    c = contract("customers")
    assert c.source is not None and c.source.format == "json"
    assert c.source.bronze_prefix == "source=customers/"
    assert [a.name for a in c.audit_columns] == [
        "lake_ingest_date", "lake_processed_at", "lake_run_id", "lake_source_file", "lake_record_hash",
    ]  # fmt: skip
    assert c.column("email").standardize == "email"
    assert c.column("status").enum == ("active", "inactive", "suspended")


def test_a_struct_column_carries_its_leaves_each_classified_on_its_own(contract):
    address = contract("customers").column("address")
    assert address.is_pii  # as services that only know columns see it
    by_name = {leaf.name: leaf for leaf in address.leaves}
    assert list(by_name) == [
        "address.street",
        "address.city",
        "address.state",
        "address.zip",
        "address.country",
    ]
    assert [n for n, leaf in by_name.items() if leaf.is_pii] == ["address.street", "address.zip"]
    assert by_name["address.street"].mask == "redact"
    assert by_name["address.country"].standardize == "upper"


def test_a_cross_column_rule_carries_its_columns_and_its_violation(contract):
    rules = {r.subject: r for r in contract("support_tickets").rules_of("compare", "null_when", "duration")}
    assert set(rules) == {
        "resolved_date+created_date",
        "resolved_date+status",
        "resolution_time_hours+status",
        "resolution_time_hours",
    }
    compare = rules["resolved_date+created_date"]
    assert (compare.operator, compare.blocking) == (">=", True)
    assert compare.columns_read == ("resolved_date", "created_date")
    duration = rules["resolution_time_hours"]
    assert (duration.start, duration.end, duration.unit, duration.blocking) == (
        "created_date",
        "resolved_date",
        "hours",
        False,
    )
    assert duration.violation and "`resolution_time_hours`" in duration.violation


def test_a_cdc_contract_says_where_dms_lands_it_and_its_change_columns(contract):
    source = contract("transactions").source
    assert source is not None and (source.kind, source.layout) == ("cdc", "dms")
    assert source.table_prefix == "source=transactions/sales/transactions/"
    assert source.cdc is not None and source.cdc.columns == ("Op", "cdc_change_seq")
    assert dict(source.cdc.operations) == {"insert": "I", "update": "U", "delete": "D"}
    hive = contract("web_events").source
    assert hive is not None and hive.cdc is None
    assert (hive.layout, hive.table_prefix) == ("hive", "source=web_events/")


def test_a_contract_written_before_the_layout_keys_reads_as_hive():
    raw = _raw()
    for key in ("layout", "tablePrefix", "cdc"):
        raw["source"].pop(key)
    source = parse_contract(raw, "old/customers/contract.json").source
    assert source is not None and (source.layout, source.table_prefix) == ("hive", "source=customers/")


INSERTS_ONLY = {
    "schema": "s", "table": "t", "operationColumn": "Op", "operations": {"insert": "I"},
    "commitOrderColumn": "q",
}  # fmt: skip


def _raw() -> dict:
    return json.loads(generated_contract_path("customers").read_text())


@pytest.mark.parametrize(
    ("mutate", "key", "message"),
    [
        (lambda r: r.pop("primaryKey"), "primaryKey", "missing key"),
        (lambda r: r["columns"][1].pop("nullable"), "columns[1].nullable", "missing key"),
        (lambda r: r.update(layer="platinum"), "layer", "'platinum' is not one of"),
        (lambda r: r["columns"][0].update(nullable="no"), "columns[0].nullable", "expected bool"),
        (lambda r: r.update(contractVersion=1), "contractVersion", "not supported"),
        (lambda r: r["columns"][5]["leaves"][0].update(path=["street"]), "columns[5].leaves", "'address'"),
        (
            lambda r: r["columns"][5]["leaves"][1].update(classification="x"),
            "columns[5].leaves[1].classification",
            "'x' is not one of",
        ),
        (lambda r: r["rules"][2].pop("violation"), "rules[2].violation", "required by a compare rule"),
        (lambda r: r["rules"][2].update(other="nope"), "rules[2]", "unknown column 'nope'"),
        (lambda r: r.update(primaryKey=["nope"]), "primaryKey[0]", "unknown column 'nope'"),
        (lambda r: r["rules"][0].pop("pattern"), "rules[0].pattern", "required by a regex rule"),
        (lambda r: r["rules"][0].update(kind="shape"), "rules[0].kind", "'shape' is not one of"),
        (lambda r: r["sourceSchema"]["fields"].pop(), "sourceSchema", "differ from the columns"),
        (lambda r: r["source"].update(layout="flat"), "source.layout", "'flat' is not one of"),
        (lambda r: r["source"].update(layout="dms"), "source.cdc", "missing: a source in the dms layout"),
        (lambda r: r["source"].update(cdc=INSERTS_ONLY), "source.cdc.operations.update", "missing key"),
    ],
)
def test_a_broken_contract_names_the_file_and_the_key(mutate, key, message):
    raw = copy.deepcopy(_raw())
    mutate(raw)
    with pytest.raises(ContractFileError) as err:
        parse_contract(raw, "somewhere/customers/contract.json")
    assert err.value.key == key
    assert str(err.value).startswith(f"somewhere/customers/contract.json: {key}: ")
    assert message in str(err.value)


def test_a_missing_or_invalid_file_is_named(tmp_path: Path):
    with pytest.raises(ContractFileError, match=r"nowhere\.json: file not found .*make generate"):
        load_contract(str(tmp_path / "nowhere.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ContractFileError, match=r"bad\.json: not valid JSON"):
        load_contract(str(bad))


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("dist/schemas/customers/contract.json", "dist/schemas/quarantine/contract.json"),
        ("s3://jobs/contracts/customers/contract.json", "s3://jobs/contracts/quarantine/contract.json"),
        ("customers/contract.json", "./quarantine/contract.json"),
    ],
)
def test_sibling_contract_is_found_beside_the_given_one(location, expected):
    assert sibling_contract(location, "quarantine") == expected
