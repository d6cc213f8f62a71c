"""Reporting cues: reporting verbs (déclarer, estimer, …) with their subject in the parse, and "selon X"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from alaloupe import data
from alaloupe.claims._common import _on_one_line, _tagged_or_listed, lexicon
from alaloupe.claims.quoting import Quote, QuoteIndex

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
            forms.update({stem + ending: verb for stem in _changed_stems(verb[:-2]) for ending in _MUTE_E_ENDINGS})
    forms.update(lexicon()["reporting_forms"])
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
    return verb if verb and i >= 0 and token.doc[i].lemma_ == "avoir" else None


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
    if token.pos_ != "NOUN":
        return None
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and (before.pos_ in ("DET", "ADP") or before.lower_ in ("d'", "d’", "l'", "l’")):
        return None
    if token.lower_ in _noun_homographs():  # "Le parquet annonce que …": a verb only before "que"
        after = _next_words(token, 1)
        return verb if after and after[0].lower_ in ("que", "qu'", "qu’") else None
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


_PHRASE_ENDS = (".", "!", "?", ";", ":", "«", "»", "“", "”", '"', "(", ")")


def _skip_adverbials(token: Token) -> int:
    """The index of the word before a verb, its auxiliary and its adverbs or adverbial locutions ("a de son côté
    dénoncé", "a pour sa part indiqué") skipped."""
    doc, i = token.doc, token.i - 1
    locutions = _adverbial_locutions()
    while i >= 0:
        if doc[i].pos_ in ("AUX", "ADV") and doc[i].text != ",":
            i -= 1
            continue
        words = next((n for n in (2, 3) if doc[max(0, i - n + 1) : i + 1].text.lower() in locutions), 0)
        if not words:
            break
        i -= words
    return i


@cache
def _adverbial_locutions() -> frozenset[str]:
    return frozenset(lexicon()["adverbial_locutions"])


def _subject_phrase(token: Token) -> tuple[Span, str] | None:
    """The words of a cue's subject when the parse gave it none, and how they were found: the noun phrase right
    before the verb ("L'ONG dénonce …"), or before an incise ("Un témoin, alpiniste …, a raconté …")."""
    before = _phrase_before(token)
    if before is not None:
        return before, "phrase before the verb"
    incise = _incise_subject(token)
    return (incise, "subject before an incise") if incise is not None else None


def _incise_subject(token: Token) -> Span | None:
    """The subject before an incise between commas, when the parser lost it ("Un témoin, alpiniste redescendu au
    refuge, a raconté …", "Le gouvernement, impuissant, a de son côté dénoncé …"): a noun phrase that opens its
    sentence, line or clause, then an apposition or a participle phrase with no finite verb, then the cue."""
    doc = token.doc
    i = _skip_adverbials(token)
    if i < 1 or doc[i].text != ",":
        return None
    j = i - 1
    while j > i - 16 and j >= 0 and doc[j].text != ",":
        if doc[j].text in _PHRASE_ENDS or "\n" in doc[j].text_with_ws:
            return None
        j -= 1
    if j < 1 or doc[j].text != "," or j == i - 1:
        return None
    if any("Fin" in t.morph.get("VerbForm") for t in doc[j + 2 : i]):
        return None  # a clause, not an apposition (its first word may be a noun the tagger took for a verb)
    k = j - 1
    opener = (",", "-", "–", ".", "!", "?", ";", ":")  # a dash after a dateline ("5 juillet 2012. - Le rapport …")
    while k >= 0 and j - k <= 10 and doc[k].text not in (*opener, *_PHRASE_ENDS) and "\n" not in doc[k].text_with_ws:
        k -= 1
    if j - k > 10 or (k >= 0 and doc[k].text not in opener and "\n" not in doc[k].text_with_ws):
        return None
    phrase = doc[k + 1 : j]
    opens = phrase[0].pos_ == "DET" or (phrase[0].text[:1].isupper() and phrase[0].pos_ in ("PROPN", "NOUN"))
    if not opens or any("Fin" in t.morph.get("VerbForm") for t in phrase):
        return None
    return phrase if any(t.pos_ in ("NOUN", "PROPN") for t in phrase[1:] or phrase) else None


_OF = ("de", "du", "des", "d'", "d’")


def _phrase_before(token: Token) -> Span | None:
    """The noun phrase that opens the cue's sentence, line or clause right before the verb ("L'ONG dénonce …",
    "Sous couvert d'anonymat, un représentant du groupe admet …"): a determiner or a name, then nouns, names,
    adjectives and "de" only; else None."""
    doc, i = token.doc, _skip_adverbials(token)
    end = i + 1
    if i >= 1 and doc[i].pos_ == "VERB" and doc[i - 1].pos_ == "DET" and "Fin" not in doc[i].morph.get("VerbForm"):
        i -= 1  # "Le consultant ajoute": a noun after its determiner, tagged as a participle
    while i >= 0 and end - i <= 10 and (doc[i].pos_ in ("NOUN", "PROPN", "ADJ", "DET") or doc[i].lower_ in _OF):
        if "\n" in doc[i].text_with_ws and i < end - 1:
            break
        i -= 1
    start = i + 1
    while start < end and doc[start].text in _OF:  # not the "De" of "De Santis"
        start += 1
    while end > start and doc[end - 1].pos_ == "ADJ":
        end -= 1  # "Le Parquet fédéral annonce": the phrase ends on its noun
    opens = start == 0 or doc[start - 1].text in (".", "!", "?", ";", ":") or "\n" in doc[start - 1].text_with_ws
    opens = opens or (doc[start - 1].text == "," and doc[start].pos_ == "DET")  # after an opening adverbial phrase
    if start >= end or not opens or doc[end - 1].pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    while end < token.i and doc[end].pos_ == "ADJ":
        end += 1
    return doc[start:end]


def _homograph_after_incise(token: Token, quoted: QuoteIndex) -> str | None:
    """The reporting verb of a form that is also a noun ("juge", "note"), tagged as one, when a subject and an
    incise come before it and speech after it ("Un gérant, cité par la lettre X, juge « prématuré » …")."""
    verb = _reporting_forms().get(token.lower_)
    if verb is None or token.lower_ not in _noun_homographs() or _incise_subject(token) is None:
        return None
    return verb if _introduces_speech(token, quoted) else None


@cache
def _noun_homographs() -> frozenset[str]:
    return frozenset(data.load("lexicons", "speakers.json")["reporting_noun_homographs"])


def _quote_cue(token: Token, quoted: QuoteIndex) -> bool:
    """A verb that is no reporting verb but puts a quote on record for its subject: a verb of naming followed by
    its quote ("décrit sa fille comme « … »", "traite X de « … »"), or a verb with a subject whose clause opens a
    quote after a colon ("a défendu sa décision : « … »")."""
    if token.pos_ != "VERB" or quoted.inside(token.idx):
        return False
    if token.lemma_.lower() in _naming_verbs() or token.lower_ in _naming_forms():
        return _naming_quote(token, quoted)
    with_comme = tuple(lexicon()["naming_verbs_with_comme"])
    if (token.lemma_.lower() in with_comme or token.lower_ in _er_forms(with_comme)) and _naming_quote(
        token, quoted, True
    ):
        return True
    colon = False
    for t in _next_words(token, 8):
        if t.text in ("«", "“"):
            return (colon or token.lemma_.lower() in _naming_verbs()) and quoted.opening_at(t.idx) is not None
        if t.text == ":":
            colon = True
        elif t.lower_ == "comme":
            continue
        elif t.pos_ in ("VERB", "AUX", "SCONJ", "PUNCT") or t.lower_ in ("que", "qu'", "qu’"):
            return False
    return False


def _naming_quote(token: Token, quoted: QuoteIndex, needs_comme: bool = False) -> bool:
    """True for a verb of naming whose quote follows within its clause, across an apposition or a relative clause
    ("décrit sa fille, Marine, comme « … »", "a décrit l'avalanche qui a frappé le groupe comme étant la « … »");
    after "comme" only for a verb that names only so ("se présentait comme « … »")."""
    relative = comme = False
    for t in _next_words(token, 14):
        if t.text in ("«", "“"):
            return quoted.opening_at(t.idx) is not None and (comme or not needs_comme)
        if t.lower_ in ("comme", "qui") or comme and t.lower_ in ("étant", "être"):
            comme, relative = comme or t.lower_ == "comme", relative or t.lower_ == "qui"
        elif t.text in (".", ";", ":", "!", "?", "»", "”") or "\n" in t.text_with_ws:
            return False
        elif t.pos_ in ("VERB", "AUX", "SCONJ") and not (relative and not comme):
            return False
    return False


def _naming_forms() -> frozenset[str]:
    """Inflected forms of the -er verbs of naming ("traite", "qualifient"): the lemmatiser reads "traite" as
    "traire"."""
    return _er_forms(tuple(sorted(_naming_verbs())))


@cache
def _er_forms(verbs: tuple[str, ...]) -> frozenset[str]:
    """Inflected forms of the -er verbs among `verbs`."""
    stems = [v[:-2] for v in verbs if v.endswith("er")]
    return frozenset(
        form
        for stem in stems
        for form in (
            *(stem + e for e in _ER_ENDINGS),
            *(s + e for s in _changed_stems(stem) for e in _MUTE_E_ENDINGS),
        )
    )


@cache
def _naming_verbs() -> frozenset[str]:
    return frozenset(data.load("lexicons", "speakers.json")["naming_verbs"])


def _is_cue(token: Token, quoted: QuoteIndex) -> bool:
    if _reporting_lemma(token) is None and _quote_cue(token, quoted):
        before = token.doc[token.i - 1] if token.i > 0 else None
        return (
            any(c.dep_.startswith("nsubj") for c in token.children)
            or _clitic_after(token) is not None
            or (before is not None and before.ent_type_ == "PER")  # "Jean Lepage décrit …" parsed without nsubj
        )
    if _inverted_after_quote(token, quoted):
        return True  # "« … », sourit-il", "« … », tente-t-il de corriger": only a verb of saying inverts there
    verb = None
    if token.pos_ not in ("VERB", "AUX"):
        verb = _mistagged_participle(token) or _mistagged_finite(token) or _homograph_after_incise(token, quoted)
        if verb is None:
            return False
    verb = _reporting_lemma(token) or _mistagged_participle(token) or _mistagged_finite(token) or verb
    if verb is None:
        return False
    if quoted.inside(token.idx):
        return False  # speech reported inside a quote belongs to the quote
    if _negated(token):
        return False  # "La police n'a pas confirmé le lien": nothing is put on record
    ambiguous = verb in lexicon()["ambiguous_reporting_verbs"]
    agent = _agent(token) if not ambiguous or verb in lexicon()["agent_reporting_verbs"] else None
    if agent is not None:
        return True  # "la fermeture annoncée en mai par la mairie", "a été démenti par le club"
    if any(c.dep_ == "aux:pass" for c in token.children):
        return False  # "l'ennemi sera assuré d'être détruit" is not a speech act
    if _reflexive(token) or _bare_participle(token):
        return _introduces_speech(token, quoted)  # "s'explique par", "ajoutée à", "la fermeture annoncée"
    if ambiguous:
        return _introduces_speech(token, quoted) or (verb in _promise_verbs() and _de_infinitive(token))
    return True


@cache
def _promise_verbs() -> frozenset[str]:
    return frozenset(lexicon()["promise_verbs"])


def _de_infinitive(token: Token) -> bool:
    """True for a verb followed by "de" and an infinitive ("a promis d'engager", "a menacé le week-end dernier de
    s'en prendre …"): a promise or a threat on record."""
    words = _next_words(token, 11)
    for k, t in enumerate(words):
        if t.is_punct and t.text != "-" or t.pos_ in ("VERB", "AUX") and "Inf" not in t.morph.get("VerbForm"):
            return False
        if t.lower_ in ("de", "d'", "d’"):
            rest = [w for w in words[k + 1 : k + 4] if w.pos_ != "PRON"]  # "de s'en prendre"
            return bool(rest) and "Inf" in rest[0].morph.get("VerbForm")
    return False


_NOT_INVERTED = ("avoir", "être", "pouvoir", "devoir", "vouloir", "falloir", "aller", "sembler")


def _inverted_after_quote(token: Token, quoted: QuoteIndex) -> bool:
    """True for a verb right after a quote with its subject clitic inverted ("« … », sourit-il"): French inverts the
    subject there only for a verb of saying. Not an auxiliary or a modal ("a-t-il dit", "peut-on lire")."""
    if token.pos_ in ("AUX", "PUNCT") or token.lemma_.lower() in _NOT_INVERTED or quoted.inside(token.idx):
        return False
    return _clitic_after(token) is not None and _quote_before(token, quoted) is not None


def _agent(token: Token) -> Token | None:
    """The agent of a past participle, a person or a body that is on record ("annoncées en mai par le gouvernement",
    "a été démenti par le club"): the noun after "par" within a few words, on the cue's line."""
    if "Part" not in token.morph.get("VerbForm") or "Pres" in token.morph.get("Tense"):
        return None
    deps = [c.dep_ for c in token.children]
    before = token.doc[token.i - 1].lemma_ if token.i > 0 else ""
    if "aux:pass" not in deps and ("aux:tense" in deps or before == "avoir"):
        return None  # "a annoncé par communiqué": an active verb, no agent
    words = _next_words(token, 6)
    for k, t in enumerate(words):
        if t.lower_ == "par":
            nouns = [w for w in words[k + 1 : k + 4] if w.pos_ in ("NOUN", "PROPN")]
            head = t.head if t.dep_ == "case" and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN") else None
            agent = head or (nouns[0] if nouns else None)
            return agent if agent is not None and _on_one_line(token.doc, token.i, agent.i) else None
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ") or t.lower_ in ("que", "qu'", "qu’"):
            return None
    return None


_NE = ("ne", "n'", "n’")
_NEGATIONS = ("pas", "jamais", "plus", "guère", "point", "nullement", "aucunement", "rien")


def _ne_before(token: Token) -> Token | None:
    """The "ne"/"n'" of a negation or a restriction around the verb ("n'a pas confirmé", "ne rapportera que"): within
    the five words before it ("n'a pas été confirmée"), with no punctuation between."""
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - 6), -1):
        if doc[i].is_punct:
            return None
        if doc[i].lower_ in _NE:
            return doc[i]
    return None


