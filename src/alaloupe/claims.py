"""Claims: quotes, who said what (attribution), vague sources, boilerplate and a check-worthiness score.

Every function takes any French text (a str) or a spaCy Doc; offsets are character offsets into that text and
lines are 1-based. Lexicons and weights are data: data/lexicons/claims.json (documented in data/README.md).

Three layers, in the order a reader works:
1. `quotes(text)`: which words are between quotation marks, and which quotes are never closed.
2. `attributions(doc)`: reporting verbs (déclarer, estimer, …) or "selon X", their speaker resolved through
   data/kb.json, the medium, the content and whether the speech is direct or indirect.
3. `spot(doc)`: one claim per sentence with a documented check-worthiness score and its reasons.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.article import load_text
from alaloupe.entities import canonical as kb_canonical
from alaloupe.entities import kb, name_key
from alaloupe.nlp import as_doc
from alaloupe.nlp import load as load_pipeline
from alaloupe.text import line_index

VAGUE = "vague"


@cache
def lexicon() -> dict[str, Any]:
    """The lexicons and score weights of data/lexicons/claims.json."""
    return data.load("lexicons", "claims.json")


@cache
def gold() -> tuple[dict[str, Any], ...]:
    """The per-line gold annotation of the article (data/gold/claims.json), one dict per line."""
    return tuple(data.load("gold", "claims.json")["lines"])


@cache
def examples() -> tuple[dict[str, Any], ...]:
    """French sentences other than the article, with the expected results (data/gold/claims_examples.json)."""
    return tuple(data.load("gold", "claims_examples.json")["examples"])


def _text_of(doc_or_text: Doc | str) -> str:
    return doc_or_text.text if isinstance(doc_or_text, Doc) else require_text(doc_or_text)


@cache
def _whole_word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _phrases_in(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases found in `text` as whole words, in the order given (a substring test first: it is cheap)."""
    return [phrase for phrase in phrases if phrase in text and _whole_word(phrase).search(text)]


def _ents_in(span: Span) -> list[Span]:
    """The entities wholly inside `span`, read from its tokens' IOB tags.

    Same result as `span.ents`, at the cost of the span's length: `span.ents` walks `doc.ents` from the start of the
    Doc, which makes a per-sentence loop quadratic on a long text.
    """
    doc, found, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j <= span.end:
            found.append(Span(doc, i, j, label=doc[i].ent_type_))
        i = j
    return found


def _on_one_line(doc: Doc, first: int, last: int) -> bool:
    """True when no newline lies between tokens `first` and `last` (in either order)."""
    low, high = min(first, last), max(first, last)
    return not any("\n" in t.text_with_ws for t in doc[low:high])


