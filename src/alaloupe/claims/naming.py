"""Naming a speaker: what the words at a cue stand for, if they can speak at all.

A speaker is a noun phrase that can speak: a person, an organisation or institution, or a vague source. A pronoun
is resolved (`_pronouns`, with the referents of `coreference`) or the speaker is unknown; a clause, a quote, or a
noun that cannot speak ("sa contre-offensive") is no speaker (`name_mention` returns None and the caller tries its
fallbacks). Lexicon: data/lexicons/speakers.json, and the vague nouns of data/lexicons/claims.json.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from alaloupe.claims._common import VAGUE, _ents_in, lexicon
from alaloupe.claims._named import UNKNOWN, Named
from alaloupe.claims._names import (
    _first_names,
    _honorifics,
    _kb_types,
    _title_words,
    determiner_gender,
    person_name,
    pronoun_features,
    role_gender,
    speaker_lexicon,
)
from alaloupe.claims._pronouns import _named_before, _vague_pronouns, pronoun
from alaloupe.claims._spans import (
    _entity_at,
    _is_clause,
    _is_date,
    _name_from,
    _subject_at,
    _without_acronym,
    _without_relative,
    _without_time_adjectives,
    _without_verb_tail,
    _words,
    trim_outlet,
)
from alaloupe.claims.coreference import TextReferents
from alaloupe.entities import canonical as kb_canonical

_DE = ("de", "du", "des", "d'", "d’")
_ORG_LINES = 1  # "l'organisation" takes the organisation named on its line or the one before


@cache
def _vague_nouns() -> frozenset[str]:
    return frozenset(lexicon()["vague_source"]["nouns"])


def _forms(token: Token) -> set[str]:
    """The word, its lemma and its singular, lower-case (the sm lemmatiser misses some plurals)."""
    lower = token.lower_
    forms = {lower, token.lemma_.lower(), lower[:-1] if lower.endswith(("s", "x")) else lower}
    if "-" in lower[1:]:  # "président-candidat" is a président
        forms.add(lower.split("-")[0])
    return forms


def _head(span: Span) -> Token:
    """The head word of a phrase; the name after an elided article the parser made the head ("l’ Insee")."""
    root = span.root
    if root.lower_ in ("l'", "l’", "d'", "d’") and root.i + 1 < span.end:
        return span.doc[root.i + 1]
    return root


def _complement(ent: Span) -> bool:
    """True when an entity is the complement of a noun ("un proche de Poutine", "un rapport du Times of India")."""
    return any(c.lower_ in _DE for c in ent.root.children) or (ent.start > 0 and ent.doc[ent.start - 1].lower_ in _DE)


def _determiner(span: Span) -> str:
    first = _words(span)[0] if _words(span) else None
    return first.lower_ if first is not None and (first.pos_ == "DET" or first.lower_ in ("l'", "l’")) else ""


def _gender(span: Span, root: Token) -> str | None:
    found = determiner_gender(_determiner(span)) or role_gender(root.lower_)
    if found:
        return found
    morph = root.morph.get("Gender")
    return {"Masc": "m", "Fem": "f"}.get(morph[0]) if morph else None


def _plural(span: Span, root: Token) -> bool:
    dets = speaker_lexicon()["determiners"]
    det = _determiner(span)
    if det in dets["m"] or det in dets["f"] or det in ("l'", "l’"):
        return False  # "L'ONG": the article says singular, whatever the acronym's tag
    return "Plur" in root.morph.get("Number") or det in dets["plural"]


def is_vague(span: Span) -> bool:
    """An unnamed source: a phrase headed by a source noun (source, responsable, expert, porte-parole …) with no
    name apposed to it, or a vague pronoun (on, certains). A name in a complement keeps it vague ("un proche de
    Poutine", "un porte-parole de Dassault Aviation"); a name of the KB for the whole phrase does not."""
    span, _ = trim_outlet(span)
    words = _words(span)
    if not words:
        return False
    root = _head(span)
    if root.pos_ == "PRON" or len(words) == 1 and words[0].pos_ != "NOUN":
        return words[-1].lower_ in _vague_pronouns()
    if not _forms(root) & _vague_nouns() and not (_is_person_noun(root) and _indefinite(span)):
        return False
    if kb_canonical(span.text):
        return False
    if _forms(root) & set(speaker_lexicon()["document_nouns"]) and any(e.start > root.i for e in _ents_in(span)):
        return False  # "un rapport du Times of India": the newspaper speaks
    return not any(e.label_ in ("PER", "ORG") and not _complement(e) and e.start > root.i for e in _ents_in(span))


def _is_person_noun(root: Token) -> bool:
    lex = speaker_lexicon()
    forms = _forms(root)
    return bool(forms & (set(lex["role_nouns"]) | set(lex["group_nouns"]))) or root.lower_.endswith(
        tuple(lex["agent_suffixes"])
    )


def _indefinite(span: Span) -> bool:
    """An indefinite or demonstrative phrase ("une habitante", "plusieurs économistes", "ce diplomate")."""
    dets = speaker_lexicon()["determiners"]
    return _determiner(span) in set(dets["indefinite"]) | set(dets["demonstrative"]) or (
        bool(_words(span)) and _words(span)[0].lower_ in dets["indefinite"]
    )


def _has_complement(span: Span, root: Token) -> bool:
    """True when the head noun has a "de" complement ("le porte-parole du ministère")."""
    return any(t.i > root.i and t.lower_ in _DE for t in span)


def _can_speak(root: Token, span: Span) -> bool:
    lex = speaker_lexicon()
    forms = _forms(root)
    if forms & (set(lex["role_nouns"]) | set(lex["institution_nouns"]) | set(lex["group_nouns"])):
        return True
    if forms & (set(lex["organisation_nouns"]) | set(lex["document_nouns"])):
        return True
    if root.lower_.endswith(tuple(lex["agent_suffixes"])):
        return True
    if len(span) == 1 and re.match(r"[A-Z]{2,}-[A-ZÉ]", root.text):  # "SUD-Aérien": an acronym and its branch
        return True
    if root.pos_ == "PROPN" or root.ent_type_ in ("PER", "ORG", "LOC"):
        known = kb_canonical(span.text)
        return not known or _kb_types().get(known) != "MISC"  # a weapon of the KB (RS-28 Sarmat) does not speak
    return False


def name_mention(
    mention: Span, cue: Token, refs: TextReferents, last: Named | None, line: int, people: tuple[Named, ...] = ()
) -> Named | None:
    """What the mention at a cue names, or None when it is no speaker (a clause, a noun that cannot speak).

    `last` is the previous attribution's speaker, `people` the persons who spoke before, latest first: a title
    with no title of the text to match takes the latest of them of a compatible gender."""
    whole = trim_outlet(mention)[0]
    mention = _without_incise(_without_relative(_without_verb_tail(whole)))
    words = _words(mention)
    if not words:
        return None
    lex = speaker_lexicon()
    if mention.end < whole.end and _forms(_head(mention)) & set(lex["document_nouns"]):
        publisher = _publisher(whole, _head(mention), cue, refs, last, line)
        if publisher is not None:  # "un sondage publié dans le quotidien El Pais": the newspaper
            return publisher
    one = words[0].lower_ if len(words) == 1 else ""
    if one and (words[0].pos_ == "PRON" or pronoun_features(one) or one.lstrip("-") in lex["never_speakers"]):
        return pronoun(words[0], cue, refs, last, line)
    if _is_clause(mention) or _is_date(mention):
        return None
    root = _head(mention)
    acronym = words[-1].text if len(words) == 2 and _determiner(mention) in ("le", "la", "l'", "l’") else ""
    acronym = words[0].text if one else acronym  # "HRW", "Le PP"
    spelled = refs.acronym(acronym, cue.idx) if acronym.isupper() else None
    if spelled is not None:  # "HRW" after "Human Rights Watch"
        return Named(spelled, f"acronym of {spelled}", "ORG", line=line)
    honorific = mention.start > 0 and mention.doc[mention.start - 1].lower_ in _honorifics()
    if one and honorific and words[0].text[:1].isupper():  # "Mr Saputo", the parser leaving "Mr" out
        name = refs.canonical(mention.doc[mention.start - 1 : mention.end].text)
        return Named(name, f"honorific -> {name}", "PER", refs.gender(name), False, line)
    opening = _entity_at(words[0])
    if opening is not None and opening.label_ == "PER" and opening.end < mention.end and len(words) > 2:
        after = mention.doc[opening.end]
        then = mention.doc[opening.end + 1] if opening.end + 1 < mention.end else after
        if after.text == "," or after.pos_ == "DET" and _forms(then) & set(lex["role_nouns"]):
            name = refs.canonical(opening.text)  # "Nick Ferrat, le porte-parole du parti": the named person
            return Named(name, "", "PER", refs.gender(name), False, line)
    apposed = _named_before(root) if words[0].pos_ != "DET" and _forms(root) & set(lex["role_nouns"]) else None
    if apposed is not None and all(
        e.label_ != "PER" for e in _ents_in(mention)
    ):  # "Timor Goksel, aujourd'hui professeur à …, a indiqué"
        name = refs.canonical(apposed.text)
        return Named(name, f"apposed to {name}", "PER", refs.gender(name), False, line)
    document = _document(mention, root, cue, refs, last, line)
    if document is not None:
        return document
    spokesperson = _determiner(mention) in ("le", "la", "l'", "l’") and root.lower_ in lex["spokesperson_nouns"]
    if spokesperson and last is not None and last.kind == "PER" and last.line == line and not _is_title_only(last):
        # "Pour Jérémie Zimmermann, « … » Le porte-parole du collectif … se félicite": the person just named
        return Named(last.speaker, f"title -> previous speaker {last.speaker}", "PER", last.gender, False, line)
    if _vague_group(mention, root):
        return Named(VAGUE, "unnamed authorities", "vague", None, True, line)
    if is_vague(mention):
        definite = _determiner(mention) in ("le", "la", "l'", "l’")
        spoken_for = _spokesperson_of(mention, root, cue, refs, last, line) if definite else None
        if spoken_for is not None:
            return spoken_for
        if definite:
            kind = "PER" if _is_person_noun(root) else None
            r = refs.by_title(cue.idx, _title_words(list(mention)), kind, _gender(mention, root))
            if r is not None:
                return Named(r.name, f"title -> {r.name}", r.kind, r.gender, False, line)
        if not (definite and _is_person_noun(root) and not _has_complement(mention, root)):
            return Named(VAGUE, "", "vague", _gender(mention, root), _plural(mention, root), line)
        found = _common_noun(mention, root, cue, refs, last, line, people)  # "La dirigeante allemande": a title
        return found if found.how else Named(VAGUE, "", "vague", _gender(mention, root), False, line)
    from alaloupe.claims.speakers import resolve_speaker  # the KB lookup; speakers imports this module

    trailing = _trailing_name(mention, root)
    if trailing is not None:  # "le nouveau directeur du site de Jababeka David Quentin": the name closes it
        return Named(trailing, "", "PER", _first_names().get(trailing.split()[0].lower()), False, line)

    if len(words) >= 3 and words[0].pos_ == "DET" and words[1].lower_ in lex["organisation_nouns"]:
        rest = mention.doc[words[2].i : mention.end]
        own = words[1].ent_type_ == "ORG" and words[2].ent_iob_ == "I"  # "La Fédération belge …": one name
        if not own and all(t.ent_type_ == "ORG" for t in rest):  # "Le cabinet Énergie Conseil Rhône": the name
            return Named(rest.text, f"organisation -> {rest.text}", "ORG", None, False, line)

    if _determiner(mention) == "les" and _forms(root) & _vague_nouns():  # "Les analystes du groupe X": X
        voice = _spokesperson_of(mention, root, cue, refs, last, line, voices=True)
        if voice is not None:
            return voice
    known = resolve_speaker(mention.text)
    if known:
        kind = "PER" if _kb_types().get(known) == "PER" else "ORG"
        return Named(known, "", kind, refs.gender(known), False, line)
    named = [
        e
        for e in _ents_in(mention)
        if not _complement(e)
        and e.text[:1].isupper()
        and e[0].lower_ not in lex["role_nouns"]
        and (e.label_ == "PER" or e.start > root.i and _forms(root) & set(lex["role_nouns"]) and e.root.pos_ == "PROPN")
    ]
    if named:
        name = kb_canonical(named[0].text) or person_name(named[0].text)
        return Named(name, "", "PER", refs.gender(refs.canonical(name)), False, line)
    if _determiner(mention) in ("le", "la", "l'", "l’"):
        kind = "PER" if _is_person_noun(root) else None  # "le commissaire adjoint" is no "Scotland Yard"
        r = refs.by_title(cue.idx, _title_words(list(mention)), kind, _gender(mention, root))
        if r is not None:  # "Le bûcheron" after "Wade Kessling, un bûcheron de Jackman"
            return Named(r.name, f"title -> {r.name}", r.kind, r.gender, False, line)
    if root.lower_ in lex["document_nouns"] and not root.ent_type_:
        source = _spokesperson_of(mention, root, cue, refs, last, line)  # "un communiqué de la police londonienne"
        if source is not None:
            return source
    if not _can_speak(root, mention):
        bare = len(_words(mention)) == 2 and _determiner(mention) in ("le", "la", "l'", "l’") and root.text.islower()
        body = refs.named_body(root.lower_, cue.idx) if bare and root.pos_ in ("NOUN", "ADV") else None
        return Named(body, f"named body {body}", "ORG", None, False, line) if body is not None else None
    return _common_noun(mention, root, cue, refs, last, line, people)


def _is_title_only(named: Named) -> bool:
    """True for a speaker left as a title ("le porte-parole"), not a name."""
    return named.speaker[:1].islower() or named.speaker.split()[0].lower() in ("le", "la", "l'", "l’", "les")


def _without_incise(mention: Span) -> Span:
    """The phrase without an opening conjunction and an incise after a comma ("Mais le premier ministre, malgré
    cette division" -> "le premier ministre"): a comma followed by a preposition ends a determined phrase."""
    start = mention.start
    while start < mention.end - 1 and mention.doc[start].pos_ == "CCONJ":
        start += 1
    end = mention.end
    if mention.doc[start].pos_ == "DET":
        comma = next((t.i for t in mention.doc[start:end] if t.text == ","), None)
        if comma is not None and comma + 1 < end and mention.doc[comma + 1].pos_ == "ADP" and comma > start + 1:
            end = comma
    return mention.doc[start:end] if (start, end) != (mention.start, mention.end) else mention


def _trailing_name(mention: Span, root: Token) -> str | None:
    """The person's name that closes a title ("le directeur du site de Jababeka David Quentin" -> "David
    Quentin"): a first name of the lexicon after the head noun, then capitalised words to the end; else None."""
    if not _forms(root) & set(speaker_lexicon()["role_nouns"]):
        return None
    words = [t for t in mention if t.i > root.i]
    for k, t in enumerate(words[:-1]):
        rest = words[k + 1 :]
        if t.lower_ in _first_names() and t.text[:1].isupper() and all(w.text[:1].isupper() for w in rest):
            return mention.doc[t.i : mention.end].text
    return None


def _spokesperson_of(
    mention: Span, root: Token, cue: Token, refs: TextReferents, last: Named | None, line: int, voices: bool = False
) -> Named | None:
    """The organisation a definite spokesperson speaks for ("le porte-parole du ministère des Transports",
    "la porte-parole de la fédération" -> the federation named earlier), or that a document comes from ("un
    communiqué de la police londonienne"), or None. An indefinite spokesperson stays vague."""
    lex = speaker_lexicon()
    if root.lower_ not in lex["spokesperson_nouns"] and root.lower_ not in lex["document_nouns"] and not voices:
        return None
    words = [t for t in mention if t.i > root.i]
    if len(words) < 2 or words[0].lower_ not in _DE:
        return None
    end = next((t.i for t in words[1:] if t.pos_ == "ADP" and t.lower_ not in _DE), mention.end)
    org = mention.doc[words[1].i if words[1].pos_ != "DET" else words[1].i : end]
    found = name_mention(org, cue, refs, last, line)
    document = root.lower_ in lex["document_nouns"]
    unnamed = mention.doc[words[0].i : end] if words[0].lower_ == "des" else org  # "des" opens "des détenus"
    if document and (_vague_group(unnamed, _head(unnamed)) or is_vague(unnamed)):
        return Named(VAGUE, f"{root.lower_} of unnamed sources", "vague", None, True, line)
    if found is None or found.speaker in (VAGUE, UNKNOWN) or found.kind not in ("ORG", "PER" if document else "ORG"):
        return None
    return Named(found.speaker, f"{root.lower_} of {found.speaker}", found.kind, found.gender, False, line)


def _document(
    mention: Span, root: Token, cue: Token, refs: TextReferents, last: Named | None, line: int
) -> Named | None:
    """Who a document speaks for: its author in a complement ("un rapport du Times of India"), unnamed authors
    ("les informations des autorités": vague), or for a bare definite one ("selon le rapport") the author of the
    latest earlier mention of that document noun ("le rapport final du BEA"); with none, nobody the text names
    ("selon le bilan le plus récent": unknown). None for a word that is no document noun."""
    if not _forms(root) & set(speaker_lexicon()["document_nouns"]) or root.ent_type_:
        return None
    if _has_complement(mention, root):
        return _spokesperson_of(mention, root, cue, refs, last, line)
    if _determiner(mention) not in ("le", "la", "l'", "l’", "les"):  # "selon un sondage": nobody named
        return None if is_vague(mention) else Named(UNKNOWN, f"{root.lower_} with no author named", line=line)
    author = refs.document_author(root.lower_, mention.start_char)
    if author is not None:
        found = name_mention(author, cue, refs, last, line)
        if found is not None and found.speaker not in (VAGUE, UNKNOWN):
            return Named(found.speaker, f"{root.lower_} of {found.speaker}", found.kind, None, False, line)
    return Named(UNKNOWN, f"{root.lower_} with no author named", "other", None, False, line)


_PUBLISHED = ("publié", "publiée", "publiés", "publiées", "paru", "parue", "diffusé", "diffusée", "réalisé", "réalisée")


def _publisher(
    mention: Span, root: Token, cue: Token, refs: TextReferents, last: Named | None, line: int
) -> Named | None:
    """Who a document "publié dans"/"réalisé par" a named body or person is on record for, else None."""
    words = [t for t in mention if t.i > root.i]
    at = next(
        (k for k, t in enumerate(words[:-2]) if t.lower_ in _PUBLISHED and words[k + 1].lower_ in ("dans", "par")), None
    )
    if at is None:
        return None
    found = name_mention(mention.doc[words[at + 2].i : mention.end], mention[-1], refs, last, line)  # named here
    if found is None or found.speaker in (VAGUE, UNKNOWN) or found.kind not in ("ORG", "PER"):
        return None
    return Named(found.speaker, f"{root.lower_} published by {found.speaker}", found.kind, found.gender, False, line)


def _vague_group(mention: Span, root: Token) -> bool:
    """Unnamed authorities: "les autorités", "les autorités locales" (lexicon vague_groups), no name in them."""
    groups = speaker_lexicon()["vague_groups"]
    if root.lower_ not in groups["nouns"] or _determiner(mention) not in ("les", "des", "ces"):
        return False
    rest = [t for t in _words(mention) if t.i > root.i]
    return all(t.lower_ in groups["qualifiers"] for t in rest)


def _common_noun(
    mention: Span,
    root: Token,
    cue: Token,
    refs: TextReferents,
    last: Named | None,
    line: int,
    people: tuple[Named, ...],
) -> Named:
    lex = speaker_lexicon()
    forms, det = _forms(root), _determiner(mention)
    gender, plural = _gender(mention, root), _plural(mention, root)
    definite = det in ("le", "la", "l'", "l’", "son", "sa") and not plural
    after = [e for e in _ents_in(mention) if e.start > root.i] if not root.ent_type_ else []
    if forms & set(lex["organisation_nouns"]) | forms & set(lex["document_nouns"]) and after:
        # "l'organisation Reporters sans frontières", "un rapport du Times of India": the name
        name = kb_canonical(after[0].text) or _name_from(after[0], mention)
        return Named(name, f"organisation -> {name}", "ORG", gender, False, line)
    if definite and forms & set(lex["organisation_nouns"]):
        r = refs.by_title(cue.idx, _title_words(list(mention)), "ORG")
        if r is not None:
            return Named(r.name, f"title -> {r.name}", "ORG", gender, False, line)
        named_next = root.i + 1 < mention.end and mention.doc[root.i + 1].text[:1].isupper()
        short = len(_words(mention)) <= 2 or not (named_next or root.text[:1].isupper())  # not a name as written
        if last is not None and last.kind == "ORG" and short:
            return Named(last.speaker, f"title -> previous speaker {last.speaker}", "ORG", gender, False, line)
        r = refs.nearest(cue.idx, None, "ORG")
        if r is not None and line - r.line <= _ORG_LINES and short:  # "La NASA … Selon l'agence"
            return Named(r.name, f"title -> {r.name}", "ORG", gender, False, line)
        r = refs.organisation_headed(root.lower_, cue.idx) if len(_words(mention)) == 2 else None
        if r is not None:  # "Son parti" after "Le Parti populaire espagnol a exclu …"
            return Named(r.name, f"title -> {r.name}", "ORG", gender, False, line)
        body = refs.named_body(root.lower_, cue.idx) if len(_words(mention)) == 2 and root.text.isupper() else None
        if body is not None:  # "L'ONG" after "présidente de l'ONG Voix des Journalistes du Maghreb"
            return Named(body, f"named body {body}", "ORG", gender, False, line)
    if definite and forms & set(lex["role_nouns"]):
        words = _title_words(list(mention))
        r = refs.by_title(cue.idx, words, "PER", gender)
        if r is not None:
            return Named(r.name, f"title -> {r.name}", "PER", gender, False, line)
        head, said = root.lower_, mention.text.lower()
        r = refs.nearest(cue.idx, gender, "PER", head, said)
        if r is not None and line - r.line <= 1:  # a person named on this line or the one before
            return Named(r.name, f"title -> {r.name}", "PER", gender, False, line)
        spoke = next(
            (
                p
                for p in people
                if (gender is None or p.gender in (None, gender)) and not refs.conflicts(p.speaker, head, said)
            ),
            None,
        )
        if spoke is not None:
            return Named(spoke.speaker, f"title -> earlier speaker {spoke.speaker}", "PER", gender, False, line)
        after = refs.next_on_line(cue.idx, line, gender) if r is None else None
        if after is not None and _subject_at(cue, after):  # nobody named before: the next subject on the line
            return Named(after.name, f"title -> {after.name}, named next", "PER", gender, False, line)
    if forms & set(lex["organisation_nouns"]) and not after:
        named = [t for t in mention if t.i > root.i]
        if named and all(t.text[:1].isupper() for t in named):  # "Le cabinet Énergie Conseil Rhône"
            name = mention.doc[named[0].i : named[-1].i + 1].text
            return Named(name, f"organisation -> {name}", "ORG", gender, False, line)
    if det in ("leur", "sa", "son") and root.lower_ in lex["governing_nouns"] and len(_words(mention)) == 2:
        body = refs.organisation_on_line(mention.start_char)  # "… de France 24 …, a indiqué leur direction"
        r = refs.nearest(cue.idx, None, "ORG") if body is None else None
        body = body or (r.name if r is not None and line - r.line <= _ORG_LINES else None)
        if body is not None:
            return Named(body, f"governing body of {body}", "ORG", None, False, line)
    unnamed = det == "les" and plural and not any(t.text[:1].isupper() for t in _words(mention)[1:])
    if unnamed and forms & set(lex["organisation_nouns"]) and root.lower_ not in lex["group_nouns"]:
        # "les fédérations nationales des syndicats"; "les syndicats", a group noun, stays as written
        return Named(VAGUE, "unnamed bodies", "vague", gender, True, line)
    kind = _kind(mention, root, forms)
    written = _without_time_adjectives(mention, root) if kind == "ORG" else mention.text
    alone = len(_words(mention)) == 2 and det in ("le", "la", "l'", "l’") and kind == "ORG"
    body = refs.named_body(root.lower_, cue.idx) if alone and root.text.islower() else None
    if body is not None:  # "Le centre" after "Centre Oronte d'études stratégiques": that body
        return Named(body, f"named body {body}", kind, gender, plural, line)
    bare = alone and forms & set(lex["institution_nouns"])
    fuller = refs.fuller_form(root.lower_) if bare else None
    if fuller is not None:  # "la police" -> "police madrilène", the one fuller form the text writes
        return Named(fuller, f"fuller form {fuller}", kind, gender, plural, line)
    if kind == "PER" and not forms & set(lex["role_nouns"]):  # "Abd al-Rahman de l'Observatoire": a name
        written = person_name(written)
    return Named(_without_acronym(written), "", kind, gender, plural, line)


def _kind(mention: Span, root: Token, forms: set[str]) -> str:
    """ "PER" for a title or a name of two capitalised words or more the NER left unlabelled ("Oleksandr Syrsky"),
    else "ORG"."""
    if forms & set(speaker_lexicon()["role_nouns"]) or root.ent_type_ == "PER" and root.pos_ == "PROPN":
        return "PER"
    words = _words(mention)
    named = len(words) >= 2 and all(w.text[:1].isupper() for w in words) and words[0].pos_ != "DET"
    if root.ent_type_ not in ("ORG", "LOC") and named and words[0].lower_ not in ("la", "le", "les", "l'", "l’"):
        return "PER"
    return "ORG"
