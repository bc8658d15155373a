"""Clean values for a contract's columns: typed Python values that pass every blocking rule of the contract.

Driven by the contract (type, enum, standardize, rules, references) with a few name hints (first_name, city,
...) so the sample reads like real data. Deterministic: every draw comes from the ``random.Random`` passed in.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import rstr
from pyspark.sql import types as T

from lake_jobs.common.contract import Column, Contract, Rule

FIRST_NAMES = ("ana", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivan", "jo", "kofi", "lena")
LAST_NAMES = ("smith", "garcia", "kim", "okafor", "novak", "rossi", "haddad", "silva", "berg", "tanaka")
CITIES = (("Austin", "TX", "US"), ("Leeds", "ENG", "GB"), ("Lyon", "ARA", "FR"), ("Porto", "13", "PT"))
CATEGORIES = ("electronics", "books", "home", "garden", "toys", "fashion", "sports")
SUBJECTS = ("Order not received", "Refund request", "Login problem", "Damaged item", "Billing question")
UNICODE_TEXT = ("Zoë Ångström", "José Müller", "李雷", "Ørjan 😀", "Ελένη", "Łukasz Żółć")


# How many strings a pattern may yield before it counts as one the generator cannot satisfy: a pattern rstr
# reads fully matches on the first draw, so only constructs it skips (lookarounds) use up the tries.
PATTERN_TRIES = 20


class UnsupportedPatternError(ValueError):
    """A contract's regex rule that no generated string satisfies; the message is one line naming the rule."""


def key_prefix(dataset: str) -> str:
    """``support_tickets`` -> ``ST``: keys of different datasets never collide."""
    return "".join(part[0] for part in dataset.split("_")).upper()


def make_key(dataset: str, index: int) -> str:
    return f"{key_prefix(dataset)}{index:08d}"


def key_maker(dataset: str) -> Callable[[int], str]:
    prefix = key_prefix(dataset)
    return lambda index: f"{prefix}{index:08d}"


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


