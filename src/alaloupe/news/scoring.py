"""Matching a page's annotations with what the kit's detectors find on it, and the counts per category."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from alaloupe import quantities
from alaloupe.news.pages import CURRENCIES, Annotation, Page, Spanned, Speaker, pages, second_annotations
from alaloupe.text import folded as _fold

# unit names a detector may give for a currency, besides the ISO code
CURRENCY_NAMES = {
    "euro": "EUR",
    "dollar": "USD",
    "us_dollar": "USD",
    "swiss_franc": "CHF",
    "franc": "CHF",
    "pound_sterling": "GBP",
    "livre_sterling": "GBP",
}
DETERMINERS = ("le ", "la ", "les ", "l'", "un ", "une ", "des ", "du ", "de la ", "de l'", "d'", "de ")
# --- matching rules -------------------------------------------------------------------------------------------


def folded(name: str) -> str:
    """A name compared case- and accent-blind, curly apostrophes straightened, a leading determiner dropped."""
    if not isinstance(name, str):
        raise TypeError(f"expected a name (str), got {type(name).__name__}")
    plain = _fold(name)
    for determiner in DETERMINERS:
        if plain.startswith(determiner) and len(plain) > len(determiner):
            return plain[len(determiner) :].strip()
    return plain


def same_speaker(system: str, gold: Speaker) -> bool:
    """The system's speaker names the gold one: equal once folded, or the gold surname, or a gold alias."""
    said = folded(system)
    if not said:
        return False
    if gold.speaker == "vague":
        return said == "vague"
    names = {folded(gold.speaker), *(folded(a) for a in gold.aliases)}
    if gold.how in ("name", "title", "pronoun") and " " in gold.speaker.strip():
        names.add(folded(gold.speaker.split()[-1]))
    return said in names


