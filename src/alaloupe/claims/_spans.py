"""Small span helpers of the speaker rules: the entity a token is part of, the person before an apposition, whether
a referent's mention is a clause subject, and the cuts that leave a mention its naming words (outlet, participle
or relative clause, acronym, adjectives of time), and whether it is a clause or a date (no speaker)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from alaloupe.claims._common import lexicon
from alaloupe.claims._names import speaker_lexicon
from alaloupe.claims.coreference import Referent

_QUOTE_MARKS = ("«", "»", "“", "”", '"')


def _subject_at(cue: Token, r: Referent) -> bool:
    """True when the referent's mention is the subject of a clause (not an object or a complement)."""
    span = cue.doc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.dep_.startswith("nsubj") or t.dep_ == "appos" and t.head.dep_.startswith("nsubj") for t in span):
        return True  # "Le maire de New York, Michael Bloomberg, appelle …": apposed to the subject
    doc, i = cue.doc, span.end
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].pos_ == "VERB" and i + 1 < cue.i:
        return True  # "…, Michael Bloomberg, appelle"
    if i < len(doc) and doc[i].text == ",":  # "Bruno Le Roux, président du groupe, est intervenu"
        i = next((j + 1 for j in range(i + 1, min(len(doc), i + 12)) if doc[j].text == ","), i)
    return i < len(doc) and doc[i].pos_ in ("AUX", "VERB") and i < cue.i


def _entity_at(token: Token) -> Span | None:
    """The entity a token is part of, read from the IOB tags around it (no scan of the Doc's entities)."""
    if not token.ent_type_:
        return None
    doc, start = token.doc, token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def _named_before_apposition(doc: Doc, i: int) -> Span | None:
    """The person before an apposition that ends right before index `i`: "Jean Ferrand, ancien salarié du site,
    selon qui …" -> "Jean Ferrand" (at most 10 words back, no verb)."""
    j = i - 1
    if j < 0 or doc[j].text != ",":
        return None
    for k in range(j - 1, max(-1, j - 12), -1):
        if doc[k].pos_ in ("VERB", "AUX") or "\n" in doc[k].text_with_ws:
            return None
        if doc[k].text == ",":
            found = _entity_at(doc[k - 1]) if k > 0 else None
            return found if found is not None and found.label_ == "PER" else None
    return None


def _words(span: Span) -> list[Token]:
    return [t for t in span if not (t.is_punct or t.is_space)]


def trim_outlet(span: Span) -> tuple[Span, str | None]:
    """The source without its outlet phrase, and the outlet: "une source militaire interrogée par l'AFP" ->
    ("une source militaire", "l'AFP")."""
    participles = set(speaker_lexicon()["outlet_participles"])
    for t in span:
        if t.i > span.start and t.lower_ in participles and t.i + 1 < span.end and t.doc[t.i + 1].lower_ == "par":
            end = t.i
            while end > span.start + 1 and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
                end -= 1
            outlet = span.doc[t.i + 2 : span.end].text.strip(" ,") or None
            return span.doc[span.start : end], outlet
    return span, None


def _without_verb_tail(span: Span) -> Span:
    """The phrase before a gerund or participle clause hung on it ("le nouveau président en faisant allusion")."""
    root = span.root
    for t in span:
        gerund = t.i - 1 > root.i and span.doc[t.i - 1].lower_ == "en"
        if t.i > root.i and (t.pos_ == "VERB" and any(t.children) or gerund and t.pos_ in ("VERB", "AUX")):
            end = t.i - 1 if gerund or span.doc[t.i - 1].lower_ in ("ayant", "étant") else t.i
            while end > span.start + 1 and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
                end -= 1
            return span.doc[span.start : end]
    return span


def _without_acronym(name: str) -> str:
    """ "l'Organisation mondiale de la santé (OMS)" -> "l'Organisation mondiale de la santé": the full name."""
    return re.sub(r"\s*\([A-Z][\w.&-]*\)?$", "", name) or name


def _without_relative(span: Span) -> Span:
    """The phrase before a relative clause the parser left in it ("Marc Dupont, adjoint au maire, qui a dit …")."""
    relatives = set(speaker_lexicon()["relative_pronouns"]) | {"dont", "que", "qu'", "qu’", "où"}
    for t in span:
        if t.i > span.start and t.lower_ in relatives:
            end = t.i
            while end > span.start + 1 and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
                end -= 1
            return span.doc[span.start : end]
    return span


def _is_clause(span: Span) -> bool:
    """A clause or a quote taken for a subject ("La France déplore l'attaque …"): never a speaker."""
    return any(t.text in _QUOTE_MARKS for t in span) or any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in span
    )


def _is_date(span: Span) -> bool:
    """A date taken for a subject ("1er novembre 2012. - … a indiqué la police"): numbers, months and weekdays."""
    dates = lexicon()["dates"]
    words = _words(span)
    calendar = set(dates["months"]) | set(dates["weekdays"])
    return (
        bool(words)
        and any(t.lower_ in calendar for t in words)
        and all(t.like_num or t.lower_ in calendar or t.text[:1].isdigit() for t in words)
    )


def _without_time_adjectives(mention: Span, root: Token) -> str:
    """An organisation's words without the adjectives of time before its head ("Le nouveau gouvernement du Parti
    québécois" -> "Le gouvernement du Parti québécois"): they describe the moment, not the body."""
    words = [t for t in mention if not (t.i < root.i and t.lower_ in speaker_lexicon()["time_adjectives"])]
    return "".join(t.text_with_ws for t in words).strip() if len(words) < len(mention) else mention.text


def _name_from(ent: Span, mention: Span) -> str:
    """The organisation's name from its entity to the end of the mention, when only name words follow
    ("Plumes libres d'Afrique centrale", where the NER saw "Plumes libres"); else the entity."""
    rest = mention.doc[ent.end : mention.end]
    if any(t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text not in ("'", "’", "-")) for t in rest):
        return ent.text
    return mention.doc[ent.start : mention.end].text
