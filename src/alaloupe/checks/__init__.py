"""One-line checks for the lessons' "Your turn" cells.

Each lesson has a module here (`from alaloupe.checks import lesson01 as check`) with one function per "Your turn"
task. A check never raises on a wrong or missing answer: it prints one line, "✓ …" saying what was learned, or
"✗ Not yet: …" with a hint, and returns whether the answer passed. The lessons therefore run top to bottom with the
scaffolds left empty, and a student who is stuck reads a hint instead of a traceback.

These checks are for practice. They are not grading: the graded exercises live in solutions/ and exercises/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

NOT_STARTED = "replace the `...` or `None` in the cell above with your code, then run both cells again"


def passed(message: str) -> bool:
    print(f"✓ {message}")
    return True


def hint(message: str) -> bool:
    print(f"✗ Not yet: {message}")
    return False


def started(answer: Any) -> bool:
    """False (with the standard hint) while the answer is still the scaffold's placeholder."""
    if answer is None or answer is Ellipsis:
        return hint(NOT_STARTED)
    return True


def verdict(answer: Any, rules: list[tuple[Callable[[Any], bool], str]], success: str) -> bool:
    """Apply `rules` in order, (predicate, hint): the first predicate that fails prints its hint.

    A predicate that raises counts as failed, so a check never crashes on an answer of the wrong shape.
    """
    if not started(answer):
        return False
    for predicate, message in rules:
        try:
            ok = bool(predicate(answer))
        except Exception:  # noqa: BLE001 - any error in a student's value is a hint, never a traceback
            ok = False
        if not ok:
            return hint(message)
    return passed(success)
