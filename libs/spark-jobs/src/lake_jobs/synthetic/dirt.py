"""The kinds of dirty rows the generator injects, where each applies, and what bronze -> silver does with it.

Each dirty row carries exactly one kind and one outcome, so the manifest predicts the job's report exactly:
``written`` (kept, after standardization), ``duplicate`` (removed by deduplication) or a quarantine reason.
A kind that changes a column the cross-column rules read says what value those rules will see (``seen``),
and the generator makes the row's other columns agree with it, so the row has its one outcome and no other
reason or warning. The ``breaks:<kind>:<subject>`` kinds break one cross-column rule each and nothing else:
quarantined with that reason when the rule is blocking, written and counted in ``warningsByRule`` when not.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pyspark.sql import types as T

from lake_jobs.common.contract import Contract, Rule
from lake_jobs.common.rule_checks import reason_code
from lake_jobs.common.vocabulary import CROSS_COLUMN_RULE_KINDS
from lake_jobs.synthetic.values import UNICODE_TEXT

WRITTEN = "written"
DUPLICATE = "duplicate"
EXTRA_COLUMN = "promo_code"


@dataclass(frozen=True)
class Text:
    """A value written as this exact text, whatever the column's type (a wrong type, another date format)."""

    text: str


@dataclass
class Record:
    """One bronze record: column -> value (a missing key is a missing column), or an unparseable line."""

    values: dict[str, Any]
    malformed: str | None = None
    repeated: tuple[str, Any] | None = None  # a key the JSON line names a second time, with that value
    dirty: bool = False  # set by every dirt kind; clean records skip the per-value checks when grouped


def as_written(_clean: Any, written: Any) -> Any:
    """What the rules see of a value the kind wrote: the value itself (its text, when written as text)."""
    return written.text if isinstance(written, Text) else written


def as_clean(clean: Any, _written: Any) -> Any:
    """A value rendered otherwise (another date format, punctuation, case): standardization gives it back."""
    return clean


def as_null(_clean: Any, _written: Any) -> Any:
    """A value that is missing, null or does not parse: the rules see NULL."""
    return None


@dataclass(frozen=True)
class Dirt:
    name: str
    target: str | None  # the column it changes, when it changes one
    outcome: str  # WRITTEN, DUPLICATE or a quarantine reason code
    apply: Callable[[Record, random.Random], Record]
    # (clean value, written value) -> the value the row rules see in the target column
    seen: Callable[[Any, Any], Any] = as_written
    breaks: Rule | None = None  # the cross-column rule the kind breaks


def _types(c: Contract) -> dict[str, T.DataType]:
    return {f.name: f.dataType for f in c.source_schema.fields}


def _first(c: Contract, keep: Callable[[str], bool]) -> str | None:
    return next((n for n in c.column_names if keep(n)), None)


def _plain(c: Contract, name: str) -> bool:
    """A column no other dirt kind depends on: not a key, not the ordering column."""
    return name not in c.primary_key and name != c.ordering_column


