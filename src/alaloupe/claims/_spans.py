"""Small span helpers of the speaker rules: the entity a token is part of, the person before an apposition, whether
a referent's mention is a clause subject."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from alaloupe.claims.coreference import Referent


def _subject_at(cue: Token, r: Referent) -> bool:
    """True when the referent's mention is the subject of a clause (not an object or a complement)."""
    span = cue.doc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.dep_.startswith("nsubj") for t in span):
        return True
    doc, i = cue.doc, span.end
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
