"""Lesson 03's practice checks: the placeholder gets the start hint, a typical mistake its own hint, the model answer ✓.

The expected values are literals in alaloupe.checks.lesson03; the last tests recompute the parse-dependent ones with
the pinned model, as the lesson's model answers do, so a model change is caught here and not by a puzzled student.
"""

from __future__ import annotations

import pytest

from alaloupe import article, nlp
from alaloupe.checks import NOT_STARTED
from alaloupe.checks import lesson03 as check

PAIRS = {"«": "»", "“": "”"}
REPORTING = {"déclarer", "dire", "affirmer", "estimer", "ajouter", "annoncer", "indiquer", "avertir"}


def said(capsys) -> str:
    out = capsys.readouterr().out
    assert out.count("\n") == 1, f"a check prints exactly one line, got {out!r}"
    return out.strip()


# (check, placeholder-free wrong answer, words of its hint, model answer)
CASES = [
    (
        check.closed_quotes,
        ["« sérieuses »", "« gestionnaires »"],
        "slice between the marks",
        ["sérieuses", "gestionnaires"],
    ),
    (check.closed_quotes, [" sérieuses ", " gestionnaires "], "strip()", ["sérieuses", "gestionnaires"]),
    (check.reporting_cues, check.ARTICLE_CUES + [(15, "dire")], "inside a quotation", check.ARTICLE_CUES),
    (check.reporting_cues, [c for c in check.ARTICLE_CUES if c[1] != "disant"], "lemma_", check.ARTICLE_CUES),
    (
        check.reporting_cues,
        [(n, v.replace("estiment", "estimer")) for n, v in check.ARTICLE_CUES],
        "as written",
        check.ARTICLE_CUES,
    ),
    (check.reporting_cues, [(str(n), v) for n, v in check.ARTICLE_CUES], "(int, str)", check.ARTICLE_CUES),
    (check.subject_phrase, "bras", "left_edge and right_edge", "le bras droit de Poutine"),
    (check.subject_phrase, "Sergie Lavrov", "children", "le bras droit de Poutine"),
    (check.conditional_verbs, [1.5, 2.5], "not the Token", ["fermerait", "seraient"]),
    (check.conditional_verbs, ["seraient"], "endings -rait, -raient", ["fermerait", "seraient"]),
    (check.conditional_verbs, ["fermerait", "seraient", "supprimés"], "pos_", ["fermerait", "seraient"]),
    (
        check.vague_subjects,
        ["Plusieurs analystes", "Des analystes"],
        "nsubj of a reporting verb",
        ["Plusieurs analystes"],
    ),
    (check.vague_subjects, ["analystes"], "left_edge to right_edge", ["Plusieurs analystes"]),
    (check.boilerplate_lines, [1, 3, 4], "page's own title", [3, 4]),
    (check.boilerplate_lines, [3], "right after a link cue", [3, 4]),
    (check.top_five, [3, 5, 12, 8, 13], "old ranking", [3, 5, 8, 12, 9]),
    (check.top_five, [(3, 4.0), (5, 4.0), (8, 4.0), (12, 4.0), (9, 3.0)], "without their scores", [3, 5, 8, 12, 9]),
    (check.top_five, [3, 5, 8, 12, 6], "boilerplate", [3, 5, 8, 12, 9]),
]


@pytest.mark.parametrize("func", sorted({c[0] for c in CASES}, key=lambda f: f.__name__), ids=lambda f: f.__name__)
@pytest.mark.parametrize("placeholder", [None, ...], ids=["None", "Ellipsis"])
def test_placeholder_gets_the_start_hint(func, placeholder, capsys):
    assert func(placeholder) is None
    assert said(capsys) == f"✗ Not yet: {NOT_STARTED}"


