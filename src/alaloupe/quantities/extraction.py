"""`extract`: every quantity in a French text, with its value and pint unit, as `Quantity` objects.

Numbers are found (digits, words), dates and clock times masked, then each number takes the unit or counted
noun after it (or a currency before it: "$5"); fractions ("un sur trois", "la moitié") and ranges ("de 5 à 15 %",
"de 3 à 4 millions") are linked; years, names, day numbers ("mercredi 28") and titles ("60 Minutes") are dropped.
"plusieurs milliards de dollars" gives nothing: a multiplier alone is no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from alaloupe import dates
from alaloupe._checks import require_text
from alaloupe.quantities.numbers import (
    _FRACTION_ONLY,
    DIGITS_RE,
    NUMBER_WORDS,
    WORDS_RE,
    _denominators,
    lexicon,
    parse_number,
)
from alaloupe.quantities.units import _unit_forms_by_first, convert, registry
from alaloupe.text import normalise

RANGE_NOTE = "range"
_DIMENSION_KINDS = {"[length]": "length", "[time]": "duration", "[temperature]": "temperature"}


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a text: its characters (`text` == text[start:end]), value and pint unit.

    `unit` is None for a count ("16 ogives": the noun is in `note`) or a bare number; money has an ISO 4217
    code ("EUR", "USD"), a fraction "dimensionless". `note` also says when a unit word is ambiguous ("milles",
    a bare "dollars") and when the quantity is one bound of a range ("range: lower bound …").
    """

    text: str
    start: int
    end: int
    value: float
    unit: str | None
    note: str = ""

    @property
    def kind(self) -> str:
        """ "length", "percent" (percentage points too), "temperature", "duration", "money", "count" or "other"
        (mass, volume, speed, area)."""
        if self.unit is None:
            return "count"
        if self.unit in ("percent", "percentage_point"):
            return "percent"
        dimensionality = str(registry().Unit(self.unit).dimensionality)
        if dimensionality.startswith("[currency_"):
            return "money"
        return _DIMENSION_KINDS.get(dimensionality, "other")

    @property
    def in_range(self) -> bool:
        """True when this quantity is one bound of a range such as "de 5 à 15 %"."""
        return self.note.startswith(RANGE_NOTE)

    def to(self, unit: str) -> float:
        """The value converted to another pint unit: q.to("kilometer")."""
        if self.unit is None:
            raise ValueError(f"{self.text!r} has no unit to convert from")
        return convert(self.value, self.unit, unit)


@cache
def _not_nouns() -> frozenset[str]:
    return frozenset(lexicon()["not_counted_nouns"]) | frozenset(lexicon()["months"]) | NUMBER_WORDS


