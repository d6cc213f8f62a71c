"""Practice checks for notebooks/00_start.ipynb (plain Python on the article; no spaCy model is loaded)."""

from __future__ import annotations

import re
from typing import Any

from alaloupe import article
from alaloupe.checks import verdict


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _lines_with(word: str) -> list[int]:
    return [number for number, line in enumerate(article.lines(), start=1) if word in line]


def missile_line(answer: Any) -> bool:
    """The 1-based number of the line that names the missile "Satan II"."""
    expected = _lines_with("Satan")[0]
    return verdict(
        answer,
        [
            (lambda a: not isinstance(a, (list, tuple, set)), "give one number (an int), not a collection"),
            (_is_int, f"give the line number as an int, not a {type(answer).__name__}"),
            (lambda a: a != expected - 1, "lines are numbered from 1 in this course: use enumerate(..., start=1)"),
            (lambda a: a == expected, "look for the text 'Satan' in each line and keep the number of the line"),
        ],
        f"line {expected} names the missile: line numbers are how the whole course points at the text.",
    )


def _years_in_article() -> list[int]:
    return sorted({int(year) for year in re.findall(r"\b\d{4}\b", article.load_text())})


def years(answer: Any) -> bool:
    """The distinct four-digit years the article mentions, as a sorted list of ints."""
    expected = _years_in_article()
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, list), "return a list, e.g. sorted(...) of the years"),
            (lambda a: all(_is_int(y) for y in a), "convert each year found by re.findall (a str) with int()"),
            (lambda a: len(a) == len(set(a)), "keep each year once: put them in a set before sorting"),
            (lambda a: a == sorted(a), "sort the years, oldest first"),
            (lambda a: set(a) <= set(expected), "only four-digit numbers: use \\b\\d{4}\\b, not \\d+"),
            (lambda a: a == expected, "some years are missing: search the whole text, not one line"),
        ],
        f"the text names the years {expected} and nothing later: it cannot be older than {expected[-1]}, "
        "but how much younger it is, the text does not say.",
    )
