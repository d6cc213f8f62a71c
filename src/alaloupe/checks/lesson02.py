"""Practice checks for lesson 02, named entities (`from alaloupe.checks import lesson02 as check`).

One function per "Your turn" cell. The expected values are computed here from the pinned model (through
alaloupe.nlp, whose parses the lesson shares) and from the gold standard, never typed in: a check compares the
student's answer with what spaCy and the kit give now.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import Any

from alaloupe.checks import hint, passed, started, verdict

Span = tuple[int, int, str]


def _article() -> str:
    from alaloupe.article import load_text

    return load_text()


def _spans(ents) -> set[Span]:
    return {(e.start_char, e.end_char, e.label_) for e in ents}


@cache
def _predicted() -> frozenset[Span]:
    """The plain model's spans on the raw article."""
    from alaloupe.nlp import parse

    return frozenset(_spans(parse().ents))


@cache
def _predicted_normalised() -> frozenset[Span]:
    from alaloupe.nlp import parse
    from alaloupe.tokens import normalise

    return frozenset(_spans(parse(normalise(_article())).ents))


@cache
def _gold() -> frozenset[Span]:
    from alaloupe.entities import gold

    return frozenset(e.span for e in gold())


def _gold_span(text: str) -> Span:
    from alaloupe.entities import gold

    return next(e.span for e in gold() if e.text == text)


def _as_span_set(answer: Any) -> set[Span]:
    if isinstance(answer, str | bytes) or not hasattr(answer, "__iter__"):
        raise TypeError("not a collection")
    return {tuple(item) for item in answer}


def _all_tuples(answer: Any) -> bool:
    return all(isinstance(item, tuple) and len(item) == 3 for item in answer)


def persons(answer: Any) -> bool:
    """Section 1: the texts of the entities labelled PER, in text order (repeats kept)."""
    if not started(answer):  # the placeholder: no parsing needed
        return False
    ents = _parsed_article().ents
    expected = [e.text for e in ents if e.label_ == "PER"]
    odd = [name for name in dict.fromkeys(expected) if name in ("Washington", "Satan II") or "\u2019" in name]
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, list), "make a list (in text order, repeats kept), not a set or a generator"),
            (lambda a: len(a) > 0, "the list is empty: compare ent.label_ (with the underscore, a str) with 'PER'"),
            (lambda a: all(isinstance(x, str) for x in a), "keep the words of each entity, ent.text, not the Span"),
            (
                lambda a: len(a) == len(expected),
                f"the model labels {len(expected)} entities PER: one item per entity of doc.ents whose label_ is 'PER'",
            ),
            (lambda a: a == expected, "keep the order of doc.ents and use ent.text for each PER entity"),
        ],
        f"{len(expected)} PER entities; not people: {', '.join(odd)}.",
    )


def _parsed_article():
    from alaloupe.nlp import parse

    return parse()


def _close(a: Any, b: tuple[float, float, float]) -> bool:
    return len(a) == 3 and all(math.isclose(float(x), y, abs_tol=1e-9) for x, y in zip(a, b, strict=True))


def _scores(gold: set[Span], pred: set[Span]) -> tuple[float, float, float]:
    tp = len(gold & pred)
    precision = tp / len(pred) if pred else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (precision, recall, f1)


def label_scores(answer: Any) -> bool:
    """Section 2: (precision, recall, f1) of the model on the LOC spans only, strict matching."""
    if not started(answer):  # the placeholder: no parsing needed
        return False
    gold, pred = set(_gold()), set(_predicted())
    gold_loc = {s for s in gold if s[2] == "LOC"}
    pred_loc = {s for s in pred if s[2] == "LOC"}
    expected = _scores(gold_loc, pred_loc)
    everything = _scores(gold, pred)
    only_pred_filtered = _scores(gold, pred_loc)
    swapped = (expected[1], expected[0], expected[2])
    return verdict(
        answer,
        [
            (
                lambda a: len(a) == 3 and all(isinstance(x, int | float) for x in a),
                "give a tuple of three numbers: (precision, recall, f1)",
            ),
            (
                lambda a: not _close(a, everything),
                "these are the scores over all labels: keep only the spans whose label is 'LOC', in both sets",
            ),
            (
                lambda a: not _close(a, only_pred_filtered),
                "filter the gold too: recall divides by the number of LOC spans in the gold, not all gold spans",
            ),
            (
                lambda a: not _close(a, swapped),
                "precision and recall are swapped: precision divides by the predictions, recall by the gold",
            ),
            (
                lambda a: _close(a, expected),
                "tp = gold_loc & pred_loc; precision = tp / predicted LOC spans; recall = tp / gold LOC spans",
            ),
        ],
        f"LOC: P={expected[0]:.3f} R={expected[1]:.3f} F1={expected[2]:.3f}; "
        "per-label scores show where the errors are.",
    )


