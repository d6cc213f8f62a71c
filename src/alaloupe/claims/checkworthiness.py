"""Check-worthiness: one Claim per sentence with a documented score, and `analyse`, every extractor of
alaloupe.claims run once on one text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import IDX, LIKE_NUM, ORTH, SENT_START
from spacy.symbols import AUX, NUM, VERB
from spacy.tokens import Doc, Span, Token

from alaloupe.claims._common import VAGUE, _ents_in, _phrases_in, _tagged_or_listed, _trimmed, lexicon
from alaloupe.claims.attribution import Attribution, _attributions, attributions
from alaloupe.claims.cues import _cues
from alaloupe.claims.furniture import Boilerplate, boilerplate
from alaloupe.claims.naming import UNKNOWN
from alaloupe.claims.quoting import Quote, QuoteIndex, quotes
from alaloupe.claims.speakers import VagueSource, _mention_span, _vague_sources, resolve_speaker, vague_sources
from alaloupe.nlp import as_doc, text_of
from alaloupe.text import line_index

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


@dataclass(frozen=True)
class Claim:
    """One sentence as a candidate claim: its check-worthiness score, the flag and the reasons behind both."""

    text: str
    start: int
    end: int
    line: int
    checkworthy: bool
    score: float
    reasons: tuple[str, ...]


def _is_conditional(token: Token) -> bool:
    modality = lexicon()["modality"]
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if "Mood=Cnd" in str(token.morph):
        return True
    word = token.lower_
    return word.endswith(tuple(modality["conditional_endings"])) and not word.endswith(
        tuple(modality["not_conditional"])
    )


def _names_someone(token: Token) -> bool:
    """True when a subject token is, or heads a phrase that is, a named entity or a KB name or title."""
    if token.pos_ == "PROPN" or token.ent_type_:
        return True
    mention = _mention_span(token)
    return any(e.label_ != "MISC" for e in _ents_in(mention)) or resolve_speaker(mention.text) is not None


@cache
def _year_pattern() -> re.Pattern[str]:
    return re.compile(lexicon()["dates"]["year_pattern"])


@cache
def _date_words() -> frozenset[str]:
    dates = lexicon()["dates"]
    return frozenset(dates["months"] + dates["weekdays"] + dates["relative"])


class Located:
    """Findings with `start` and `end` offsets (attributions, vague sources), indexed to ask, in O(log n + k),
    which of them start or end inside a span. Answers keep the findings' own order."""

    def __init__(self, items: Sequence[Attribution] | Sequence[VagueSource]) -> None:
        self.items = list(items)
        self._by_start = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self._starts = [self.items[i].start for i in self._by_start]
        self._by_end = sorted(range(len(self.items)), key=lambda i: self.items[i].end)
        self._ends = [self.items[i].end for i in self._by_end]

    def touching(self, first: int, last: int) -> list:
        """The findings that start in [first, last) or end in [first, last]."""
        chosen = set(self._by_start[bisect_left(self._starts, first) : bisect_left(self._starts, last)])
        chosen.update(self._by_end[bisect_left(self._ends, first) : bisect_right(self._ends, last)])
        return [self.items[i] for i in sorted(chosen)]

    def starting_in(self, first: int, last: int) -> list:
        """The findings that start in [first, last)."""
        chosen = self._by_start[bisect_left(self._starts, first) : bisect_left(self._starts, last)]
        return [self.items[i] for i in sorted(chosen)]


class _Entities:
    """The entities of a Doc (doc.ents, read once), to ask which lie wholly inside a span in O(log n + k).

    Same answer as `_ents_in(span)`, without walking the span's tokens once more for every sentence."""

    def __init__(self, doc: Doc) -> None:
        self.ents = list(doc.ents)
        self._starts = [e.start for e in self.ents]

    def inside(self, span: Span) -> list[Span]:
        first = bisect_left(self._starts, span.start)
        last = bisect_left(self._starts, span.end)
        return [e for e in self.ents[first:last] if e.end <= span.end]


def features(
    sent: Span, attributed: Sequence[Attribution] | Located, vague: Sequence[VagueSource] | Located
) -> dict[str, list[str]]:
    """The evidence for each score feature in one sentence (empty list = feature absent).

    `attributed` and `vague` may be given as `Located` indexes, built once for a loop over many sentences.
    """
    attributed = attributed if isinstance(attributed, Located) else Located(attributed)
    vague = vague if isinstance(vague, Located) else Located(vague)
    return _features(sent, sent.text, _ents_in(sent), attributed, vague)


