"""The article: one French text, byte-exact, verified by its SHA-256 before anything reads it."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from alaloupe.paths import data_file
from alaloupe.text import line_index
from alaloupe.text import line_of as text_line_of

SHA256 = "a6192bf0ee4090b474ebf30ac09407e6bdd4c64f1436dce5cc0545b167a5c34e"
N_LINES = 15


class ArticleChecksumError(RuntimeError):
    """data/article.txt is not the byte-exact article every lesson and answer key relies on."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_article(text: str) -> bool:
    """True when `text` is exactly the kit's article (recognised by checksum)."""
    return isinstance(text, str) and sha256_of(text.encode("utf-8")) == SHA256


@cache
def _verified(path: Path) -> str:
    data = path.read_bytes()
    digest = sha256_of(data)
    if digest != SHA256:
        raise ArticleChecksumError(
            f"{path} has sha256 {digest[:12]}…, expected {SHA256[:12]}…. The article must stay byte-exact: "
            "restore it with `git checkout -- data/article.txt`."
        )
    return data.decode("utf-8")


def load_text(path: Path | str | None = None) -> str:
    """The article as one str (no final newline). Raises ArticleChecksumError if a byte differs."""
    return _verified(Path(path) if path is not None else data_file("article.txt"))


def lines() -> list[str]:
    """The article's 15 lines, without their newline characters."""
    return load_text().split("\n")


def line_starts(text: str | None = None) -> list[int]:
    """Character offset at which each line of `text` (default: the article) starts."""
    return list(line_index(load_text() if text is None else text).starts)


def line_of(offset: int, text: str | None = None) -> int:
    """1-based line number holding character `offset` of `text` (default: the article)."""
    return text_line_of(offset, load_text() if text is None else text)


def numbered(width: int = 2) -> str:
    """The article with right-aligned line numbers, ready to print."""
    return "\n".join(f"{n:>{width}} | {line}" for n, line in enumerate(lines(), start=1))