def _line_start_char(token: Token) -> int:
    """Offset of the first character of the token's line, found from the tokens (no Doc.text rebuild)."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and "\n" not in doc[i].text_with_ws:
        i -= 1
    return 0 if i < 0 else doc[i].idx + len(doc[i].text_with_ws)


# ---------------------------------------------------------------------------------------------------------------
# 1. Quotes


@dataclass(frozen=True)
class Quote:
    """Words between quotation marks. `text == source[start:end]`: the words, without the marks.

    `open_at` is the offset of the opening mark; `close_mark` is None when the quote is never closed, and then the
    quote runs to the end of its paragraph (line). `depth` is 0 for an outer quote, 1 for a quote inside it.
    """

    text: str
    start: int
    end: int
    open_mark: str
    closed: bool
    close_mark: str | None
    open_at: int
    depth: int
    line: int


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quotes(doc_or_text: Doc | str) -> list[Quote]:
    """Every quote in the text, in order of its opening mark, with nesting depth and whether it closes.

    A stack pairs the marks: « with », “ with ”, and a straight " with the next ". A closing mark closes the
    nearest open quote of its own style (styles may be mixed and nested). A quote still open at the end of a
    line is reported as unclosed: in French typography a quote that goes on into the next paragraph is reopened
    there, so a paragraph is the furthest a quote can reach.
    """
    text = _text_of(doc_or_text)
    marks = lexicon()["quote_marks"]
    pairs: dict[str, str] = marks["pairs"]
    closers = {close: open_ for open_, close in pairs.items()}
    symmetric = set(marks["symmetric"])
    found: list[Quote] = []
    stack: list[tuple[str, int]] = []  # (opening mark, its offset)

    def close(index: int, end: int, close_mark: str | None) -> None:
        open_mark, open_at = stack[index]
        start, stop = _trimmed(text, open_at + 1, end)
        found.append(
            Quote(
                text[start:stop],
                start,
                stop,
                open_mark,
                close_mark is not None,
                close_mark,
                open_at,
                index,
                line_index(text).line_of(open_at),
            )
        )
        del stack[index]

    def close_all_open(end: int) -> None:
        while stack:
            close(len(stack) - 1, end, None)

    for i, ch in enumerate(text):
        if ch == "\n":
            close_all_open(i)
        elif ch in pairs:
            stack.append((ch, i))
        elif ch in closers or ch in symmetric:
            wanted = closers.get(ch, ch)
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == wanted), None)
            if match is not None:
                while len(stack) - 1 > match:  # quotes opened inside it and never closed end here
                    close(len(stack) - 1, i, None)
                close(match, i, ch)
            elif ch in symmetric:
                stack.append((ch, i))
            # a closing » or ” with no opener is a stray mark: it opens nothing
    close_all_open(len(text))
    return sorted(found, key=lambda q: q.open_at)


def unclosed(doc_or_text: Doc | str) -> list[Quote]:
    """The quotes whose opening mark is never closed (a copy-paste or translation signal)."""
    return [q for q in quotes(doc_or_text) if not q.closed]


class QuoteIndex:
    """The quotes of one text, indexed by offset, so every question about them costs O(log n), not a scan.

    `inside(offset)`: is the offset within a quote (after its opening mark, up to its last word)?
    `opening_at(offset)`: the quote whose opening mark is at `offset`.
    `closing_before(mark)`: the first closed quote (in text order) whose words end 0-2 characters before `mark`.
    """

    def __init__(self, found: list[Quote]) -> None:
        self.quotes = found
        self._by_open = {q.open_at: q for q in found}
        self._by_end: dict[int, list[Quote]] = {}
        for q in found:
            if q.closed:
                self._by_end.setdefault(q.end, []).append(q)
        # the offsets inside quotes, open_at < offset <= end, as merged, sorted, disjoint ranges
        self._starts: list[int] = []
        self._ends: list[int] = []
        for first, last in sorted((q.open_at + 1, q.end) for q in found if q.end >= q.open_at + 1):
            if self._ends and first <= self._ends[-1] + 1:
                self._ends[-1] = max(self._ends[-1], last)
            else:
                self._starts.append(first)
                self._ends.append(last)

    def __iter__(self):
        return iter(self.quotes)

    def inside(self, offset: int) -> bool:
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and offset <= self._ends[k]

    def opening_at(self, offset: int) -> Quote | None:
        return self._by_open.get(offset)

    def closing_before(self, mark: int) -> Quote | None:
        candidates = [q for end in (mark - 2, mark - 1, mark) for q in self._by_end.get(end, ())]
        return min(candidates, key=lambda q: q.open_at) if candidates else None


# ---------------------------------------------------------------------------------------------------------------
# 2. Speakers and sources


@cache
def _person_names() -> tuple[tuple[str, str], ...]:
    """(name key, canonical) for every name and title of a person or organisation in the KB, longest first."""
    names = {
        name_key(name): entry.canonical
        for entry in kb()
        if entry.type in ("PER", "ORG")
        for name in (entry.canonical, *entry.aliases, *entry.titles)
    }
    return tuple(sorted(names.items(), key=lambda item: -len(item[0])))


def resolve_speaker(mention: str) -> str | None:
    """Canonical name of the person a mention names ("le ministre russe des Affaires étrangères" -> Lavrov).

    The whole mention is looked up first; otherwise the longest KB name or title found inside it wins, so
    "le bras droit de Poutine" resolves to Lavrov (title "bras droit de Poutine"), not to Poutine. None if no
    name or title of the KB occurs in it.
    """
    mention = require_text(mention, "mention")
    whole = kb_canonical(mention)
    if whole:
        return whole
    key = f" {name_key(mention)} "
    for name, canon in _person_names():
        if f" {name} " in key or f" {name}," in key or f"'{name} " in key:
            return canon
    return None


def _mention_span(token: Token) -> Span:
    """The noun phrase a subject token heads, without its relative clauses or surrounding punctuation."""
    doc = token.doc
    excluded: set[int] = set()
    for t in token.children:
        if t.dep_.startswith("acl"):
            excluded.update(x.i for x in t.subtree)
    words = [t for t in token.subtree if t.i not in excluded]
    start, end = words[0].i, words[-1].i + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def _is_vague(span: Span) -> bool:
    """True when a mention names nobody: no KB name, no person or organisation, and a vague noun or pronoun."""
    vague = lexicon()["vague_source"]
    if resolve_speaker(span.text) or any(e.label_ in ("PER", "ORG") for e in _ents_in(span)):
        return False
    heads = {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "PRON", "ADJ", "DET")}
    texts = {t.lower_ for t in span}
    return bool(heads & set(vague["nouns"])) or bool(texts & set(vague["pronouns"]))


def _name_of(span: Span) -> str:
    """Speaker name for a resolved mention: KB canonical, else a person entity as written, else "vague"/the text."""
    resolved = resolve_speaker(span.text)
    if resolved:
        return resolved
    if _is_vague(span):
        return VAGUE
    people = [e for e in _ents_in(span) if e.label_ == "PER"]
    if people:
        return kb_canonical(people[0].text) or people[0].text
    return span.text


@dataclass(frozen=True)
class VagueSource:
    """An unnamed source ("Certains responsables politiques occidentaux", "des experts"), and what flagged it."""

    text: str
    start: int
    end: int
    line: int
    cue: str


def vague_sources(doc_or_text: Doc | str) -> list[VagueSource]:
    """Unnamed sources: subjects of reporting verbs or objects of "selon"/"d'après" that name nobody, and the
    fixed phrases of the lexicon ("de source sûre", "on dit", …)."""
    doc = as_doc(doc_or_text)
    text = doc.text
    quoted = QuoteIndex(quotes(text))
    return _vague_sources(doc, text, quoted, _cues(doc, quoted))


def _vague_sources(doc: Doc, text: str, quoted: QuoteIndex, cues: list[Cue]) -> list[VagueSource]:
    found: dict[tuple[int, int], VagueSource] = {}
    for cue, _kind, mention in _cue_mentions(cues):
        if mention is not None and _is_vague(mention):
            found[(mention.start_char, mention.end_char)] = VagueSource(
                mention.text, mention.start_char, mention.end_char, line_index(text).line_of(mention.start_char), cue
            )
    lowered = text.lower().replace("\u2019", "'")
    for phrase in lexicon()["vague_source"]["phrases"]:
        for m in _whole_word(phrase).finditer(lowered) if phrase in lowered else ():
            if not any(s <= m.start() < e for s, e in found):
                found[(m.start(), m.end())] = VagueSource(
                    text[m.start() : m.end()], m.start(), m.end(), line_index(text).line_of(m.start()), phrase
                )
    return sorted(found.values(), key=lambda v: v.start)


# ---------------------------------------------------------------------------------------------------------------
# 3. Attributions


@dataclass(frozen=True)
class Attribution:
    """Who said what. `speaker` is a KB canonical name, "vague" for an unnamed source, or the mention as written.

    `cue` is the reporting verb as written ("déclaré") or the preposition ("selon"); `kind` is "direct" (a quote)
    or "indirect" (reported speech); `content` what is said, and `start`/`end` its offsets; `mention` the words
    that name the speaker; `medium` the outlet spoken to, if named; `how` the rule that found the speaker.
    """

    speaker: str
    cue: str
    content: str
    kind: str
    line: int
    start: int
    end: int
    mention: str
    medium: str | None
    how: str


_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")
_CLITICS = ("-il", "-elle", "-ils", "-elles", "-on")
_CLIMB = ("advcl", "xcomp", "conj", "acl", "ccomp")


_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "eront", "erait", "eraient")


@cache
def _reporting_forms() -> dict[str, str]:
    """Inflected forms of the -er reporting verbs (estime, estiment, déclarait …) -> lemma.

    fr_core_news_sm sometimes lemmatises a verb wrongly ("estime" -> "estime"); the form still identifies it.
    """
    forms = {}
    for verb in lexicon()["reporting_verbs"]:
        if verb.endswith("er"):
            forms.update({verb[:-2] + ending: verb for ending in _ER_ENDINGS})
    return forms


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(lexicon()["reporting_verbs"])


def _reporting_lemma(token: Token) -> str | None:
    """The reporting verb a token is a form of (by its lemma, else by its form), or None."""
    lemma = token.lemma_.lower()
    if lemma in _reporting_verbs():
        return lemma
    return _reporting_forms().get(token.lower_)


def _is_cue(token: Token, quoted: QuoteIndex) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    verb = _reporting_lemma(token)
    if verb is None:
        return False
    if quoted.inside(token.idx):
        return False  # speech reported inside a quote belongs to the quote
    if any(c.dep_ == "aux:pass" for c in token.children):
        return False  # "l'ennemi sera assuré d'être détruit" is not a speech act
    if verb in lexicon()["ambiguous_reporting_verbs"]:
        return _introduces_speech(token, quoted)
    return True


def _next_words(token: Token, n: int = 6) -> list[Token]:
    doc = token.doc
    return [t for t in doc[token.i + 1 : min(len(doc), token.i + 1 + n)] if not t.is_space]


def _introduces_speech(token: Token, quoted: QuoteIndex) -> bool:
    return (
        _que_after(token) is not None
        or _colon_quote_after(token, quoted) is not None
        or (_quote_before(token, quoted) is not None)
    )


def _que_after(token: Token) -> Token | None:
    """The "que"/"qu'" that opens the reported clause after a cue ("a déclaré à Poutine que …")."""
    for t in _next_words(token, 8):
        if t.lower_ in ("que", "qu'", "qu’"):
            return t
        if t.text in (":", "«", "“", '"', ".", ";") or (t.pos_ == "VERB" and t.dep_ != "amod"):
            return None
    return None


def _colon_quote_after(token: Token, quoted: QuoteIndex) -> Quote | None:
    """A quote that follows the cue after a colon ("a déclaré : « … »") or directly."""
    words = _next_words(token, 6)
    for t in words:
        if t.text in (":", ",") or t.pos_ in ("ADP", "DET", "PROPN", "NOUN") and t.text not in ("«", "“"):
            continue
        if t.text in ("«", "“", '"'):
            return quoted.opening_at(t.idx)
        break
    return None


def _quote_before(token: Token, quoted: QuoteIndex) -> Quote | None:
    """The quote that ends just before an inverted reporting clause ("« … », a-t-il déclaré")."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].text not in ("»", "”", '"'):
        word = doc[i]
        if not (word.pos_ in ("AUX", "PRON") or word.text == "," or word.text.startswith("-") or word.is_space):
            return None
        i -= 1
    if i < 0:
        return None
    return quoted.closing_before(doc[i].idx)


