"""The timers the benches share: wall-clock seconds, and the process's CPU seconds next to them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


def seconds(function: Callable[..., object], *args: object) -> float:
    """Wall seconds of one call of function(*args)."""
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


@dataclass(frozen=True)
class Spent:
    """One call's wall seconds and the CPU seconds (user + system, every thread) the process spent on it."""

    wall: float
    cpu: float


def spent(function: Callable[..., object], *args: object) -> Spent:
    """Wall and CPU seconds of one call of function(*args). On a shared machine the wall time also counts the time
    spent waiting for a core; the CPU time counts only the work."""
    wall, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return Spent(time.perf_counter() - wall, time.process_time() - cpu)
