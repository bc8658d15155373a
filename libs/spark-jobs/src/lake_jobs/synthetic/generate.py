"""Generating a bronze day for every source dataset, with a known share of dirty rows and a manifest of them.

Deterministic for a seed: each dataset draws from ``random.Random(f"{seed}/{dataset}")`` and every date is
derived from the run date, never from the clock. Datasets that others reference (customers) are generated
first and the references point only at their clean rows, so joins in gold find their customers.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lake_jobs.common.contract import Contract
from lake_jobs.common.paths import source_day_prefix
from lake_jobs.common.vocabulary import ROW_RULE_KINDS
from lake_jobs.synthetic.changes import (
    cdc_of,
    change_day_figures,
    change_records,
    load_figures,
    mark_inserts,
)
from lake_jobs.synthetic.dirt import DUPLICATE, WRITTEN, Dirt, Record, Text, dirt_kinds
from lake_jobs.synthetic.landing import land_day
from lake_jobs.synthetic.relations import Relations
from lake_jobs.synthetic.values import ValueFactory, make_key
from lake_jobs.synthetic.writers import write_avro, write_csv, write_json_lines, write_parquet

SAMPLE_KEYS = 50  # keys listed per dirt kind in the manifest, for tests that look at single rows


@dataclass
class DatasetManifest:
    dataset: str
    source_format: str
    files: list[str]
    rows: int
    clean_rows: int
    dirt: dict[str, int]  # kind -> rows
    targets: dict[str, str | None]  # kind -> the column it changes
    sample_keys: dict[str, list[str]]  # kind -> primary keys of some of its rows
    expected: dict[str, Any]  # the bronze -> silver report figures this day must produce
    # A cdc source generated with its initial load: that load's day, to be processed before this one.
    prior_load: DatasetManifest | None = None


@dataclass
class Manifest:
    seed: int
    run_date: str
    dirty_share: float
    datasets: dict[str, DatasetManifest] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


def generation_order(contracts: Sequence[Contract]) -> list[Contract]:
    """Referenced datasets before the datasets that reference them (then by name)."""
    by_name = {c.name: c for c in contracts}
    done: list[Contract] = []

    def visit(c: Contract, path: tuple[str, ...]) -> None:
        if c in done:
            return
        if c.name in path:
            raise ValueError(f"reference cycle between datasets: {' -> '.join((*path, c.name))}")
        for rule in c.rules_of("references"):
            if rule.dataset in by_name and rule.dataset != c.name:
                visit(by_name[rule.dataset], (*path, c.name))
        done.append(c)

    for contract in sorted(contracts, key=lambda x: x.name):
        visit(contract, ())
    return done


def split_evenly(total: int, kinds: Sequence[Dirt]) -> dict[str, int]:
    """``total`` dirty rows over the kinds, the first ones taking the remainder."""
    if not kinds:
        return {}
    base, extra = divmod(total, len(kinds))
    return {k.name: base + (1 if i < extra else 0) for i, k in enumerate(kinds)}


def dataset_records(
    contract: Contract,
    day: date,
    rows: int,
    dirty_share: float,
    seed: int,
    references: dict[str, Sequence[str]],
    first_index: int = 0,
) -> tuple[list[Record], DatasetManifest, list[str]]:
    """The shuffled records of one dataset's day, its manifest (without files) and its clean keys; keys
    are numbered from ``first_index`` (a later day of new keys starts after the earlier days' ones)."""
    if contract.source is None:
        raise ValueError(f"dataset {contract.name!r} has no source: there is nothing to generate in bronze")
    if not 0 <= dirty_share < 1:
        raise ValueError(f"--dirty-share must be in [0, 1), got {dirty_share}")
    rng = random.Random(f"{seed}/{contract.name}" + (f"/{first_index}" if first_index else ""))
    factory = ValueFactory(contract, day, rng, references)
    kinds = dirt_kinds(contract, contract.source.format)
    counts = split_evenly(round(rows * dirty_share), kinds)
    clean = rows - sum(counts.values())
    if clean < max(counts.get(DUPLICATE, 0), 1):
        raise ValueError(
            f"dataset {contract.name!r}: {rows} rows at share {dirty_share} leave too few clean rows"
        )
    relations = Relations(contract, day, rng, lambda column: factory.value(column, 0))
    records = [Record(relations.satisfy(factory.row(first_index + i))) for i in range(clean)]
    key = contract.primary_key[0] if len(contract.primary_key) == 1 else None
    samples: dict[str, list[str]] = {}
    next_index = first_index + clean
    for kind in kinds:
        if kind.name == DUPLICATE:
            bases = [copy.deepcopy(records[i]) for i in rng.sample(range(clean), counts[kind.name])]
            records.extend(kind.apply(b, rng) for b in bases)
        else:
            bases = [
                Record(relations.satisfy(factory.row(i)))
                for i in range(next_index, next_index + counts[kind.name])
            ]
            next_index += counts[kind.name]
            records.extend(dirty_record(kind, dict(b.values), relations, rng) for b in bases)
        if key:
            samples[kind.name] = [str(b.values[key]) for b in bases[:SAMPLE_KEYS]]
    clean_keys = [str(r.values[key]) for r in records[:clean]] if key else []
    if contract.source.cdc is not None:
        mark_inserts(contract, records)
    rng.shuffle(records)
    manifest = DatasetManifest(
        dataset=contract.name,
        source_format=contract.source.format,
        files=[],
        rows=rows,
        clean_rows=clean,
        dirt={k.name: counts[k.name] for k in kinds},
        targets={k.name: k.target for k in kinds},
        sample_keys=samples,
        expected=expected_figures(contract, rows, clean, kinds, counts),
    )
    return records, manifest, clean_keys


def dirty_record(kind: Dirt, clean: dict[str, Any], relations: Relations, rng: random.Random) -> Record:
    """A clean row made dirty by ``kind``, its other columns changed where the cross-column rules need it:
    they hold for the value the rules will see in the target (all of them for a row that is written, the
    blocking ones for a row quarantined anyway), so the row gets the kind's outcome and nothing else."""
    if kind.breaks is not None:
        rule = kind.breaks
        others = [r for r in relations.rules if r is not rule and (r.blocking or not rule.blocking)]
        return kind.apply(Record(relations.breaking(clean, rule, others)), rng)
    record = kind.apply(Record(dict(clean)), rng)
    target = kind.target
    if target is None or target not in relations.columns_read:
        return record
    view = {**clean, **record.values, target: kind.seen(clean.get(target), record.values.get(target))}
    rules = relations.rules if kind.outcome == WRITTEN else relations.blocking
    relations.satisfy(view, rules, locked={target})
    for name in clean:
        if name != target and name in record.values:
            record.values[name] = view[name]
    return record


def expected_figures(
    contract: Contract, rows: int, clean: int, kinds: Sequence[Dirt], counts: Mapping[str, int]
) -> dict[str, Any]:
    reasons: dict[str, int] = {}
    # Every warning row rule is reported, 0 when no row breaks it; only the breaks: kinds break one.
    warnings = {r.id: 0 for r in contract.rules_of(*ROW_RULE_KINDS) if not r.blocking}
    for kind in kinds:
        if kind.outcome not in (WRITTEN, DUPLICATE) and counts[kind.name]:
            reasons[kind.outcome] = reasons.get(kind.outcome, 0) + counts[kind.name]
        if kind.breaks is not None and not kind.breaks.blocking:
            warnings[kind.breaks.id] += counts[kind.name]
    return {
        "rowsRead": rows,
        "rowsWritten": clean + sum(counts[k.name] for k in kinds if k.outcome == WRITTEN),
        "rowsQuarantined": sum(reasons.values()),
        "duplicatesRemoved": sum(counts[k.name] for k in kinds if k.outcome == DUPLICATE),
        "quarantinedByReason": dict(sorted(reasons.items())),
        "warningsByRule": warnings,
    }


def _file_groups(contract: Contract, records: Sequence[Record]) -> list[tuple[list[str], list[Record]]]:
    """Formats with a per-file schema get one file per column set, and values written as text get their own
    file (a producer that sent strings), so each file is internally consistent as real deliveries are."""
    groups: dict[tuple[tuple[str, ...], bool], list[Record]] = {}
    cdc = contract.source.cdc if contract.source else None
    names = (*contract.column_names, cdc.operation_column) if cdc else contract.column_names
    clean_key = (tuple(names), False)
    for record in records:
        if not record.dirty:
            groups.setdefault(clean_key, []).append(record)
            continue
        columns = tuple([n for n in names if n in record.values] + sorted(set(record.values) - set(names)))
        has_text = any(isinstance(v, Text) for v in record.values.values())
        groups.setdefault((columns, has_text), []).append(record)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(list(columns), group) for (columns, _text), group in ordered]


