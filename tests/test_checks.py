"""The lessons' practice checks: one line, ✓ or a hint, never an exception."""

from __future__ import annotations

from alaloupe import checks


def test_placeholder_gets_the_start_hint(capsys):
    assert checks.verdict(None, [(lambda a: True, "unused")], "done") is False
    assert "Not yet" in capsys.readouterr().out


def test_first_failing_rule_prints_its_hint(capsys):
    rules = [(lambda a: isinstance(a, list), "return a list"), (lambda a: len(a) == 2, "two items, please")]
    assert checks.verdict([1], rules, "done") is False
    assert capsys.readouterr().out.strip() == "✗ Not yet: two items, please"


def test_a_rule_that_raises_is_a_hint_not_a_crash(capsys):
    assert checks.verdict(5, [(lambda a: a["key"], "use a dict")], "done") is False
    assert "use a dict" in capsys.readouterr().out


def test_success_prints_one_line(capsys):
    assert checks.verdict("x", [(lambda a: a == "x", "unused")], "strings compare by value") is True
    assert capsys.readouterr().out == "✓ strings compare by value\n"
