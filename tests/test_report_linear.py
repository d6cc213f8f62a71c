"""The report's steps stay linear on a long text and give what the plain, slower way gives.

Each fast path (dates kept sorted, the line index found by identity, the dates searched once for the report, the
claim units read from the Doc's arrays) is checked against the straightforward version it replaces.
"""

from __future__ import annotations

import pytest

from alaloupe import article, claims, dates, entities, nlp, text
from alaloupe.claims.teaching import parse_with_model_sentences

DATED = (
    "Le 3 janvier 2025, il a parlé. En novembre dernier, hier et l'an dernier aussi.\n"
    "Depuis 2022, le 19 novembre et octobre 2022 : 12/10/2024, aujourd'hui.\n"
)


def _find_by_scanning(sample: str) -> list[dates.DateMention]:
    """dates.find as it was written first: every kept mention scanned for an overlap."""
    norm = text.normalise(sample)
    found: list[dates.DateMention] = []
    for kind, pattern in dates._patterns():
        for match in pattern.finditer(norm):
            mention = dates._mention(kind, match, sample)
            if kind == "numeric" and not (1 <= (mention.month or 0) <= 12):
                continue
            if not any(m.start < mention.end and mention.start < m.end for m in found):
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def test_dates_found_with_sorted_spans_are_those_found_by_scanning():
    long_text = (DATED + article.load_text() + "\n") * 20
    assert dates.find(long_text) == _find_by_scanning(long_text)
    assert len(dates.find(DATED)) >= 9  # the sample has something to keep and something to drop


def test_found_once_searches_once_and_hands_out_copies():
    sample = DATED * 3
    expected = dates.find(sample)
    with dates.found_once(sample) as found:
        assert found == expected
        again = dates.find(sample)
        assert again == expected and again is not found
        again.clear()  # a caller's list is its own
        assert dates.find(sample) == expected
        equal_copy = "".join(list(sample))  # equal, but another object: searched, same answer
        assert equal_copy is not sample and dates.find(equal_copy) == expected
        assert dates.find("Le 3 janvier 2025.") == dates.find("Le 3 janvier 2025.")
    assert dates._FOUND.get() is None  # the block is over: nothing is kept


def test_found_once_refuses_bad_input():
    with pytest.raises(TypeError):
        with dates.found_once(None):
            pass


def test_line_index_answers_for_an_equal_text_that_is_another_object():
    sample = "un\ndeux\ntrois"
    twin = "".join(["un\n", "deux\ntrois"])
    assert twin == sample and twin is not sample
    assert text.line_index(sample) == text.line_index(twin)
    assert [text.line_index(twin).line_of(i) for i in (0, 3, 8)] == [1, 2, 3]
    for n in range(3 * text._MAX_INDEXED):  # the identity cache stays bounded
        text.line_index(f"{n}\n{n}")
    assert len(text._BY_IDENTITY) <= text._MAX_INDEXED
    with pytest.raises(TypeError):
        text.line_index(None)


def _units_by_tokens(doc):
    """claims.units as it was written first: one pass over every token."""
    found, start = [], 0
    for token in doc:
        if token.is_sent_start and token.i > start:
            found.append(doc[start : token.i])
            start = token.i
        if "\n" in token.text:
            found.append(doc[start : token.i])
            start = token.i + 1
    found.append(doc[start : len(doc)])
    whole = doc.text
    return [u for u in found if whole[u.start_char : u.end_char].strip()]


@pytest.mark.parametrize("parse", [nlp.parse, parse_with_model_sentences], ids=["kit", "model sentences"])
def test_units_from_arrays_are_the_units_from_tokens(parse):
    doc = parse(article.load_text() + "\n\n" + DATED)
    found = claims.units(doc)
    assert [(u.start, u.end) for u in found] == [(u.start, u.end) for u in _units_by_tokens(doc)]
    assert len(found) >= 15


def test_units_refuse_a_doc_without_sentences():
    doc = nlp.load().make_doc("Une phrase. Une autre.")
    with pytest.raises(ValueError, match="sentence boundaries"):
        claims.units(doc)


def test_the_report_batch_size_changes_no_doc():
    pieces = [text.normalise(line) for line in (article.load_text() + "\n" + DATED).splitlines(keepends=True)]
    by_default = [doc.to_bytes() for doc in entities.parse_with_kb(pieces)]
    assert [doc.to_bytes() for doc in entities.parse_with_kb(pieces, batch_size=3)] == by_default
    for bad in (0, -1, 2.5, True, "8"):
        with pytest.raises(ValueError, match="batch_size"):
            list(entities.parse_with_kb(pieces, batch_size=bad))
