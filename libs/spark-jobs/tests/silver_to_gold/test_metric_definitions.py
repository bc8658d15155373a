"""The customer 360's metric definitions are written once, as its contract's column descriptions: the
builder's README table quotes them, and this test fails when the two differ or a column is missing from
the table."""

from __future__ import annotations

import re
from pathlib import Path

from lake_jobs.common.contract import load_contract
from lake_jobs.common.paths import generated_contract_path

README = Path(__file__).parents[2] / "src" / "lake_jobs" / "silver_to_gold" / "README.md"
ROW = re.compile(r"^\| `(?P<column>[a-z0-9_]+)` \| (?P<definition>.+) \|$")


def readme_definitions(text: str) -> dict[str, str]:
    """Rows of the README's "what each column holds" table, by column."""
    section = text.split("## customer_360: what each column holds", 1)[1].split("\n## ", 1)[0]
    return {m["column"]: m["definition"] for line in section.splitlines() if (m := ROW.match(line))}


def test_the_readme_quotes_every_column_description_of_the_contract():
    contract = load_contract(str(generated_contract_path("customer_360")))
    in_readme = readme_definitions(README.read_text(encoding="utf-8"))
    assert in_readme == {c.name: c.description for c in contract.columns}


def test_the_table_reader_sees_a_changed_definition():
    text = README.read_text(encoding="utf-8").replace(
        "| `open_tickets` | Tickets created", "| `open_tickets` | All tickets created", 1
    )
    assert readme_definitions(text)["open_tickets"].startswith("All tickets created")
