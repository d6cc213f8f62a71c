"""Cues that are prepositions: "selon X", "d'après X", and "pour X," opening X's stated view; the words they
introduce (used by alaloupe.claims.cues, attribution and speakers)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from alaloupe import data

SOURCE_PREPOSITIONS = ("selon", "pour", "après")


def _is_source_preposition(token: Token) -> bool:
    if token.lower_ == "selon":
        return True
    if token.lower_ == "pour":
        return _pour_opinion(token)
    return token.lower_ == "après" and token.i > 0 and token.doc[token.i - 1].lower_ in ("d'", "d’")


def _pour_opinion(token: Token) -> bool:
    """True for "pour X," opening a clause, X a person or a pronoun ("Mais pour Obama, « … »", "Pour lui, …"):
    X's stated view follows. Not "pour la première fois," nor "pour terminer," (no person)."""
    doc, i = token.doc, token.i - 1
    if i >= 0 and doc[i].lower_ in ("mais", "et", "or"):
        i -= 1
    if i >= 0 and not (doc[i].text in (".", ",", ";", ":", "-", "–") or "\n" in doc[i].text_with_ws):
        return False
    words = []
    for t in doc[token.i + 1 : token.i + 17]:  # an organisation may be described at length before its name
        if t.text == ",":
            break
        words.append(t)
    else:
        return False
    if not words:
        return False
    if len(words) == 1 and words[0].lower_ in ("lui", "elle", "eux", "elles"):
        return True
    noun = next((t for t in words[1:4] if t.pos_ != "ADJ"), None)  # "Pour la principale association de …"
    if words[0].lower_ in ("l'", "l’", "le", "la") and noun is not None and noun.lower_ in _organisation_nouns():
        return True  # "Pour l'organisation militant pour …, …"
    if 2 <= len(words) <= 6 and words[0].lower_ in ("l'", "l’", "le", "la", "les") and words[1].lower_ in _roles():
        return all(t.lower_ != "fois" for t in words)  # "Pour le procureur fédéral, …", not "pour la première fois"
    if len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return all(t.ent_type_ not in ("LOC", "GPE", "MISC") for t in words)  # "pour Montebourg," not "pour Paris,"
    return len(words) <= 4 and all(t.ent_type_ in ("PER", "ORG") for t in words)


@cache
def _roles() -> frozenset[str]:
    return frozenset(data.load("lexicons", "speakers.json")["role_nouns"])


@cache
def _organisation_nouns() -> frozenset[str]:
    return frozenset(data.load("lexicons", "speakers.json")["organisation_nouns"])


def _prep_text(token: Token) -> str:
    return token.text if token.lower_ in ("selon", "pour") else token.doc[token.i - 1 : token.i + 1].text


def _prep_object(token: Token) -> Span | None:
    """The noun phrase after "selon"/"d'après", up to the next comma or the end of the sentence."""
    sent = token.sent
    words = []
    for t in token.doc[token.i + 1 : sent.end]:
        if t.text in (",", ".", ";", ":", "«", "“", '"') or t.is_space:
            break
        words.append(t)
    return token.doc[words[0].i : words[-1].i + 1] if words else None
