"""One loader for the kit's data files (data/*.json): read once, cached, and read-only.

`load("kb.json")` or `load("gold", "entities.json")` returns the parsed JSON with every object as a read-only
mapping (types.MappingProxyType) and every array as a tuple. Every caller shares one copy, so nothing a lesson cell
does to what it received can change what a later cell or helper sees.
"""

from __future__ import annotations

import json
from functools import cache
from types import MappingProxyType
from typing import Any

from alaloupe.paths import data_file


def frozen(value: Any) -> Any:
    """`value` (parsed JSON) with dicts as read-only mappings and lists as tuples, all the way down."""
    if isinstance(value, dict):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    return value


@cache
def load(*parts: str) -> Any:
    """The JSON file data/<parts…>, parsed and frozen; a clear error if it is missing or not valid JSON."""
    path = data_file(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such data file (is the kit complete? see data/README.md)")
    try:
        return frozen(json.loads(path.read_text(encoding="utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not valid UTF-8 JSON: {error}") from None


def thawed(value: Any) -> Any:
    """A plain, mutable copy of frozen data (dicts and lists), e.g. to compare with results built as lists."""
    if isinstance(value, MappingProxyType | dict):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [thawed(item) for item in value]
    return value