@pytest.mark.parametrize(("func", "wrong", "hint", "right"), CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_typical_mistake_gets_its_hint_and_model_answer_passes(func, wrong, hint, right, capsys):
    func(wrong)
    message = said(capsys)
    assert message.startswith("✗ Not yet: ") and hint in message, message
    func(right)
    assert said(capsys).startswith("✓ ")


@pytest.mark.parametrize("func", sorted({c[0] for c in CASES}, key=lambda f: f.__name__), ids=lambda f: f.__name__)
@pytest.mark.parametrize("odd", [42, "", b"bytes", {"a": 1}, [None], [(1,)]], ids=repr)
def test_an_answer_of_the_wrong_shape_is_a_hint_not_a_crash(func, odd, capsys):
    func(odd)
    assert said(capsys).startswith("✗ Not yet: ")


# --- the literals agree with the pinned model (the lesson's model answers, recomputed) ---------------------------


@pytest.fixture(scope="module")
def sents():
    return list(nlp.parse().sents)


def test_line13_quotes_and_page_are_what_the_lesson_shows():
    line, found, stack = article.lines()[12], [], []
    for i, char in enumerate(line):
        if char in PAIRS:
            stack.append((char, i))
        elif char in PAIRS.values() and stack and PAIRS[stack[-1][0]] == char:
            found.append(line[stack.pop()[1] + 1 : i].strip())
    assert found == check.LINE13_QUOTES


def test_reporting_cues_outside_quotes(sents):
    def inside(token, sent):
        before = sent.text[: token.idx - sent.start_char]
        return sum(before.count(m) for m in PAIRS) > sum(before.count(m) for m in PAIRS.values())

    cues = [
        (n, t.text)
        for n, sent in enumerate(sents, start=1)
        for t in sent
        if t.lemma_ in REPORTING and t.pos_ == "VERB" and not inside(t, sent)
    ]
    assert cues == check.ARTICLE_CUES


def test_line13_subject(sents):
    verb = next(t for t in sents[12] if t.lemma_ == "déclarer")
    subject = next(c for c in verb.children if c.dep_ == "nsubj")
    assert subject.text == "bras"
    assert sents[12].doc[subject.left_edge.i : subject.right_edge.i + 1].text == check.LINE13_SUBJECT


def test_conditionals_of_the_factory_sentence():
    factory = nlp.load()("Selon le ministère, l'usine fermerait en mars et 200 emplois seraient supprimés.")
    verbs = {t.text: t for t in factory if t.pos_ in ("VERB", "AUX")}
    assert verbs["fermerait"].morph.get("Mood") == ["Ind"], "the lesson says the model misses this conditional"
    assert verbs["seraient"].morph.get("Mood") == ["Cnd"]
    found = [t.text for t in verbs.values() if t.morph.get("Mood") == ["Cnd"] or t.lower_.endswith(("rait", "raient"))]
    assert found == check.FACTORY_CONDITIONALS


def test_vague_subjects_of_the_two_lines():
    pair = nlp.load()("Plusieurs analystes affirment que la trêve tiendra.\nDes analystes ont rédigé le rapport.")
    subjects = [t for t in pair if t.lemma_ == "analyste"]
    assert [t.dep_ for t in subjects] == ["nsubj", "nsubj"]
    kept = [pair[t.left_edge.i : t.right_edge.i + 1].text for t in subjects if t.head.lemma_ in REPORTING]
    assert kept == check.VAGUE_SUBJECTS


def test_page_boilerplate_agrees_with_the_kit():
    from alaloupe import claims

    page = (
        "Inauguration du pont de Lyon\nLe maire a inauguré le pont samedi.\nSur le même sujet :\n"
        "La ville lance un nouveau tramway\nLes travaux ont duré deux ans."
    )
    assert [b.line for b in claims.boilerplate(page)] == check.PAGE_BOILERPLATE


def test_top_five_with_and_without_unsourced(sents):
    weights = {"number": 2.0, "entity": 1.0, "reporting verb": 1.0, "conditional": 1.0}

    def evidence(sent, unsourced):
        found = {
            "number": [t for t in sent if t.is_digit],
            "entity": [e for e in sent.ents if len(e.text) > 2],
            "reporting verb": [t for t in sent if t.lemma_ in REPORTING and t.pos_ == "VERB"],
            "conditional": [t for t in sent if t.morph.get("Mood") == ["Cnd"]],
        }
        if unsourced:
            found["unsourced"] = [] if found["reporting verb"] else ["none"]
        return found

    def top(unsourced):
        w = {**weights, "unsourced": 1.0}
        lines = [n for n in range(1, len(sents) + 1) if n not in (6, 7)]
        score = {n: sum(w[k] for k, v in evidence(sents[n - 1], unsourced).items() if v) for n in lines}
        return sorted(lines, key=lambda n: -score[n])[:5]

    assert top(False) == check.TOP5_WITHOUT_UNSOURCED
    assert top(True) == check.TOP5_WITH_UNSOURCED
