"""Named entities: the knowledge base of the article's names (data/kb.json) and alias resolution."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from alaloupe._checks import require_text
from alaloupe.paths import data_file

LABELS = ("PER", "LOC", "ORG", "MISC")
_LEADING_ARTICLE = re.compile(r"^(?:le|la|les|l')\s*")


@dataclass(frozen=True)
class KBEntry:
    """One entity of data/kb.json: its canonical name, label, Wikidata id (None if unverified) and other names."""

    canonical: str
    type: str
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    metonymy_for: str | None = None


def name_key(name: str) -> str:
    """The form names are compared in: no accents, case-folded, ' for ’, no leading article, single spaces."""
    name = name.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    stripped = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    folded = " ".join(stripped.casefold().split())
    return _LEADING_ARTICLE.sub("", folded)


@cache
def kb() -> tuple[KBEntry, ...]:
    """The entries of data/kb.json."""
    raw = json.loads(data_file("kb.json").read_text(encoding="utf-8"))["entities"]
    return tuple(
        KBEntry(
            canonical=e["canonical"],
            type=e["type"],
            wikidata=e.get("wikidata"),
            aliases=tuple(e.get("aliases", ())),
            titles=tuple(e.get("titles", ())),
            metonymy_for=e.get("metonymy_for"),
        )
        for e in raw
    )


@cache
def _index() -> dict[str, KBEntry]:
    index: dict[str, KBEntry] = {}
    for entry in kb():
        for name in (entry.canonical, *entry.aliases, *entry.titles):
            key = name_key(name)
            if key in index and index[key] is not entry:
                raise ValueError(f"data/kb.json: {name!r} names both {index[key].canonical} and {entry.canonical}")
            index[key] = entry
    return index


def lookup(name: str) -> KBEntry | None:
    """The KB entry a name, alias or title refers to (accent-, case- and article-tolerant), or None."""
    return _index().get(name_key(require_text(name, "name")))


def canonical(name: str) -> str | None:
    """Canonical name for `name` ("Sergie Lavrov" -> "Sergueï Lavrov", "kiev" -> "Kyiv"), or None if unknown."""
    entry = lookup(name)
    return entry.canonical if entry else None
