"""Headline cues: a line that opens with a name, a colon and a quote ("Barack Obama : « … »") puts the quote on record
for that name (used by alaloupe.claims.cues)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from alaloupe.claims.quoting import QuoteIndex
from alaloupe.nlp import text_of

if TYPE_CHECKING:
    from alaloupe.claims.cues import Cue

_HEADLINE = re.compile(r"^[ \t]*([A-ZÉÈ][\w'’.-]*(?:[ \t]+[A-ZÉÈ][\w'’.-]*){0,3})[ \t]*:[ \t]*$", re.MULTILINE)


def _colon_headlines(doc: Doc, quoted: QuoteIndex) -> list[Cue]:
    """A line that opens with a name, a colon and a quote ("Barack Obama : « … »", a headline's way of putting
    words on record): the colon is the cue, the name its speaker. One look per quote, at the words before it."""
    from alaloupe.claims.cues import Cue  # cues imports this module

    text, found = text_of(doc), []
    for quote in quoted:
        if quote.depth:
            continue
        m = _HEADLINE.search(text, max(0, quote.open_at - 60), quote.open_at)
        name = doc.char_span(m.start(1), m.end(1)) if m else None
        tagged = name is not None and all(t.ent_type_ in ("PER", "ORG") for t in name)
        if name is None or not (tagged or len(name) > 1 and all(t.pos_ == "PROPN" and not t.ent_type_ for t in name)):
            continue  # a person or a body, not a place ("Syrie : « … »")
        colon = doc.char_span(text.rfind(":", 0, quote.open_at), text.rfind(":", 0, quote.open_at) + 1)
        if colon is not None:
            found.append(Cue(colon[0], True, None, "name before a colon", name))
    return found