_NOUN = re.compile(r"\s+([^\W\d_][\w-]*)(?![\w'’-])")
_NOUN_AFTER_MULTIPLIER = re.compile(r"\s+(?:de\s+|d['’])([^\W\d_][\w-]*)(?![\w'’-])", re.IGNORECASE)
_FRACTION_WORD = re.compile(r"\s+([^\W\d_]+)(?![\w'’-])")
_OUT_OF = re.compile(r"\s+(?:([^\W\d_][\w'’-]*)\s+)?sur\s+", re.IGNORECASE)  # "un sur trois", "un Français sur trois"
FRACTION_UNIT = "dimensionless"  # pint's name for a pure ratio
_HALF = re.compile(r"\s+et\s+demie?(?![\w-])", re.IGNORECASE)
_ORDINAL_OR_TIME = re.compile(r"(?:er|re|ère|e|ème|es|èmes|nd|nde|h\d|h\b|\s*h\s*\d|\s+h(?![\w']))", re.IGNORECASE)
# a name mid-sentence ("Boeing 737"), or opening a parenthesis or a quote ("(Ayrault 2)", "«Telenotícies 1 »"), then a
# number
_AFTER_NAME = re.compile(r"(?:(?<![.!?:«“\n])(?<!^)\s|[(«“]\s?)[A-ZÀ-Ý][\w-]*\s+$")
_PHONE = re.compile(r"(?<![\d+])0\d(?:[ .]?\d\d){4}(?!\d)")  # "01 23 45 67 89": not five numbers
_CLOCK_TIME = re.compile(r"(?<![\w,])\d{1,2}\s?h(?:\s?[0-5]\d)?(?![\w'’])")  # "14 h 30": a time of day
_COLON_TIME = re.compile(r"(?<![\w,:])\d{1,2}:[0-5]\d(?![\d:])")  # "12:15", "07:52Économie": a time of day
_NUMERIC_DATE = re.compile(r"(?<![\w./])\d{1,2}([./])\d{1,2}\1\d{2,4}(?![\w./])")  # "10/07/2023", "02.05.2017"
_MULTIPLIER = re.compile(r"\s+(millions?|milliards?)(?![\w-])", re.IGNORECASE)
_MULTIPLIER_WORDS = frozenset(("million", "millions", "milliard", "milliards"))
_RANGE_GAP = re.compile(r"\s*(?:à|au|-|–|et)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:de|entre|d')\s*$", re.IGNORECASE)
_MINUS_WORD = re.compile(r"\bmoins\s+$", re.IGNORECASE)
_LOOKBACK = 120  # characters: the patterns above, anchored at $, only ever match the few words before a number


def _ends_at(pattern: re.Pattern[str], norm: str, end: int) -> re.Match[str] | None:
    """`pattern` (anchored with $) matched in the text just before `end`; linear, not a scan from the start."""
    return pattern.search(norm, max(0, end - _LOOKBACK), end)


@dataclass
class _Candidate:
    start: int
    end: int
    value: float
    words: bool
    unit: str | None = None
    note: str = ""
    noun: str | None = None
    factor: float = 1  # the multiplier read with the number: 1e6 for "4 millions" or "4 M€"
    title: bool = False  # "60 Minutes": a unit word with a capital it does not have, a title
    score: bool = False  # "29 à 28": a match score, not two quantities


def _numbers(norm: str, masked: list[tuple[int, int]]) -> list[_Candidate]:
    """Every number in the (normalised) text, digits and words, outside the masked (date) spans."""
    occupied = bytearray(len(norm))  # 1 where a character is already read (a date, a clock time, a number)

    def take(start: int, end: int) -> None:
        occupied[start:end] = b"\x01" * (end - start)

    def free(start: int, end: int) -> bool:
        return occupied.find(1, start, end) < 0

    not_numbers = (_CLOCK_TIME, _COLON_TIME, _NUMERIC_DATE, _PHONE)
    for start, end in [*masked, *(m.span() for pattern in not_numbers for m in pattern.finditer(norm))]:
        take(start, end)

    found: list[_Candidate] = []
    for match in DIGITS_RE.finditer(norm):
        start, end = match.span()
        if not free(start, end) or _ORDINAL_OR_TIME.match(norm, end):
            continue
        try:
            value = parse_number(match.group())
        except ValueError:
            continue  # "3/0"
        factor = 1
        if multiplier := _MULTIPLIER.match(norm, end):
            factor = lexicon()["multipliers"][multiplier.group(1).lower()]
            value *= factor
            end = multiplier.end()
        found.append(_Candidate(start, end, value, words=False, factor=factor))
    for candidate in found:  # "68 millions un an": "millions" is already read
        take(candidate.start, candidate.end)
    for match in WORDS_RE.finditer(norm):
        tokens = [(m.start() + match.start(), m.end() + match.start()) for m in re.finditer(r"[^\s-]+", match.group())]
        run: list[tuple[int, int]] = []
        for token in [*tokens, None]:
            if token is not None and free(*token):
                run.append(token)
                continue
            found.extend(_word_numbers(norm, run))
            run = []
    return sorted(found, key=lambda c: c.start)


