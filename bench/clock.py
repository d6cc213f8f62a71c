"""The wall-clock timer the benches share."""

from __future__ import annotations

import time
from collections.abc import Callable


def seconds(function: Callable[..., object], *args: object) -> float:
    """Wall seconds of one call of function(*args)."""
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start