def _negated(token: Token) -> bool:
    """True for a negated verb: "ne" before it and "pas", "jamais", "plus" … between "ne" and the word after it."""
    ne = _ne_before(token)
    return ne is not None and any(t.lower_ in _NEGATIONS for t in token.doc[ne.i + 1 : token.i + 2])


def _reflexive(token: Token) -> bool:
    """True for a verb with a reflexive clitic right before it ("Cette chute s'explique par …")."""
    return token.i > 0 and token.doc[token.i - 1].lower_ in ("se", "s'", "s’")


def _bare_participle(token: Token) -> bool:
    """True for a past participle with no auxiliary and no agent ("une chute ajoutée à …", "la fermeture
    annoncée"): an adjective, not a speech act. "racontés par des témoins" keeps its agent, "a dit" its auxiliary."""
    if "Part" not in token.morph.get("VerbForm") or "Pres" in token.morph.get("Tense"):
        return False
    i = token.i - 1
    while i > 0 and token.doc[i].text.startswith("-"):  # "a-t-elle ajouté"
        i -= 1
    if i >= 0 and token.doc[i].lemma_ in ("avoir", "être"):
        return False
    return not any(c.dep_.startswith("aux") or c.dep_ == "obl:agent" for c in token.children)


def _next_words(token: Token, n: int = 6) -> list[Token]:
    doc = token.doc
    return [t for t in doc[token.i + 1 : min(len(doc), token.i + 1 + n)] if not t.is_space]