def _word_numbers(norm: str, tokens: list[tuple[int, int]]) -> list[_Candidate]:
    """Split a run of number words into the longest prefixes text2num accepts ("deux et trois" -> 2, 3)."""
    found, i = [], 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            span = norm[tokens[i][0] : tokens[j - 1][1]]
            last = norm[tokens[j - 1][0] : tokens[j - 1][1]].lower()
            if last == "et" or (j - i == 1 and last in _MULTIPLIER_WORDS):
                continue  # "plusieurs milliards": "milliards" alone is no number, certainly not 1e9
            try:
                value = float(text2num(span.lower(), "fr"))
            except ValueError:
                continue
            factor = lexicon()["multipliers"][last] if last in _MULTIPLIER_WORDS else 1
            found.append(_Candidate(tokens[i][0], tokens[j - 1][1], value, words=True, factor=factor))
            i = j
            break
        else:
            i += 1
    return found


def _countable(word: str, value: float, after_multiplier: bool) -> bool:
    """Whether `word` can be what a number counts: not a function word, and plural (-s, -x, -z) from 2 on.

    French plural nouns almost always end in s, x or z, so "cinq vit" (a verb) or "737 MAX" (a name) are not
    counts; "millions de" is followed by a plural noun or an uncountable one ("de pluie"), so it is not checked.
    """
    if word.lower() in _not_nouns():
        return False
    return after_multiplier or value < 2 or (word[-1] in "sxz" and not word.isupper())


def _attach_unit(norm: str, number: _Candidate) -> None:
    """Read the unit (or the counted noun) right after the number, and "et demi"."""
    after_multiplier = norm[number.start : number.end].lower().split()[-1] in lexicon()["multipliers"]
    unit_at = number.end
    if after_multiplier and (of := re.compile(r"\s+(?:de|d['’])", re.IGNORECASE).match(norm, number.end)):
        unit_at = of.end()  # "1,4 million de kilomètres"
    first = unit_at
    while first < len(norm) and norm[first].isspace():
        first += 1
    for form in _unit_forms_by_first().get(norm[first : first + 1].lower(), ()):
        if form.after_multiplier and not after_multiplier:
            continue
        if match := form.pattern.match(norm, unit_at):
            if form.titled(match.group()):
                number.title = True  # "60 Minutes" of CBS: a title, not a duration
                return
            number.unit, number.note, number.end = form.unit, form.note, match.end()
            if form.factor != 1:
                number.value, number.factor = number.value * form.factor, form.factor
            if half := _HALF.match(norm, number.end):
                number.value += 0.5
                number.end = half.end()
            if number.unit in ("degree_Celsius", "degree_Fahrenheit") and (
                minus := _ends_at(_MINUS_WORD, norm, number.start)
            ):
                number.value, number.start = -number.value, minus.start()
            return
    if before := _ends_at(_currency_before(), norm, number.start):
        number.unit, number.start = lexicon()["currency_before"][before.group(1).upper()], before.start()
        return  # "$5", "US$ 20", "CHF 40"
    if (word := _FRACTION_WORD.match(norm, number.end)) and word.group(1).lower() in _denominators():
        written = norm[number.start : word.end()]
        number.value /= _denominators()[word.group(1).lower()]
        number.unit, number.note, number.end = FRACTION_UNIT, f"fraction: « {written} »", word.end()
        return  # "deux tiers" is 2/3, not a count of 2
    noun_re = _NOUN_AFTER_MULTIPLIER if after_multiplier else _NOUN
    if norm[number.start : number.end].lower() in ("un", "une"):
        return  # "un homme": an indefinite article, not a count
    match = noun_re.match(norm, number.end)
    if match and not after_multiplier and match.group(1).lower() in lexicon()["prenominal_adjectives"]:
        noun = _NOUN.match(norm, match.end())  # "neuf autres personnes", "les deux derniers matchs"
        if noun and _countable(noun.group(1), number.value, False):
            number.noun, number.note, number.end = noun.group(1), norm[match.start(1) : noun.end()], noun.end()
        elif match.group(1).lower() == "autres":  # "deux autres ont été blessées": the others, counted
            number.noun, number.note, number.end = match.group(1), match.group(1), match.end()
        return
    if match and _countable(match.group(1), number.value, after_multiplier):
        number.noun, number.note, number.end = match.group(1), match.group(1), match.end()
    elif _FRACTION_ONLY.fullmatch(written := norm[number.start : number.end]):
        number.unit, number.note = FRACTION_UNIT, f"fraction: « {written} »"  # "les 3/4 des gens": a ratio


