"""Boilerplate: the lines of a pasted news page that are page furniture, not the article's claims.

`boilerplate(doc_or_text)` finds navigation ("Lire aussi" and the headline pasted after it), bylines and credits,
publication lines, sharing, comment, donation, video and newsletter widgets, section labels, tags and lists of other
headlines, from a lexicon and the shape of each line (data/lexicons/furniture.json, documented in data/README.md).

- `rules`: what one line says on its own (the lexicon's patterns and section labels; no parse).
- `literals`: the strings a pattern cannot match without, read from the pattern: `rules` searches a pattern that
  reads the whole line only in a line holding one of them.
- `page`: the rules of position and context (after a link cue or a list heading, next to furniture, after the
  article's last sentence), which read the parse for a verb, and `boilerplate` itself.
"""

from alaloupe.claims.furniture.page import Boilerplate, boilerplate
from alaloupe.claims.furniture.rules import furniture_lexicon, line_rule, normalised

__all__ = ["Boilerplate", "boilerplate", "furniture_lexicon", "line_rule", "normalised"]