def _introduces_speech(token: Token, quoted: QuoteIndex) -> bool:
    return (
        _que_after(token) is not None
        or _colon_quote_after(token, quoted) is not None
        or (_quote_before(token, quoted) is not None)
        or _after_comma(token)
    )


def _after_comma(token: Token) -> bool:
    """True for an inserted reporting clause after a comma, its subject after the verb (", a rapporté la BBC"); not
    a verb whose subject comes before ("La NASA, l'agence spatiale, a lancé une fusée")."""
    doc, i = token.doc, token.i - 1
    while i >= 0 and (doc[i].pos_ in ("AUX", "PRON", "ADV") or doc[i].text.startswith("-")):
        i -= 1
    if i < 0 or doc[i].text != "," or any(c.dep_.startswith("nsubj") and c.i < token.i for c in token.children):
        return False
    return _inverted_subject(token) is not None


def _que_after(token: Token) -> Token | None:
    """The "que"/"qu'" that opens the reported clause after a cue ("a déclaré à Poutine que …"); not the "que" of a
    restriction ("ne rapporteront que 3 milliards")."""
    for t in _next_words(token, 8):
        if t.lower_ in ("que", "qu'", "qu’"):
            return t if _ne_before(token) is None else None
        if t.text in (":", "«", "“", '"', ".", ";") or (t.pos_ == "VERB" and t.dep_ not in ("amod", "dep")):
            return None  # a verb the parser could not attach ("dans la presse coréenne que", dep) is an adjective
    return None


