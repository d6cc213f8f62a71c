"""Translationese markers: the lexicon of data/translationese.json (regular expressions, each with a strength and an
explanation) and the detector. Markers are matched on the normalised text, whose offsets are the original text's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.text import line_index, normalise

STRENGTHS = ("strong", "weak")


@dataclass(frozen=True)
class MarkerRule:
    """One entry of data/translationese.json."""

    id: str
    kind: str
    pattern: re.Pattern[str]
    strength: str
    english: str
    french: str
    explanation: str


@dataclass(frozen=True)
class Marker:
    """A translationese marker found in a text: where, which rule, how strong, and why it matters."""

    text: str
    start: int
    end: int
    line: int
    rule: str
    kind: str
    strength: str
    english: str
    french: str
    explanation: str


@cache
def lexicon() -> tuple[MarkerRule, ...]:
    """The rules of data/translationese.json, compiled."""
    raw = data.load("translationese.json")["markers"]
    rules = []
    for entry in raw:
        if entry["strength"] not in STRENGTHS:
            raise ValueError(f"data/translationese.json: {entry['id']} has strength {entry['strength']!r}")
        flags = re.IGNORECASE if "i" in entry.get("flags", "") else 0
        rules.append(
            MarkerRule(
                id=entry["id"],
                kind=entry["kind"],
                pattern=re.compile(entry["pattern"], flags),
                strength=entry["strength"],
                english=entry["english"],
                french=entry["french"],
                explanation=entry["explanation"],
            )
        )
    return tuple(rules)


def translationese(text: str) -> list[Marker]:
    """Every translationese marker in `text`, in text order (offsets into `text`, 1-based line numbers).

    >>> [m.text for m in translationese("Sergie Lavrov a parlé à Kiev.")]
    ['Sergie', 'Kiev']
    """
    text = require_text(text)
    searched = normalise(text)  # same length as text: offsets stay valid
    lines = line_index(text)
    found = []
    for rule in lexicon():
        for match in rule.pattern.finditer(searched):
            end = match.start() + len(match.group().rstrip())  # a lookahead may leave a trailing space
            found.append(
                Marker(
                    text=text[match.start() : end],
                    start=match.start(),
                    end=end,
                    line=lines.line_of(match.start()),
                    rule=rule.id,
                    kind=rule.kind,
                    strength=rule.strength,
                    english=rule.english,
                    french=rule.french,
                    explanation=rule.explanation,
                )
            )
    return sorted(found, key=lambda m: (m.start, m.end))
