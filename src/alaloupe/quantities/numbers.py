"""French numbers in digits or words, read into values: `parse_number` and the patterns `extract` uses.

Digits take space, no-break or Swiss apostrophe thousands separators and the decimal comma; words are read by
text2num; "deux tiers" is a fraction. The lexicon (data/units_fr.json) is loaded here, once, for the package.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from text_to_num import text2num

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.text import normalise

# French number words, as text2num reads them. "milles" is deliberately absent: it is the unit, not "mille".
NUMBER_WORDS = frozenset(
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt "
    "vingts trente quarante cinquante soixante septante huitante octante nonante cent cents mille million "
    "millions milliard milliards et".split()
)
_WORD = (
    r"(?:zéro|une|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    r"vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|mille|millions?|milliards?)"
)
WORDS_RE = re.compile(rf"(?<![\w-]){_WORD}(?:(?:-|\s+)(?:et(?:-|\s+))?{_WORD})*(?![\w-])", re.IGNORECASE)

# Digits: thousands separated by a space (plain, no-break or narrow no-break, normalised to " " first), as in
# Switzerland by an apostrophe (' or ’, normalised to '), or as in Belgium and in much press copy by a point
# ("600.000": French has no decimal point, so a point before exactly three digits groups thousands); an optional
# decimal comma, an optional fraction ("10 1/2") or a fraction alone ("3/4").
_DIGITS = r"(?:\d{1,3}(?: \d{3})+|\d{1,3}(?:'\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
DIGITS_RE = re.compile(
    rf"(?<![\w,./])(?:[-−](?=\d))?(?:\d+/\d+(?![\d/])|{_DIGITS}(?: \d+/\d+(?![\d/]))?)(?![\d]|[.,]\d)"
)
_DIGITS_ONLY = re.compile(rf"([-−+])?({_DIGITS})(?: (\d+)/(\d+))?")
_FRACTION_ONLY = re.compile(r"([-−+])?(\d+)/(\d+)")


@cache
def lexicon() -> dict[str, Any]:
    """data/units_fr.json: French unit forms, multipliers, non-nouns and month names."""
    return data.load("units_fr.json")


def _digits_value(sign: str | None, number: str, numerator: str | None, denominator: str | None) -> float:
    value = float(number.replace(" ", "").replace("'", "").replace(".", "").replace(",", "."))
    if numerator is not None:
        if int(denominator) == 0:
            raise ValueError(f"division by zero in the fraction {numerator}/{denominator}")
        value += int(numerator) / int(denominator)
    return -value if sign in ("-", "−") else value


def _words_value(words: str) -> float:
    tokens = re.split(r"[\s-]+", words.strip().lower())
    strangers = [t for t in tokens if t not in NUMBER_WORDS]
    if strangers:
        hint = " (« milles » is the unit mile; text2num would misread it as « mille »)" if "milles" in strangers else ""
        raise ValueError(f"{words!r} is not a French number: {strangers[0]!r} is not a number word{hint}")
    try:
        return float(text2num(words.strip().lower(), "fr"))
    except ValueError as error:
        raise ValueError(f"{words!r} is not a well-formed French number ({error})") from None


def parse_number(s: str) -> float:
    """One French number as a float.

    Reads digits with space, U+00A0 or U+202F thousands separators ("11 000", "1 234 567") or Swiss apostrophes
    ("56'000", "210’000") or points ("600.000"), the decimal comma
    ("3,5"; "4,800" is 4.8), fractions ("3/4", "10 1/2"), number words via text2num ("seize", "onze mille",
    "quatre-vingt-quinze", "deux millions"), digits with a multiplier word ("2,5 millions") and fractions in
    words ("deux tiers" is 2/3, "un quart" 1/4, "trois cinquièmes" 3/5; never 2, 1 or 3).
    Raises ValueError, saying why, on anything else (a unit, a decimal point as in "1.5", a misplaced separator).
    """
    text = normalise(require_text(s, "number")).strip()
    if match := _DIGITS_ONLY.fullmatch(text):
        return _digits_value(*match.groups())
    if match := _FRACTION_ONLY.fullmatch(text):
        return _digits_value(match.group(1), "0", match.group(2), match.group(3))
    multipliers = lexicon()["multipliers"]
    if (parts := text.rsplit(" ", 1)) and len(parts) == 2 and parts[1].lower() in multipliers:
        if _DIGITS_ONLY.fullmatch(parts[0]):
            return parse_number(parts[0]) * multipliers[parts[1].lower()]
    if re.fullmatch(r"[-−+]?\d+\.\d+", text):
        raise ValueError(f"{s!r}: French writes the decimal comma ('3,5'), not a decimal point")
    if (parts := text.rsplit(" ", 1)) and len(parts) == 2 and parts[1].lower() in _denominators():
        return parse_number(parts[0]) / _denominators()[parts[1].lower()]
    if re.search(r"\d", text):
        raise ValueError(
            f"{s!r} is not a French number: expected digits with space-separated thousands ('11 000'), "
            "a decimal comma ('3,5') or a fraction ('10 1/2')"
        )
    return _words_value(text)


@cache
def _denominators() -> dict[str, int]:
    """Words that make the number before them a fraction: "tiers" (3), "quarts" (4), "cinquièmes" (5) …"""
    return dict(lexicon()["fraction_denominators"])