def _colon_quote_after(token: Token, quoted: QuoteIndex) -> Quote | None:
    """A quote that follows the cue after a colon ("a déclaré : « … »") or directly."""
    words = _next_words(token, 6)
    for t in words:
        if t.text in (":", ",") or t.pos_ in ("ADP", "DET", "PROPN", "NOUN", "ADV") and t.text not in ("«", "“"):
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
    clitic = clitic or _clitic_after(token)
    if clitic is not None:
        return clitic, "inverted pronoun"
    if "Part" in token.morph.get("VerbForm"):
        agent = _agent(token)
        if agent is not None and not quoted.inside(agent.idx):
            return agent, "agent"
    current = token
    for step in range(4):
        around = list(current.children)
        if step == 0:  # "Le Premier ministre a quant à lui annoncé": the parser hangs the subject on "a"
            around += [g for c in current.children if c.dep_ == "aux:tense" for g in c.children]
        subjects = [
            c
            for c in sorted(around, key=lambda t: t.i)
            if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")
            and c.lower_ not in ("-t", "-t-")
            and _plausible_subject(c, token)
            and not quoted.inside(c.idx)  # words of the quote before "a assuré un porte-parole" do not speak
            and quoted.opening_at(c.idx) is None
            and not _sentence_between(c, token, quoted)
        ]
        if subjects:
            return subjects[0], "nsubj" if step == 0 else f"nsubj of '{current.text}'"
        if step == 0 and _inserted(token):
            postposed = _inverted_subject(token)
            if postposed is not None and _plausible_subject(postposed, token):
                return postposed, "postposed subject"
        head = current.head
        if current.dep_ not in _CLIMB or head is current or quoted.inside(head.idx):
            break
        if current.dep_ == "conj":  # "… réclament quant à elles X et indiquent …" hung on "elles": up to the verb
            head = _verb_above(head)
            if head is None or quoted.inside(head.idx):
                break
        current = head
    return None, ""