def _subject(token: Token, quoted: QuoteIndex) -> tuple[Token | None, str]:
    """The subject of a cue and how it was found.

    Its own subject first (the euphonic "-t" of "a-t-il" is skipped); then a postposed subject ("a déclaré le
    ministre", which the sm parser labels obj); then the subject of the verb a gerund or infinitive depends on
    ("en lui disant"), never climbing into a quote (after « … », the parser hangs the cue on the quoted verb).
    """
    clitic = next((t for t in token.doc[max(0, token.i - 3) : token.i] if t.lower_ in _CLITICS), None)
    if clitic is not None:
        return clitic, "inverted pronoun"
    current = token
    for step in range(4):
        subjects = [
            c
            for c in current.children
            if c.dep_ in ("nsubj", "expl:subj") and c.lower_ not in ("-t", "-t-") and _plausible_subject(c, token)
        ]
        if subjects:
            return subjects[0], "nsubj" if step == 0 else f"nsubj of '{current.text}'"
        if step == 0:
            postposed = _inverted_subject(token)
            if postposed is not None and _plausible_subject(postposed, token):
                return postposed, "postposed subject"
        head = current.head
        if current.dep_ not in _CLIMB or head is current or quoted.inside(head.idx):
            break
        current = head
    return None, ""


def _inverted_subject(token: Token) -> Token | None:
    """In "« … », a déclaré le ministre", the sm parser labels the postposed subject obj or nsubj: take it."""
    for child in token.children:
        if child.i > token.i and child.dep_ in ("obj", "nsubj") and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def _plausible_subject(subject: Token, cue: Token) -> bool:
    """A speaker is a noun phrase on the cue's own line: a verb, or a word from another line, is a parse error
    (with the model's own sentences, line 3's "déclaré" gets line 2's "déclaré" as its subject)."""
    return subject.pos_ not in ("VERB", "AUX") and _on_one_line(cue.doc, subject.i, cue.i)


