"""Speakers and sources: the words that name a speaker, their resolution through the KB and the text itself,
and the vague (unnamed) sources."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from alaloupe._checks import require_text
from alaloupe.claims._common import VAGUE, _ents_in, _line_start_char, _whole_word, lexicon
from alaloupe.claims._names import _title_words, speaker_lexicon
from alaloupe.claims._prepositions import _prep_object, _prep_text
from alaloupe.claims._spans import _without_relative, _without_verb_tail, trim_outlet
from alaloupe.claims.coreference import TextReferents, _apposed_titles
from alaloupe.claims.cues import Cue, _cues
from alaloupe.claims.naming import _determiner, _has_complement, _head, _is_person_noun, _spokesperson_of, is_vague
from alaloupe.claims.quoting import QuoteIndex, quotes
from alaloupe.entities import canonical as kb_canonical
from alaloupe.entities import kb, name_key
from alaloupe.nlp import as_doc, text_of
from alaloupe.text import line_index


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
    copula = any(t.dep_ == "cop" for t in token.children)  # "C'est le syndicat X qui a révélé": a predicate
    for t in token.children:
        if t.dep_.startswith("acl") or copula and (t.i < token.i and t.dep_ in ("cop", "nsubj") or t.dep_ == "punct"):
            excluded.update(x.i for x in t.subtree)
    words = [t for t in token.subtree if t.i not in excluded]
    start, end = words[0].i, words[-1].i + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and "-" in (doc[end - 1].text, doc[end].text[:1]):
        end += 1  # "Croix" "-" "Rouge": one name
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end - 1].ent_type_ == "PER":
        end += 1  # "Jean-Marie" parsed apart from "Le Pen": the whole name the NER saw
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start].ent_type_ == "PER":
        start -= 1  # "Rami Abd al-Rahman" parsed with "Rahman" alone as the subject
    apostrophe = end < len(doc) and doc[end - 1].text.endswith(("'", "’")) and not doc[end - 1].whitespace_
    if apostrophe and doc[end].lower_ == "s":
        end += 1  # "Moody'" + "s": the name with its apostrophe
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    paren = next((t.i for t in doc[start + 1 : end] if t.text == "(" and doc[t.i - 1].ent_type_ == "PER"), None)
    if paren is not None:  # "Philippe Gosselin (UMP)": the party is no part of the name
        end = paren
    colon = next((t.i for t in reversed(doc[start:end]) if t.text == ":"), None)
    if colon is not None and colon + 1 < end:  # a headline "Syrie : Human Rights Watch dénonce …"
        start = colon + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def _name_of(span: Span) -> str:
    """Speaker name for a person named in a span: KB canonical, else the entity as written, else the text."""
    resolved = resolve_speaker(span.text)
    if resolved:
        return resolved
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
    text = text_of(doc)
    quoted = QuoteIndex(quotes(text))
    return _vague_sources(doc, text, quoted, _cues(doc, quoted))


_NESTED = 4  # mentions that may start before an offset and still cover it (a phrase inside a longer one)


def _vague_sources(doc: Doc, text: str, quoted: QuoteIndex, cues: list[Cue]) -> list[VagueSource]:
    found: dict[tuple[int, int], VagueSource] = {}
    refs: TextReferents | None = None  # built for the first "le porte-parole" that may be a person named earlier
    for cue, _kind, mention in _cue_mentions(cues):
        if mention is not None:  # the phrase without its outlet, participle or relative clause, as it is named
            mention = _without_relative(_without_verb_tail(trim_outlet(mention)[0]))
        if mention is not None and is_vague(mention):
            if _determiner(mention) in ("le", "la", "l'", "l’"):
                refs = refs or TextReferents(doc, quoted)
                if refs.by_title(mention.start_char, _title_words(list(mention))) is not None:
                    continue  # "Le porte-parole" after "Marie Joseph, porte-parole de …": a person
                line = line_index(text).line_of(mention.start_char)
                if _spokesperson_of(mention, _head(mention), mention.root, refs, None, line) is not None:
                    continue  # "le porte-parole de la police madrilène" speaks for the police
                near = refs.nearest(mention.start_char, None)
                line = line_index(text).line_of(mention.start_char)
                if near is not None and line - near.line <= 1 and _is_person_noun(mention.root):
                    if not _has_complement(mention, mention.root):
                        continue  # "La dirigeante allemande" just after her name: a person
            found[(mention.start_char, mention.end_char)] = VagueSource(
                mention.text, mention.start_char, mention.end_char, line_index(text).line_of(mention.start_char), cue
            )
    lowered = text.lower().replace("\u2019", "'")
    spans = sorted(found)  # the mentions found so far, by offset: a phrase inside one is not counted again
    for phrase in lexicon()["vague_source"]["phrases"]:
        for m in _whole_word(phrase).finditer(lowered) if phrase in lowered else ():
            k = bisect_right(spans, (m.start(), len(text) + 1))
            if not any(s <= m.start() < e for s, e in spans[max(0, k - _NESTED) : k]):
                found[(m.start(), m.end())] = VagueSource(
                    text[m.start() : m.end()], m.start(), m.end(), line_index(text).line_of(m.start()), phrase
                )
                insort(spans, (m.start(), m.end()))
    return sorted(found.values(), key=lambda v: v.start)


def _nearest_name_before(token: Token, quoted: QuoteIndex) -> Span | None:
    """Fallback: the last person named before the cue on its line and in its sentence, outside quotes."""
    line_start = _line_start_char(token)
    names = [
        e
        for e in _ents_in(token.sent)
        if (e.label_ == "PER" or e.label_ in ("MISC", "LOC") and _titled_person(e))
        and e.end <= token.i
        and e.start_char >= line_start
        and not quoted.inside(e.start_char)
        and e[0].lower_ not in speaker_lexicon()["role_nouns"]  # "Premier ministre" is a title, not a name
    ]
    if not names or _clause_break(token.doc, names[-1].end, token.i):
        return None
    before = token.doc[names[-1].start - 1] if names[-1].start > 0 else None
    if before is not None and before.lower_ in _OBJECT_PREPOSITIONS:
        return None  # "une avance à B. Obama, et la moyenne … estime": an object, not the subject
    return names[-1]


def _titled_person(ent: Span) -> bool:
    """A name the NER did not take for a person, given a person's title between commas ("Nock Ag Attia, député
    touareg, a précisé")."""
    roles = speaker_lexicon()["role_nouns"]
    return (
        ent.end < len(ent.doc) and ent.doc[ent.end].text == "," and any(t[0] in roles for t, _ in _apposed_titles(ent))
    )


