"""Input checks shared by the public helpers: clear errors instead of silently wrong answers."""

from __future__ import annotations


def require_text(value: object, what: str = "text", *, allow_empty: bool = False) -> str:
    """Return `value` if it is usable French text, else raise TypeError/ValueError with a hint."""
    if value is None:
        raise TypeError(f"{what} is None: pass a str (for the article, use alaloupe.article.load_text()).")
    if isinstance(value, bytes | bytearray):
        raise TypeError(f"{what} is bytes: decode it first, e.g. data.decode('utf-8').")
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}.")
    if not allow_empty and not value.strip():
        raise ValueError(f"{what} is empty (or only whitespace): there is nothing to analyse.")
    return value