def _is_bare(number: _Candidate) -> bool:
    return number.unit is None and number.noun is None and not number.words


def _hyphen_joined(norm: str, numbers: list[_Candidate]) -> set[int]:
    """Starts of the bare numbers joined to another bare number by a hyphen alone ("3-1", "2024-991")."""
    ordered = sorted(numbers, key=lambda n: n.start)
    joined = set()
    for left, right in zip(ordered, ordered[1:], strict=False):
        if _is_bare(left) and _is_bare(right) and norm[left.end : right.start] in ("-", "–"):
            joined |= {left.start, right.start}
    return joined


def _is_identifier(norm: str, number: _Candidate, joined: set[int]) -> bool:
    """A bare number that names rather than counts: "COVID-19", "n° 2024-991", "3-1", "007", "1m80".

    `joined`: the starts of the numbers `_hyphen_joined` found.
    """
    if number.noun is not None and number.noun[:1].isupper() and _ends_at(_AFTER_NAME, norm, number.start):
        return True  # "le journaliste de France 2 Gilles Jacquier": a name, then another, not two Gilles
    if not _is_bare(number):
        return False
    token = norm[number.start : number.end]
    before, after = norm[max(0, number.start - 2) : number.start], norm[number.end : number.end + 1]
    if re.fullmatch(r"0\d+", token) or after.isalpha() or re.fullmatch(r"[^\W\d_][-–]", before):
        return True
    if _ends_at(_AFTER_NAME, norm, number.start):
        return True  # "Boeing 737", "Windows 11": a capitalised word inside a sentence, then the number
    return number.start in joined


@cache
def _currency_before() -> re.Pattern[str]:
    """A currency symbol or code written before the number ("$5", "US$ 20", "CHF 40"), not after another number."""
    symbols = "|".join(re.escape(s) for s in sorted(lexicon()["currency_before"], key=len, reverse=True))
    return re.compile(rf"(?<![\w$€£/])(?<!\d\s)({symbols})\s?$")  # not "EUR/USD 1,05", a rate