def _render_timestamp(value: datetime, style: int) -> Text:
    v = value.astimezone(UTC)
    shapes = (
        lambda: (v + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00"),
        lambda: v.strftime("%Y-%m-%d %H:%M:%S"),
        lambda: v.strftime("%m/%d/%Y %H:%M"),
        lambda: str(int(v.timestamp())),
        lambda: str(int(v.timestamp()) * 1000),
    )
    return Text(shapes[style % len(shapes)]())


def _render_date(value: date, style: int) -> Text:
    shapes = ("%m/%d/%Y", "%d-%m-%Y", "%Y-%m-%d")
    return Text(value.strftime(shapes[style % len(shapes)]))


def dirt_kinds(c: Contract, source_format: str) -> list[Dirt]:
    """The kinds that apply to ``c`` read from ``source_format``, in a fixed order."""
    types = _types(c)
    kinds: list[Dirt] = []
    key = c.primary_key[0] if len(c.primary_key) == 1 else None
    order = c.ordering_column

    def put(
        name: str,
        target: str | None,
        outcome: str,
        apply: Callable[[Record, random.Random], Record],
        seen: Callable[[Any, Any], Any] = as_written,
        breaks: Rule | None = None,
    ) -> None:
        def marked(record: Record, rng: random.Random) -> Record:
            out = apply(record, rng)
            out.dirty = True
            return out

        kinds.append(Dirt(name, target, outcome, marked, seen, breaks))

    def setting(
        column: str, make: Callable[[Any, random.Random], Any]
    ) -> Callable[[Record, random.Random], Record]:
        def apply(record: Record, rng: random.Random) -> Record:
            record.values[column] = make(record.values.get(column), rng)
            return record

        return apply

    if key and order:
        # The copy is older, so the original wins deduplication and the copy is counted as removed.
        put(
            DUPLICATE,
            order,
            DUPLICATE,
            setting(order, lambda v, rng: v - timedelta(seconds=rng.randint(1, 3600))),
        )
    if key:
        put("null_key", key, f"not_null:{key}", setting(key, lambda _v, _r: None), as_null)
    if source_format in ("json", "csv"):
        put("malformed", None, "malformed_record", lambda r, _rng: Record(r.values, malformed="malformed"))
    email = _first(c, lambda n: c.column(n).standardize == "email")
    regex = next((r for r in c.rules if r.kind == "regex" and r.column == email and r.blocking), None)
    if email and regex:
        bad = ("not-an-email", "john.doe@", "@example.com", "two@@example.com")
        put("bad_email", email, f"regex:{email}", setting(email, lambda _v, rng: rng.choice(bad)))
    phone = _first(c, lambda n: c.column(n).standardize == "phone")
    if phone:
        # Punctuation around the same digits: standardization must give back exactly the clean digits.
        put(
            "bad_phone",
            phone,
            WRITTEN,
            setting(phone, lambda v, _r: Text(f"+{v[:3]} ({v[3:6]}) {v[6:8]}-{v[8:]}")),
            as_clean,
        )
    when = _first(c, lambda n: _plain(c, n) and isinstance(types[n], T.TimestampType | T.DateType))
    if when:
        render = _render_timestamp if isinstance(types[when], T.TimestampType) else _render_date
        put("mixed_dates", when, WRITTEN, setting(when, lambda v, rng: render(v, rng.randrange(5))), as_clean)
    enum = _first(c, lambda n: bool(c.column(n).enum) and _plain(c, n))
    if enum:
        put("unknown_enum", enum, f"allowed:{enum}", setting(enum, lambda _v, _r: Text("unknown_value")))
        put("enum_case", enum, WRITTEN, setting(enum, lambda v, _r: Text(f"  {v.upper()} ")), as_clean)
    put(
        "extra_column",
        EXTRA_COLUMN,
        WRITTEN,
        setting(EXTRA_COLUMN, lambda _v, rng: f"PROMO{rng.randrange(100)}"),
    )
    optional = _first(
        c, lambda n: _plain(c, n) and c.column(n).nullable and n not in (email, phone, when, enum)
    )
    if optional:
        put("missing_column", optional, WRITTEN, _dropping(optional), as_null)
    required = _first(c, lambda n: _plain(c, n) and not c.column(n).nullable and n not in (email, when))
    if required:
        put("missing_required", required, f"missing:{required}", _dropping(required), as_null)
    ranged = next(
        (r for r in c.rules if r.kind == "range" and r.blocking and r.column and _plain(c, r.column)), None
    )
    ranged_column = ranged.column if ranged else None
    typed = _first(
        c,
        lambda n: _plain(c, n) and not isinstance(types[n], T.StringType) and n not in (when, ranged_column),
    )
    typed = typed or when
    if typed:
        put(
            "wrong_type",
            typed,
            f"parse_error:{typed}",
            setting(typed, lambda _v, _r: Text("not-a-value")),
            as_null,
        )
    text = _first(
        c,
        lambda n: (
            _plain(c, n)
            and isinstance(types[n], T.StringType)
            and not c.column(n).enum
            and c.column(n).standardize is None
            and not any(r.column == n for r in c.rules)
        ),
    )
    if text:
        put("unicode", text, WRITTEN, setting(text, lambda _v, rng: rng.choice(UNICODE_TEXT)))
    if ranged and ranged.column and ranged.column != when:
        outside = ranged.max + 1 if ranged.max is not None else (ranged.min or 0) - 1
        bound = Text(_number(outside))
        put(
            "out_of_range",
            ranged.column,
            f"range:{ranged.column}",
            setting(ranged.column, lambda _v, _r: bound),
            lambda _c, _w: outside,
        )
    if source_format == "json":
        # The key named twice, the second time with another value: a reader keeping either would be wrong.
        repeated = key or c.column_names[0]
        put(
            "duplicate_key",
            repeated,
            f"duplicate_key:{repeated}",
            _repeating(repeated),
            as_clean,
        )
    for rule in c.rules_of(*CROSS_COLUMN_RULE_KINDS):
        put(
            f"breaks:{rule.kind}:{rule.subject}",
            rule.column,
            reason_code(rule) if rule.blocking else WRITTEN,
            lambda r, _rng: r,
            breaks=rule,
        )
    return kinds


def _number(value: float) -> str:
    """Plain digits (``1000001``, not ``1e+06``), readable as any numeric type."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _repeating(column: str) -> Callable[[Record, random.Random], Record]:
    def apply(record: Record, _rng: random.Random) -> Record:
        record.repeated = (column, f"{record.values.get(column)}-again")
        return record

    return apply


def _dropping(column: str) -> Callable[[Record, random.Random], Record]:
    def apply(record: Record, _rng: random.Random) -> Record:
        record.values.pop(column, None)
        return record

    return apply