def _marked_words(doc: Doc, text: str) -> list[int]:
    """The indices of the tokens that can count for a feature of `_features` (a number, a verb, a date word, a
    first-person word, "si", a word starting with a digit), picked from the Doc's arrays once for a loop over its
    sentences: the other tokens are never read."""
    if not len(doc):
        return []
    keep = _tagged_or_listed(doc, (NUM, VERB, AUX), [*_date_words(), *lexicon()["first_person"], "si"])
    columns = doc.to_array([LIKE_NUM, IDX])
    keep |= columns[:, 0] == 1
    keep |= numpy.array([text[i].isdigit() for i in columns[:, 1].tolist()], dtype=bool)
    return numpy.flatnonzero(keep).tolist()


def _features(
    sent: Span,
    sent_text: str,
    ents: list[Span],
    attributed: Located,
    vague: Located,
    words: Sequence[Token] | None = None,
) -> dict[str, list[str]]:
    """`features`, given the sentence's text and the entities inside it (which a loop over a Doc reads once), and
    optionally its only tokens that can count (`_marked_words`)."""
    lex = lexicon()
    year, date_words = _year_pattern(), _date_words()
    # digit groups with their French separators ("11 000", "3,5"), then numbers in words ("seize")
    numbers = [m.group() for m in _NUMBER.finditer(sent_text) if not year.match(m.group())]
    # entities of two letters or ending in an apostrophe are the sm model's elision errors ("n’" as PER)
    entities = sorted({e.text for e in ents if len(e.text) > 2 and e.text[-1] not in "'’"})
    inside = attributed.touching(sent.start_char, sent.end_char)
    named = [f"{a.speaker} ({a.cue})" for a in inside if a.speaker not in (VAGUE, UNKNOWN)]
    vague_here = [v.text for v in vague.starting_in(sent.start_char, sent.end_char)]
    first_person, opinion_verbs = lex["first_person"], lex["opinion_verbs"]
    number_words, found_dates, modal, si, first, opinion = [], [], [], [], [], []
    for t in sent if words is None else words:  # one pass over the words, each read once
        if t.is_space:
            continue
        word, lower, pos = t.text, t.lower_, t.pos_
        if pos == "NUM" and not t.ent_type_ and not any(c.isdigit() for c in word):
            number_words.append(word)
        if lower in date_words or year.match(word):
            found_dates.append(word)
        if _is_conditional(t):
            modal.append(word)
        if lower == "si" and not si and t.dep_ == "mark":
            si.append("si")
        if lower in first_person:
            first.append(word)
        if pos == "VERB" and t.lemma_.lower() in opinion_verbs:
            opinion.append(word)
    numbers += number_words
    modal += _phrases_in(sent_text.lower(), tuple(m for m in lex["modality"]["hypothetical_markers"] if " " in m))
    modal += si
    root = [sent.root]  # the ROOT of a sentence; the highest token of a unit cut at a newline
    event = [
        f"{t.text} ({t.lemma_})"
        for t in root
        if t.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("nsubj") and _names_someone(c) for c in t.children)
    ]
    unsourced = [] if inside or vague_here else ["no source given: the text asserts it in its own voice"]
    return {
        "number": numbers,
        "date": found_dates,
        "named_entity": entities,
        "named_source": named,
        "vague_source": vague_here,
        "modality": modal,
        "event": event,
        "unsourced": unsourced,
        "first_person_opinion": (first + opinion) if first else [],
    }


def explain(doc_or_text: Doc | str, line: int) -> dict[str, list[str]]:
    """The evidence found for each score feature on one line (its first sentence)."""
    doc = as_doc(doc_or_text)
    lines = line_index(text_of(doc))
    unit = next(u for u in units(doc) if lines.line_of(u.start_char) == line)
    return features(unit, attributions(doc), vague_sources(doc))


def units(doc: Doc) -> list[Span]:
    """The claim units of a Doc: its sentences, cut at newlines (a sentence never spans two lines), non-empty.

    With the kit's parse a unit is a line; with a parse whose sentences cross lines, each line still gets its own.
    """
    return _units(doc, text_of(doc))


def _units(doc: Doc, text: str) -> list[Span]:
    """`units(doc)`, given its text. The boundaries are read from the Doc's arrays (sentence starts, and the words
    that hold a newline), so only the boundaries, not every word, become Python objects."""
    if not doc.has_annotation("SENT_START"):
        raise ValueError("the Doc has no sentence boundaries: parse it with alaloupe.nlp.parse (or a parser).")
    if not len(doc):
        return []
    columns = doc.to_array([SENT_START, ORTH])
    starts = columns[:, 0] == 1  # 1: starts a sentence; -1: does not; 0: unknown (not a start)
    strings = doc.vocab.strings
    with_newline = [orth for orth in numpy.unique(columns[:, 1]).tolist() if "\n" in strings[orth]]
    newlines = numpy.isin(columns[:, 1], with_newline)
    bounds = []
    start = 0
    for i in numpy.flatnonzero(starts | newlines).tolist():  # a unit ends where a sentence starts or at a newline
        if starts[i] and i > start:
            bounds.append((start, i))
            start = i
        if newlines[i]:  # the newline itself is left out
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(doc)))
    found = (doc[first:last] for first, last in bounds if first < last)
    return [u for u in found if text[u.start_char : u.end_char].strip()]