def _nearest_name_before(token: Token, quoted: QuoteIndex) -> Span | None:
    """Fallback: the last person named before the cue on its line and in its sentence, outside quotes."""
    line_start = _line_start_char(token)
    names = [
        e
        for e in _ents_in(token.sent)
        if e.label_ == "PER"
        and e.end <= token.i
        and e.start_char >= line_start
        and not quoted.inside(e.start_char)
    ]
    return names[-1] if names else None


_HONORIFICS = ("m.", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "me", "pr")


class EarlierSpeakers:
    """The speakers named so far, indexed by surname, to give a short mention its fuller, earlier name."""

    def __init__(self) -> None:
        self._fuller: dict[str, list[str]] = {}  # surname -> names of two words or more, in the order met

    def add(self, name: str) -> None:
        words = name.split()
        if len(words) > 1:
            self._fuller.setdefault(words[-1], []).append(name)

    def same_person(self, speaker: str) -> str | None:
        """An earlier, fuller speaker name with the same surname ("Mme Dumont" -> "Claire Dumont"), or None."""
        words = speaker.split()
        if not words or speaker == VAGUE or (len(words) > 1 and words[0].lower() not in _HONORIFICS):
            return None
        return next((name for name in reversed(self._fuller.get(words[-1], ())) if name != speaker), None)


class PeopleNamed:
    """The person entities of a Doc named outside quotes, in text order, to find the last one before an offset."""

    def __init__(self, doc: Doc, quoted: QuoteIndex) -> None:
        self.names = [e for e in doc.ents if e.label_ == "PER" and not quoted.inside(e.start_char)]
        self._ends = [e.end_char for e in self.names]

    def last_before(self, offset: int) -> Span | None:
        """The last person named before `offset` in the whole text (the antecedent of "il")."""
        k = bisect_right(self._ends, offset)
        return self.names[k - 1] if k else None


@dataclass(frozen=True)
class Cue:
    """A token that reports speech: a reporting verb (`is_verb`) with its subject and how that was found
    (`_subject`), or the preposition of "selon" / "d'après" (no subject)."""

    token: Token
    is_verb: bool
    subject: Token | None = None
    how: str = "selon"


def _cues(doc: Doc, quoted: QuoteIndex) -> list[Cue]:
    """Every reporting cue of the Doc, found once and shared by the attributions and the vague sources."""
    found = []
    for token in doc:
        if _is_cue(token, quoted):
            found.append(Cue(token, True, *_subject(token, quoted)))
        elif _is_source_preposition(token):
            found.append(Cue(token, False))
    return found


def _cue_mentions(cues: list[Cue]) -> list[tuple[str, str, Span | None]]:
    """(cue text, how, speaker mention or None) for every reporting cue; used for vague sources."""
    found = []
    for cue in cues:
        if cue.is_verb:
            found.append((cue.token.text, cue.how, _mention_span(cue.subject) if cue.subject is not None else None))
        else:
            found.append((_prep_text(cue.token), "selon", _prep_object(cue.token)))
    return found


def _is_source_preposition(token: Token) -> bool:
    if token.lower_ == "selon":
        return True
    return token.lower_ == "après" and token.i > 0 and token.doc[token.i - 1].lower_ in ("d'", "d’")


def _prep_text(token: Token) -> str:
    return token.text if token.lower_ == "selon" else token.doc[token.i - 1 : token.i + 1].text


