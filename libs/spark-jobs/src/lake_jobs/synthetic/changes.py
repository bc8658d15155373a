"""A ``cdc`` source's day after its initial load, as DMS delivers it: the day's inserts of new keys, then
updates and deletes of rows the table already holds, and some of the day's new rows changed again later
the same day (a change that a later one of its key supersedes).

Every record carries DMS's operation column. Deletes come both as the whole row and with the key alone
(what DMS writes when the source database logs only the key of a deleted row). The expected figures are
those of the job applying the day to the state the initial load left (``lake_jobs.cdc.apply``).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from lake_jobs.common.contract import Cdc, Contract
from lake_jobs.synthetic.dirt import Record
from lake_jobs.synthetic.relations import Relations
from lake_jobs.synthetic.values import ValueFactory

UPDATE_SHARE = 0.1  # of the rows the table holds
DELETE_SHARE = 0.05
RESTATED_SHARE = 0.05  # of the day's new rows, changed again after their insert


@dataclass(frozen=True)
class ChangeDay:
    records: list[Record]  # in commit order, after the day's inserts
    updates: int
    deletes: int
    restated: int


def cdc_of(contract: Contract) -> Cdc:
    if contract.source is None or contract.source.cdc is None:
        raise ValueError(f"dataset {contract.name!r} is not a cdc source: it has no change records")
    return contract.source.cdc


def mark_inserts(contract: Contract, records: Sequence[Record]) -> None:
    """Every record of a load is an insert."""
    cdc = cdc_of(contract)
    for record in records:
        record.values[cdc.operation_column] = cdc.operations["insert"]


def _changed_column(contract: Contract) -> str | None:
    """The column an update changes besides the ordering one: the first enum that is not a key."""
    keys = set(contract.primary_key)
    return next((c.name for c in contract.columns if c.enum and c.name not in keys), None)


def change_records(
    contract: Contract,
    day: date,
    held: Sequence[Record],
    new: Sequence[Record],
    rng: random.Random,
    references: dict[str, Sequence[str]],
) -> ChangeDay:
    """Updates and deletes of the ``held`` rows (those the table holds) and restatements of the day's
    ``new`` clean rows."""
    cdc = cdc_of(contract)
    ops, ordering, changed = cdc.operations, contract.ordering_column, _changed_column(contract)
    choices = next((c.enum or () for c in contract.columns if c.name == changed), ())
    factory = ValueFactory(contract, day, rng, references)
    relations = Relations(contract, day, rng, lambda column: factory.value(column, 0))
    picked = rng.sample(range(len(held)), max(2, round(len(held) * (UPDATE_SHARE + DELETE_SHARE))))
    deletes = max(1, round(len(held) * DELETE_SHARE))
    out: list[Record] = []

    def updated(base: Record, at: Any) -> Record:
        values = copy.deepcopy(base.values)
        if changed is not None:
            values[changed] = rng.choice([v for v in choices if v != values.get(changed)])
        if ordering is not None:
            values[ordering] = at
        values = relations.satisfy(values)
        values[cdc.operation_column] = ops["update"]
        return Record(values)

    for i in picked[deletes:]:
        out.append(updated(held[i], factory.value(ordering, 0) if ordering else None))
    for n, i in enumerate(picked[:deletes]):
        values = dict(held[i].values)
        if n % 2:  # only the key, as DMS writes a delete whose source logs just the key
            values = {k: (v if k in contract.primary_key else None) for k, v in values.items()}
        values[cdc.operation_column] = ops["delete"]
        out.append(Record(values))
    restated = rng.sample(list(new), min(len(new), max(1, round(len(new) * RESTATED_SHARE))))
    for base in restated:
        at = base.values.get(ordering) if ordering else None
        out.append(updated(base, at + timedelta(seconds=1) if at is not None else None))
    return ChangeDay(out, updates=len(picked) - deletes, deletes=deletes, restated=len(restated))


def load_figures(expected: Mapping[str, Any]) -> dict[str, Any]:
    """A load applied to an empty table: every written row an insert, every duplicate superseded."""
    return {
        **expected,
        "changes": {
            "changesRead": expected["rowsWritten"] + expected["duplicatesRemoved"],
            "inserts": expected["rowsWritten"],
            "updates": 0,
            "unchanged": 0,
            "deletes": 0,
            "deletesOfMissingKeys": 0,
            "superseded": expected["duplicatesRemoved"],
            "tableRowsBefore": 0,
        },
    }


def change_day_figures(inserts: Mapping[str, Any], change: ChangeDay, rows_before: int) -> dict[str, Any]:
    """The figures of a change day: ``inserts`` (the expected figures of its new rows alone) plus the
    changes, applied to a table of ``rows_before`` rows."""
    superseded = inserts["duplicatesRemoved"] + change.restated
    applied = inserts["rowsWritten"] + superseded + change.updates + change.deletes
    return {
        **inserts,
        "rowsRead": inserts["rowsRead"] + len(change.records),
        "rowsWritten": rows_before + inserts["rowsWritten"] - change.deletes,
        "duplicatesRemoved": superseded,
        "changes": {
            "changesRead": applied,
            "inserts": inserts["rowsWritten"],
            "updates": change.updates,
            "unchanged": 0,
            "deletes": change.deletes,
            "deletesOfMissingKeys": 0,
            "superseded": superseded,
            "tableRowsBefore": rows_before,
        },
    }
