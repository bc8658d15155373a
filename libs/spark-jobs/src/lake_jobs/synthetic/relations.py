"""The cross-column rules of a contract (compare, null_when, duration) for the generator: judged in Python
with the semantics of their ``violation`` SQL, and a fixer that changes a drawn row until they hold.

``broken(rule, row)`` gives what ``coalesce(<violation>, false)`` gives in Spark for the row: a compare or a
duration with a NULL operand is not broken; a date compared with a timestamp is that day at midnight UTC (the
jobs' session zone); a NULL ``when`` holds none of a null_when's values; a duration is broken when the
column differs from ``to - from`` in its unit by more than the vocabulary's tolerance.

``Relations.satisfy`` loops to a fixed point, fixing the first broken rule each time, and never changes a
``locked`` column (the value a dirt kind gives to the rules) nor nulls a ``present`` one. A row it cannot
fix is a ValueError naming the dataset and the rule: a contract whose rules contradict each other, or a dirt
kind that locked a column the rules cannot live with.
"""

from __future__ import annotations

import copy
import operator
import random
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pyspark.sql import types as T

from lake_jobs.common.contract import Contract, Rule
from lake_jobs.common.vocabulary import CROSS_COLUMN_RULE_KINDS, DURATION_TOLERANCE, DURATION_UNIT_SECONDS
from lake_jobs.synthetic.values import day_start

Row = dict[str, Any]

_COMPARE: Mapping[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
    "<>": operator.ne,
}
# Which way a column must move from the other for the comparison to hold: later (+1), earlier (-1), equal (0).
_HOLDS_WHEN = {"<": -1, "<=": -1, ">": 1, ">=": 1, "=": 0, "<>": 1}
_BREAKS_WHEN = {"<": 1, "<=": 1, ">": -1, ">=": -1, "=": 1, "<>": 0}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"}


def _instant(value: Any) -> Any:
    """Spark compares a date with a timestamp as the timestamp of its midnight (in UTC, the session zone)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value


def _seconds(value: date | datetime) -> float:
    """``CAST(CAST(x AS TIMESTAMP) AS DOUBLE)``."""
    return _instant(value).timestamp()


def _elapsed(rule: Rule, row: Row) -> float:
    assert rule.start is not None and rule.end is not None and rule.unit is not None
    return (_seconds(row[rule.end]) - _seconds(row[rule.start])) / DURATION_UNIT_SECONDS[rule.unit]


def judge(rule: Rule) -> Callable[[Row], bool]:
    """The rule's violation condition as a function of a row holding typed values (built once per rule: the
    generator calls it several times for each row it draws)."""
    column = str(rule.column)
    if rule.kind == "compare":
        other, holds = str(rule.other), _COMPARE[str(rule.operator)]

        def compare(row: Row) -> bool:
            a, b = row.get(column), row.get(other)
            if a is None or b is None:
                return False
            if type(a) is not type(b):  # a date against a timestamp
                a, b = _instant(a), _instant(b)
            return not holds(a, b)

        return compare
    if rule.kind == "null_when":
        when, values = str(rule.when), frozenset(rule.values or ())

        def null_when(row: Row) -> bool:
            value = row.get(when)
            return (value is not None and str(value) in values) == (row.get(column) is not None)

        return null_when
    if rule.kind == "duration":
        start, end, unit = str(rule.start), str(rule.end), DURATION_UNIT_SECONDS[str(rule.unit)]

        def duration(row: Row) -> bool:
            value, since, until = row.get(column), row.get(start), row.get(end)
            if value is None or since is None or until is None:
                return False
            return abs(float(value) - (_seconds(until) - _seconds(since)) / unit) > DURATION_TOLERANCE

        return duration
    raise ValueError(f"rule {rule.id}: {rule.kind} is not a cross-column rule kind")


def broken(rule: Rule, row: Row) -> bool:
    """True where the rule's violation condition is true for ``row`` (``row`` holds the values as typed)."""
    return judge(rule)(row)


class CannotSatisfy(ValueError):
    """A row the rules cannot all hold for, with the columns that were not to change."""