def _prep_object(token: Token) -> Span | None:
    """The noun phrase after "selon"/"d'après", up to the next comma or the end of the sentence."""
    sent = token.sent
    words = []
    for t in token.doc[token.i + 1 : sent.end]:
        if t.text in (",", ".", ";", ":", "«", "“", '"') or t.is_space:
            break
        words.append(t)
    return token.doc[words[0].i : words[-1].i + 1] if words else None


def _medium(sent: Span, cue: Token | None = None) -> str | None:
    """The outlet spoken to: after a media cue of the lexicon ("S'adressant au Financial Times"), or an
    organisation the cue's verb addresses with "à"/"au" ("a indiqué au Monde"). Only the cue's own line of the
    sentence is searched, so a sentence the parser runs across lines does not lend one line's medium to another."""
    text, base = sent.text, sent.start_char  # the sentence's own text: no rebuild of the whole Doc's
    anchor = (cue.idx if cue is not None else sent.start_char) - base
    start = text.rfind("\n", 0, anchor) + 1
    newline = text.find("\n", anchor)
    end = len(text) if newline < 0 else newline
    if cue is not None:
        for child in cue.children:
            if child.dep_ == "obl:arg" and any(c.lower_ in ("à", "au", "aux") for c in child.children):
                ent = next((e for e in _ents_in(sent) if e.start <= child.i < e.end), None)
                if ent is not None and ent.label_ == "ORG":
                    return kb_canonical(ent.text) or ent.text
    window = text[start:end]
    lowered = window.lower().replace("\u2019", "'")
    for phrase in sorted(lexicon()["media_cues"], key=len, reverse=True):
        at = lowered.find(phrase)
        if at < 0 or (at > 0 and lowered[at - 1].isalpha()):
            continue
        rest = window[at + len(phrase) :]
        name = re.match(r"\s*((?:[A-ZÉÈÀÂÎÔ][\w'’.-]*)(?:\s+(?:[A-ZÉÈÀÂÎÔ][\w'’.-]*))*)", rest)
        if name:
            return kb_canonical(name.group(1)) or name.group(1)
    return None