def vanished(answer: Any) -> bool:
    """Section 3: the predictions on the raw article that normalisation makes disappear."""
    if not started(answer):  # the placeholder: no parsing needed
        return False
    raw, normalised = set(_predicted()), set(_predicted_normalised())
    expected = raw - normalised
    return verdict(
        answer,
        [
            (
                lambda a: not isinstance(a, str | bytes) and hasattr(a, "__iter__"),
                "make a set of (start, end, label) tuples",
            ),
            (
                lambda a: len(list(a)) > 0,
                "the set is empty: subtract the normalised predictions FROM the raw ones (pred - pred_norm)",
            ),
            (_all_tuples, "each item is a (start, end, label) tuple, like the items of pred"),
            (
                lambda a: _as_span_set(a) <= raw,
                "every item should be one of the raw predictions (pred): compute pred - pred_norm",
            ),
            (
                lambda a: _as_span_set(a) == expected,
                "parse tokens.normalise(text) with model, make its set of spans, then take pred - pred_norm",
            ),
        ],
        f"{len(expected)} spans vanish, every one ending in ’: normalising the apostrophe removes them.",
    )


def ruler_doc(answer: Any) -> bool:
    """Section 4: the normalised article parsed with the EntityRuler that knows Washington and Satan II."""
    if not started(answer):  # the placeholder: no parsing needed
        return False
    from spacy.tokens import Doc

    from alaloupe.tokens import normalise

    washington, satan = _gold_span("Washington"), _gold_span("Satan II")

    def labelled(doc, span: Span) -> str | None:
        found = [e.label_ for e in doc.ents if (e.start_char, e.end_char) == span[:2]]
        return found[0] if found else None

    return verdict(
        answer,
        [
            (lambda a: isinstance(a, Doc), "give the Doc: doc_ruled = ruled(normalised)"),
            (lambda a: a.text == normalise(_article()), "parse the normalised article: ruled(normalised)"),
            (
                lambda a: labelled(a, washington) != "PER",
                "Washington is still PER: is the ruler before 'ner' (add_pipe(..., before='ner')) and does it have "
                "a LOC pattern for 'Washington'? A ruler placed after 'ner' does not overwrite its spans",
            ),
            (lambda a: labelled(a, washington) == "LOC", "add a pattern {'label': 'LOC', 'pattern': 'Washington'}"),
            (
                lambda a: labelled(a, satan) == "MISC",
                "the article writes 'Satan II', an alias of the RS-28 Sarmat entry: make one pattern per name, the "
                "canonical name and every alias, with the entry's type as label",
            ),
        ],
        "the ruler sets Washington LOC and Satan II MISC, and 'ner' predicts the rest around them.",
    )


def canonical_counts(answer: Any) -> bool:
    """Section 5: mentions per canonical name, with Antony Blinken's entry added to the ruler."""
    if not started(answer):  # the placeholder: no parsing needed
        return False
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, dict), "make a Counter (or dict): name -> number of mentions"),
            (
                lambda a: "Poutine" not in a,
                "'Poutine' is a key: count ent.ent_id_ (the pattern's id) when it is set, else ent.text",
            ),
            (
                lambda a: "Blinken" not in a,
                "'Blinken' is still a key: add patterns for every name of the 'Antony Blinken' entry, each with "
                '"id": "Antony Blinken", then parse again',
            ),
            (
                lambda a: a.get("Antony Blinken") == 3,
                "Antony Blinken is named three times (lines 2, 3, 4): parse the normalised article again after "
                "adding the patterns",
            ),
            (
                lambda a: a.get("Vladimir Poutine") == 9 and a.get("Sergueï Lavrov") == 2,
                "count every entity of doc_ruled.ents, keyed by ent.ent_id_ or ent.text",
            ),
        ],
        "aliases merged: Antony Blinken 3 mentions, Vladimir Poutine 9, Sergueï Lavrov 2.",
    )


