"""Loading and validating the pages of data/news/<split>/ (the guidelines are data/news/README.md)."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from alaloupe import quantities
from alaloupe.data import frozen
from alaloupe.paths import data_file

SPLITS = ("dev", "heldout")
HOWS = ("name", "title", "pronoun", "organisation", "vague")
CURRENCIES = frozenset({"EUR", "USD", "CHF", "GBP"})
KINDS = ("money", "apostrophe thousands", "other")
SOURCE_KEYS = ("title", "url", "licence", "authors", "retrieved", "adapted")
_APOSTROPHE_THOUSANDS = re.compile(r"\d['\u2019]\d{3}")
_FOLDER_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


class PageError(ValueError):
    """A page of data/news/ that does not follow the guidelines of data/news/README.md."""


@dataclass(frozen=True)
class Speaker:
    """A gold reported statement: its line, canonical speaker, the words at the cue, and how it is named."""

    line: int
    speaker: str
    mention: str
    how: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spanned:
    """Gold words on a line, with their offsets in the page; `value`/`unit` for a quantity, `why` otherwise."""

    line: int
    text: str
    start: int
    end: int
    value: float | tuple[float, float] | None = None
    unit: str = ""
    why: str = ""

    @property
    def kinds(self) -> tuple[str, ...]:
        """A gold quantity's categories in the scores: "money" and/or "apostrophe thousands", else "other"."""
        found = (("money",) if self.unit in CURRENCIES else ()) + (
            ("apostrophe thousands",) if _APOSTROPHE_THOUSANDS.search(self.text) else ()
        )
        return found or ("other",)


@dataclass(frozen=True)
class Page:
    """One page of a split: its text (NFC), source record and annotations (see data/news/README.md)."""

    split: str
    slug: str
    text: str
    source: Mapping[str, Any]
    furniture: frozenset[int]
    speakers: tuple[Speaker, ...]
    vague_sources: tuple[Spanned, ...]
    quantities: tuple[Spanned, ...]
    not_quantities: tuple[Spanned, ...]

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Annotation:
    """A second annotator's speakers and vague sources for a page (data/news/<split>/second/<slug>.json)."""

    slug: str
    speakers: tuple[Speaker, ...]
    vague_sources: tuple[Spanned, ...]


def split_folder(split: str) -> Path:
    """data/news/<split>/ for "dev", "heldout" or any other folder under data/news/ ("reserve")."""
    if isinstance(split, str) and (split in SPLITS or _is_split_folder(split)):
        return data_file("news", split)
    raise ValueError(f"split must be one of {SPLITS} or a folder under data/news/, got {split!r}")


def _is_split_folder(name: str) -> bool:
    # a plain folder name only: no path separators, no "..", no hidden folder
    return bool(_FOLDER_NAME.fullmatch(name)) and data_file("news", name).is_dir()


def slugs(split: str) -> list[str]:
    """The pages of a split, by name; a .txt without its .json (or the reverse) is an error."""
    folder = split_folder(split)
    if not folder.is_dir():
        return []
    texts = {p.stem for p in folder.glob("*.txt")}
    notes = {p.stem for p in folder.glob("*.json")}
    if texts != notes:
        lonely = sorted(texts ^ notes)
        raise PageError(f"{folder}: every page needs both <slug>.txt and <slug>.json; unpaired: {lonely}")
    return sorted(texts)


def pages(split: str) -> tuple[Page, ...]:
    """Every page of a split, loaded and validated (cached)."""
    return tuple(_page(split, slug) for slug in slugs(split))


def second_annotations(split: str) -> tuple[Annotation, ...]:
    """The second, independent annotation of a split's pages, where one exists (<split>/second/<slug>.json, with
    only "speakers" and "vague_sources"), validated against the page text like the first."""
    folder = split_folder(split) / "second"
    loaded = pages(split)
    orphans = sorted({p.stem for p in folder.glob("*.json")} - {page.slug for page in loaded})
    if orphans:
        raise PageError(f"{folder}: annotations of no page of the split: {orphans}")
    found = []
    for page in loaded:
        path = folder / f"{page.slug}.json"
        if path.is_file():
            found.append(_second(page, path))
    return tuple(found)


def _second(page: Page, path: Path) -> Annotation:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PageError(f"{page.split}/second/{page.slug}.json is not valid JSON: {error}") from None
    return parse_second(page, raw)


def parse_second(page: Page, raw: Any) -> Annotation:
    """A second annotation of `page` from its parsed JSON; PageError names the entry and what is wrong."""
    where = f"{page.split}/second/{page.slug}"
    if not isinstance(raw, dict) or set(raw) != {"speakers", "vague_sources"}:
        raise PageError(f"{where}.json: expected an object with exactly 'speakers' and 'vague_sources'")
    lines, seen = page.lines, {}
    return Annotation(
        page.slug,
        tuple(_speaker(lines, e, f"{where} speakers[{i}]") for i, e in enumerate(_list(raw, "speakers", where))),
        tuple(
            _spanned(page.text, lines, e, f"{where} vague_sources[{i}]", seen)
            for i, e in enumerate(_list(raw, "vague_sources", where))
        ),
    )


