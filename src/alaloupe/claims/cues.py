"""Reporting cues: reporting verbs (déclarer, estimer, …) with their subject in the parse, and "selon X".

The verb forms are read in alaloupe.claims._forms, the subjects found in alaloupe.claims._subjects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from alaloupe import data
from alaloupe.claims._common import _tagged_or_listed, lexicon
from alaloupe.claims._forms import (
    _er_forms,
    _mistagged_finite,
    _mistagged_participle,
    _naming_forms,
    _naming_verbs,
    _next_words,
    _noun_homographs,
    _reporting_forms,
    _reporting_lemma,
    _simple_past,
)
from alaloupe.claims._headlines import _colon_headlines
from alaloupe.claims._prepositions import SOURCE_PREPOSITIONS, _is_source_preposition
from alaloupe.claims._subjects import (
    _CLITICS,
    _agent,
    _clitic_after,
    _incise_subject,
    _inverted_subject,
    _subject,
    _subject_phrase,
)
from alaloupe.claims.quoting import Quote, QuoteIndex
from alaloupe.nlp import text_of


def _homograph_after_incise(token: Token, quoted: QuoteIndex) -> str | None:
    """The reporting verb of a form that is also a noun ("juge", "note"), tagged as one, when a subject and an
    incise come before it and speech after it ("Un gérant, cité par la lettre X, juge « prématuré » …")."""
    verb = _reporting_forms().get(token.lower_)
    if verb is None or token.lower_ not in _noun_homographs() or _incise_subject(token) is None:
        return None
    return verb if _introduces_speech(token, quoted) else None


def _quote_cue(token: Token, quoted: QuoteIndex) -> bool:
    """A verb that is no reporting verb but puts a quote on record for its subject: a verb of naming followed by
    its quote ("décrit sa fille comme « … »", "traite X de « … »"), or a verb with a subject whose clause opens a
    quote after a colon ("a défendu sa décision : « … »")."""
    if token.pos_ != "VERB" or not _quote_ahead(token) or quoted.inside(token.idx):
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


_NAMING_REACH = 14  # words: how far after a verb of naming `_naming_quote` looks for its quote
_AHEAD = 250  # characters: more than _NAMING_REACH words of news French


def _quote_ahead(token: Token) -> bool:
    """True when a quotation mark opens within `_AHEAD` characters after the verb: a quote cue needs one, and most
    verbs have none, so the words after them are not read."""
    window = text_of(token.doc)[token.idx : token.idx + _AHEAD]
    return "«" in window or "“" in window


def _naming_quote(token: Token, quoted: QuoteIndex, needs_comme: bool = False) -> bool:
    """True for a verb of naming whose quote follows within its clause, across an apposition or a relative clause
    ("décrit sa fille, Marine, comme « … »", "a décrit l'avalanche qui a frappé le groupe comme étant la « … »");
    after "comme" only for a verb that names only so ("se présentait comme « … »")."""
    relative = comme = False
    for t in _next_words(token, _NAMING_REACH):
        if t.text in ("«", "“"):
            return quoted.opening_at(t.idx) is not None and (comme or not needs_comme)
        if t.lower_ in ("comme", "qui") or comme and t.lower_ in ("étant", "être"):
            comme, relative = comme or t.lower_ == "comme", relative or t.lower_ == "qui"
        elif t.text in (".", ";", ":", "!", "?", "»", "”") or "\n" in t.text_with_ws:
            return False
        elif t.pos_ in ("VERB", "AUX", "SCONJ") and not (relative and not comme):
            return False
    return False


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
        verb = verb or _simple_past().get(token.lower_)
        if verb is None:
            return False
    verb = _reporting_lemma(token) or _mistagged_participle(token) or _mistagged_finite(token) or verb
    verb = verb or ("faire part" if _faire_part(token) else _locution(token))
    if verb is None:
        return False
    if quoted.inside(token.idx):
        return False  # speech reported inside a quote belongs to the quote
    if _negated(token):
        return False  # "La police n'a pas confirmé le lien": nothing is put on record
    if verb in lexicon()["demand_verbs"] and _without_avoir(token):
        return False  # "l'aide demandée par Madrid" names the thing demanded
    ambiguous = verb in lexicon()["ambiguous_reporting_verbs"]
    agent = _agent(token) if not ambiguous or verb in lexicon()["agent_reporting_verbs"] else None
    if agent is not None:
        return True  # "la fermeture annoncée en mai par la mairie", "a été démenti par le club"
    if any(c.dep_ == "aux:pass" for c in token.children):
        return False  # "l'ennemi sera assuré d'être détruit" is not a speech act
    if token.i > 0 and token.doc[token.i - 1].text == "," and _clitic_after(token) is not None and not ambiguous:
        return True  # an incise ("les soldats qui, dit-on, s'étaient rendus", "…, dit-il, si …"), whatever the tag
    if verb in lexicon()["belief_verbs"]:  # "« … » s'est réjoui X", "se félicite que « … »": words quoted
        return _quoted_words(token, quoted)
    if _reflexive(token) or _bare_participle(token):
        return _introduces_speech(token, quoted)  # "s'explique par", "ajoutée à", "la fermeture annoncée"
    if ambiguous:
        return _introduces_speech(token, quoted) or (verb in _promise_verbs() and _de_infinitive(token))
    return True


def _locution(token: Token) -> str | None:
    """The locution a verb forms with the words after it when it is a cue only so ("fait savoir", "a fait état
    de", "appelle à", lexicon `locution_cues`), across adverbs and a time phrase ("appelle cet après-midi à")."""
    lemma = token.lemma_.lower()
    follows = lexicon()["locution_cues"].get(lemma)
    if not follows or token.pos_ not in ("VERB", "AUX"):
        return None
    words = _next_words(token, 6)
    k = 0
    while k < min(len(words), 4) and (words[k].pos_ == "ADV" or lemma == "appeler" and _time_word(words[k])):
        k += 1
    rest = " ".join(t.lower_ for t in words[k : k + 2])
    for tail in follows:
        if rest == tail or rest.startswith(tail + " ") or tail.endswith(("'", "’")) and rest.startswith(tail):
            return f"{lemma} {tail.split()[0]}"
    return None


def _time_word(token: Token) -> bool:
    """A word of a time phrase between a verb and its complement ("cet après-midi", "ce jeudi", "hier")."""
    dates = lexicon()["dates"]
    return token.lower_ in ("ce", "cet", "cette", "après-midi", "matin", "soir", "dimanche", *dates["weekdays"]) or (
        token.lower_ in dates["relative"]
    )


def _faire_part(token: Token) -> bool:
    """True for "faire part de" ("a fait part de son indignation", "faisait part dimanche soir de …")."""
    if token.lemma_.lower() != "faire":
        return False
    words = _next_words(token, 5)
    if not words or words[0].lower_ != "part":
        return False
    return any(t.lower_ in ("de", "d'", "d’", "du", "des") for t in words[1:])


def _through(token: Token) -> Span | None:
    """The person a body speaks through, named after "par" in the cue's clause ("les députés ont fait part de leur
    indignation par Christian Jacob"), else None."""
    doc = token.doc
    for t in _next_words(token, 10):
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ"):
            return None
        if t.lower_ == "par" and t.i + 1 < len(doc) and doc[t.i + 1].ent_type_ == "PER":
            end = t.i + 2
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[t.i + 1 : end]
    return None


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


def _without_avoir(token: Token) -> bool:
    """True for a past participle with no "avoir" before it ("l'aide demandée par Madrid"), not "a demandé"."""
    if "Part" not in token.morph.get("VerbForm") or "Pres" in token.morph.get("Tense"):
        return False
    i = token.i - 1
    while i > 0 and (token.doc[i].text.startswith("-") or token.doc[i].pos_ == "ADV"):
        i -= 1
    return not (i >= 0 and token.doc[i].lemma_ == "avoir" or any(c.dep_ == "aux:tense" for c in token.children))


def _quoted_words(token: Token, quoted: QuoteIndex) -> bool:
    """True for a cue whose words are quoted: a quote before an inverted cue, after a colon, or in the "que" clause
    before the sentence ends ("pense qu'il s'agit de « propos isolés »")."""
    if _quote_before(token, quoted) is not None or _colon_quote_after(token, quoted) is not None:
        return True
    que = _que_after(token)
    if que is None:
        return False
    for t in token.doc[que.i + 1 : que.i + 40]:
        if t.text in ("«", "“") and quoted.opening_at(t.idx) is not None:
            return True
        if t.text in (".", "!", "?", ";") or "\n" in t.text_with_ws:
            return False
    return False


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
    through = _through(token) if _faire_part(token) else None
    if through is not None:
        return Cue(token, True, None, "through", through)
    subject, how = _subject(token, quoted)
    if subject is not None and how.startswith("nsubj of") and subject.lower_ == "qui" and subject.i < token.i:
        incise = _incise_subject(token)  # "Un stratège, qui a requis l'anonymat, a confié": the parser climbed into
        if incise is not None:  # the relative clause
            return Cue(token, True, None, "subject before an incise", incise)
    if how == "agent" and subject is not None:  # the agent's words without "par"
        start = subject.left_edge.i + (subject.left_edge.lower_ == "par")
        return Cue(token, True, None, how, token.doc[start : subject.right_edge.i + 1])
    if how == "inverted pronoun" and subject is not None:  # the clitic alone: its subtree may hold the verb
        return Cue(token, True, subject, how, token.doc[subject.i : subject.i + 1])
    incise = _incise_subject(token) if subject is not None and how == "nsubj" and subject.pos_ == "NOUN" else None
    if incise is not None and incise.end < subject.i < token.i and _bare(subject):
        # "Nock Ag Attia, député touareg, a précisé": a bare role noun describes the name before it. A phrase with its
        # own determiner is kept as written ("Sergie Lavrov, le bras droit de Poutine, a déclaré": the epithet is
        # how the text names him, and the report shows it)
        return Cue(token, True, None, "subject before an incise", incise)
    if subject is not None and how == "nsubj" and subject.i < token.i:
        words = _subject_words(subject)
        if words is not None:
            return Cue(token, True, subject, how, words)
    phrase = _subject_phrase(token) if subject is None else None
    return Cue(token, True, subject, phrase[1], phrase[0]) if phrase else Cue(token, True, subject, how)


def _bare(noun: Token) -> bool:
    """True for a noun with no determiner of its own ("député touareg", not "le bras droit de Poutine")."""
    return not any(c.dep_ == "det" for c in noun.children)


def _coordinated(token: Token, verbs: set[int]) -> bool:
    """True for a cue verb coordinated with an earlier cue verb and sharing its subject ("a condamné le crime et
    estimé que …"): the text puts one speaker on record once. A verb with its own subject ("et il a ajouté") or
    an inverted clitic is a new cue."""
    if any(c.dep_.startswith("nsubj") for c in token.children) or _clitic_after(token) is not None:
        return False
    if token.dep_ == "conj" and token.head.i in verbs and token.head.i < token.i:
        # not "… ; le parti pense"
        return any(c.dep_ == "cc" and c.lower_ in ("et", "puis", "mais") for c in token.children)
    doc, i = token.doc, token.i - 1
    while i > 0 and doc[i].pos_ == "ADV":
        i -= 1
    # "Pastor leur répondit et nia", the tagger calling them X
    if i < 1 or doc[i].lower_ not in ("et", "mais") or not verbs:
        return False
    last = max(verbs)
    return token.i - last <= 12 and not any(t.text in (".", ";", ":", "!", "?", "«", "»") for t in doc[last:i])


def _subject_words(subject: Token) -> Span | None:
    """The subject's words without a conjunction that opens the clause, an adverbial phrase after a comma ("Mais
    le premier ministre, malgré cette division politique, avait affirmé" -> "le premier ministre") or a named
    body's apposition with no name ("le Conseil national syrien, principale coalition …"), or None when its whole
    phrase stands."""
    from alaloupe.claims.speakers import _mention_span  # speakers imports this module

    whole = _mention_span(subject)
    doc, start, end = subject.doc, whole.start, whole.end
    if end - start > 1 and doc[start].pos_ == "CCONJ" and start < subject.i:
        start += 1
    opening = next((t.i for t in reversed(doc[start : subject.i]) if t.text == ","), None)
    locution = doc[start].pos_ in ("NOUN", "ADV") and doc[start + 1].pos_ == "ADP"  # "Face à", "Lors de"
    if opening is not None and (doc[start].pos_ == "ADP" or locution) and doc[opening + 1].pos_ == "DET":
        start = opening + 1  # "Face à l'absence …, les fédérations ont annoncé": the phrase after the comma
    comma = next((t.i for t in doc[subject.i + 1 : end] if t.text == ","), None)
    rest = doc[comma + 1 : end] if comma is not None else None
    described = rest and _body(subject) and not any(map(_named, rest))  # not "…, Michael Bloomberg"
    if rest and (rest[0].pos_ in ("ADP", "ADV") or rest[0].lower_ == "dont" or described):
        end = comma
    return doc[start:end] if (start, end) != (whole.start, whole.end) else None


def _body(token: Token) -> bool:
    """A named body ("le Conseil national syrien"), whose apposition with no name only describes it."""
    return token.ent_type_ in ("ORG", "MISC") or token.pos_ == "PROPN" and token.ent_type_ != "PER"


def _named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PER", "ORG")


def _cues(doc: Doc, quoted: QuoteIndex) -> list[Cue]:
    """Every reporting cue of the Doc, found once and shared by the attributions and the vague sources."""
    found: list[Cue] = []
    verbs: set[int] = set()
    for token in _candidates(doc):
        if _is_cue(token, quoted):
            if _coordinated(token, verbs):
                continue  # "a dénoncé … et réclamé …": one subject, one entry
            verbs.add(token.i)
            found.append(_verb_cue(token, quoted))
        elif _is_source_preposition(token):
            found.append(Cue(token, False))
    headlines = _colon_headlines(doc, quoted)
    return sorted(found + headlines, key=lambda c: c.token.i) if headlines else found


@cache
def _candidate_words() -> tuple[str, ...]:
    """Words that can be a cue whatever their tag: reporting forms the tagger may miss, and the prepositions."""
    participles = data.load("lexicons", "speakers.json")["reporting_participles"]
    return (*_reporting_forms(), *participles, *SOURCE_PREPOSITIONS)


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