def _strip_end(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trimmed(text, start, end)
    while end > start and text[end - 1] in ".;,:!? ":
        end -= 1
    return start, end


def _content(token: Token, quoted: QuoteIndex, text: str) -> tuple[str, int, int, Quote | None]:
    """(kind, start, end, quote) of what a cue reports: a quote (direct) or the rest of the clause (indirect).

    `text` is the Doc's text, passed in so it is not rebuilt for every cue."""
    que = _que_after(token)
    if que is not None:
        start, end = _strip_end(text, que.idx + len(que.text), token.sent.end_char)
        return "indirect", start, end, None
    quote = _colon_quote_after(token, quoted) or _quote_before(token, quoted)
    if quote is not None:
        return "direct", quote.start, quote.end, quote
    comma = _incise_comma(token)
    if comma is not None:  # "La ville fermera sa piscine, a annoncé la maire." : the content comes before
        start, end = _strip_end(text, token.sent.start_char, comma.idx)
        return "indirect", start, end, None
    after = token.idx + len(token.text)
    start, end = _strip_end(text, after, token.sent.end_char)
    return "indirect", start, end, None


def _incise_comma(token: Token) -> Token | None:
    """The comma that opens an inserted reporting clause (", a annoncé la maire"), if the cue is in one."""
    doc = token.doc
    i = token.i - 1
    while i > token.sent.start and (doc[i].pos_ in ("AUX", "PRON") or doc[i].text.startswith("-") or doc[i].is_space):
        i -= 1
    return doc[i] if i > token.sent.start and doc[i].text == "," else None


def _starts_sentence(quote: Quote, text: str) -> bool:
    """True when a quote opens a line or follows a sentence end: free-standing speech, not a partial quote."""
    before = text[: quote.open_at].rstrip(" \t")
    return not before or before[-1] in '\n.!?…»”"'


def attributions(doc_or_text: Doc | str) -> list[Attribution]:
    """Who said what, in text order: one Attribution per reporting cue, "selon X", or continued quote.

    Speaker rules, tried in order (`how` records which one worked): the cue's subject in the parse (climbing from
    a gerund to its verb); a postposed subject ("a déclaré le ministre"); a pronoun (il, elle, -t-il) takes the
    previous speaker; the last person named before the cue in the sentence (survives a wrong parse). A quote that
    opens a sentence with no cue of its own continues the previous direct speech and inherits its speaker.
    """
    doc = as_doc(doc_or_text)
    text = doc.text
    quoted = QuoteIndex(quotes(text))
    return _attributions(doc, text, quoted, _cues(doc, quoted))


def _attributions(doc: Doc, text: str, quoted: QuoteIndex, cues: list[Cue]) -> list[Attribution]:
    lex = lexicon()
    found: list[Attribution] = []
    used_quotes: set[int] = set()
    speakers = EarlierSpeakers()
    people: PeopleNamed | None = None  # built on the first pronoun that needs it
    for cue in cues:
        token = cue.token
        if cue.is_verb:
            subject, how = cue.subject, cue.how
            mention: Span | None = _mention_span(subject) if subject is not None else None
            if mention is not None and mention.text.lower() in lex["speaker_pronouns"]:
                previous = found[-1] if found else None
                if previous is not None:
                    speaker, how = previous.speaker, "pronoun -> previous speaker"
                else:
                    people = people or PeopleNamed(doc, quoted)
                    named = people.last_before(token.idx)
                    if named is not None:
                        speaker, how = _name_of(named), "pronoun -> last person named"
                    else:
                        speaker, how = mention.text.lstrip("-").lower(), "pronoun (unresolved)"
            elif mention is not None:
                speaker = _name_of(mention)
                earlier = speakers.same_person(speaker)
                if earlier is not None:
                    speaker, how = earlier, f"{how}; same surname as {earlier}"
            else:
                named = _nearest_name_before(token, quoted)
                if named is None:
                    continue  # a reporting verb with no one to attribute it to (e.g. an infinitive)
                mention, how, speaker = named, "nearest name before the cue", _name_of(named)
            kind, start, end, quote = _content(token, quoted, text)
            if start == end:
                continue  # "Il a dit." reports no content: nothing to attribute
            if quote is not None:
                used_quotes.add(quote.open_at)
            found.append(
                Attribution(
                    speaker,
                    token.text,
                    text[start:end],
                    kind,
                    line_index(text).line_of(token.idx),
                    start,
                    end,
                    mention.text,
                    _medium(token.sent, token),
                    how,
                )
            )
            speakers.add(speaker)
        elif not quoted.inside(token.idx):
            mention = _prep_object(token)
            if mention is None:
                continue
            sent = token.sent
            if mention.end_char < sent.end_char - 2 and text[mention.end_char : mention.end_char + 1] == ",":
                start, end = _strip_end(text, mention.end_char + 1, sent.end_char)
            else:  # "…, selon des experts." : the content is what comes before
                start, end = _strip_end(text, sent.start_char, token.idx)
            found.append(
                Attribution(
                    _name_of(mention),
                    _prep_text(token),
                    text[start:end],
                    "indirect",
                    line_index(text).line_of(token.idx),
                    start,
                    end,
                    mention.text,
                    _medium(sent),
                    "selon",
                )
            )
            speakers.add(found[-1].speaker)
    found.sort(key=lambda a: a.start)
    found += _continued_quotes(found, quoted, used_quotes, text)
    found.sort(key=lambda a: a.start)
    return found


def _continued_quotes(
    found: list[Attribution], quoted: QuoteIndex, used_quotes: set[int], text: str
) -> list[Attribution]:
    """A quote that opens a sentence, has no cue of its own and lies in no attribution continues the latest
    direct speech before it, and inherits its speaker. `found` is sorted by start; one pass over the quotes."""
    starts = [a.start for a in found]
    latest_direct: list[Attribution | None] = [None]  # latest_direct[k]: the last direct one among found[:k]
    reach = [-1]  # reach[k]: the furthest end among found[:k]
    for a in found:
        latest_direct.append(a if a.kind == "direct" else latest_direct[-1])
        reach.append(max(reach[-1], a.end))
    added: list[Attribution] = []
    for quote in quoted:
        if quote.depth or quote.open_at in used_quotes or not _starts_sentence(quote, text):
            continue
        # the latest direct speech before the quote: found so far, or a continuation just added (all start earlier)
        candidates = [a for a in (latest_direct[bisect_left(starts, quote.open_at)], *added[-1:]) if a is not None]
        prev = max(candidates, key=lambda a: a.start, default=None)
        covered = reach[bisect_right(starts, quote.open_at)] > quote.open_at or any(
            a.end > quote.open_at for a in added[-1:]
        )
        if prev is None or covered:
            continue
        added.append(
            Attribution(
                prev.speaker,
                prev.cue,
                quote.text,
                "direct",
                quote.line,
                quote.start,
                quote.end,
                prev.mention,
                prev.medium,
                f"continues the quote of line {prev.line}",
            )
        )
    return added


def who_said_what(doc_or_text: Doc | str) -> list[dict[str, Any]]:
    """The attributions as table rows: speaker, cue, medium, kind, content, line (ready for a DataFrame)."""
    return [
        {"line": a.line, "speaker": a.speaker, "cue": a.cue, "medium": a.medium, "kind": a.kind, "content": a.content}
        for a in attributions(doc_or_text)
    ]


# ---------------------------------------------------------------------------------------------------------------
# 4. Boilerplate


@dataclass(frozen=True)
class Boilerplate:
    """A line that is page furniture (navigation, a pasted headline), not a claim of the text."""

    line: int
    text: str
    start: int
    end: int
    reasons: tuple[str, ...]


def _ends_with_punctuation(line: str) -> bool:
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in lexicon()["boilerplate"]["final_punctuation"]


def boilerplate(doc_or_text: Doc | str) -> list[Boilerplate]:
    """Lines that are navigation or pasted links: a link cue ("Lire aussi", "Lire d'autres actualités
    connexes :"), or the line right after such a cue when it has no final punctuation (the linked headline)."""
    text = _text_of(doc_or_text)
    found: list[Boilerplate] = []
    previous_was_cue = False
    for number, (start, line) in enumerate(zip(line_index(text).starts, text.split("\n"), strict=True), start=1):
        lowered = line.lower().replace("\u2019", "'").strip()
        reasons = []
        hits = _phrases_in(lowered, tuple(lexicon()["boilerplate"]["link_cues"]))
        if hits:
            reasons.append(f"link cue '{hits[0]}'")
        if lowered.endswith(":"):
            reasons.append("ends with a colon: announces something that is not there")
        if lowered and not _ends_with_punctuation(line):
            reasons.append("no final punctuation")
        is_cue_line = bool(hits)
        follows = previous_was_cue and lowered and "no final punctuation" in reasons
        if follows:
            reasons.append(f"follows the link cue of line {number - 1}: a pasted headline")
        if is_cue_line or follows:
            found.append(Boilerplate(number, line, start, start + len(line), tuple(reasons)))
        if lowered:
            previous_was_cue = is_cue_line
    return found


# ---------------------------------------------------------------------------------------------------------------
# 5. Check-worthiness


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


def features(
    sent: Span, attributed: Sequence[Attribution] | Located, vague: Sequence[VagueSource] | Located
) -> dict[str, list[str]]:
    """The evidence for each score feature in one sentence (empty list = feature absent).

    `attributed` and `vague` may be given as `Located` indexes, built once for a loop over many sentences.
    """
    lex = lexicon()
    attributed = attributed if isinstance(attributed, Located) else Located(attributed)
    vague = vague if isinstance(vague, Located) else Located(vague)
    year, date_words = _year_pattern(), _date_words()
    words = [t for t in sent if not t.is_space]
    sent_text = sent.text
    # digit groups with their French separators ("11 000", "3,5"), then numbers in words ("seize")
    numbers = [m.group() for m in _NUMBER.finditer(sent_text) if not year.match(m.group())]
    numbers += [t.text for t in words if t.pos_ == "NUM" and not t.ent_type_ and not any(c.isdigit() for c in t.text)]
    found_dates = [t.text for t in words if t.lower_ in date_words or year.match(t.text)]
    # entities of two letters or ending in an apostrophe are the sm model's elision errors ("n’" as PER)
    entities = sorted({e.text for e in _ents_in(sent) if len(e.text) > 2 and e.text[-1] not in "'’"})
    inside = attributed.touching(sent.start_char, sent.end_char)
    named = [f"{a.speaker} ({a.cue})" for a in inside if a.speaker != VAGUE]
    vague_here = [v.text for v in vague.starting_in(sent.start_char, sent.end_char)]
    text_lower = sent_text.lower()
    modal = [t.text for t in words if _is_conditional(t)]
    modal += _phrases_in(text_lower, tuple(m for m in lex["modality"]["hypothetical_markers"] if " " in m))
    modal += ["si" for t in words if t.lower_ == "si" and t.dep_ == "mark"][:1]
    root = [sent.root]  # the ROOT of a sentence; the highest token of a unit cut at a newline
    event = [
        f"{t.text} ({t.lemma_})"
        for t in root
        if t.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("nsubj") and _names_someone(c) for c in t.children)
    ]
    unsourced = [] if inside or vague_here else ["no source given: the text asserts it in its own voice"]
    first = [t.text for t in words if t.lower_ in lex["first_person"]]
    opinion = [t.text for t in words if t.lemma_.lower() in lex["opinion_verbs"] and t.pos_ == "VERB"]
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
    lines = line_index(doc.text)
    unit = next(u for u in units(doc) if lines.line_of(u.start_char) == line)
    return features(unit, attributions(doc), vague_sources(doc))