def write_day(contract: Contract, folder: Path, records: Sequence[Record], spark: Any = None) -> list[str]:
    """Write the records as the source format into ``folder`` (replaced); returns the file paths."""
    assert contract.source is not None
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    fmt = contract.source.format
    if fmt == "json":
        path = folder / "part-00000.json"
        write_json_lines(path, records)
        return [str(path)]
    types = {f.name: f.dataType for f in contract.source_schema.fields}
    files = []
    for i, (columns, group) in enumerate(_file_groups(contract, records)):
        path = folder / f"part-{i:05d}.{fmt}"
        if fmt == "csv":
            write_csv(path, columns, group)
        elif fmt == "parquet":
            write_parquet(path, columns, types, group)
        else:
            if spark is None:
                raise ValueError(f"dataset {contract.name!r}: writing Avro needs a SparkSession")
            write_avro(spark, path, columns, types, group)
        files.append(str(path))
    return files


def generate(
    contracts: Sequence[Contract],
    bronze_root: Path,
    day: date,
    rows: int | Mapping[str, int],
    dirty_share: float,
    seed: int,
    spark: Any = None,
    prior_load: bool = False,
) -> Manifest:
    """Write one bronze day for every contract with a source; returns what was injected where.

    With ``prior_load``, a cdc source also gets the day before as its initial load, and its day holds
    changes to it (``synthetic/changes.py``); the manifest entry's ``prior_load`` describes that load."""
    manifest = Manifest(seed=seed, run_date=day.isoformat(), dirty_share=dirty_share)
    clean_keys: dict[str, list[str]] = {}
    for contract in generation_order([c for c in contracts if c.source is not None]):
        assert contract.source is not None
        count = rows if isinstance(rows, int) else rows[contract.name]
        references = {
            r.column: clean_keys.get(r.dataset or "") or [make_key(r.dataset or "x", i) for i in range(count)]
            for r in contract.rules_of("references")
            if r.column
        }
        if prior_load and contract.source.cdc is not None:
            records, entry, clean_keys[contract.name] = _change_day(
                contract, bronze_root, day, count, dirty_share, seed, references, spark
            )
        else:
            records, entry, clean_keys[contract.name] = dataset_records(
                contract, day, count, dirty_share, seed, references
            )
            if contract.source.cdc is not None:
                entry.expected = load_figures(entry.expected)
        entry.files = _land(contract, bronze_root, day, records, spark)
        manifest.datasets[contract.name] = entry
    return manifest