def matched(gold: Iterable[Any], system: Iterable[Any], same: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """Greedy multiset match: (pairs, gold left over, system left over); `same(system_item, gold_item)`."""
    left = list(system)
    pairs, missed = [], []
    for item in gold:
        hit = next((s for s in left if same(s, item)), None)
        if hit is None:
            missed.append(item)
        else:
            left.remove(hit)
            pairs.append((item, hit))
    return pairs, missed, left


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def system_unit(found: quantities.Quantity) -> str | None:
    """The unit a detector gave a quantity: its `currency` field if it has one, else its pint unit (None: count)."""
    currency = getattr(found, "currency", None)
    unit = currency or found.unit
    if unit is None:
        return None
    return CURRENCY_NAMES.get(unit.casefold(), unit.upper() if unit.upper() in CURRENCIES else unit)


def same_unit(system: str | None, gold: str) -> bool:
    """Currency codes compare as codes; "dimensionless" is a count (no unit); other units through pint."""
    if gold in CURRENCIES or system in CURRENCIES:
        return system == gold
    if gold == "dimensionless" or system is None:
        return system in (None, "dimensionless") and gold == "dimensionless"
    try:
        return bool(quantities.registry().Unit(system) == quantities.registry().Unit(gold))
    except Exception:  # an odd unit string from a detector is simply not the gold unit
        return False


def _overlaps(found: quantities.Quantity, span: Spanned) -> bool:
    return found.start < span.end and span.start < found.end


def _value_is(found: quantities.Quantity, value: float | None) -> bool:
    if value is None:  # "plusieurs milliards": the system must not invent a number
        return found.value is None or (isinstance(found.value, float) and math.isnan(found.value))
    return found.value is not None and _close(float(found.value), value)


def quantity_found(gold: Spanned, system: list[quantities.Quantity]) -> list[quantities.Quantity]:
    """The system quantities that render a gold one (one, or two for a range): [] when it is missed."""
    near = [q for q in system if _overlaps(q, gold) and same_unit(system_unit(q), gold.unit)]
    if isinstance(gold.value, tuple):
        low = next((q for q in near if _value_is(q, gold.value[0])), None)
        high = next((q for q in near if q is not low and _value_is(q, gold.value[1])), None)
        return [low, high] if low is not None and high is not None else []
    hit = next((q for q in near if _value_is(q, gold.value)), None)
    return [] if hit is None else [hit]


# --- running the system and scoring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What the kit finds on one page: furniture lines, (line, speaker, mention), (line, text), quantities."""

    furniture: frozenset[int]
    speakers: tuple[tuple[int, str, str], ...]
    vague_sources: tuple[tuple[int, str], ...]
    quantities: tuple[quantities.Quantity, ...]


def detect(page: Page) -> Found:
    """Run the detectors on a page, parsing it once as `alaloupe report` does."""
    from alaloupe import claims
    from alaloupe.report.building import parse_once

    doc = parse_once(page.text)
    findings = claims.analyse(doc)
    return Found(
        frozenset(b.line for b in findings.boilerplate),
        tuple((a.line, a.speaker, a.mention) for a in findings.attributions),
        tuple((v.line, v.text) for v in findings.vague_sources),
        tuple(quantities.extract(page.text)),
    )


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one category, and their P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Error:
    """One miss or false positive: where, in which category, what the gold expects and what the system gave."""

    page: str
    line: int
    category: str
    expected: str
    got: str


@dataclass(frozen=True)
class Scores:
    """Counts per category ("furniture", "speakers", "speakers/<how>", "vague sources", "quantities/<kind>",
    "not quantities", "not quantities/day"), pages scored, and every error."""

    counts: Mapping[str, Counts]
    pages: int
    errors: tuple[Error, ...]


def score_page(page: Page, found: Found) -> tuple[dict[str, Counts], list[Error]]:
    """One page's counts and errors (the rules of the module docstring)."""
    counts: dict[str, Counts] = {}
    errors: list[Error] = []

    def add(category: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        counts[category] = counts.get(category, Counts()) + Counts(tp, fp, fn)

    lines = page.lines
    says = {n for n, line in enumerate(lines, start=1) if line.strip()}
    system_furniture = found.furniture & says
    add(
        "furniture",
        len(system_furniture & page.furniture),
        len(system_furniture - page.furniture),
        len(page.furniture - system_furniture),
    )
    for n in sorted(page.furniture - system_furniture):
        errors.append(Error(page.slug, n, "furniture", "furniture", "content"))
    for n in sorted(system_furniture - page.furniture):
        errors.append(Error(page.slug, n, "furniture", "content", "furniture"))
    _score_speakers(page, found, add, errors)
    _score_spans(page, found, add, errors)
    return counts, errors


def _score_speakers(page: Page, found: Found, add: Any, errors: list[Error]) -> None:
    said = [Speaker(n, who, mention, "") for n, who, mention in found.speakers]
    _match_speakers(page, said, add, errors, lambda system, gold: same_speaker(system.speaker, gold))
    _match_vague(page, [n for n, _ in found.vague_sources], add, errors)


def _match_speakers(page: Page, said: list[Speaker], add: Any, errors: list[Error], same: Any) -> None:
    """Per line, `said` (outside gold furniture, "unknown" left out) against the gold speakers."""
    gold = [s for s in page.speakers if s.speaker != "unknown"]
    system = [s for s in said if s.line not in page.furniture and folded(s.speaker) != "unknown"]
    for n in sorted({s.line for s in gold} | {s.line for s in system}):
        pairs, missed, extra = matched([s for s in gold if s.line == n], [s for s in system if s.line == n], same)
        add("speakers", tp=len(pairs), fp=len(extra), fn=len(missed))
        for g, _ in pairs:
            add(f"speakers/{g.how}", tp=1)
        for g in missed:
            add(f"speakers/{g.how}", fn=1)
            errors.append(Error(page.slug, n, "speakers", f"{g.speaker} ({g.how}: {g.mention})", "—"))
        for s in extra:
            errors.append(Error(page.slug, n, "speakers", "—", f"{s.speaker} (mention: {s.mention})"))


def _match_vague(page: Page, lines: list[int], add: Any, errors: list[Error]) -> list[int]:
    """Recall of the gold vague sources by vague sources found on the same line; returns the unmatched lines."""
    left = list(lines)
    for n in sorted({v.line for v in page.vague_sources}):
        pairs, missed, _ = matched(
            [v for v in page.vague_sources if v.line == n], [m for m in left if m == n], lambda _s, _g: True
        )
        for _, m in pairs:
            left.remove(m)
        add("vague sources", tp=len(pairs), fn=len(missed))
        errors.extend(Error(page.slug, n, "vague sources", v.text, "—") for v in missed)
    return left


def _score_spans(page: Page, found: Found, add: Any, errors: list[Error]) -> None:
    left = list(found.quantities)
    for gold in page.quantities:
        hits = quantity_found(gold, left)
        for hit in hits:
            left.remove(hit)
        for kind in gold.kinds:
            add(f"quantities/{kind}", tp=1 if hits else 0, fn=0 if hits else 1)
        if not hits:
            near = [q for q in found.quantities if _overlaps(q, gold)]
            got = "; ".join(f"{q.text!r} = {q.value} {system_unit(q) or 'count'}" for q in near) or "—"
            errors.append(
                Error(
                    page.slug,
                    gold.line,
                    f"quantities/{'+'.join(gold.kinds)}",
                    f"{gold.text!r} = {gold.value} {gold.unit}",
                    got,
                )
            )
    for span in page.not_quantities:
        day = span.why.startswith("day")
        for q in found.quantities:
            if _overlaps(q, span):
                add("not quantities", fp=1)
                if day:
                    add("not quantities/day", fp=1)
                errors.append(
                    Error(
                        page.slug,
                        span.line,
                        "not quantities",
                        f"{span.text!r}: {span.why}",
                        f"{q.text!r} = {q.value} {system_unit(q) or 'count'}",
                    )
                )
        add("not quantities")
        if day:
            add("not quantities/day")


def score(split: str) -> Scores:
    """Run the kit on every page of a split and score it (see the module docstring for the rules)."""
    total: dict[str, Counts] = {}
    errors: list[Error] = []
    loaded = pages(split)
    for page in loaded:
        counts, page_errors = score_page(page, detect(page))
        for category, c in counts.items():
            total[category] = total.get(category, Counts()) + c
        errors.extend(page_errors)
    return Scores(MappingProxyType(dict(sorted(total.items()))), len(loaded), tuple(errors))


def agreement(split: str) -> Scores:
    """How far the second annotation of a split (<split>/second/) agrees with the first, on the pages that have
    one (see `agree_page`)."""
    total: dict[str, Counts] = {}
    errors: list[Error] = []
    seconds = second_annotations(split)
    by_slug = {p.slug: p for p in pages(split)}
    for second in seconds:
        counts, page_errors = agree_page(by_slug[second.slug], second)
        for category, c in counts.items():
            total[category] = total.get(category, Counts()) + c
        errors.extend(page_errors)
    return Scores(MappingProxyType(dict(sorted(total.items()))), len(seconds), tuple(errors))


def agree_page(page: Page, second: Annotation) -> tuple[dict[str, Counts], list[Error]]:
    """The second annotation of a page scored against the first as if it were a system, with the speaker rule made
    symmetric (either annotator's aliases and surname count). "speakers" precision is the share of the second's
    entries the first also has, recall the share of the first's the second also has; "vague sources" counts the
    second's vague sources left over on a line as false positives. The first's furniture lines are left out."""
    counts: dict[str, Counts] = {}
    errors: list[Error] = []

    def add(category: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        counts[category] = counts.get(category, Counts()) + Counts(tp, fp, fn)

    _match_speakers(page, list(second.speakers), add, errors, _either_names)
    extra = _match_vague(page, [v.line for v in second.vague_sources if v.line not in page.furniture], add, errors)
    add("vague sources", fp=len(extra))
    errors.extend(Error(page.slug, n, "vague sources", "—", "a vague source") for n in extra)
    return counts, errors


def _either_names(second: Speaker, first: Speaker) -> bool:
    return same_speaker(second.speaker, first) or same_speaker(first.speaker, second)
