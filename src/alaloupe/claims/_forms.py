"""The forms of the reporting verbs: their inflections built from the lemmas of data/lexicons/claims.json, and the
forms the tagger mis-tags that the syntax still shows to be verbs (used by alaloupe.claims.cues)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from alaloupe import data
from alaloupe.claims._common import lexicon

_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "eront", "erait", "eraient")
_SIMPLE_PAST_ER = ("a", "èrent")  # the simple past of narration ("Jean-François Copé déplora", "Pastor nia")


@cache
def _reporting_forms() -> dict[str, str]:
    """Inflected forms of the -er reporting verbs (estime, estiment, déclarait …) -> lemma.

    fr_core_news_sm sometimes lemmatises a verb wrongly ("estime" -> "estime"); the form still identifies it.
    """
    forms = {form: verb for verb in lexicon()["reporting_verbs"] for form in _er_inflections(verb)}
    forms.update(lexicon()["reporting_forms"])
    forms.update(_simple_past())
    return forms


@cache
def _simple_past() -> dict[str, str]:
    """The simple-past forms of the reporting verbs -> lemma: a verb whatever the tagger says."""
    forms = {v[:-2] + e: v for v in lexicon()["reporting_verbs"] if v.endswith("er") for e in _SIMPLE_PAST_ER}
    forms.update(lexicon()["simple_past_forms"])
    return forms


_MUTE_E_ENDINGS = ("e", "es", "ent", "era", "eront", "erait", "eraient")


def _changed_stems(stem: str) -> tuple[str, ...]:
    """The stems an -er verb takes before a mute e: "rappell-" (rappeler), "relèv-" (relever), "répèt-" (répéter)."""
    if len(stem) < 3 or stem[-2] not in "eé" or stem[-1] in "aeéiouy":
        return ()
    grave = stem[:-2] + "è" + stem[-1]
    return (stem + stem[-1], grave) if stem[-2] == "e" and stem[-1] in "lt" else (grave,)


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(lexicon()["reporting_verbs"])


def _reporting_lemma(token: Token) -> str | None:
    """The reporting verb a token is a form of (by its lemma, else by its form), or None."""
    lemma = token.lemma_.lower()
    if lemma in _reporting_verbs():
        return lemma
    return _reporting_forms().get(token.lower_)


def _mistagged_participle(token: Token) -> str | None:
    """The reporting verb of a past participle after "a"/"ont" that the tagger took for a noun or a pronoun ("Il a
    toutefois démenti" tagged PRON), else None."""
    verb = data.load("lexicons", "speakers.json")["reporting_participles"].get(token.lower_)
    i = token.i - 1
    while verb and i >= 0 and token.doc[i].pos_ == "ADV":
        i -= 1
    reflexive = i > 0 and token.doc[i].lemma_ == "être" and token.doc[i - 1].lower_ in ("se", "s'", "s’")
    return verb if verb and i >= 0 and (token.doc[i].lemma_ == "avoir" or reflexive) else None  # "s'est réjoui"


def _mistagged_finite(token: Token) -> str | None:
    """The reporting verb of a finite form the tagger took for a noun ("L'ONG dénonce …" tagged NOUN), else None.

    Only a form that is no French noun (lexicon `reporting_noun_homographs` lists "annonce", "note", "juge", …) and
    that no determiner or preposition opens; or any finite form tagged as a noun or an adjective that opens an
    inserted clause before its postposed subject ("« … », note Claire Dumontet", "…, rappelle le ministre")."""
    verb = _reporting_forms().get(token.lower_)
    if verb is None or token.pos_ not in ("NOUN", "ADJ", "PROPN"):
        return None
    if _inserted_before_subject(token):
        return verb
    after = _next_words(token, 1)
    if token.pos_ == "ADJ" and _finite_form(token) and after and after[0].lower_ in ("que", "qu'", "qu’"):
        return verb  # "un représentant du groupe admet que …" with "admet" tagged ADJ
    if token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and token.text.islower()):
        return None  # a lower-case word tagged as a name is a word ("Genève chiffre pour sa part …")
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and (before.pos_ in ("DET", "ADP") or before.lower_ in ("d'", "d’", "l'", "l’")):
        return None
    if token.lower_ in _noun_homographs():  # "Le parquet annonce que …": a verb only before "que"
        after = _next_words(token, 4)
        if after and after[0].lower_ in ("que", "qu'", "qu’"):
            return verb
        words = " ".join(t.lower_ for t in after)  # "Un physicien chiffre pour sa part à « … »"
        return verb if any(f"{words} ".startswith(f"{loc} ") for loc in lexicon()["adverbial_locutions"]) else None
    return verb


def _finite_form(token: Token) -> bool:
    """True for a form that is no participle ("note", "rappelle", "conclut"; not "estimé", "annonçant")."""
    return not token.lower_.endswith(("é", "ée", "és", "ées", "ant"))


def _inserted_before_subject(token: Token) -> bool:
    """True for a finite form right after a comma or a closing quote and right before a name or a determiner: an
    inserted reporting clause (", rappelle Étienne Gagné-Roy", "», note la chercheuse"), whatever its tag."""
    if not _finite_form(token) or token.i == 0 or not token.text[:1].islower():
        return False  # a participle after a comma is an adjective ("…, estimé de tous"); "Lance" is a first name
    before = token.doc[token.i - 1]
    after = _next_words(token, 2)
    if before.text not in (",", "»", "”", '"') or len(after) < 2:
        return False
    name = after[0].text[:1].isupper() and after[0].pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X")
    definite = after[0].lower_ in ("le", "la", "l'", "l’", "les", "un", "une") and after[1].pos_ in ("NOUN", "ADJ")
    return name or definite


@cache
def _noun_homographs() -> frozenset[str]:
    return frozenset(data.load("lexicons", "speakers.json")["reporting_noun_homographs"])


def _naming_forms() -> frozenset[str]:
    """Inflected forms of the -er verbs of naming ("traite", "qualifient"): the lemmatiser reads "traite" as
    "traire"."""
    return _er_forms(tuple(sorted(_naming_verbs())))


@cache
def _er_forms(verbs: tuple[str, ...]) -> frozenset[str]:
    """Inflected forms of the -er verbs among `verbs`."""
    return frozenset(form for verb in verbs for form in _er_inflections(verb))


def _er_inflections(verb: str) -> tuple[str, ...]:
    """The inflected forms of an -er verb (none for another verb): the regular endings, and the mute-e endings on
    its changed stems ("rappelle", "achète")."""
    if not verb.endswith("er"):
        return ()
    stem = verb[:-2]
    return (*(stem + e for e in _ER_ENDINGS), *(s + e for s in _changed_stems(stem) for e in _MUTE_E_ENDINGS))


@cache
def _naming_verbs() -> frozenset[str]:
    return frozenset(data.load("lexicons", "speakers.json")["naming_verbs"])


def _next_words(token: Token, n: int = 6) -> list[Token]:
    doc = token.doc
    return [t for t in doc[token.i + 1 : min(len(doc), token.i + 1 + n)] if not t.is_space]
