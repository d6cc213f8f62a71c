"""Practice checks for lesson 04, unit checks (`from alaloupe.checks import lesson04 as check`).

One function per "Your turn" task. Each prints one line, "✓ …" or "✗ Not yet: …" with a hint, and returns whether
the answer passed; none raises. Expected values are literal and were verified with pint 0.25, text2num 3.1 and
Python's datetime; the inputs are the lesson's own practice sentences, not the exercise's test data.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from alaloupe.checks import hint, passed, started, verdict

# Section 1: the percentages of the lesson's poll sentence (48,5 %, 12 % with U+202F, 39,5 % with U+00A0).
POLL_PERCENTAGES = [48.5, 12.0, 39.5]

# Section 2: phrases with the unit « milles », and what alpha2digit should give once « milles » is protected.
MILLES_CASES = {
    "onze mille milles et seize ogives": "11000 milles et 16 ogives",
    "trois milles marins et vingt navires": "3 milles marins et 20 navires",
}

# Section 3: the two ranges of the lesson's weather sentence.
WEATHER_RANGES = [(12.0, 17.0, "degree_Celsius"), (20.0, 24.0, "degree_Celsius")]

# Section 4: 18 000 km in statute miles and in nautical miles (18 000 000 / 1 609.344 and 18 000 000 / 1 852).
OFFICIAL_MILES = (18_000_000 / 1609.344, 18_000_000 / 1852)

# Section 5: « de 7,5 % à 9 % »: +1.5 points, +20 %.
UNEMPLOYMENT = (1.5, 20.0)

# Section 6: (month, publication date) -> first day of « <mois> dernier ».
LAST_NAMED = [
    ((11, dt.date(2025, 1, 3)), dt.date(2024, 11, 1)),
    ((2, dt.date(2025, 3, 10)), dt.date(2025, 2, 1)),
    ((3, dt.date(2025, 3, 10)), dt.date(2024, 3, 1)),
    ((12, dt.date(2026, 12, 31)), dt.date(2025, 12, 1)),
]


def _close(a: Any, b: float, tolerance: float = 1e-6) -> bool:
    return isinstance(a, int | float) and not isinstance(a, bool) and math.isclose(a, b, rel_tol=tolerance)


def _floats(answer: Any) -> bool:
    return isinstance(answer, list) and all(isinstance(x, int | float) and not isinstance(x, bool) for x in answer)


def percentages(answer: Any) -> bool:
    """Section 1: the percentages of `poll`, as floats, in order."""
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, list), "make `answer` a list, one float per percentage, in order"),
            (
                lambda a: not any(isinstance(x, str) for x in a),
                "convert each match to a float: remove the spaces, replace the comma by a point, then float(...)",
            ),
            (_floats, "every item should be a float such as 48.5"),
            (
                lambda a: 48.0 not in a and 5.0 not in a,
                "48,5 is one number: the decimal comma and its digits (,\\d+) belong to the match",
            ),
            (
                lambda a: len(a) >= 3,
                "some percentages are missing: the space before % may be U+202F or U+00A0 (\\s? matches both)",
            ),
            (lambda a: a == POLL_PERCENTAGES, "expected the three percentages of `poll`, and only them, in order"),
        ],
        "French percentages read: decimal comma, and any of the three spaces before %.",
    )


def keep_milles(function: Any) -> bool:
    """Section 2: `function(text)` turns number words into digits but keeps the unit « milles »."""
    if not callable(function):
        return hint("pass your function itself: check.keep_milles(words_to_digits)")
    for phrase, expected in MILLES_CASES.items():
        try:
            result = function(phrase)
        except Exception as error:  # noqa: BLE001 - a student's error is a hint, never a traceback
            return hint(f"words_to_digits({phrase!r}) raised {type(error).__name__}: {error}")
        if not started(result):
            return False
        if not isinstance(result, str):
            return hint("return the converted text, a str")
        if "milles" not in result:
            return hint(
                f"words_to_digits({phrase!r}) gave {result!r}: alpha2digit still sees « milles ». "
                "Split it out first (re.split with a capturing group keeps it) and convert only the other parts"
            )
        if result != expected:
            return hint(
                f"words_to_digits({phrase!r}) gave {result!r}, expected {expected!r}: "
                "convert every other part with alpha2digit(part, 'fr') and join the parts back in order"
            )
    return passed("« milles » stays a unit, and the number words around it still become digits.")


def ranges(answer: Any) -> bool:
    """Section 3: the (low, high, pint unit) ranges of `weather`."""
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, list), "make `answer` a list of (low, high, unit) tuples"),
            (lambda a: all(isinstance(r, tuple) and len(r) == 3 for r in a), "each range is a (low, high, unit) tuple"),
            (
                lambda a: all(isinstance(r[0], float) and isinstance(r[1], float) for r in a),
                "convert both bounds with to_float(...)",
            ),
            (
                lambda a: all(r[2] == "degree_Celsius" for r in a),
                "give the unit as its pint name: look the matched unit word up in UNITS",
            ),
            (
                lambda a: len(a) == 2,
                "`weather` holds two ranges: one says « de … à … », the other « entre … et … »; "
                "allow both (?:de|entre) and (?:à|et)",
            ),
            (lambda a: a == WEATHER_RANGES, "expected both ranges of `weather`, in the order they appear"),
        ],
        "a range's unit is written once, after the upper bound, but belongs to both bounds.",
    )


def official_in_miles(answer: Any) -> bool:
    """Section 4: (18 000 km in statute miles, in nautical miles), as floats."""
    mile, nautical = OFFICIAL_MILES
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, tuple) and len(a) == 2, "make `answer` a tuple: (statute miles, nautical miles)"),
            (
                lambda a: not any(hasattr(x, "magnitude") for x in a),
                "these are pint Quantities: take the number with .m_as('mile') (or .to('mile').magnitude)",
            ),
            (lambda a: not (_close(a[0], nautical, 1e-3) and _close(a[1], mile, 1e-3)), "swap the two: statute first"),
            (
                lambda a: not _close(a[0], 18000 * 1.609344, 1e-3),
                "you multiplied by 1.609: kilometres to miles gives a smaller number; let pint convert",
            ),
            (lambda a: _close(a[0], mile, 1e-3) and _close(a[1], nautical, 1e-3), "convert `official` with pint"),
        ],
        "18 000 km is about 11 185 statute miles, or 9 719 nautical miles: the English source rounded it down.",
    )


def unemployment(answer: Any) -> bool:
    """Section 5: (points, relative change in per cent) for « de 7,5 % à 9 % »."""
    points, change = UNEMPLOYMENT
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, tuple) and len(a) == 2, "make `answer` a tuple: (points, relative change in %)"),
            (lambda a: not _close(a[0], -points), "points are after − before: the rate went up"),
            (lambda a: _close(a[0], points), "the difference in points is 9 − 7.5"),
            (lambda a: not _close(a[1], points), "that is the difference in points; divide it by the starting value"),
            (lambda a: not _close(a[1], change / 100), "give the relative change in per cent: multiply by 100"),
            (lambda a: not _close(a[1], 1.5 / 9 * 100), "divide by the starting value, 7.5, not by the final one"),
            (lambda a: _close(a[1], change), "relative change = (after − before) / before × 100"),
        ],
        "+1.5 points is a rise of 20 %: the same change, two very different-sounding numbers.",
    )


def last_named(function: Any) -> bool:
    """Section 6: `function(month, published)` -> the first day of « <mois> dernier » as a datetime.date."""
    if not callable(function):
        return hint("pass your function itself: check.last_named(last_named)")
    for (month, published), expected in LAST_NAMED:
        call = f"last_named({month}, {published!r})"
        try:
            result = function(month, published)
        except Exception as error:  # noqa: BLE001 - a student's error is a hint, never a traceback
            return hint(f"{call} raised {type(error).__name__}: {error}")
        if not started(result):
            return False
        if not isinstance(result, dt.date):
            return hint(f"{call} gave {result!r}: return a datetime.date, the first day of that month")
        if result == expected:
            continue
        if month == published.month and result.year == published.year:
            return hint(
                f"{call} gave {result}: written in the month itself, « dernier » means the year before; "
                "start from the month before publication, not from the publication month"
            )
        return hint(f"{call} gave {result}, expected {expected}: step back one month at a time until the month matches")
    return passed("« <mois> dernier » is the last such month strictly before the month of publication.")