@cache
def _page(split: str, slug: str) -> Page:
    folder = split_folder(split)
    text = (folder / f"{slug}.txt").read_text(encoding="utf-8")
    if unicodedata.normalize("NFC", text) != text:
        raise PageError(f"{split}/{slug}.txt: not in Unicode NFC form")
    try:
        raw = json.loads((folder / f"{slug}.json").read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PageError(f"{split}/{slug}.json is not valid JSON: {error}") from None
    return parse_page(split, slug, text, raw)


def parse_page(split: str, slug: str, text: str, raw: Any) -> Page:
    """A Page from its text and parsed annotations; PageError names the page, the entry and what is wrong."""
    where = f"{split}/{slug}"
    if not isinstance(raw, dict):
        raise PageError(f"{where}.json: expected an object, got {type(raw).__name__}")
    missing = [
        k for k in ("source", "furniture", "speakers", "vague_sources", "quantities", "not_quantities") if k not in raw
    ]
    if missing:
        raise PageError(f"{where}.json: missing keys {missing}")
    source = raw["source"]
    if not isinstance(source, dict) or any(not _nonempty(source.get(k)) for k in SOURCE_KEYS):
        raise PageError(f"{where}.json: 'source' needs non-empty {list(SOURCE_KEYS)}")
    lines = text.split("\n")
    vague_seen: dict[tuple[int, str], int] = {}
    quantity_seen: dict[tuple[int, str], int] = {}
    other_seen: dict[tuple[int, str], int] = {}
    furniture = frozenset(_line(lines, n, f"{where} furniture") for n in _list(raw, "furniture", where))
    speakers = tuple(_speaker(lines, e, f"{where} speakers[{i}]") for i, e in enumerate(_list(raw, "speakers", where)))
    vague = tuple(
        _spanned(text, lines, e, f"{where} vague_sources[{i}]", vague_seen)
        for i, e in enumerate(_list(raw, "vague_sources", where))
    )
    found = tuple(
        _quantity(text, lines, e, f"{where} quantities[{i}]", quantity_seen)
        for i, e in enumerate(_list(raw, "quantities", where))
    )
    unused = tuple(
        _spanned(text, lines, e, f"{where} not_quantities[{i}]", other_seen, "why")
        for i, e in enumerate(_list(raw, "not_quantities", where))
    )
    return Page(split, slug, text, frozen(source), furniture, speakers, vague, found, unused)


def _nonempty(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _list(raw: dict[str, Any], key: str, where: str) -> list[Any]:
    if not isinstance(raw[key], list):
        raise PageError(f"{where}.json: '{key}' must be a list")
    return raw[key]


def _line(lines: list[str], number: Any, where: str) -> int:
    """A valid 1-based line number of a non-empty line."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise PageError(f"{where}: line must be an integer, got {number!r}")
    if not 1 <= number <= len(lines):
        raise PageError(f"{where}: line {number} does not exist (the page has {len(lines)} lines)")
    if not lines[number - 1].strip():
        raise PageError(f"{where}: line {number} is empty")
    return number


def _speaker(lines: list[str], entry: Any, where: str) -> Speaker:
    if not isinstance(entry, dict) or not all(_nonempty(entry.get(k)) for k in ("speaker", "mention", "how")):
        raise PageError(f"{where}: needs 'line', non-empty 'speaker', 'mention' and 'how'")
    line = _line(lines, entry.get("line"), where)
    if entry["how"] not in HOWS:
        raise PageError(f"{where}: how must be one of {HOWS}, got {entry['how']!r}")
    if entry["mention"].casefold() not in lines[line - 1].casefold():
        raise PageError(f"{where}: mention {entry['mention']!r} is not on line {line}")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(_nonempty(a) for a in aliases):
        raise PageError(f"{where}: 'aliases' must be a list of names")
    return Speaker(line, entry["speaker"], entry["mention"], entry["how"], tuple(aliases))


def _spanned(
    text: str, lines: list[str], entry: Any, where: str, used: dict[tuple[int, str], int], extra: str = ""
) -> Spanned:
    """The entry's words located on its line: the k-th entry with the same words on a line is their k-th
    occurrence there (`used` counts them per page)."""
    if not isinstance(entry, dict) or not _nonempty(entry.get("text")):
        raise PageError(f"{where}: needs 'line' and a non-empty 'text'")
    line, words = _line(lines, entry.get("line"), where), entry["text"]
    if extra and not _nonempty(entry.get(extra)):
        raise PageError(f"{where}: needs a non-empty '{extra}'")
    key = (line, words)
    starts = [m.start() for m in re.finditer(re.escape(words), lines[line - 1])]
    if len(starts) <= used.get(key, 0):
        raise PageError(f"{where}: {words!r} does not occur on line {line} (or not as often as annotated)")
    offset = sum(len(x) + 1 for x in lines[: line - 1]) + starts[used.get(key, 0)]
    used[key] = used.get(key, 0) + 1
    return Spanned(line, words, offset, offset + len(words), why=entry.get(extra, "") if extra else "")


def _quantity(text: str, lines: list[str], entry: Any, where: str, used: dict[tuple[int, str], int]) -> Spanned:
    spanned = _spanned(text, lines, entry, where, used)
    value, unit = entry.get("value", "missing"), entry.get("unit")
    if not _nonempty(unit):
        raise PageError(f"{where}: needs a non-empty 'unit'")
    if unit not in CURRENCIES:
        try:
            quantities.registry().Unit(unit)
        except Exception:  # pint raises several kinds of errors for an unknown unit
            raise PageError(f"{where}: unit {unit!r} is neither a currency code nor a pint unit") from None
    if value is None:
        parsed: float | tuple[float, float] | None = None
    elif _is_number(value):
        parsed = float(value)
    elif isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value):
        parsed = (float(value[0]), float(value[1]))
    else:
        raise PageError(f"{where}: value must be a number, [low, high] or null, got {value!r}")
    return Spanned(spanned.line, spanned.text, spanned.start, spanned.end, parsed, unit)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
