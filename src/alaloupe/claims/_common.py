"""What every part of alaloupe.claims shares: the lexicon and gold data, and small helpers on text and spans."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import numpy
from spacy.attrs import LOWER, POS
from spacy.tokens import Doc, Span, Token

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.nlp import text_of

VAGUE = "vague"


@cache
def lexicon() -> dict[str, Any]:
    """The lexicons and score weights of data/lexicons/claims.json."""
    return data.load("lexicons", "claims.json")


@cache
def gold() -> tuple[dict[str, Any], ...]:
    """The per-line gold annotation of the article (data/gold/claims.json), one dict per line."""
    return tuple(data.load("gold", "claims.json")["lines"])


@cache
def examples() -> tuple[dict[str, Any], ...]:
    """French sentences other than the article, with the expected results (data/gold/claims_examples.json)."""
    return tuple(data.load("gold", "claims_examples.json")["examples"])


def _text_of(doc_or_text: Doc | str) -> str:
    return text_of(doc_or_text) if isinstance(doc_or_text, Doc) else require_text(doc_or_text)


@cache
def _whole_word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _phrases_in(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases found in `text` as whole words, in the order given (a substring test first: it is cheap)."""
    return [phrase for phrase in phrases if phrase in text and _whole_word(phrase).search(text)]


def _ents_in(span: Span) -> list[Span]:
    """The entities wholly inside `span`, read from its tokens' IOB tags.

    Same result as `span.ents`, at the cost of the span's length: `span.ents` walks `doc.ents` from the start of the
    Doc, which makes a per-sentence loop quadratic on a long text.
    """
    doc, found, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j <= span.end:
            found.append(Span(doc, i, j, label=doc[i].ent_type_))
        i = j
    return found


def _on_one_line(doc: Doc, first: int, last: int) -> bool:
    """True when no newline lies between tokens `first` and `last` (in either order)."""
    low, high = min(first, last), max(first, last)
    return not any("\n" in t.text_with_ws for t in doc[low:high])


def _line_start_char(token: Token) -> int:
    """Offset of the first character of the token's line, found from the tokens (no Doc.text rebuild)."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and "\n" not in doc[i].text_with_ws:
        i -= 1
    return 0 if i < 0 else doc[i].idx + len(doc[i].text_with_ws)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _tagged_or_listed(doc: Doc, tags: tuple[int, ...], words: Iterable[str]) -> numpy.ndarray:
    """A mask over the Doc's tokens, read from its arrays (no Token object): the part of speech is one of `tags`
    (spacy.symbols) or the lower-cased word is one of `words`."""
    columns = doc.to_array([POS, LOWER]).astype(numpy.uint64)
    hashes = numpy.array([doc.vocab.strings.add(w) for w in words], dtype=numpy.uint64)
    return numpy.isin(columns[:, 0], numpy.array(tags, dtype=numpy.uint64)) | numpy.isin(columns[:, 1], hashes)
