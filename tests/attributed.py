"""What `claims.attributions` finds in an invented text, in the short forms the speaker tests compare."""

from __future__ import annotations

from alaloupe import claims


def said(text: str) -> list[tuple[int, str, str]]:
    """(line, speaker, mention) of every attribution."""
    return [(a.line, a.speaker, a.mention) for a in claims.attributions(text)]


def speakers(text: str) -> list[str]:
    return [a.speaker for a in claims.attributions(text)]