def units(doc: Doc) -> list[Span]:
    """The claim units of a Doc: its sentences, cut at newlines (a sentence never spans two lines), non-empty.

    With the kit's parse a unit is a line; with a parse whose sentences cross lines, each line still gets its own.
    """
    if not doc.has_annotation("SENT_START"):
        raise ValueError("the Doc has no sentence boundaries: parse it with alaloupe.nlp.parse (or a parser).")
    found = []
    start = 0
    for token in doc:  # one pass: a unit ends where a sentence starts or at a newline (which is left out)
        if token.is_sent_start and token.i > start:
            found.append(doc[start : token.i])
            start = token.i
        if "\n" in token.text:
            found.append(doc[start : token.i])
            start = token.i + 1
    found.append(doc[start : len(doc)])
    text = doc.text
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
    attributed_at, vague_at = Located(attributed), Located(vague)
    claims = []
    for sent in units(doc):
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        if start == end:
            continue
        line = line_index(text).line_of(start)
        if line in furniture:
            reasons = tuple(f"boilerplate: {r}" for r in furniture[line].reasons)
            claims.append(Claim(text[start:end], start, end, line, False, 0.0, reasons))
            continue
        evidence = features(sent, attributed_at, vague_at)
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
    text = doc.text
    quoted = QuoteIndex(quotes(text))
    cues = _cues(doc, quoted)
    attributed, vague, navigation = (
        _attributions(doc, text, quoted, cues),
        _vague_sources(doc, text, quoted, cues),
        boilerplate(text),
    )
    claims = _scored(doc, text, attributed, vague, navigation, weights, threshold)
    return Findings(tuple(quoted), tuple(attributed), tuple(vague), tuple(navigation), tuple(claims))


