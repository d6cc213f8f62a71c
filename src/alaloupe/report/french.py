"""Numbers and dates as a French reader writes them, formatted by Babel (CLDR data for the "fr" locale).

"17 703" (a narrow no-break space groups the thousands, so a number never wraps), "3,5" (a decimal comma),
"3 janvier 2025".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"


def number(value: float) -> str:
    """`value` with French grouping and decimal comma, up to ten decimals and no trailing zeros."""
    return format_decimal(value, format="#,##0.##########", locale=LOCALE)


def date(day: dt.date) -> str:
    """A day in words: "3 janvier 2025"."""
    return format_date(day, format="d MMMM y", locale=LOCALE)
