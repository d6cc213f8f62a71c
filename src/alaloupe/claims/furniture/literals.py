"""The words a pattern cannot match without: a cheap precheck (`in` on the line) before a costly search.

`required_literals(pattern)` reads the parsed pattern (Python's own `re` parser) and returns strings one of which
every match contains, e.g. ("newsletter", "inscrivez-vous", …) for `\\b(newsletter|inscrivez-vous|…)\\b[^.!?]*$`,
or None when it finds none (the pattern is then always tried). The answer is a necessary condition, never a
sufficient one: a line without any of the strings cannot match, a line with one is still searched.
"""

from __future__ import annotations

from re import _constants as sre  # the parser's opcodes (Python >= 3.11)
from re import _parser

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _selective(candidate: frozenset[str] | None) -> int:
    """How selective a set of alternatives is: the length of its shortest string (0 for none)."""
    return min(map(len, candidate)) if candidate else 0


def _needed(items) -> frozenset[str] | None:
    """The most selective set of strings one of which a match of this sequence of parsed items contains."""
    best: frozenset[str] | None = None
    run = ""

    def keep(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if _selective(candidate) > _selective(best):
            best = candidate

    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        keep(frozenset({run}) if run else None)
        run = ""
        if op is sre.SUBPATTERN:  # a group: (group, add_flags, del_flags, items)
            keep(_needed(av[-1]))
        elif op is sre.BRANCH:  # an alternation: every branch must need something
            branches = [_needed(branch) for branch in av[1]]
            if all(branches):
                keep(frozenset().union(*branches))
        elif op in _REPEATS and av[0] >= 1:  # (min, max, items): needed when it occurs at least once
            keep(_needed(av[2]))
        elif op is sre.ASSERT:  # a positive lookahead or lookbehind: (direction, items), also matched in the line
            keep(_needed(av[1]))
    keep(frozenset({run}) if run else None)
    return best


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` (compiled without flags) contains, or None if none is found."""
    if not isinstance(pattern, str):
        raise TypeError(f"pattern must be a str, not {type(pattern).__name__}")
    needed = _needed(_parser.parse(pattern))
    return tuple(sorted(needed)) if needed else None


__all__ = ["required_literals"]