def ranked(claims: list[Claim]) -> list[Claim]:
    """Claims from most to least check-worthy (ties keep text order)."""
    return sorted(claims, key=lambda c: (-c.score, c.start))


def line_kinds(doc_or_text: Doc | str) -> dict[int, str]:
    """For every non-empty line: "boilerplate", the kind of its first attribution, or "unattributed"."""
    doc = as_doc(doc_or_text)
    return _line_kinds(doc.text, attributions(doc), boilerplate(doc.text))


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


# ---------------------------------------------------------------------------------------------------------------
# 6. Per-line view and comparison with the gold


def per_line(doc_or_text: Doc | str) -> list[dict[str, Any]]:
    """One row per non-empty line: kind, speaker, cue and medium of its first attribution, score and flag."""
    doc = as_doc(doc_or_text)
    found = analyse(doc)
    first: dict[int, Attribution] = {}
    for a in found.attributions:
        first.setdefault(a.line, a)
    scored: dict[int, Claim] = {}
    for c in found.claims:
        if c.line not in scored or c.score > scored[c.line].score:
            scored[c.line] = c
    rows = []
    for number, kind in _line_kinds(doc.text, list(found.attributions), list(found.boilerplate)).items():
        a = first.get(number) if kind in ("direct", "indirect") else None
        c = scored.get(number)
        rows.append(
            {
                "line": number,
                "kind": kind,
                "speaker": a.speaker if a else None,
                "cue": a.cue if a else None,
                "medium": a.medium if a else None,
                "checkworthy": c.checkworthy if c else False,
                "score": c.score if c else 0.0,
            }
        )
    return rows


def agreement(
    predicted: list[dict[str, Any]],
    expected: list[dict[str, Any]],
    fields: tuple[str, ...] = ("speaker", "kind", "checkworthy"),
) -> dict[str, tuple[int, int]]:
    """For each field, (lines where predicted == expected, lines compared), matching rows by their "line"."""
    by_line = {row["line"]: row for row in predicted}
    result = {}
    for field in fields:
        pairs = [(by_line.get(row["line"], {}).get(field), row[field]) for row in expected]
        result[field] = (sum(p == e for p, e in pairs), len(pairs))
    return result


def check_example(example: dict[str, Any]) -> dict[str, bool]:
    """Run quotes, attributions, vague_sources, boilerplate and spot on one example; which parts match."""
    example = data.thawed(example)
    text = example["text"]
    got_quotes = [
        {"text": q.text, "open_mark": q.open_mark, "closed": q.closed, "depth": q.depth} for q in quotes(text)
    ]
    got_attr = [{"speaker": a.speaker, "cue": a.cue, "kind": a.kind, "content": a.content} for a in attributions(text)]
    return {
        "quotes": got_quotes == example["quotes"],
        "attributions": got_attr == example["attributions"],
        "vague_sources": [v.text for v in vague_sources(text)] == example["vague_sources"],
        "boilerplate": [b.line for b in boilerplate(text)] == example["boilerplate_lines"],
        "checkworthy": [c.line for c in spot(text) if c.checkworthy] == example["checkworthy_lines"],
    }


# ---------------------------------------------------------------------------------------------------------------
# 7. For the lesson: the parse under the model's own sentence segmentation, and plain-text tables


def parse_with_model_sentences(text: str | None = None) -> Doc:
    """`text` (default: the article) parsed by the cached pipeline WITHOUT the kit's newline-sentence component.

    The component is disabled for this call only, so the cached pipeline is not changed.
    """
    text = load_text() if text is None else require_text(text)
    return load_pipeline()(text, disable=["line_sentences"])


def arcs(doc: Doc, line: int, words: int = 8) -> list[dict[str, Any]]:
    """The first `words` tokens of a line with their dependency label and head (and the head's line)."""
    lines = line_index(doc.text)
    start = lines.start_of(line)
    tokens = [t for t in doc if t.idx >= start and not t.is_space][:words]
    return [
        {"token": t.text, "dep": t.dep_, "head": t.head.text, "head_line": lines.line_of(t.head.idx)} for t in tokens
    ]


def verb_subjects(doc: Doc, line: int) -> list[dict[str, Any]]:
    """Every token of a line that has a subject (nsubj) in the parse, with that subject and the subject's line."""
    text = doc.text
    lines = line_index(text)
    start = lines.start_of(line)
    end = start + len(text.split("\n")[line - 1])
    return [
        {"verb": t.text, "verb_line": line, "subject": c.text, "subject_line": lines.line_of(c.idx)}
        for t in doc
        if start <= t.idx < end
        for c in t.children
        if c.dep_ == "nsubj"
    ]


def show(rows: list[dict[str, Any]], columns: tuple[str, ...] | None = None, width: int = 60) -> str:
    """Rows of dicts as an aligned plain-text table (long cells cut at `width` characters with …)."""
    if not rows:
        return "(no rows)"
    columns = columns or tuple(rows[0])

    def cell(value: Any) -> str:
        text = "—" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    sizes = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(s) for c, s in zip(columns, sizes, strict=True)).rstrip()]
    lines.append("  ".join("-" * s for s in sizes))
    lines.extend("  ".join(v.ljust(s) for v, s in zip(r, sizes, strict=True)).rstrip() for r in cells)
    return "\n".join(lines)