def _land(
    contract: Contract, bronze_root: Path, day: date, records: Sequence[Record], spark: Any
) -> list[str]:
    source = contract.source
    assert source is not None
    folder = Path(source_day_prefix(str(bronze_root), source.layout, source.table_prefix, day))
    return land_day(contract, folder, day, write_day(contract, folder, records, spark))


def _change_day(
    contract: Contract,
    bronze_root: Path,
    day: date,
    rows: int,
    dirty_share: float,
    seed: int,
    references: dict[str, Sequence[str]],
    spark: Any,
) -> tuple[list[Record], DatasetManifest, list[str]]:
    """A cdc source's initial load on the day before ``day`` (landed here), and ``day``'s changes to it."""
    cdc_of(contract)
    before = day - timedelta(days=1)
    loaded, load, load_keys = dataset_records(contract, before, rows, dirty_share, seed, references)
    load.expected = load_figures(load.expected)
    load.files = _land(contract, bronze_root, before, loaded, spark)
    new, entry, new_keys = dataset_records(contract, day, rows, dirty_share, seed, references, rows)
    held, fresh = _clean(contract, loaded, load_keys), _clean(contract, new, new_keys)
    rng = random.Random(f"{seed}/{contract.name}/changes")
    change = change_records(contract, day, held, fresh, rng, references)
    entry.expected = change_day_figures(entry.expected, change, load.expected["rowsWritten"])
    entry.prior_load = load
    return [*new, *change.records], entry, [*load_keys, *new_keys]


def _clean(contract: Contract, records: Sequence[Record], keys: Sequence[str]) -> list[Record]:
    """The clean records of ``keys``, one per key, in key order."""
    key = contract.primary_key[0]
    wanted = set(keys)
    by_key = {str(r.values[key]): r for r in records if not r.dirty and str(r.values.get(key)) in wanted}
    return [by_key[k] for k in sorted(by_key)]
