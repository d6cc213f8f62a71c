"""Pronouns as speakers: "il", "selon elle", "a-t-il ajouté" take a compatible referent (the subject named before,
the previous speaker, else the last person named), "ils" after an unnamed group is vague, and a relative "qui" takes
its antecedent. Used by alaloupe.claims.naming."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from alaloupe.claims._common import VAGUE, lexicon
from alaloupe.claims._named import UNKNOWN, Named
from alaloupe.claims._names import pronoun_features, speaker_lexicon
from alaloupe.claims._spans import _entity_at, _named_before_apposition, _subject_at
from alaloupe.claims.coreference import TextReferents

_SENTENCE = 60  # words read back to the start of the sentence before a pronoun
_NEAR_LINES = 3  # a pronoun takes the previous speaker if that one spoke at most this many lines before
_PERSON_LINES = 4  # a pronoun after a body spoke takes a person named at most this many lines before


@cache
def _vague_pronouns() -> frozenset[str]:
    return frozenset(lexicon()["vague_source"]["pronouns"])


def pronoun(word: Token, cue: Token, refs: TextReferents, last: Named | None, line: int) -> Named | None:
    lower = word.lower_
    if lower in speaker_lexicon()["relative_pronouns"]:
        return _relative(word, cue, refs, last, line)
    if lower.lstrip("-") in _vague_pronouns():  # "on", "dit-on"
        return Named(VAGUE, "", "vague", None, True, line)
    features = pronoun_features(lower)
    if features is None:
        return Named(UNKNOWN, f"not a speaker: '{word.text}'", "other", None, False, line)
    gender, plural = features
    body = _body_subject_before(word, cue, gender, plural, refs, last, line)
    if body is not None:  # "Le nouveau gouvernement s'est donné … Il a déclaré": the body, not a person
        return body
    if plural and last is not None and last.speaker == VAGUE and line - last.line <= 1:
        return Named(VAGUE, "pronoun -> previous vague group", "vague", gender, True, line)  # "un collectif … Elles"
    r = refs.nearest(cue.idx, gender) if not plural else None
    if r is not None and refs.gender(r.name) is None:  # "Claire Dumontet, analyste au cabinet Octet …" -> elle
        known = refs.nearest(cue.idx, gender, known=True)
        r = known if known is not None and known.line == r.line else r
    if r is not None and r.line == line and (last is None or r.name != last.speaker) and _subject_at(cue, r):
        # "Bruno Le Roux … est intervenu … « … », a-t-il affirmé": the person last named as a subject
        return Named(r.name, "pronoun -> last person named", "PER", gender, False, line)
    if last is not None and last.kind == "ORG" and not plural and r is not None and line - r.line <= _PERSON_LINES:
        # a body is "il" right after its own sentence (`_body_subject_before`); further on, "il" is a person
        return Named(r.name, "pronoun -> last person named, not the body that spoke", "PER", gender, False, line)
    if (
        last is not None
        and last.speaker != UNKNOWN
        and (line - last.line <= _NEAR_LINES or r is None or r.line <= last.line)
        and last.plural == plural
        and (last.gender is None or last.gender == gender)
    ):  # the previous speaker, if near, or if nobody of that gender was named since
        return Named(last.speaker, "pronoun -> previous speaker", last.kind, last.gender or gender, plural, line)
    if r is not None and not _subject_at(cue, r):  # "X appelle à voter pour Y. « … », déclare-t-il": X
        subject = next((p for p in refs.people_since(cue.idx, r.line - 1, gender) if _subject_at(cue, p)), None)
        if subject is not None:
            return Named(subject.name, "pronoun -> last subject named", "PER", gender, False, line)
    if r is not None:
        return Named(r.name, "pronoun -> last person named", "PER", gender, False, line)
    return Named(UNKNOWN, "pronoun (unresolved)", "other", gender, plural, line)


def _named_before(head: Token) -> Span | None:
    """The person a bare apposed title belongs to: "Marc Dupont, adjoint au maire, qui …" -> "Marc Dupont"."""
    doc = head.doc
    start = head.left_edge.i
    first = start
    while first < head.i and doc[first].pos_ == "ADV":  # "…, aujourd'hui professeur"
        first += 1
    if start < 2 or doc[first].pos_ == "DET" or doc[start - 1].text != ",":
        return None
    found = _entity_at(doc[start - 2])
    return found if found is not None and found.label_ == "PER" else None


def _relative(word: Token, cue: Token, refs: TextReferents, last: Named | None, line: int) -> Named | None:
    """Relative "qui" takes its antecedent: the noun the relative clause hangs on, else the words before it."""
    from alaloupe.claims.naming import name_mention  # naming resolves pronouns with this module: imported here
    from alaloupe.claims.speakers import _mention_span

    doc = word.doc
    head = cue.head if cue.dep_.startswith("acl") and cue.head.i < word.i else None
    if head is None:
        i = min(word.i, cue.i) - 1  # before "qui", or before "selon" in "selon lesquels"
        while i >= 0 and (doc[i].is_punct or doc[i].is_space):
            i -= 1
        head = doc[i] if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN") else None
    if head is None:
        return Named(UNKNOWN, "relative pronoun (unresolved)", "other", None, False, line)
    ent = _entity_at(head) or _named_before(head) or _named_before_apposition(doc, min(word.i, cue.i))
    span = ent if ent is not None else _mention_span(head)
    found = name_mention(span, cue, refs, last, line)
    if found is None or found.speaker == UNKNOWN:
        return Named(UNKNOWN, "relative pronoun (unresolved)", "other", None, False, line)
    return Named(found.speaker, f"relative '{word.text}' -> {span.text}", found.kind, found.gender, found.plural, line)


def _body_subject_before(
    word: Token, cue: Token, gender: str, plural: bool, refs: TextReferents, last: Named | None, line: int
) -> Named | None:
    """The organisation a pronoun opening its sentence stands for: the subject of the sentence before on its line
    or the line before, when it opens that sentence, is a body ("Le nouveau gouvernement …", "L'agence …", an
    organisation's name) of the pronoun's gender and number, and that sentence names no person; else None."""
    from alaloupe.claims.naming import name_mention  # naming resolves pronouns with this module: imported here
    from alaloupe.claims.speakers import _mention_span

    doc = word.doc
    end = _sentence_start(doc, word.i)  # the sentence end before the pronoun's sentence
    if end is None or word.i > cue.i or any(t.pos_ in ("VERB", "AUX") or t.ent_type_ for t in doc[end + 1 : word.i]):
        return None  # "Malgré les démarches, elle …": an opening phrase with no verb and no name may come first
    while end > 0 and (doc[end - 1].is_space or doc[end - 1].text in (".", "!", "?")):
        end -= 1  # the end of the sentence before: its full stop and the line break after it
    start = _sentence_start(doc, end)
    if start is None:
        return None
    words = doc[start + 1 : end]
    verb = next((t.i for t in words if t.pos_ in ("VERB", "AUX")), end)
    subject = next((t for t in words if t.dep_ == "nsubj" and t.i < verb and t.pos_ in ("NOUN", "PROPN")), None)
    if subject is None or any(t.ent_type_ == "PER" and t.i < verb for t in words):  # the subject is no person
        return None
    lex = speaker_lexicon()
    if not (subject.lower_ in {*lex["institution_nouns"], *lex["organisation_nouns"]} or subject.ent_type_ == "ORG"):
        return None
    number, kind = subject.morph.get("Number"), subject.morph.get("Gender")
    if ("Plur" in number) != plural or kind and {"Masc": "m", "Fem": "f"}.get(kind[0]) != gender:
        return None
    found = name_mention(_mention_span(subject), cue, refs, last, line)
    if found is None or found.speaker in (VAGUE, UNKNOWN) or found.kind == "PER":
        return None
    return Named(found.speaker, "pronoun -> body subject of the sentence before", found.kind, gender, plural, line)


def _sentence_start(doc: Doc, i: int) -> int | None:
    """The index of the sentence end (".", "!", "?", a line break) before word `i`, at most `_SENTENCE` words back
    (-1 at the start of the text); None if there is none so near."""
    k = i - 1
    while k >= max(0, i - _SENTENCE):
        if doc[k].text in (".", "!", "?") or doc[k].is_space and "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            return k
        k -= 1
    return -1 if k < 0 else None