def spot(
    doc_or_text: Doc | str, *, weights: dict[str, float] | None = None, threshold: float | None = None
) -> list[Claim]:
    """One Claim per unit (a sentence cut at newlines: a line, with the kit's parse), scored with the lexicon's weights.

    score = sum of the weights of the features present (each counted once); boilerplate scores 0. A claim is
    check-worthy when its score reaches the lexicon's threshold. `reasons` lists each feature with its evidence.
    `weights` (some or all features) and `threshold` override the lexicon's, to try other choices.
    """
    return list(analyse(doc_or_text, weights=weights, threshold=threshold).claims)


def _scored(
    doc: Doc,
    text: str,
    attributed: list[Attribution],
    vague: list[VagueSource],
    navigation: list[Boilerplate],
    weights: dict[str, float] | None,
    threshold: float | None,
) -> list[Claim]:
    """The claims of `spot`, scored from the findings of `analyse`."""
    score_def = lexicon()["score"]
    unknown = set(weights or {}) - set(score_def["weights"])
    if unknown:
        raise ValueError(f"unknown score features {sorted(unknown)}; the features are {sorted(score_def['weights'])}")
    weights = {**score_def["weights"], **(weights or {})}
    threshold = score_def["threshold"] if threshold is None else threshold
    furniture = {b.line: b for b in navigation}
    attributed_at, vague_at, entities, lines = Located(attributed), Located(vague), _Entities(doc), line_index(text)
    marked = _marked_words(doc, text)
    claims = []
    for sent in _units(doc, text):
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        if start == end:
            continue
        line = lines.line_of(start)
        if line in furniture:
            reasons = tuple(f"boilerplate: {r}" for r in furniture[line].reasons)
            claims.append(Claim(text[start:end], start, end, line, False, 0.0, reasons))
            continue
        sent_text = text[sent.start_char : sent.end_char]  # == sent.text, without joining its words again
        words = [doc[i] for i in marked[bisect_left(marked, sent.start) : bisect_left(marked, sent.end)]]
        evidence = _features(sent, sent_text, entities.inside(sent), attributed_at, vague_at, words)
        score = sum(weights[name] for name, items in evidence.items() if items)
        reasons = tuple(
            f"{name} {weights[name]:+g}: {', '.join(dict.fromkeys(items))}" for name, items in evidence.items() if items
        )
        score = round(score, 2)
        claims.append(Claim(text[start:end], start, end, line, score >= threshold, score, reasons))
    return claims


@dataclass(frozen=True)
class Findings:
    """Everything this module finds in one text, each extractor run once (what the report needs)."""

    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution, ...]
    vague_sources: tuple[VagueSource, ...]
    boilerplate: tuple[Boilerplate, ...]
    claims: tuple[Claim, ...]


def analyse(
    doc_or_text: Doc | str, *, weights: dict[str, float] | None = None, threshold: float | None = None
) -> Findings:
    """quotes, attributions, vague_sources, boilerplate and spot on one text, sharing their intermediate results.

    `weights` and `threshold` are passed to the scoring, as in `spot`.
    """
    doc = as_doc(doc_or_text)
    text = text_of(doc)
    quoted = QuoteIndex(quotes(text))
    cues = _cues(doc, quoted)
    attributed, vague, navigation = (
        _attributions(doc, text, quoted, cues),
        _vague_sources(doc, text, quoted, cues),
        boilerplate(doc),
    )
    claims = _scored(doc, text, attributed, vague, navigation, weights, threshold)
    return Findings(tuple(quoted), tuple(attributed), tuple(vague), tuple(navigation), tuple(claims))


def ranked(claims: list[Claim]) -> list[Claim]:
    """Claims from most to least check-worthy (ties keep text order)."""
    return sorted(claims, key=lambda c: (-c.score, c.start))


def line_kinds(doc_or_text: Doc | str) -> dict[int, str]:
    """For every non-empty line: "boilerplate", the kind of its first attribution, or "unattributed"."""
    doc = as_doc(doc_or_text)
    return _line_kinds(text_of(doc), attributions(doc), boilerplate(doc))


def _line_kinds(text: str, attributed: list[Attribution], navigation: list[Boilerplate]) -> dict[int, str]:
    furniture = {b.line for b in navigation}
    first: dict[int, Attribution] = {}
    for a in attributed:
        first.setdefault(a.line, a)
    kinds = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        kinds[number] = (
            "boilerplate" if number in furniture else first[number].kind if number in first else "unattributed"
        )
    return kinds
