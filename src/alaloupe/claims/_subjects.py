"""The subject of a reporting cue: in the parse, postposed, inverted, an agent, or the noun phrase the parser left
unattached before the verb or before an incise (used by alaloupe.claims.cues)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from alaloupe.claims._common import _on_one_line, lexicon
from alaloupe.claims._forms import _next_words
from alaloupe.claims.quoting import QuoteIndex

_CLITICS = ("-il", "-elle", "-ils", "-elles", "-on")

_CLIMB = ("advcl", "xcomp", "conj", "acl", "ccomp")

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
    relative = doc[j + 1].lower_ == "qui"  # "L'association X, qui compte 450 membres, a fait savoir …"
    if not relative and any("Fin" in t.morph.get("VerbForm") for t in doc[j + 2 : i]):
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
_OF_AT = (*_OF, "à", "au", "aux")  # "Un physicien de passage à Genève chiffre …"


def _phrase_before(token: Token) -> Span | None:
    """The noun phrase that opens the cue's sentence, line or clause right before the verb ("L'ONG dénonce …",
    "Sous couvert d'anonymat, un représentant du groupe admet …"): a determiner or a name, then nouns, names,
    adjectives and "de" only; else None."""
    doc, i = token.doc, _skip_adverbials(token)
    end = i + 1
    if i >= 1 and doc[i].pos_ == "VERB" and doc[i - 1].pos_ == "DET" and "Fin" not in doc[i].morph.get("VerbForm"):
        i -= 1  # "Le consultant ajoute": a noun after its determiner, tagged as a participle
    while i >= 0 and end - i <= 10 and (_nominal(doc[i]) or doc[i].pos_ in ("ADJ", "DET") or doc[i].lower_ in _OF_AT):
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
    if start >= end or not opens or not (_nominal(doc[end - 1]) or doc[end - 1].pos_ == "VERB"):
        return None
    while end < token.i and doc[end].pos_ == "ADJ":
        end += 1
    return doc[start:end]


def _nominal(token: Token) -> bool:
    """A noun, or a name the NER saw whatever its tag ("SUD-PTT", tagged X)."""
    return token.pos_ in ("NOUN", "PROPN") or token.ent_type_ in ("ORG", "PER") and token.text[:1].isupper()


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


def _subject(token: Token, quoted: QuoteIndex) -> tuple[Token | None, str]:
    """The subject of a cue and how it was found.

    An inverted clitic first ("a-t-il dit", "ajoute-t-elle"); the agent of a passive participle ("annoncées par le
    gouvernement"); its own subject (never across a sentence end); then a postposed subject ("a déclaré le
    ministre", which the sm parser labels obj); then the subject of the verb a gerund, an infinitive or a
    coordinated verb depends on ("en lui disant", "réclament X et indiquent"), never climbing into a quote (after
    « … », the parser hangs the cue on the quoted verb).
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
        if len(subjects) > 1 and _participle_opening(subjects[0]):
            subjects = subjects[1:]  # "Joint par téléphone, un habitant a raconté": the participle is no subject
        if subjects and _phrase_between(subjects[0], token):
            return None, ""  # "La Syrie n'ayant pas ratifié …, l'ONG a demandé …": the phrase before the verb
        if subjects and step == 0 and _clause_before(subjects[0], token):
            postposed = _inverted_subject(token)
            if postposed is not None and _plausible_subject(postposed, token):
                return postposed, "postposed subject"  # "X devient le 36e gouvernement, a annoncé le président"
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


def _participle_opening(token: Token) -> bool:
    """True for the participle of an opening phrase that the parser took for a subject ("Joint par téléphone, …",
    "Interrogé par la radio, …"): a word followed by "par" before a comma."""
    after = _next_words(token, 1)
    return bool(after) and after[0].lower_ == "par" and any(t.text == "," for t in _next_words(token, 10))


def _phrase_between(subject: Token, cue: Token) -> bool:
    """True when a noun phrase the parser left unattached opens after a comma right before the cue, after the
    subject it gave ("La Syrie n'ayant pas ratifié la convention, l'ONG a demandé …"): that phrase speaks."""
    if subject.i > cue.i:
        return False
    phrase = _phrase_before(cue)
    return phrase is not None and subject.i < phrase.start - 1 and cue.doc[phrase.start - 1].text == ","


def _clause_before(subject: Token, cue: Token) -> bool:
    """True for an inserted cue (", a annoncé le président") after a clause of its own: a finite verb outside the
    subject's phrase comes before the subject found, which is then that clause's word, not the speaker."""
    if subject.i > cue.i or not _inserted(cue):
        return False
    doc, start = cue.doc, cue.sent.start
    after = _next_words(cue, 1)
    if not after or after[0].pos_ not in ("DET", "PROPN", "NOUN") or after[0].text in ("«", "“", '"'):
        return False  # the postposed subject opens right after the verb
    ends = [t.i for t in doc[start : subject.i] if t.text in (".", "!", "?", ";", ":") or "\n" in t.text_with_ws]
    start = ends[-1] + 1 if ends else start
    phrase = {t.i for t in subject.subtree}
    return any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") and t.i not in phrase
        for t in doc[start : subject.i]
    )


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
    """True when a sentence or a clause ends (".", ";") between a subject and its cue outside quotes: the parser
    ran two into one ("1er novembre 2012. - …, a indiqué la police" gives the date as the subject; "… nia leur
    version ; elle écrivit" gives "version")."""
    low, high = sorted((subject.i, cue.i))
    return any(t.text in (".", "!", "?", ";") and not quoted.inside(t.idx) for t in cue.doc[low + 1 : high])


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