@cache
def _expected_pairs() -> dict[tuple[str, str], int]:
    from alaloupe.entities import cooccurring_pairs, entities

    return {tuple(sorted((a, b))): n for a, b, n in cooccurring_pairs(entities(_article()))}


def _sorted_keys(answer: Any) -> dict[tuple[str, str], int]:
    return {tuple(sorted(key)): value for key, value in answer.items() if value}


def cooccurrence(answer: Any) -> bool:
    """Section 6: for each pair of canonical names, the number of lines that name both."""
    if not started(answer):  # the placeholder: no parsing needed
        return False
    expected = _expected_pairs()
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, dict), "make a Counter: (name, name) -> number of lines"),
            (
                lambda a: all(isinstance(k, tuple) and len(k) == 2 for k in a),
                "each key is a pair of names, e.g. ('Ukraine', 'Vladimir Poutine')",
            ),
            (
                lambda a: all(k[0] != k[1] for k in a),
                "a name is paired with itself: take a set of names per line, then combinations(sorted(names), 2)",
            ),
            (
                lambda a: set(_sorted_keys(a)) <= set(expected),
                "some of your pairs never share a line: group the names by line (e.line) first",
            ),
            (
                lambda a: all(v <= expected[k] for k, v in _sorted_keys(a).items()),
                "some counts are too high: count lines, not mentions (one set of names per line)",
            ),
            (
                lambda a: _sorted_keys(a) == expected,
                "some pairs are missing: use every entity in found, by e.canonical (or e.text), grouped by e.line",
            ),
        ],
        f"{len(expected)} pairs; Vladimir Poutine and Ukraine share the most lines.",
    )


_ACTS = (
    ("Moscou a démenti ces informations.", "Moscou", True),
    ("Le ministre est arrivé à Moscou hier.", "Moscou", False),
    ("Washington a salué la décision de Berlin.", "Washington", True),
    ("Washington a salué la décision de Berlin.", "Berlin", False),
    ("Il a vécu dix ans à Pékin.", "Pékin", False),
)


def _acts_results(function: Callable[[Any], Any]) -> list[tuple[str, str, bool, Any]]:
    from alaloupe.nlp import parse

    results = []
    for sentence, name, expected in _ACTS:
        ent = next(e for e in parse(sentence).ents if e.text == name)
        results.append((sentence, name, expected, function(ent)))
    return results


def acts(answer: Any) -> bool:
    """Section 7: a function telling whether an entity is the grammatical subject of its verb."""
    if not started(answer):
        return False
    if not callable(answer):
        return hint("give the function itself, `acts`, without calling it")
    try:
        results = _acts_results(answer)
    except Exception as error:  # noqa: BLE001 - the student's function failed: a hint, not a traceback
        return hint(f"your function raised {type(error).__name__}: {error}. A Span has .root, a Token has .dep_")
    for sentence, name, expected, got in results:
        if not isinstance(got, bool):
            return hint("return True or False (a bool) for every entity: replace the `...` with a test on ent")
        if got != expected:
            role = "is the subject" if expected else "is not the subject"
            return hint(
                f"in {sentence!r}, {name} {role} of the verb: test ent.root.dep_, the role of the span's "
                "head word, not its label"
            )
    return passed("a place that is the subject of a verb (nsubj) is doing something: a cue for metonymy.")


__all__ = [
    "acts",
    "canonical_counts",
    "cooccurrence",
    "label_scores",
    "persons",
    "ruler_doc",
    "vanished",
]