@cache
def _day_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A weekday or a month before a number ("mercredi 28", "janvier 29, 2022"), or a month after it."""
    days = "|".join(lexicon()["weekdays"] + lexicon()["months"])
    months = "|".join(lexicon()["months"])
    before = re.compile(rf"(?<![\w-])(?:{days})\.?\s+(?:le\s+)?$", re.IGNORECASE)
    # "28 février", and the first days of a list: "les 25 et 26 février", "les 3, 4 et 5 mars", "du 11 au 12 juillet"
    after = re.compile(rf"(?:(?:\s*,|\s+(?:et|ou|au|à))\s*\d{{1,2}}(?:er)?)*\s+(?:{months})(?![\w-])", re.IGNORECASE)
    return before, after


def _is_day(norm: str, number: _Candidate) -> bool:
    """A day of the month named by a date rather than a count: "mercredi 28", "janvier 29, 2022", "28 février"."""
    token = norm[number.start : number.end]
    if not _is_bare(number) or not token.isdigit() or not 1 <= number.value <= 31:
        return False
    before, after = _day_context()
    return _ends_at(before, norm, number.start) is not None or after.match(norm, number.end) is not None


@cache
def _label_before() -> re.Pattern[str]:
    """A noun that names things by number ("catégorie 1", "numéro 10", "niveau 3"): the number after it is a label."""
    nouns = "|".join(re.escape(n) for n in sorted(lexicon()["label_nouns"], key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{nouns})\s*$", re.IGNORECASE)


def _is_label(norm: str, number: _Candidate) -> bool:
    """A bare number that labels rather than counts: "un ouragan de catégorie 1", "le numéro 10"."""
    return number.unit is None and not number.words and _ends_at(_label_before(), norm, number.start) is not None


@cache
def _hour_of_day() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words around "N heures" that make it a time of day ("vers 7 heures", "4 heures du matin")."""
    words = lexicon()["hour_of_day"]
    before = "|".join(re.escape(w) for w in sorted(words["before"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(words["after"], key=len, reverse=True))
    return (
        re.compile(rf"(?<![\w-])(?:{before})\s+$", re.IGNORECASE),
        re.compile(rf"\s+(?:{after})(?![\w-])", re.IGNORECASE),
    )


def _is_hour_of_day(norm: str, number: _Candidate) -> bool:
    """ "vers 7 heures", "à quatre heures et demie du matin": a time of day, not a duration of 7 or 4.5 hours."""
    if number.unit != "hour" or number.note.startswith(RANGE_NOTE):
        return False
    before, after = _hour_of_day()
    if _ends_at(before, norm, number.start) is not None or after.match(norm, number.end) is not None:
        return True
    # "demain, à 15 heures": "à" and a whole hour of the clock, not "à 7 heures de route"
    at = _ends_at(_AT, norm, number.start) is not None and number.value == int(number.value) <= 24
    return at and _OF.match(norm, number.end) is None


_AT = re.compile(r"(?<![\w'’-])à\s+$", re.IGNORECASE)
_OF = re.compile(r"\s+(?:de|d['’]|du|des)(?![\w-])", re.IGNORECASE)


_HALF_OF = re.compile(r"(?<![\w-])(?:la|une)\s+moitié(?![\w'’-])", re.IGNORECASE)


def _halves(norm: str) -> list[_Candidate]:
    """ "la moitié", "une moitié": the fraction 1/2 (never a count)."""
    return [
        _Candidate(m.start(), m.end(), 0.5, words=True, unit=FRACTION_UNIT, note=f"fraction: « {m.group()} »")
        for m in _HALF_OF.finditer(norm)
    ]


def _is_year(norm: str, number: _Candidate) -> bool:
    token = norm[number.start : number.end]
    return number.unit is None and number.noun is None and token.isdigit() and 1800 <= number.value <= 2100


def _is_score(low: _Candidate, high: _Candidate, gap: str) -> bool:
    """ "s'est imposé 29 à 28", "un score de 3 à 1": two bare numbers joined by "à" that do not go up are a match
    score (a range goes up: "de 10 à 15 morts")."""
    return _is_bare(low) and _is_bare(high) and gap.strip().lower() == "à" and low.value >= high.value


def _link_ranges(norm: str, numbers: list[_Candidate]) -> None:
    """ "de 5 à 15 %", "entre 20 et 25 degrés", "10-12 ans": the first bound takes the second's unit."""
    for low, high in zip(numbers, numbers[1:], strict=False):
        gap = norm[low.end : high.start]
        if _is_score(low, high, gap):
            low.score = high.score = True
            continue
        if not _RANGE_GAP.fullmatch(gap) or (high.unit is None and high.noun is None and high.factor == 1):
            continue
        if (low.unit, low.noun) not in ((None, None), (high.unit, high.noun)):
            continue  # "45 minutes à 180 °C": two quantities, not a range
        joiner = gap.strip().lower()
        opener = _ends_at(_RANGE_OPEN, norm, low.start)
        before = norm[max(0, low.start - 7) : low.start].lower()
        if joiner == "et" and "entre" not in before:
            if low.unit is None and low.noun is None and not low.words:  # "18 et 24 ans": both are years
                low.unit, low.noun, low.note = high.unit, high.noun, high.note
            continue
        if joiner in ("à", "au") and opener is None and not low.value < high.value:  # "15 000 à 20 000 manifestants"
            continue
        if low.unit is None and low.noun is None:
            low.unit, low.noun = high.unit, high.noun
            low.note = high.note
            if low.factor == 1 and high.factor != 1 and low.value < high.value / high.factor:
                low.value, low.factor = low.value * high.factor, high.factor  # "de 3 à 4 millions": 3 millions
        phrase = norm[low.start : high.end]
        low.note = f"{RANGE_NOTE}: lower bound of « {phrase} »" + (f"; {low.note}" if low.note else "")
        high.note = f"{RANGE_NOTE}: upper bound of « {phrase} »" + (f"; {high.note}" if high.note else "")


def _link_fractions(norm: str, numbers: list[_Candidate]) -> list[_Candidate]:
    """ "un sur trois", "un Français sur trois": a bare number, "sur", a bare number is one fraction (1/3)."""
    linked: list[_Candidate] = []
    skip = False
    for low, high in zip(numbers, [*numbers[1:], None][: len(numbers)], strict=True):
        if skip:
            skip = False
            continue
        out_of = _OUT_OF.match(norm, low.end)
        if (
            high is not None
            and out_of is not None
            and out_of.end() == high.start
            and low.unit is None
            and low.noun is None
            and high.unit is None
            and high.noun is None
            and high.value > 0
            and (out_of.group(1) is None or out_of.group(1).lower() not in _not_nouns())
        ):
            written = norm[low.start : high.end]
            of_whom = f"; of {out_of.group(1)}" if out_of.group(1) else ""
            low.value, low.end = low.value / high.value, high.end
            low.unit, low.note = FRACTION_UNIT, f"fraction: « {written} »{of_whom}"
            skip = True
        linked.append(low)
    return linked


def extract(text: str) -> list[Quantity]:
    """Every quantity in a French text, in order, with its value and pint unit (None for counts).

    >>> [(q.text, q.value, q.unit) for q in extract("une portée de 11 000 milles et 16 ogives")]
    [('11 000 milles', 11000.0, 'mile'), ('16 ogives', 16.0, None)]
    """
    text = require_text(text)
    norm = normalise(text)
    masked = [(d.start, d.end) for d in dates.find(text)]
    numbers = _numbers(norm, masked)
    for number in numbers:
        _attach_unit(norm, number)
    halves = _halves(norm)  # "la moitié", "une moitié": "une" is not a number there
    taken = {h.start for h in halves}
    numbers = [n for n in numbers if n.start not in taken]
    numbers = sorted([*numbers, *halves], key=lambda n: n.start)
    # A later number cannot start inside an earlier one's unit or noun ("trois mille" is read once).
    kept: list[_Candidate] = []
    for number in numbers:
        if kept and number.start < kept[-1].end:
            continue
        kept.append(number)
    kept = _link_fractions(norm, kept)
    _link_ranges(norm, kept)
    quantities = []
    joined = _hyphen_joined(norm, kept)
    for number in kept:
        if number.title or _is_year(norm, number) or _is_identifier(norm, number, joined) or _is_day(norm, number):
            continue  # "en 2022" is a date, "COVID-19" a name, "60 Minutes" a title, "mercredi 28" a day
        if number.score or _is_label(norm, number) or _is_hour_of_day(norm, number):
            continue  # "29 à 28" is a score, "catégorie 1" names a class, "vers 7 heures" is a time of day
        if number.words and number.unit is None and number.noun is None:
            continue  # a lone number word ("un", "neuf") is too often an article or an adjective
        quantities.append(
            Quantity(text[number.start : number.end], number.start, number.end, number.value, number.unit, number.note)
        )
    return quantities
