"""Tokens: normalising French typography, and the kit's own rule-based tokenizer."""

from __future__ import annotations

import unicodedata

from alaloupe._checks import require_text

# One character in, one character out: offsets computed on normalise(text) are offsets into text
# (for NFC text, which the article is).
APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'"}  # ’ ʼ ‘ -> '
SPACES = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "}  # no-break, narrow no-break, thin, figure
POLICY = {**APOSTROPHES, **SPACES}
_TABLE = str.maketrans(POLICY)


def normalise(text: str) -> str:
    """NFC, then curly/modifier apostrophes to ' and typographic spaces to a plain space.

    Quotation marks (« » “ ”) are kept: which ones open and close a quote is evidence (module 03).
    """
    return unicodedata.normalize("NFC", require_text(text, allow_empty=True)).translate(_TABLE)
