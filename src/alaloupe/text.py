"""The light core for any French text: the normalisation policy and line numbers of character offsets.

Nothing here imports spaCy, so `quantities`, `dates` and `facts` stay quick to import.

Normalisation policy (one character in, one character out, so offsets computed on `normalise(text)` are offsets
into an NFC `text`, as the article is):
- Unicode normal form NFC;
- the curly apostrophe ’ (U+2019), the modifier letter apostrophe ʼ (U+02BC) and the left single quotation mark
  ‘ (U+2018) become the straight apostrophe ';
- the no-break space (U+00A0), the narrow no-break space (U+202F), the thin space (U+2009) and the figure space
  (U+2007) become a plain space;
- everything else is kept, quotation marks « » “ ” in particular: which ones open and close a quote is evidence.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from alaloupe._checks import require_text

APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'"}  # ’ ʼ ‘ -> '
SPACES = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "}  # no-break, narrow no-break, thin, figure
POLICY = {**APOSTROPHES, **SPACES}
_TABLE = str.maketrans(POLICY)


# the last long text normalised, and its normal form: the report's extractors each normalise the same long text
_LONG = 10_000
_last_long: tuple[str, str] = ("", "")


def normalise(text: str) -> str:
    """NFC, then curly/modifier apostrophes to ' and typographic spaces to a plain space (see the module's policy)."""
    global _last_long
    seen, normal = _last_long  # one read: another thread may replace the pair, never half of it
    if text is seen:
        return normal
    normal = unicodedata.normalize("NFC", require_text(text, allow_empty=True)).translate(_TABLE)
    if len(text) >= _LONG:
        _last_long = (text, normal)
    return normal


@dataclass(frozen=True)
class LineIndex:
    """Where each line of a text starts, to find the 1-based line of any character offset in O(log n)."""

    length: int
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        position = text.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        return cls(len(text), tuple(starts))

    def line_of(self, offset: int) -> int:
        """The 1-based line holding `offset` (an offset past the end counts as the last line)."""
        return bisect_right(self.starts, min(offset, self.length))

    def start_of(self, line: int) -> int:
        """The offset at which 1-based `line` starts."""
        return self.starts[line - 1]


_MAX_INDEXED = 16
# text object's id -> (the text, its index). Extractors ask for the index once per finding; looked up by value alone,
# a text equal to, but not the same object as, the cached key (doc.text builds a new str on every access) is compared
# character by character on every call, which makes a long text's per-finding look-ups cost O(length) each.
_BY_IDENTITY: dict[int, tuple[str, LineIndex]] = {}


@lru_cache(maxsize=_MAX_INDEXED)
def _index_of(text: str) -> LineIndex:
    return LineIndex.of(text)


def line_index(text: str) -> LineIndex:
    """The (cached) LineIndex of `text`: O(1) for a text already indexed, whichever equal str object is passed."""
    known = _BY_IDENTITY.get(id(text))
    if known is not None and known[0] is text:  # the entry holds the text, so its id cannot have been reused
        return known[1]
    index = _index_of(require_text(text, allow_empty=True))  # one comparison by value, then by identity
    if len(_BY_IDENTITY) >= _MAX_INDEXED:
        _BY_IDENTITY.pop(next(iter(_BY_IDENTITY), None), None)  # the oldest entry
    _BY_IDENTITY[id(text)] = (text, index)
    return index


def line_of(offset: int, text: str) -> int:
    """1-based line number of character `offset` of `text`; a clear error for a bad offset."""
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise TypeError(f"offset must be an int, not {type(offset).__name__}.")
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} is outside the text (0..{len(text)}).")
    return line_index(text).line_of(offset)


def folded(text: str) -> str:
    """`text` as names are compared: accents dropped, case-folded, ’ read as ', runs of spaces (also no-break ones)
    made one space."""
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}")
    decomposed = unicodedata.normalize("NFD", text.replace("\u2019", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())
