"""Reference facts (data/facts.json): the article's checkable claims, their verdicts and sources, dated events.

Every verdict the kit prints comes from this file; the code only reads it. A `Fact` carries what a
claims-vs-sources table needs: the line, the article's words, the verdict, the reference, the numbers on
both sides where there are any, and the sources with their dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from alaloupe import data

VERDICTS = ("accurate", "inaccurate", "misleading", "unverifiable")
FEATURES = ("quote", "number", "date")


@dataclass(frozen=True)
class Source:
    """Where a reference comes from. `date` is ISO 8601 as precise as known ("2025-01-03", "2024-09") or None."""

    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None


@dataclass(frozen=True)
class Amount:
    """A number with a pint unit name (None for a count); `value_max` is set when it is a range."""

    value: float
    unit: str | None
    value_max: float | None = None

    @property
    def is_range(self) -> bool:
        return self.value_max is not None


@dataclass(frozen=True)
class Fact:
    """One checkable claim of the article and what the sources say about it.

    `line` is the first line of the claim (`lines` lists them all); `quote` is an exact substring of the article;
    `features` says what the check depends on: "quote", "number", "date".
    """

    id: str
    line: int
    lines: tuple[int, ...]
    quote: str
    claim: str
    verdict: str
    verdict_detail: str
    reference: str
    explanation: str
    sources: tuple[Source, ...]
    features: tuple[str, ...]
    claimed: Amount | None
    reference_amount: Amount | None

    @property
    def value(self) -> float | None:
        """The reference value (lower bound of a range), or None if the claim is not numeric."""
        return self.reference_amount.value if self.reference_amount else None

    @property
    def unit(self) -> str | None:
        """The pint unit of the reference value, or None."""
        return self.reference_amount.unit if self.reference_amount else None


@dataclass(frozen=True)
class Event:
    """A dated event for the timeline. `precision` is "day" or "month" (then `date` is the 1st of the month)."""

    id: str
    date: dt.date
    precision: str
    label: str
    line: int | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class UnitCheck:
    """A conversion stated in the reference notes: `value` `unit` is about `equals` `to` (rounded)."""

    value: float
    unit: str
    equals: float
    to: str


def parse_iso(text: str) -> tuple[dt.date, str]:
    """ "2024-11-19" -> (date, "day"); "2024-11" -> (1 Nov 2024, "month"); "2024" -> (1 Jan 2024, "year")."""
    parts = [int(p) for p in text.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return dt.date(*parts, *[1] * (3 - len(parts))), precision


@cache
def _raw() -> dict[str, Any]:
    return data.load("facts.json")


@cache
def sources() -> dict[str, Source]:
    """Every source of data/facts.json, by id."""
    return {key: Source(id=key, **value) for key, value in _raw()["sources"].items()}


def _sources(ids: list[str]) -> tuple[Source, ...]:
    known = sources()
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError(f"data/facts.json cites unknown sources {missing}")
    return tuple(known[i] for i in ids)


def _amount(raw: dict[str, Any] | None) -> Amount | None:
    if raw is None:
        return None
    high = raw.get("value_max")
    return Amount(float(raw["value"]), raw["unit"], None if high is None else float(high))


def _fact(raw: dict[str, Any]) -> Fact:
    if raw["verdict"] not in VERDICTS:
        raise ValueError(f"data/facts.json: claim {raw['id']!r} has verdict {raw['verdict']!r}, not one of {VERDICTS}")
    unknown = set(raw["features"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"data/facts.json: claim {raw['id']!r} has unknown features {sorted(unknown)}")
    lines = tuple(raw["lines"])
    return Fact(
        id=raw["id"],
        line=lines[0],
        lines=lines,
        quote=raw["quote"],
        claim=raw["claim"],
        verdict=raw["verdict"],
        verdict_detail=raw["verdict_detail"],
        reference=raw["reference"],
        explanation=raw["explanation"],
        sources=_sources(raw["sources"]),
        features=tuple(raw["features"]),
        claimed=_amount(raw["claimed"]),
        reference_amount=_amount(raw["reference_amount"]),
    )


@cache
def _facts() -> tuple[Fact, ...]:
    return tuple(_fact(raw) for raw in _raw()["claims"])


def load() -> list[Fact]:
    """The article's checkable claims, in line order, each with its verdict and sources."""
    return list(_facts())


def _by_id(items: tuple, wanted: str, kind: str):
    """The item of `items` whose id is `wanted`; KeyError naming the known ids otherwise."""
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(f"no {kind} {wanted!r} in data/facts.json; known: {[item.id for item in items]}")


def get(fact_id: str) -> Fact:
    """The fact with this id ("range_11000_milles", "combat_duty_last_november", …)."""
    return _by_id(_facts(), fact_id, "fact")


def for_line(line: int) -> list[Fact]:
    """The facts about one line of the article (1-based)."""
    return [fact for fact in _facts() if line in fact.lines]


@cache
def _events() -> tuple[Event, ...]:
    events = []
    for raw in _raw()["events"]:
        date, precision = parse_iso(raw["date"])
        events.append(Event(raw["id"], date, precision, raw["label"], raw.get("line"), _sources(raw["sources"])))
    return tuple(sorted(events, key=lambda e: e.date))


def events() -> list[Event]:
    """The dated events of the timeline, oldest first."""
    return list(_events())


def event(event_id: str) -> Event:
    """The event with this id ("combat_duty", "doctrine", "ft_interview", …)."""
    return _by_id(_events(), event_id, "event")


def estimated_publication_date() -> dt.date:
    """The earliest date the undated article can have been published (the FT interview it quotes)."""
    return parse_iso(_raw()["publication"]["estimated_date"])[0]


def unit_checks() -> list[UnitCheck]:
    """The conversions stated in the reference notes (11 000 mi = 17 703 km, …), for checking pint against."""
    return [
        UnitCheck(float(s["value"]), s["unit"], float(s["equals"]), s["to"])
        for s in _raw()["unit_checks"]["statements"]
    ]


def unit_definitions() -> dict[str, float]:
    """Metres per unit for the units the article confuses: {"mile": 1609.344, "nautical_mile": 1852.0}."""
    return {d["unit"]: float(d["meters"]) for d in _raw()["unit_checks"]["definitions"]}