_OBJECT_PREPOSITIONS = ("à", "au", "aux", "pour", "contre", "par", "sur", "avec", "chez", "vers", "envers", "sans")


def _clause_break(doc: Doc, start: int, end: int) -> bool:
    """True when a ";" or a finite verb of another clause lies between two tokens: the name before it is not the
    cue's subject ("Varin a réfuté … ; …, tandis que la gauche dénonce")."""
    return any(
        t.text == ";" or (t.pos_ == "VERB" and "Fin" in t.morph.get("VerbForm") and t.dep_ != "aux")
        for t in doc[start:end]
    )


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
        initial = len(words) == 2 and re.fullmatch(r"[A-ZÉÈ]\.", words[0]) is not None  # "B. Obama"
        if not words or speaker == VAGUE or (len(words) > 1 and words[0].lower() not in _HONORIFICS and not initial):
            return None
        return next(
            (
                name
                for name in reversed(self._fuller.get(words[-1], ()))
                if name != speaker and (not initial or name.startswith(words[0][0]))
            ),
            None,
        )


class PeopleNamed:
    """The person entities of a Doc named outside quotes, in text order, to find the last one before an offset."""

    def __init__(self, doc: Doc, quoted: QuoteIndex) -> None:
        self.names = [e for e in doc.ents if e.label_ == "PER" and not quoted.inside(e.start_char)]
        self._ends = [e.end_char for e in self.names]

    def last_before(self, offset: int) -> Span | None:
        """The last person named before `offset` in the whole text (the antecedent of "il")."""
        k = bisect_right(self._ends, offset)
        return self.names[k - 1] if k else None


def _cue_mentions(cues: list[Cue]) -> list[tuple[str, str, Span | None]]:
    """(cue text, how, speaker mention or None) for every reporting cue; used for vague sources."""
    found = []
    for cue in cues:
        if cue.is_verb:
            found.append(
                (
                    cue.token.text,
                    cue.how,
                    cue.phrase if cue.phrase is not None or cue.subject is None else _mention_span(cue.subject),
                )
            )
        else:
            found.append((_prep_text(cue.token), "selon", _prep_object(cue.token)))
    return found


@cache
def _media_cues() -> tuple[str, ...]:
    """The lexicon's media cues, longest first ("dans un entretien accordé au" before "dans un entretien")."""
    return tuple(sorted(lexicon()["media_cues"], key=len, reverse=True))


def _medium(sent: Span, cue: Token | None = None) -> str | None:
    """The outlet spoken to: after a media cue of the lexicon ("S'adressant au Financial Times"), or an
    organisation the cue's verb addresses with "à"/"au" ("a indiqué au Monde"). Only the cue's own line of the
    sentence is searched, so a sentence the parser runs across lines does not lend one line's medium to another."""
    base = sent.start_char
    text = text_of(sent.doc)[base : sent.end_char]  # a slice of the Doc's text, built once (Span.text joins tokens)
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
    for phrase in _media_cues():
        at = lowered.find(phrase)
        if at < 0 or (at > 0 and lowered[at - 1].isalpha()):
            continue
        rest = window[at + len(phrase) :]
        name = re.match(r"\s*((?:[A-ZÉÈÀÂÎÔ][\w'’.-]*)(?:\s+(?:[A-ZÉÈÀÂÎÔ][\w'’.-]*))*)", rest)
        if name:
            return kb_canonical(name.group(1)) or name.group(1)
    return None