class ValueFactory:
    """Draws clean values for one dataset; ``references`` maps a column to the keys it may point at."""

    def __init__(
        self, contract: Contract, day: date, rng: random.Random, references: dict[str, Sequence[str]]
    ):
        self.contract = contract
        self.day = day
        self.rng = rng
        self.references = references
        self.types = {f.name: f.dataType for f in contract.source_schema.fields}
        self.rules = {
            r.column: r for r in contract.rules if r.column and r.kind in ("range", "allowed", "regex")
        }
        self._draw: dict[str, Callable[[int], Any]] = {c.name: self._drawer(c) for c in contract.columns}

    def row(self, index: int) -> dict[str, Any]:
        return {name: draw(index) for name, draw in self._draw.items()}

    def value(self, column: str, index: int) -> Any:
        return self._draw[column](index)

    def _drawer(self, column: Column) -> Callable[[int], Any]:
        c, rng, name = self.contract, self.rng, column.name
        data_type = self.types[name]
        rule = self.rules.get(name)
        if name in c.primary_key and len(c.primary_key) == 1:
            return key_maker(c.name)
        if name in self.references:
            keys = self.references[name]
            nullable = column.nullable
            # Nullable references (anonymous web visits) are sometimes absent, as in real traffic.
            return lambda _i: None if nullable and rng.random() < 0.1 else rng.choice(keys)
        if name == c.ordering_column and isinstance(data_type, T.TimestampType):
            start = day_start(self.day)
            return lambda _i: start + timedelta(seconds=rng.randrange(86_400))
        if column.enum:
            return lambda _i: rng.choice(column.enum)
        if rule is not None and rule.kind == "allowed":
            values = rule.values or ()
            return lambda _i: rng.choice(values)
        if column.standardize == "email":
            return self._checked(
                name, lambda i: f"{rng.choice(FIRST_NAMES)}.{rng.choice(LAST_NAMES)}{i}@example.com"
            )
        if column.standardize == "phone":
            return lambda _i: f"555{rng.randrange(10_000_000):07d}"
        return self._checked(name, self._by_type(name, data_type, rule))

    def _checked(self, name: str, draw: Callable[[int], Any]) -> Callable[[int], Any]:
        """Holds a drawer to the column's regex rule: a hint value that fails it (``currency_3`` for
        ``^[A-Z]{3}$``) is replaced by a string drawn from the pattern itself."""
        rule = self.rules.get(name)
        if rule is None or rule.kind != "regex" or rule.pattern is None:
            return draw
        from_pattern = self._pattern_drawer(name, rule)
        pattern = re.compile(rule.pattern)

        def checked(i: int) -> Any:
            value = draw(i)
            if value is None or pattern.fullmatch(str(value)):
                return value
            return from_pattern(i)

        return checked

    def _pattern_drawer(self, name: str, rule: Rule) -> Callable[[int], str]:
        """Strings generated from the rule's pattern with rstr, seeded by this factory's random source."""
        where = f"dataset {self.contract.name!r}, column {name!r}, rule {rule.id}"
        try:
            pattern = re.compile(rule.pattern or "")
        except re.error as err:
            raise UnsupportedPatternError(
                f"{where}: pattern {rule.pattern!r} is not a Python regex ({err})"
            ) from None
        strings = rstr.Rstr(self.rng)

        def draw(_i: int) -> str:
            for _ in range(PATTERN_TRIES):
                value = strings.xeger(pattern)
                if pattern.fullmatch(value):
                    return value
            raise UnsupportedPatternError(
                f"{where}: no generated string matches {rule.pattern!r} (lookarounds cannot be generated); "
                "write the pattern without them"
            )

        return draw

    def _by_type(self, name: str, data_type: T.DataType, rule: Rule | None) -> Callable[[int], Any]:
        rng, day = self.rng, self.day
        low = rule.min if rule is not None and rule.kind == "range" and rule.min is not None else 0
        high = rule.max if rule is not None and rule.kind == "range" and rule.max is not None else low + 500
        if isinstance(data_type, T.StringType):
            return self._text(name)
        if isinstance(data_type, T.ByteType | T.ShortType | T.IntegerType | T.LongType):
            lo, hi = int(low), int(min(high, 127 if isinstance(data_type, T.ByteType) else high))
            return lambda _i: rng.randint(lo, hi)
        if isinstance(data_type, T.FloatType | T.DoubleType):
            return lambda _i: round(rng.uniform(low, high), 2)
        if isinstance(data_type, T.DecimalType):
            cents_hi = int(min(high, 5_000) * 100)
            return lambda _i: Decimal(rng.randint(int(low * 100), cents_hi)) / 100
        if isinstance(data_type, T.BooleanType):
            return lambda _i: rng.random() < 0.5
        if isinstance(data_type, T.DateType):
            return lambda _i: day - timedelta(days=rng.randrange(365))
        if isinstance(data_type, T.TimestampType):
            # Whole minutes, so every accepted text format (even MM/dd/yyyy HH:mm) carries the exact value.
            start = day_start(day)
            return lambda _i: start - timedelta(minutes=rng.randrange(1, 365 * 24 * 60))
        if isinstance(data_type, T.StructType):
            fields = {f.name: self._by_type(f.name, f.dataType, None) for f in data_type.fields}
            if {"city", "country"} <= set(fields):
                return lambda i: self._address(i, [f.name for f in data_type.fields])
            return lambda i: {k: draw(i) for k, draw in fields.items()}
        if isinstance(data_type, T.MapType):
            return lambda _i: {"utm_source": rng.choice(("mail", "ads", "direct")), "ab": rng.choice("AB")}
        if isinstance(data_type, T.ArrayType):
            inner = self._by_type(name, data_type.elementType, None)
            return lambda i: [inner(i) for _ in range(2)]
        raise ValueError(f"dataset {self.contract.name!r}, column {name!r}: no generator for {data_type}")

    def _address(self, i: int, names: list[str]) -> dict[str, Any]:
        city, state, country = self.rng.choice(CITIES)
        parts = {
            "street": f"{self.rng.randint(1, 999)} Main St",
            "city": city,
            "state": state,
            "zip": f"{self.rng.randrange(100_000):05d}",
            "country": country,
        }
        return {n: parts.get(n, f"{n}_{i % 7}") for n in names}

    def _text(self, name: str) -> Callable[[int], Any]:
        rng = self.rng
        hints: dict[str, Callable[[int], Any]] = {
            "first_name": lambda _i: rng.choice(FIRST_NAMES).title(),
            "last_name": lambda _i: rng.choice(LAST_NAMES).title(),
            "subject": lambda _i: rng.choice(SUBJECTS),
            "session_id": lambda _i: f"SES{rng.randrange(1_000_000):07d}",
            "page_url": lambda i: f"https://shop.example.com/{rng.choice(CATEGORIES)}/{i}",
        }
        if name in hints:
            return hints[name]
        if name.endswith("category"):
            return lambda _i: rng.choice(CATEGORIES)
        return lambda _i: f"{name}_{rng.randint(1, 20)}"