def _verb_above(token: Token) -> Token | None:
    """The token, if it is a verb, else the nearest verb above it within two steps, else None."""
    for _ in range(3):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _sentence_between(subject: Token, cue: Token, quoted: QuoteIndex) -> bool:
    """True when a sentence ends between a subject and its cue outside quotes: the parser ran two sentences into one
    ("1er novembre 2012. - …, a indiqué la police" gives the date as the subject)."""
    low, high = sorted((subject.i, cue.i))
    return any(t.text in (".", "!", "?") and not quoted.inside(t.idx) for t in cue.doc[low + 1 : high])


def _clitic_after(token: Token) -> Token | None:
    """The subject clitic right after an inverted verb ("explique-t-il", "conclut-il"), or None."""
    doc, i = token.doc, token.i + 1
    if i < len(doc) and doc[i].lower_ in ("-t", "-t-") and not token.whitespace_:
        i += 1
    if i < len(doc) and doc[i].lower_ in _CLITICS and not doc[i - 1].whitespace_:
        return doc[i]
    return None


def _inserted(token: Token) -> bool:
    """True when a cue opens an inserted or inverted clause (", a annoncé la maire", "« … », a déclaré le ministre",
    a line that starts with the cue): only there does a noun after the verb speak. After "L'armée a annoncé", the
    noun is what is announced ("sa contre-offensive")."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and (doc[i].pos_ in ("AUX", "PRON", "ADV") or doc[i].text.startswith("-") or doc[i].is_space):
        if "\n" in doc[i].text_with_ws:
            return True
        i -= 1
    return i < 0 or doc[i].text in (",", "»", "”", '"', ")") or "\n" in doc[i].text_with_ws


def _inverted_subject(token: Token) -> Token | None:
    """In "« … », a déclaré le ministre", the sm parser labels the postposed subject obj or nsubj: take it."""
    for child in token.children:
        if (
            child.i > token.i
            and child.dep_ in ("obj", "nsubj", "xcomp")
            and (
                child.pos_ in ("NOUN", "PROPN") or child.ent_type_ == "PER"  # "Fritzner" tagged VERB, but a name
            )
        ):
            return child
    return None


def _plausible_subject(subject: Token, cue: Token) -> bool:
    """A speaker is a noun phrase on the cue's own line: a verb, or a word from another line, is a parse error
    (with the model's own sentences, line 3's "déclaré" gets line 2's "déclaré" as its subject)."""
    if subject.pos_ == "PRON" and subject.lower_ in ("l'", "l’", "le", "la", "les"):
        return False  # "Nadine Morano l'avait appelé …": an object clitic taken for the subject
    if subject.i > cue.i and subject.lower_ not in _CLITICS:
        between = cue.doc[cue.i + 1 : subject.i]
        if not _inserted(cue) or any(t.text in (".", "!", "?") and not t.is_sent_start for t in between[-3:]):
            return False  # "X a dénoncé « … ». Y a écrit": a subject after the verb only in an inserted clause
    return (subject.pos_ not in ("VERB", "AUX") or subject.ent_type_ == "PER") and _on_one_line(
        cue.doc, subject.i, cue.i
    )


@dataclass(frozen=True)
class Cue:
    """A token that reports speech: a reporting verb (`is_verb`) with its subject and how that was found
    (`_subject`) or its words (`phrase`), or the preposition of "selon" / "d'après" (no subject)."""

    token: Token
    is_verb: bool
    subject: Token | None = None
    how: str = "selon"
    phrase: Span | None = None  # the subject's words, when not the subject's subtree in the parse


def _verb_cue(token: Token, quoted: QuoteIndex) -> Cue:
    """A reporting verb's Cue: its subject in the parse, or the words that stand for it (an agent without its
    "par", a noun phrase the parser left unattached)."""
    subject, how = _subject(token, quoted)
    if how == "agent" and subject is not None:  # the agent's words without "par"
        start = subject.left_edge.i + (subject.left_edge.lower_ == "par")
        return Cue(token, True, None, how, token.doc[start : subject.right_edge.i + 1])
    if how == "inverted pronoun" and subject is not None:  # the clitic alone: its subtree may hold the verb
        return Cue(token, True, subject, how, token.doc[subject.i : subject.i + 1])
    phrase = _subject_phrase(token) if subject is None else None
    return Cue(token, True, subject, phrase[1], phrase[0]) if phrase else Cue(token, True, subject, how)


def _cues(doc: Doc, quoted: QuoteIndex) -> list[Cue]:
    """Every reporting cue of the Doc, found once and shared by the attributions and the vague sources."""
    found = []
    for token in _candidates(doc):
        if _is_cue(token, quoted):
            found.append(_verb_cue(token, quoted))
        elif _is_source_preposition(token):
            found.append(Cue(token, False))
    return found


_SOURCE_PREPOSITIONS = ("selon", "pour", "après")


@cache
def _candidate_words() -> tuple[str, ...]:
    """Words that can be a cue whatever their tag: reporting forms the tagger may miss, and the prepositions."""
    participles = data.load("lexicons", "speakers.json")["reporting_participles"]
    return (*_reporting_forms(), *participles, *_SOURCE_PREPOSITIONS)


def _candidates(doc: Doc) -> list[Token]:
    """The tokens `_is_cue` or `_is_source_preposition` can accept, picked from the Doc's arrays: a verb or an
    auxiliary, or one of `_candidate_words` (a Token object is built for these only, about one word in six)."""
    if not len(doc):
        return []
    keep = _tagged_or_listed(doc, (VERB, AUX), _candidate_words())
    clitics = numpy.flatnonzero(_tagged_or_listed(doc, (), _CLITICS))
    for i in clitics:  # the word before an inverted clitic is a verb whatever its tag ("», sourit-il")
        verb = i - 1 - (i >= 2 and doc[int(i) - 1].lower_ in ("-t", "-t-"))
        if verb >= 0:
            keep[verb] = True
    return [doc[int(i)] for i in numpy.flatnonzero(keep)]


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
    for t in doc[token.i + 1 : token.i + 11]:
        if t.text == ",":
            break
        words.append(t)
    else:
        return False
    if not words:
        return False
    if len(words) == 1 and words[0].lower_ in ("lui", "elle", "eux", "elles"):
        return True
    if len(words) >= 2 and words[0].lower_ in ("l'", "l’", "le", "la") and words[1].lower_ in _organisation_nouns():
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
