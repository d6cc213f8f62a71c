"""Practice checks of lesson 05: placeholder → the start hint, typical mistakes → their hint, model answer → ✓.

The model answers here are written as the lesson's collapsed cells write them (json, the kit's report), without
spaCy where the lesson's answer needs the parser: the adverb of line 2 is a value verified with the pinned model.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from alaloupe import facts
from alaloupe.checks import lesson05 as check
from alaloupe.paths import data_file

TASKS = [
    check.latest_source_date,
    check.weak_marker_lines,
    check.hedge_adverbs,
    check.inaccurate_lines,
    check.sample_verdicts,
    check.faire_sens,
]


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.__name__)
def test_placeholder_gets_the_start_hint(task, capsys):
    assert task(None) is False
    assert capsys.readouterr().out.startswith("✗ Not yet: replace")


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.__name__)
def test_a_wrong_shape_is_a_hint_not_a_crash(task, capsys):
    assert task(b"bytes") is False
    assert capsys.readouterr().out.startswith("✗ Not yet:")


def model_latest_source_date() -> str:
    steps = json.loads(data_file("lateral_reading.json").read_text(encoding="utf-8"))["steps"]
    sources = json.loads(data_file("facts.json").read_text(encoding="utf-8"))["sources"]
    return max(sources[step["source"]]["date"] for step in steps if sources[step["source"]]["date"])


def test_latest_source_date(capsys):
    assert check.latest_source_date("2018-10-18") is False  # a date that is not among the sources
    assert "one of the sources" in capsys.readouterr().out
    assert check.latest_source_date("2024-09") is False  # the oldest of them
    assert "NEWEST" in capsys.readouterr().out
    assert check.latest_source_date("2024-11") is False
    assert "keep the latest" in capsys.readouterr().out
    assert check.latest_source_date(model_latest_source_date()) is True
    assert check.latest_source_date(dt.date(2025, 1, 3)) is True
    assert capsys.readouterr().out.count("✓ 2025-01-03") == 2


@pytest.mark.parametrize(
    ("answer", "hint"),
    [([7, 12], "from 1"), ([13, 8], "sorted(set"), ([2, 8, 13], "only the two weak"), ([13], "missing")],
)
def test_weak_marker_lines_hints(answer, hint, capsys):
    assert check.weak_marker_lines(answer) is False
    assert hint in capsys.readouterr().out


def test_weak_marker_lines_passes(capsys):
    assert check.weak_marker_lines([8, 13]) is True
    assert capsys.readouterr().out.startswith("✓ lines 8 and 13")


@pytest.mark.parametrize(
    ("answer", "hint"),
    [("sérieusement", "return a list"), (["très", "sérieusement"], "préoccupé"), (["pour"], "token.head.lemma_")],
)
def test_hedge_adverbs_hints(answer, hint, capsys):
    assert check.hedge_adverbs(answer) is False
    assert hint in capsys.readouterr().out


def test_hedge_adverbs_passes(capsys):
    assert check.hedge_adverbs(["sérieusement"]) is True
    assert capsys.readouterr().out.startswith("✓ sérieusement")


def model_inaccurate_lines() -> list[int]:
    claims = json.loads(data_file("facts.json").read_text(encoding="utf-8"))["claims"]
    return sorted({claim["lines"][0] for claim in claims if claim["verdict"] == "inaccurate"})


def test_inaccurate_lines(capsys):
    wrong_verdict = sorted({f.line for f in facts.load() if f.verdict in ("inaccurate", "misleading")})
    assert check.inaccurate_lines(wrong_verdict) is False
    assert "'misleading' is a different verdict" in capsys.readouterr().out
    assert check.inaccurate_lines([4, 4, 8, 12]) is False
    assert "keep each line once" in capsys.readouterr().out
    assert check.inaccurate_lines(model_inaccurate_lines()) is True
    assert capsys.readouterr().out.startswith("✓ lines [4, 8, 12]")


def test_sample_verdicts(capsys):
    assert check.sample_verdicts(["needs a human"]) is False
    assert "in a set" in capsys.readouterr().out
    assert check.sample_verdicts({"1", "2"}) is False
    assert "column named 'verdict'" in capsys.readouterr().out
    assert check.sample_verdicts({"needs a human"}) is True
    assert capsys.readouterr().out.startswith("✓ every row needs a human")


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (r"fait sens", "cover other forms of faire"),
        (r"(?:fait|font|faisait|ferait) sens", "end the pattern with \\b"),
        (r"\w+ sens\b", "right before 'sens'"),
        (r"(", "does not compile"),
    ],
)
def test_faire_sens_hints(answer, hint, capsys):
    assert check.faire_sens(answer) is False
    assert hint in capsys.readouterr().out


def test_faire_sens_passes_as_str_or_compiled(capsys):
    model = r"\b(?:fait|font|faisait|ferait)\s+sens\b"
    assert check.faire_sens(model) is True
    assert check.faire_sens(re.compile(model)) is True
    assert capsys.readouterr().out.count("✓ ") == 2
