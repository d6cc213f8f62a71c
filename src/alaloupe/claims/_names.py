"""Names, titles and pronouns as the speaker lexicon (data/lexicons/speakers.json) describes them: genders of
pronouns, determiners and role nouns, honorifics, first names, a person's name, title words and when a title fits
another. Word-level helpers of alaloupe.claims.coreference (no whole-text pass)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from spacy.tokens import Token

from alaloupe import data
from alaloupe.entities import kb


@cache
def speaker_lexicon() -> Any:
    """data/lexicons/speakers.json: pronouns, determiners, role and organisation nouns, first names."""
    return data.load("lexicons", "speakers.json")


@cache
def _kb_types() -> dict[str, str]:
    return {entry.canonical: entry.type for entry in kb()}


@cache
def _honorifics() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for gender, words in speaker_lexicon()["honorifics"].items():
        found.update({w: (gender if gender in ("m", "f") else None) for w in words})
    return found


@cache
def _first_names() -> dict[str, str]:
    return {name: gender for gender, names in speaker_lexicon()["first_names"].items() for name in names}


def pronoun_features(word: str) -> tuple[str, bool] | None:
    """("m" or "f", plural?) of a third-person pronoun a speaker can be ("il", "-elle", "lui"), else None."""
    word = word.lower()
    for key, forms in speaker_lexicon()["pronouns"].items():
        if key != "note" and word in forms:
            return key[0], key.endswith("p")
    return None


def role_gender(word: str) -> str | None:
    """Gender of a role noun of the lexicon ("ministre" -> None, both; "directrice" -> "f")."""
    found = speaker_lexicon()["role_nouns"].get(word.lower())
    return found or None


def determiner_gender(word: str) -> str | None:
    dets = speaker_lexicon()["determiners"]
    word = word.lower()
    return "m" if word in dets["m"] else "f" if word in dets["f"] else None


def person_name(name: str) -> str:
    """A person's name without the body the NER ran it into: "Rami Abd al-Rahman de l'Observatoire syrien" ->
    "Rami Abd al-Rahman" ("de l'", "de la" in lower case open no French surname; "de La Fontaine" stays)."""
    m = re.search(r"\s(?:de\s+l['’]|de\s+la\s)", name)
    return name[: m.start()] if m is not None and len(name[: m.start()].split()) >= 2 else name


def strip_honorific(name: str) -> tuple[str, str | None]:
    """("Jean-Paul Mukendi", None) for "Me Jean-Paul Mukendi"; ("Dumont", "f") for "Mme Dumont"."""
    words = name.split()
    gender = None
    while len(words) > 1 and words[0].lower() in _honorifics():
        gender = gender or _honorifics()[words[0].lower()]
        words = words[1:]
    return " ".join(words), gender


def _title_words(tokens: list[Token]) -> tuple[str, ...]:
    """The words of a title, lower-case, without determiners and punctuation ("secrétaire", "d'état", …)."""
    dets = speaker_lexicon()["determiners"]
    skip = set(dets["definite"]) | set(dets["indefinite"]) | set(dets["demonstrative"]) | set(dets["possessive"])
    return tuple(t.lower_ for t in tokens if not (t.is_punct or t.is_space) and t.lower_ not in skip)


def _is_title_head(word: str, words: list[Token] | None = None) -> bool:
    """A role or organisation noun of the lexicon, or any common noun apposed to a name ("un bûcheron de Jackman")."""
    lex = speaker_lexicon()
    if word in lex["role_nouns"] or word in lex["organisation_nouns"]:
        return True
    head = next((t for t in words or () if t.lower_ == word), None)
    if head is not None and head.text.islower() and word.endswith(tuple(lex["agent_suffixes"])):
        return True  # "Armelle Kervella, fiscaliste au cabinet …", whatever the tag of "fiscaliste"
    return head is not None and head.pos_ == "NOUN" and head.text.islower()


def _synonym(mention: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """True when a title holds a key of title_synonyms ("chef du gouvernement français") whose heads include the
    mention's, its other words "ministre" or such heads ("le premier ministre", not "le premier adjoint")."""
    written = " ".join(title)
    for key, heads in speaker_lexicon()["title_synonyms"].items():
        if key != "note" and " " in key and written.startswith(key) and mention[:1] and mention[0] in heads:
            return set(mention[1:]) <= {"ministre", *heads}
    return False


def title_matches(mention: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """True when a mention's title words ("secrétaire", "d'état") fit an established title: same head noun, and
    every other word of the mention in the title."""
    return bool(mention and title) and mention[0] == title[0] and set(mention[1:]) <= set(title)