class Relations:
    """The cross-column rules of one contract, and how to change a row of it until they hold.

    ``draw(column)`` gives a clean value for a column (the ValueFactory's), used when a rule needs a value
    where the row has none; times are moved in whole minutes (every accepted text format carries them exactly)
    and never past the end of ``day``, the day the data is generated for."""

    def __init__(self, contract: Contract, day: date, rng: random.Random, draw: Callable[[str], Any]):
        self.contract = contract
        self.rng = rng
        self.draw = draw
        self.latest = day_start(day) + timedelta(days=1)
        self.rules: tuple[Rule, ...] = tuple(contract.rules_of(*CROSS_COLUMN_RULE_KINDS))
        self.blocking: tuple[Rule, ...] = tuple(r for r in self.rules if r.blocking)
        self.columns_read = frozenset(n for r in self.rules for n in r.columns_read)
        self._judges = {r.id: judge(r) for r in self.rules}
        self.types = {f.name: f.dataType for f in contract.source_schema.fields}
        allowed = {r.column: r.values for r in contract.rules_of("allowed") if r.values}
        self.choices: dict[str, tuple[str, ...]] = {
            c.name: tuple(c.enum or allowed.get(c.name) or ()) for c in contract.columns
        }

    def satisfy(
        self,
        row: Row,
        rules: Sequence[Rule] | None = None,
        locked: Collection[str] = (),
        present: Collection[str] = (),
    ) -> Row:
        """``row`` changed (in place) until no rule of ``rules`` (default: all) is broken."""
        rules = self.rules if rules is None else rules
        for _ in range(4 * len(rules) + 4):
            failing = self._first_broken(rules, row)
            if failing is None:
                return row
            if not self._fix(failing, row, locked, present):
                break
        failing = self._first_broken(rules, row)
        if failing is None:
            return row
        held = {n: row.get(n) for n in locked}
        raise CannotSatisfy(
            f"dataset {self.contract.name!r}: cannot generate a row satisfying rule {failing.id} "
            f"with {held or 'no column'} held (row {row})"
        )

    def _first_broken(self, rules: Sequence[Rule], row: Row) -> Rule | None:
        for rule in rules:
            if self._judges[rule.id](row):
                return rule
        return None

    def breaking(self, row: Row, rule: Rule, others: Sequence[Rule]) -> Row:
        """``row`` changed so that it breaks ``rule`` and no rule of ``others``."""
        errors = []
        for attempt in self._breaks(rule):
            candidate = copy.copy(row)
            try:
                if not attempt(candidate):
                    continue
                self.satisfy(candidate, others, locked=rule.columns_read)
            except CannotSatisfy as err:
                errors.append(str(err))
                continue
            if broken(rule, candidate):
                return candidate
        raise CannotSatisfy(
            f"dataset {self.contract.name!r}: cannot generate a row breaking only rule {rule.id}: "
            + "; ".join(errors or ["the rule still holds"])
        )

    # Fixing one broken rule; False when every column it could change is locked.

    def _fix(self, rule: Rule, row: Row, locked: Collection[str], present: Collection[str]) -> bool:
        if rule.kind == "compare":
            return self._fix_compare(rule, row, locked)
        if rule.kind == "null_when":
            return self._fix_null_when(rule, row, locked, present)
        return self._fix_duration(rule, row, locked)

    def _fix_compare(self, rule: Rule, row: Row, locked: Collection[str]) -> bool:
        column, other, op = str(rule.column), str(rule.other), str(rule.operator)
        if column not in locked:
            moved = self._moved(column, row[other], _HOLDS_WHEN[op])
            if moved is not None:
                row[column] = moved
                return True
        if other not in locked:
            moved = self._moved(other, row[column], _HOLDS_WHEN[_MIRROR[op]])
            if moved is not None:
                row[other] = moved
                return True
        return False

    def _fix_null_when(self, rule: Rule, row: Row, locked: Collection[str], present: Collection[str]) -> bool:
        column = str(rule.column)
        if row.get(column) is not None:  # must be null: null it, or move `when` out of the values
            if column not in locked and column not in present:
                row[column] = None
                return True
            return self._set_when(rule, row, locked, inside=False)
        # The column must hold a value: draw one, or move `when` into the values when it is locked.
        if column not in locked:
            row[column] = self.draw(column)
            if row[column] is not None:
                return True
        return self._set_when(rule, row, locked, inside=True)

    def _set_when(self, rule: Rule, row: Row, locked: Collection[str], inside: bool) -> bool:
        when = str(rule.when)
        if when in locked:
            return False
        values = rule.values or ()
        known = self.choices.get(when) or values
        options = [v for v in known if (v in values) == inside]
        if not options:
            return False
        row[when] = self.rng.choice(options)
        return True

    def _fix_duration(self, rule: Rule, row: Row, locked: Collection[str]) -> bool:
        column, start, end = str(rule.column), str(rule.start), str(rule.end)
        if column not in locked:
            row[column] = self._typed(column, _elapsed(rule, row))
            return True
        seconds = float(row[column]) * DURATION_UNIT_SECONDS[str(rule.unit)]
        if isinstance(self.types[end], T.TimestampType) and end not in locked:
            row[end] = _instant(row[start]) + timedelta(seconds=seconds)
            return True
        if isinstance(self.types[start], T.TimestampType) and start not in locked:
            row[start] = _instant(row[end]) - timedelta(seconds=seconds)
            return True
        return False

    def _typed(self, column: str, value: float) -> Any:
        """A duration as the column's type, within the tolerance of ``value`` (two decimals)."""
        data_type = self.types[column]
        if isinstance(data_type, T.DecimalType):
            return Decimal(round(value, 2)).quantize(Decimal(1).scaleb(-data_type.scale))
        if isinstance(data_type, T.ByteType | T.ShortType | T.IntegerType | T.LongType):
            return round(value)  # only within the tolerance when the elapsed time is whole: verified after
        return round(value, 2)

    def _moved(self, column: str, base: Any, direction: int) -> Any:
        """A value for ``column`` after (1), before (-1) or equal to (0) ``base``, in the column's type; None
        when there is no room (after, with ``base`` at the end of the day)."""
        data_type = self.types[column]
        if isinstance(data_type, T.TimestampType | T.DateType):
            at = _instant(base)
            if direction > 0:
                room = int((self.latest - at).total_seconds() // 60)
                if room < 1:
                    return None
                at = at + timedelta(minutes=self.rng.randint(1, min(room, 30 * 24 * 60)))
            elif direction < 0:
                at = at - timedelta(minutes=self.rng.randint(1, 30 * 24 * 60))
            if isinstance(data_type, T.DateType):
                moved = at.date()
                # A date is its midnight: moving later needs the next day when `at` is not midnight itself.
                if direction > 0 and _instant(moved) <= _instant(base):
                    moved += timedelta(days=1)
                return None if direction > 0 and _instant(moved) > self.latest else moved
            return at
        if isinstance(base, int | float | Decimal) and not isinstance(base, bool):
            return base + direction
        return base if direction == 0 else None

    # Ways of breaking each kind, tried in order: each sets the rule's columns and says whether it could.

    def _breaks(self, rule: Rule) -> list[Callable[[Row], bool]]:
        column = str(rule.column)

        def filled(row: Row, names: Sequence[str]) -> bool:
            for n in names:
                if row.get(n) is None:
                    row[n] = self.draw(n)
            return all(row.get(n) is not None for n in names)

        def settle(row: Row, names: Sequence[str]) -> bool:
            """The rule's columns non-null and every other rule holding before the rule is broken."""
            if not filled(row, names):
                return False
            self.satisfy(row, [r for r in self.rules if r is not rule], present=names)
            return True

        if rule.kind == "compare":
            other, op = str(rule.other), str(rule.operator)

            def move_column(row: Row) -> bool:
                if not settle(row, [column, other]):
                    return False
                row[column] = self._moved(column, row[other], _BREAKS_WHEN[op])
                return row[column] is not None

            def move_other(row: Row) -> bool:
                if not settle(row, [column, other]):
                    return False
                row[other] = self._moved(other, row[column], _BREAKS_WHEN[_MIRROR[op]])
                return row[other] is not None

            return [move_column, move_other]
        if rule.kind == "null_when":
            when = str(rule.when)

            def set_while_holding(row: Row) -> bool:
                return settle(row, [column, when]) and self._set_when(rule, row, (), inside=True)

            def null_while_not_holding(row: Row) -> bool:
                if not self._set_when(rule, row, (), inside=False):
                    return False
                row[column] = None
                return True

            return [set_while_holding, null_while_not_holding]

        def off_by_one_unit(row: Row) -> bool:
            if not settle(row, [column, str(rule.start), str(rule.end)]):
                return False
            row[column] = self._typed(column, _elapsed(rule, row) + 1)
            return True

        return [off_by_one_unit]
