"""Practice checks of lesson 00: placeholder → the start hint, typical mistakes → their hint, model answer → ✓."""

from __future__ import annotations

import re

import pytest

from alaloupe import article
from alaloupe.checks import lesson00 as check


def model_missile_line() -> int:
    return next(number for number, line in enumerate(article.lines(), start=1) if "Satan" in line)


def model_years() -> list[int]:
    return sorted({int(year) for year in re.findall(r"\b\d{4}\b", article.load_text())})


@pytest.mark.parametrize("task", [check.missile_line, check.years])
def test_placeholder_gets_the_start_hint(task, capsys):
    assert task(None) is False
    assert capsys.readouterr().out.startswith("✗ Not yet: replace")


@pytest.mark.parametrize(
    ("answer", "hint"),
    [([8], "one number"), ("8", "as an int"), (7, "numbered from 1"), (3, "look for the text 'Satan'")],
)
def test_missile_line_hints(answer, hint, capsys):
    assert check.missile_line(answer) is False
    assert hint in capsys.readouterr().out


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        ("2022 2024", "return a list"),
        (["2022", "2024"], "int()"),
        ([2022, 2022, 2024], "each year once"),
        ([2024, 2022], "sort the years"),
        ([0, 2022, 2024], "four-digit"),
        ([2024], "some years are missing"),
    ],
)
def test_years_hints(answer, hint, capsys):
    assert check.years(answer) is False
    assert hint in capsys.readouterr().out


def test_model_answers_pass(capsys):
    assert check.missile_line(model_missile_line()) is True
    assert check.years(model_years()) is True
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all(line.startswith("✓ ") for line in out)
    assert "line 8" in out[0] and "[2022, 2024]" in out[1]
