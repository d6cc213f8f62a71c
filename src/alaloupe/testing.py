"""`expect`: the assertion every exercise test uses. It checks type *and* value, with a hint.

A plain `assert answer == expected` can be fooled by an object whose __eq__ always returns True;
`expect` first requires the exact built-in type, so only the real value can pass.
"""

from __future__ import annotations

import math
from typing import Any

_MAX_SHOWN = 120


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _mismatch(actual: Any, expected: Any, rel_tol: float) -> str | None:
    """Why `actual` differs from `expected`, or None if it matches."""
    if isinstance(expected, float) and not isinstance(expected, bool):
        if type(actual) not in (int, float):
            return f"expected a number, got {type(actual).__name__}"
        return None if math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=1e-12) else "wrong value"
    if type(actual) is not type(expected):
        return f"expected a {type(expected).__name__}, got {type(actual).__name__}"
    if isinstance(expected, list | tuple):
        if len(actual) != len(expected):
            return f"expected {len(expected)} items, got {len(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            why = _mismatch(a, e, rel_tol)
            if why:
                return f"item {i}: {why}"
        return None
    if isinstance(expected, dict):
        if set(actual) != set(expected):
            return f"expected keys {sorted(map(str, expected))}, got {sorted(map(str, actual))}"
        for key in expected:
            why = _mismatch(actual[key], expected[key], rel_tol)
            if why:
                return f"key {key!r}: {why}"
        return None
    return None if actual == expected else "wrong value"


def expect(actual: Any, expected: Any, hint: str, *, rel_tol: float = 1e-6) -> None:
    """Raise AssertionError(hint) unless `actual` has the type and value of `expected`.

    Lists, tuples and dicts are compared item by item; floats with a relative tolerance.
    The message shows the hint and what was received, never the expected value.
    """
    why = _mismatch(actual, expected, rel_tol)
    if why:
        raise AssertionError(f"{hint} ({why}; got {_shown(actual)})")
