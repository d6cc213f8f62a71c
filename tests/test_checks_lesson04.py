"""Lesson 04's practice checks: the placeholder gets the start hint, a typical mistake its own hint, the model
answer a ✓ line; none raises."""

from __future__ import annotations

import datetime as dt
import re

import pint
import pytest
from text_to_num import alpha2digit

from alaloupe.checks import lesson04 as check

POLL = (
    "Selon le sondage, 48,5 % des personnes interrogées approuvent, 12\u202f% ne se prononcent pas "
    "et 39,5\u00a0% désapprouvent."
)
WEATHER = "Les températures iront de 12 à 17 °C le matin, puis entre 20 et 24 °C l'après-midi."
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def _float(raw: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", "."))


def _out(capsys) -> str:
    return capsys.readouterr().out.strip()


# --- section 1 -------------------------------------------------------------------------------------------------


def test_percentages(capsys):
    assert check.percentages(None) is False
    assert "Not yet" in _out(capsys)
    assert check.percentages([48.0, 5.0, 12.0, 39.0, 5.0]) is False  # the comma read as a separator
    assert "decimal comma" in _out(capsys)
    assert check.percentages([48.5]) is False  # "% " only after a plain space
    assert "U+202F" in _out(capsys)
    assert check.percentages(["48,5", "12", "39,5"]) is False
    assert "float" in _out(capsys)
    model = [_float(m.group(1)) for m in re.finditer(rf"({NUMBER})\s?%", POLL)]
    assert check.percentages(model) is True
    assert _out(capsys).startswith("✓")


# --- section 2 -------------------------------------------------------------------------------------------------


def _words_to_digits(text: str) -> str:
    return "".join(p if p == "milles" else alpha2digit(p, "fr") for p in re.split(r"(\bmilles\b)", text))


def test_keep_milles(capsys):
    def placeholder(text): ...

    assert check.keep_milles(placeholder) is False
    assert "Not yet" in _out(capsys)
    assert check.keep_milles(lambda text: alpha2digit(text, "fr")) is False  # the trap itself
    assert "still sees « milles »" in _out(capsys)
    assert check.keep_milles(lambda text: text) is False  # nothing converted
    assert "alpha2digit(part, 'fr')" in _out(capsys)
    assert check.keep_milles("not a function") is False
    assert "pass your function" in _out(capsys)
    assert check.keep_milles(lambda text: 1 / 0) is False
    assert "ZeroDivisionError" in _out(capsys)
    assert check.keep_milles(_words_to_digits) is True
    assert _out(capsys).startswith("✓")


# --- section 3 -------------------------------------------------------------------------------------------------


def test_ranges(capsys):
    assert check.ranges(None) is False
    assert "Not yet" in _out(capsys)
    assert check.ranges([(12.0, 17.0, "degree_Celsius")]) is False  # « de … à … » only
    assert "entre" in _out(capsys)
    assert check.ranges([(12.0, 17.0, "°C"), (20.0, 24.0, "°C")]) is False
    assert "pint name" in _out(capsys)
    pattern = rf"\b(?:de|entre) (?P<low>{NUMBER}) (?:à|et) (?P<high>{NUMBER})\s?°C"
    model = [(_float(m["low"]), _float(m["high"]), "degree_Celsius") for m in re.finditer(pattern, WEATHER)]
    assert check.ranges(model) is True
    assert _out(capsys).startswith("✓")


# --- section 4 -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def official():
    return pint.UnitRegistry().Quantity(18000, "kilometer")


def test_official_in_miles(capsys, official):
    assert check.official_in_miles(None) is False
    assert "Not yet" in _out(capsys)
    assert check.official_in_miles((official.to("mile"), official.to("nautical_mile"))) is False
    assert "m_as" in _out(capsys)
    assert check.official_in_miles((official.m_as("nautical_mile"), official.m_as("mile"))) is False
    assert "swap" in _out(capsys)
    assert check.official_in_miles((18000 * 1.609344, 18000 * 1.852)) is False
    assert "multiplied" in _out(capsys)
    assert check.official_in_miles((official.m_as("mile"), official.m_as("nautical_mile"))) is True
    assert "11 185" in _out(capsys)


# --- section 5 -------------------------------------------------------------------------------------------------


def test_unemployment(capsys):
    assert check.unemployment(None) is False
    assert "Not yet" in _out(capsys)
    assert check.unemployment((1.5, 1.5)) is False  # points given as the relative change
    assert "divide it by the starting value" in _out(capsys)
    assert check.unemployment((1.5, 0.2)) is False  # a fraction, not per cent
    assert "multiply by 100" in _out(capsys)
    assert check.unemployment((1.5, 1.5 / 9 * 100)) is False  # divided by the final value
    assert "not by the final one" in _out(capsys)
    assert check.unemployment((-1.5, -20.0)) is False
    assert "after − before" in _out(capsys)
    assert check.unemployment((9.0 - 7.5, (9.0 - 7.5) / 7.5 * 100)) is True
    assert _out(capsys).startswith("✓")


# --- section 6 -------------------------------------------------------------------------------------------------


def _last_named(month: int, published: dt.date) -> dt.date:
    day = published.replace(day=1)
    while True:
        day = (day - dt.timedelta(days=1)).replace(day=1)
        if day.month == month:
            return day


def test_last_named(capsys):
    def placeholder(month, published): ...

    assert check.last_named(placeholder) is False
    assert "Not yet" in _out(capsys)

    def same_month_allowed(month, published):  # « mars dernier » written in March read as this March
        year = published.year if month <= published.month else published.year - 1
        return dt.date(year, month, 1)

    assert check.last_named(same_month_allowed) is False
    assert "the year before" in _out(capsys)
    assert check.last_named(lambda month, published: (published.year - 1, month)) is False
    assert "datetime.date" in _out(capsys)
    assert check.last_named(_last_named) is True
    assert _out(capsys).startswith("✓")


@pytest.mark.parametrize(
    "function",
    [check.percentages, check.keep_milles, check.ranges, check.official_in_miles, check.unemployment, check.last_named],
)
@pytest.mark.parametrize("answer", [None, ..., "text", 3, b"bytes", [], (), {"a": 1}])
def test_never_raises(function, answer, capsys):
    assert function(answer) is False
    assert _out(capsys).startswith("✗ Not yet")
