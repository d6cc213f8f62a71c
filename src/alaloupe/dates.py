"""Dates in French text: absolute ones ("3 janvier 2025", "octobre 2022") and relative ones ("En novembre
dernier", "l'an dernier", "hier"), which only mean something once a publication date is given.

`find(text)` lists the date mentions with their character offsets; `resolve(mention, published)` turns one into
a `Period` (first day, last day, precision). Month names come from data/units_fr.json.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.text import normalise


@cache
def months() -> tuple[str, ...]:
    """The French month names, janvier … décembre."""

    return tuple(data.load("units_fr.json")["months"])


@dataclass(frozen=True)
class DateMention:
    """A date in a text. Absolute: `year` (and maybe `month`, `day`) are set. Relative: `relative` names the
    anchor ("last", "next", "this", or a day shift like "-1"), and `unit` says what moves ("month", "year", …)."""

    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: str | None = None
    unit: str | None = None

    @property
    def is_relative(self) -> bool:
        return self.relative is not None


@dataclass(frozen=True)
class Period:
    """A span of days: `first` to `last` inclusive, known to `precision` ("day", "week", "month", "year")."""

    first: dt.date
    last: dt.date
    precision: str

    def label(self) -> str:
        """French: "19 novembre 2024", "novembre 2024", "2024", "semaine du 23 décembre 2024"."""
        month = months()[self.first.month - 1]
        if self.precision == "day":
            return f"{'1er' if self.first.day == 1 else self.first.day} {month} {self.first.year}"
        if self.precision == "week":
            return f"semaine du {self.first.day} {month} {self.first.year}"
        if self.precision == "month":
            return f"{month} {self.first.year}"
        return str(self.first.year)

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def _month_re() -> str:
    return "|".join(months())


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    m = _month_re()
    day = r"(?P<day>1er|[12]\d|3[01]|0?[1-9])"
    return (
        ("numeric", re.compile(r"(?<![\d/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>\d{4})(?![\d/])")),
        ("day_month_year", re.compile(rf"(?<!\d){day}\s+(?P<month>{m})\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE)),
        ("month_relative", re.compile(rf"\b(?P<month>{m})\s+(?P<rel>dernier|prochain)\b", re.IGNORECASE)),
        ("day_month", re.compile(rf"(?<!\d){day}\s+(?P<month>{m})\b", re.IGNORECASE)),
        ("month_year", re.compile(rf"\b(?P<month>{m})\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE)),
        (
            "year",
            re.compile(r"\b(?:en|depuis|dès|fin|début|courant|mi-)\s*(?P<year>1[89]\d\d|20\d\d)(?![\d\s]*\d)", re.I),
        ),
        (
            "unit_relative",
            re.compile(
                r"\b(?:l'an|l'année|le mois|la semaine)\s+(?P<rel>dernier|dernière|prochain|prochaine|passé|passée)\b"
                r"|\b(?:cette année|ce mois-ci|cette semaine)\b",
                re.IGNORECASE,
            ),
        ),
        ("day_relative", re.compile(r"\b(?:avant-hier|hier|aujourd'hui|après-demain|demain)\b", re.IGNORECASE)),
    )


_DAY_SHIFT = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2}


def _mention(kind: str, match: re.Match[str], text: str) -> DateMention:
    start, end = match.span()
    if kind == "year" and match.group("year"):
        start, end = match.span("year")  # the year itself, without "en"
    groups = match.groupdict()
    month = months().index(groups["month"].lower()) + 1 if kind != "numeric" and groups.get("month") else None
    if kind == "numeric":
        month = int(groups["month"])
    day = groups.get("day")
    day = 1 if day == "1er" else (int(day) if day else None)
    year = int(groups["year"]) if groups.get("year") else None
    words = match.group().lower()
    relative = unit = None
    if kind == "month_relative":
        relative, unit = ("last" if groups["rel"].lower() == "dernier" else "next"), "named_month"
    elif kind == "unit_relative":
        unit = "year" if "an" in words.split()[0] or "année" in words else "month" if "mois" in words else "week"
        relative = "this" if words.startswith(("cette", "ce ")) else "next" if "prochain" in words else "last"
    elif kind == "day_relative":
        relative, unit = str(_DAY_SHIFT[words]), "day"
    elif kind == "day_month":
        relative, unit = "this", "day_month"  # "le 19 novembre": the year is the publication's
    return DateMention(text[start:end], start, end, year, month, day, relative, unit)


# (text, its mentions) while a `found_once(text)` block runs; a context variable, so threads do not share it
_FOUND: ContextVar[tuple[str, tuple[DateMention, ...]] | None] = ContextVar("alaloupe_dates_found", default=None)


@contextmanager
def found_once(text: str) -> Iterator[list[DateMention]]:
    """`find(text)`, kept for the block: inside it, `find` on this same str object answers without searching again.

    For a caller that runs several extractors on one text (the report: quantities.extract masks the dates that
    `find` returns, and the report lists them), so the dates of a long text are searched once.
    """
    mentions = tuple(find(text))
    token = _FOUND.set((text, mentions))
    try:
        yield list(mentions)
    finally:
        _FOUND.reset(token)


def find(text: str) -> list[DateMention]:
    """Every date mention in a French text, in order (a longer reading wins where two overlap)."""
    text = require_text(text)
    shared = _FOUND.get()
    if shared is not None and shared[0] is text:  # inside found_once(text): already searched
        return list(shared[1])
    norm = normalise(text)
    found: list[DateMention] = []
    starts: list[int] = []  # the kept mentions' starts, sorted; the kept mentions never overlap
    ends: list[int] = []  # their ends, in the same order (disjoint spans: sorted too)
    for kind, pattern in _patterns():
        for match in pattern.finditer(norm):
            mention = _mention(kind, match, text)
            if kind == "numeric" and not (1 <= (mention.month or 0) <= 12):
                continue
            # only the last kept mention starting before this one's end can overlap it (O(log n), not a scan)
            k = bisect_left(starts, mention.end)
            if k and ends[k - 1] > mention.start:
                continue
            found.append(mention)
            starts.insert(k, mention.start)
            ends.insert(k, mention.end)
    return sorted(found, key=lambda m: m.start)


def _month_period(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month")


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def resolve(mention: DateMention | str, published: dt.date | None = None) -> Period:
    """The period a date mention refers to. Relative mentions need the publication date `published`.

    "novembre dernier" is the last November strictly before the publication month (published 3 January 2025:
    November 2024; published in November 2024: November 2023); "novembre prochain" the next one after it.
    A str is searched for its first date mention.
    """
    if isinstance(mention, str):
        found = find(mention)
        if not found:
            raise ValueError(f"no date found in {mention!r}")
        mention = found[0]
    if not isinstance(mention, DateMention):
        raise TypeError(f"expected a DateMention or a str, not {type(mention).__name__}")
    if mention.is_relative:
        if published is None:
            raise ValueError(
                f"{mention.text!r} is relative: its meaning depends on the publication date; pass published=date(…)"
            )
        if not isinstance(published, dt.date):
            raise TypeError(f"published must be a datetime.date, not {type(published).__name__}")
        return _resolve_relative(mention, published)
    if mention.day is not None:
        day = dt.date(mention.year, mention.month, mention.day)
        return Period(day, day, "day")
    if mention.month is not None:
        return _month_period(mention.year, mention.month)
    return Period(dt.date(mention.year, 1, 1), dt.date(mention.year, 12, 31), "year")


def _resolve_relative(mention: DateMention, published: dt.date) -> Period:
    if mention.unit == "named_month":
        year = published.year
        if mention.relative == "last":
            year -= 1 if mention.month >= published.month else 0
        else:
            year += 1 if mention.month <= published.month else 0
        return _month_period(year, mention.month)
    if mention.unit == "day_month":
        day = dt.date(published.year, mention.month, mention.day)
        return Period(day, day, "day")
    if mention.unit == "day":
        day = published + dt.timedelta(days=int(mention.relative))
        return Period(day, day, "day")
    delta = {"last": -1, "this": 0, "next": 1}[mention.relative]
    if mention.unit == "year":
        year = published.year + delta
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if mention.unit == "month":
        return _month_period(*_shift_month(published.year, published.month, delta))
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=delta)
    return Period(monday, monday + dt.timedelta(days=6), "week")
