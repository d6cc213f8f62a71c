"""In-document coreference by rules: the people and organisations a text names, the titles it gives them, and the
earlier referent a pronoun ("il", "selon elle") or a title ("le secrétaire d'État", "l'agence") stands for.

What it does, in one pass over the entities of a Doc (lexicon: data/lexicons/speakers.json):
- every person (PER entity, or a name data/kb.json knows as a person) and organisation (ORG entity) named outside
  quotes, in text order, indexed by offset for `bisect`;
- the name canonical within the text: the KB's canonical name, else the fullest form written ("Blinken" and
  "M. Blinken" -> "Antony Blinken"; honorifics such as "Me" or "Mme" are dropped);
- a gender, when the text or the lexicon gives one: an honorific (M., Mme), a first name of the lexicon, or the
  determiner of an apposed title ("la porte-parole Anne Leroy");
- the titles the text gives a referent by apposition: "Antony Blinken, secrétaire d'État américain", "le
  secrétaire d'État Antony Blinken", "La NASA, l'agence spatiale des États-Unis", "Wade Kessling, un bûcheron de
  Jackman," (any common noun; an apposition after a name ends at a comma or the end of the sentence, not at a verb).

Limits (rules, not a model): a title matches when its head noun is the mention's and every other word of the mention
is in the title ("le secrétaire d'État" matches "secrétaire d'État américain", "le président américain" does not
match "président des États-Unis"); otherwise the nearest person of a compatible gender named earlier is taken on the
cue's line or the one before, else the latest person of that gender who spoke, skipping people the text gave another
title (`conflicts`); a title no one fits is its own speaker ("le commissaire adjoint"). Wrong when the title belongs
to someone the text never names ("La ministre" after Carole Delga spoke, untitled). Gender is unknown for first
names outside the lexicon, and then any person is compatible. A name split by the parser, or missed by the small
model's NER, is no referent (`_whole_names` mends "Moody'" + "s" and two organisations side by side). Cataphora is
resolved only for a title with nobody named before it, which takes the next clause subject named on its line
(`next_on_line`: "Le ministre a déclaré … Arnaud Montebourg reconnaît …"); "Selon lui, …, a dit X" and plural
groups ("ils" for "les habitants") are not. An organisation noun ("l'ONG", "l'organisation") takes an organisation
named on its line or the one before: further back, page furniture ("Publicité") would be taken for one. An acronym
takes an organisation whose initials start with its letters (`acronym`), a bare institution the one fuller form the
text writes (`fuller_form`), a bare document the author of its earlier mention (`document_author`). Every lookup
scans at most `_WINDOW` referents or the places one noun is written, so the whole pass stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from alaloupe.claims._names import (
    _first_names,
    _is_title_head,
    _kb_types,
    _synonym,
    _title_words,
    determiner_gender,
    person_name,
    role_gender,
    speaker_lexicon,
    strip_honorific,
    title_matches,
)
from alaloupe.claims.quoting import QuoteIndex
from alaloupe.entities import canonical as kb_canonical
from alaloupe.nlp import text_of
from alaloupe.text import line_index

_HYPHENATED = re.compile(r"\b([A-ZÉÈ][\w]*)-[A-ZÉÈ][\w-]*")  # "SUD-PTT", "CNT-Santé"
_WINDOW = 40  # referents scanned back from a cue, at most
_OPENING_DETERMINERS = ("le", "la", "l'", "l’", "les", "un", "une", "ce", "cet", "cette", "son", "sa", "leur", "notre")


@dataclass(frozen=True)
class Referent:
    """A person (kind "PER") or organisation ("ORG") named in the text: its name canonical within the text, where
    this mention is, its gender if known ("m", "f"), and the titles the text gives it (tuples of words)."""

    name: str
    kind: str
    start: int
    end: int
    gender: str | None
    titles: tuple[tuple[str, ...], ...]
    line: int = 0


def _verb_not_role(token: Token) -> bool:
    """A verb that ends an apposition; not a role noun the tagger took for a participle ("consultant")."""
    return token.pos_ in ("VERB", "AUX") and token.lower_ not in speaker_lexicon()["role_nouns"]


def _apposed_titles(ent: Span) -> list[tuple[tuple[str, ...], str | None]]:
    """Titles apposed to a name on its line: before it ("le secrétaire d'État [,] Antony Blinken") or after it
    between commas ("Antony Blinken, secrétaire d'État américain,"), with the gender of the title's determiner."""
    doc, found = ent.doc, []
    # before: back to a determiner, at most 8 words, no verb, no line break
    i = ent.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i >= 0 and doc[i].lower_ in ("de", "du", "des", "d'", "d’"):
        i = -1  # "le fondateur de Wikipédia": a complement, not an apposition
    words: list[Token] = []
    while i >= 0 and len(words) < 8 and "\n" not in doc[i].text_with_ws and not _verb_not_role(doc[i]):
        if doc[i].text in (",", ".", ";", ":", "«", "»", "(", ")"):
            break
        words.insert(0, doc[i])
        if doc[i].lower_ in _OPENING_DETERMINERS and not (i > 0 and doc[i - 1].lower_ in ("de", "à", "d'", "d’")):
            break  # the title's own determiner, not that of a complement ("de la Protection civile")
        i -= 1
    title = _title_words(words)
    if title and _is_title_head(title[0], words) and words[0].lower_ in _OPENING_DETERMINERS:
        found.append((title, determiner_gender(words[0].lower_) or role_gender(title[0])))
    # after: ", <title>," closed by a comma or the end of the sentence (not by a verb: "Dans un entretien au Monde,
    # la maire de Lyon a affirmé" gives the Monde no title)
    j = ent.end
    if j < len(doc) and doc[j].text == ",":
        words = []
        j += 1
        closed = False
        while j < len(doc) and len(words) < 16 and not (_verb_not_role(doc[j]) or doc[j].text in "«()"):
            if doc[j].text in (",", ".", ";", ":", "!", "?") or "\n" in doc[j - 1].text_with_ws:
                closed = True
                break
            words.append(doc[j])
            j += 1
        closed = closed or j == len(doc)
        title = _title_words(words)
        if closed and title and _is_title_head(title[0], words):
            det = words[0].lower_ if words[0].pos_ == "DET" else ""
            found.append((title, determiner_gender(det) or role_gender(title[0])))
    return found


_FUNCTION_WORDS = ("de", "du", "des", "d", "et", "la", "le", "les", "l", "pour", "en", "à", "au", "aux", "sur")


def _entity_span(token: Token) -> Span:
    """The entity a token opens or is part of, read from the IOB tags around it; for a name the NER missed, the
    phrase it heads ("Observatoire des routes alpines")."""
    doc, start, end = token.doc, token.i, token.i + 1
    if not token.ent_type_:  # nouns, adjectives and their "de" complements, at most 6 words
        while end < min(len(doc), token.i + 6) and (
            doc[end].pos_ in ("NOUN", "PROPN", "ADJ")
            or doc[end].lower_ in ("de", "des", "du", "d'", "d’", "la", "l'", "l’")
            and end + 1 < len(doc)
        ):
            end += 1
        while end > token.i + 1 and doc[end - 1].pos_ not in ("NOUN", "PROPN", "ADJ"):
            end -= 1
        return doc[token.i : end]
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def _whole_names(doc: Doc) -> list[Span]:
    """The Doc's entities, mended where the small model cuts a name: "Moody'" + "s" is "Moody's", and two
    organisations side by side ("Europe Écologie" "Les Verts") are one name."""
    found: list[Span] = []
    for ent in doc.ents:
        end = ent.end
        if ent.text.endswith(("'", "’")) and end < len(doc) and doc[end].text == "s" and not doc[end - 1].whitespace_:
            end += 1
        last = found[-1] if found else None
        if last is not None and last.end == ent.start and last.label_ == ent.label_ == "ORG":
            if "\n" not in last.text_with_ws:
                found[-1] = Span(doc, last.start, end, label=ent.label_)
                continue
        found.append(Span(doc, ent.start, end, label=ent.label_) if end != ent.end else ent)
    return found


def _role_before(ent: Span) -> bool:
    """True when a person's title is apposed before the entity ("le shérif …, Dale Lancaster")."""
    roles = speaker_lexicon()["role_nouns"]
    if ent.label_ == "LOC" or ent.root.pos_ != "PROPN" or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]  # the title ends right before the name, or before its comma
    titles = _apposed_titles(ent)
    return bool(titles) and titles[0][0][0] in roles and (before.text == "," or before.lower_ in roles)


def _person_by_title(ent: Span) -> bool:
    """True for a name of two to four capitalised words followed by an indefinite person's title (", une
    journaliste")."""
    words = ent.text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    doc, roles = ent.doc, speaker_lexicon()["role_nouns"]
    after = doc[ent.end : min(len(doc), ent.end + 3)]
    return (
        len(after) == 3
        and after[0].text == ","
        and after[1].lower_ in ("un", "une")
        and after[2].lower_ in roles
        and after[2].lower_ != "membre"
    )


def _participle(token: Token) -> bool:
    """True for a word in -ant the tagger calls a verb, or that a "que" clause follows ("Estimant que …")."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.pos_ == "VERB" or after is not None and after.lower_ in ("que", "qu'", "qu’")


def _first_name_first(ent: Span) -> bool:
    """True for two or three capitalised words opening with a first name of the lexicon ("Antoni Pastor")."""
    words = ent.text.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and words[0].lower() in _first_names()


class TextReferents:
    """The people and organisations a Doc names outside quotes, in text order, with their canonical names,
    lines, genders and apposed titles; lookups by offset cost O(log n) plus a bounded scan back."""

    def __init__(self, doc: Doc, quoted: QuoteIndex) -> None:
        kinds, roles = _kb_types(), speaker_lexicon()["role_nouns"]
        mentions: list[tuple[Span, str]] = []
        for ent in _whole_names(doc):
            if quoted.inside(ent.start_char) or not ent.text[:1].isupper() or ent[0].lower_ in roles:
                continue  # words in a quote, or a title the NER took for a name ("président de la République")
            if ent.start > 0 and doc[ent.start - 1].text == "©":
                continue  # a photo credit: nobody the text speaks of
            if len(ent) == 1 and ent[0].lower_.endswith("ant") and _participle(ent[0]):
                continue  # "Estimant que …, il vota": a participle opening the sentence, not a name
            known = kb_canonical(ent.text)
            kind = kinds.get(known, ent.label_) if known else ent.label_
            if kind not in ("PER", "ORG") and not known and _role_before(ent):
                kind = "PER"  # "Le shérif du comté de Somerset, Dale Lancaster": a person, whatever the NER says
            elif kind == "ORG" and not known and (_person_by_title(ent) or _first_name_first(ent)):
                kind = "PER"  # "Ana Pastor García, une journaliste qui …": a person the NER took for a body
            if kind in ("PER", "ORG"):
                mentions.append((ent, kind))
        # the fullest form of each person's name, by surname, in text order
        fullest: dict[str, list[tuple[int, str]]] = {}
        for ent, kind in mentions:
            bare, _ = strip_honorific(person_name(ent.text) if kind == "PER" else ent.text)
            if kind == "PER" and len(bare.split()) > 1:
                fullest.setdefault(bare.split()[-1], []).append((ent.start_char, bare))
        self._genders: dict[str, str] = {}
        self._doc, self._text = doc, text_of(doc)
        self._fuller: dict[str, str | None] = {}
        self._nouns: dict[str, list[int]] = {}
        self._bodies: dict[str, set[str]] | None = None
        lines = line_index(self._text)
        found: list[Referent] = []
        for ent, kind in mentions:
            name, gender = self._name(ent, kind, fullest)
            titles = _apposed_titles(ent)
            gender = gender or next((g for _, g in titles if g), None)
            if kind == "PER" and gender is None:
                gender = _first_names().get(name.split()[0].lower())
            if gender and kind == "PER":
                self._genders.setdefault(name, gender)
            line = lines.line_of(ent.start_char)
            found.append(Referent(name, kind, ent.start_char, ent.end_char, gender, tuple(t for t, _ in titles), line))
        self._titles: dict[str, dict[tuple[str, ...], None]] = {}  # each title once: a long text repeats them
        for r in found:
            self._titles.setdefault(r.name, {}).update(dict.fromkeys(r.titles))
        self.referents = found
        self._ends = [r.end for r in found]
        self._by_surname: dict[str, str] = {}  # a name or surname -> the first person's full name it is part of
        for r in found:
            if r.kind == "PER":
                words = r.name.split()
                self._by_surname.setdefault(r.name, r.name)
                self._by_surname.setdefault(words[-1], r.name)
                if len(words) == 3 and words[1].lower() not in _first_names():  # "Abd al-Rahman" for "Rami Abd …"
                    self._by_surname.setdefault(" ".join(words[1:]), r.name)
                if len(words) == 3 and all(w[:1].isupper() for w in words):  # "Ana Pastor García": two surnames
                    self._by_surname.setdefault(" ".join(words[:2]), r.name)
                    self._by_surname.setdefault(words[1], r.name)

    @staticmethod
    def _name(ent: Span, kind: str, fullest: dict[str, list[tuple[int, str]]]) -> tuple[str, str | None]:
        known = kb_canonical(ent.text)
        bare, gender = strip_honorific(person_name(ent.text) if kind == "PER" else ent.text)
        if known:
            return known, gender
        if kind != "PER" or len(bare.split()) > 1:
            return bare, gender
        forms = fullest.get(bare, [])
        before = [name for start, name in forms if start < ent.start_char]
        return (before[-1] if before else forms[0][1] if forms else bare), gender

    def fuller_form(self, noun: str) -> str | None:
        """The one fuller form of a bare institution noun the text writes: "police" -> "police madrilène" when the
        text says "la police madrilène", "mairie" -> "mairie de Nantes", and no other "police <adjective>" or
        "police de <Name>"; None if none or several."""
        if noun not in self._fuller:
            forms, moment = set(), set(speaker_lexicon()["time_adjectives"])  # not "le gouvernement précédent"
            pattern = rf"\b{re.escape(noun)}\s+((?:de\s+la\s+|de\s+l['’]|de\s+|du\s+|d['’])?)([^\W\d_][\w-]*)"
            for m in re.finditer(pattern, self._text, re.IGNORECASE):
                span = self._doc.char_span(m.start(2), m.end(2))
                word = span[0] if span is not None else None
                if word is None or word.lower_ in moment:
                    continue
                if not m.group(1) and word.pos_ == "ADJ" and word.text.islower():
                    forms.add(word.text)
                elif m.group(1) and word.text[:1].isupper() and word.ent_type_:  # "de Nantes", "de l'Intérieur"
                    name = _entity_span(word)
                    forms.add(self._text[m.start(1) : max(name.end_char, m.end(2))])
            self._fuller[noun] = f"{noun} {forms.pop()}" if len(forms) == 1 else None
        return self._fuller[noun]

    def named_body(self, noun: str, offset: int) -> str | None:
        """The body a bare "le centre", "la fédération" refers back to: the latest earlier phrase with that noun and
        a capitalised name after it ("au Centre Oronte d'études stratégiques", "La fédération départementale …
        Familles Atlantique"), from the noun to the end of its name; None if none, or several differ."""
        found: set[str] = set()
        for start in self._places(noun, offset):
            span = self._doc.char_span(start, start + len(noun))
            if span is None or len(span) != 1:
                continue
            words, named = [], False
            for t in self._doc[span.start : min(len(self._doc), span.start + 12)]:
                stop = t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") or "\n" in t.text
                name_word = t.pos_ in ("ADP", "DET", "PROPN", "ADJ") or t.text[:1].isupper()
                if stop or named and not name_word and words[-1].pos_ not in ("ADP", "DET"):
                    break  # "… Familles Atlantique réclame": the name ends before a word that is no complement
                words.append(t)
                named = named or (t.pos_ not in ("ADP", "DET") and t.text[:1].isupper() and len(words) > 1)
            while words and words[-1].pos_ in ("ADP", "DET"):
                words.pop()
            if named:
                found.add(self._doc[words[0].i : words[-1].i + 1].text)
        return found.pop() if len(found) == 1 else None  # two bodies of that noun: none is taken

    def _places(self, noun: str, offset: int) -> list[int]:
        """The offsets of the latest three places the text writes `noun` before `offset`, latest first."""
        if noun not in self._nouns:  # every place the text writes the noun, found once
            self._nouns[noun] = [m.start() for m in re.finditer(rf"\b{re.escape(noun)}\b", self._text, re.IGNORECASE)]
        starts = self._nouns[noun]
        k = bisect_right(starts, offset - 1)
        return starts[max(0, k - 3) : k][::-1]

    def acronym(self, word: str, offset: int) -> str | None:
        """The organisation an acronym the NER missed stands for: "HRW" -> "Human Rights Watch", the initials of
        its words (de, et, la… left out) starting with the acronym's letters; None if no organisation fits."""
        if not (2 <= len(word) <= 6 and word.isalpha() and word.isupper()):
            return None
        for r in self._before(offset):
            words = [w for w in re.split(r"[\s'’-]+", r.name) if w and w.lower() not in _FUNCTION_WORDS]
            if r.kind == "ORG" and len(words) >= len(word) and "".join(w[0] for w in words).upper().startswith(word):
                return r.name
        return None

    def document_author(self, noun: str, offset: int) -> Span | None:
        """Who wrote the document a bare "le rapport" refers back to: the name in the complement of the latest
        earlier "rapport … du BEA" (at most 6 words after the noun), else None."""
        if noun not in self._nouns:  # every place the text writes the noun, found once
            self._nouns[noun] = [m.start() for m in re.finditer(rf"\b{re.escape(noun)}\b", self._text, re.IGNORECASE)]
        starts = self._nouns[noun]
        k = bisect_right(starts, offset - 1)
        for start in starts[max(0, k - 3) : k][::-1]:
            span = self._doc.char_span(start, start + len(noun))
            if span is None:
                continue
            after = self._doc[span.end : min(len(self._doc), span.end + 7)]
            for k, t in enumerate(after[:-1]):
                name = after[k + 1]
                if name.lower_ in ("l'", "l’", "la", "le", "les") and k + 2 < len(after):
                    name = after[k + 2]  # "du rapport de l'Observatoire …"
                if name.lower_ in speaker_lexicon()["organisation_nouns"] and name.i + 1 < len(self._doc):
                    name = self._doc[name.i + 1]  # "de la fondation Route Sûre"
                named = name.ent_type_ in ("ORG", "PER") or name.pos_ == "PROPN"
                if t.lower_ in ("de", "du", "des", "d'", "d’") and named and name.text[:1].isupper():
                    return _entity_span(name)
                if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", "\n"):
                    break
        return None

    def canonical(self, name: str) -> str:
        """The text's canonical form of a person's name written at some point ("Blinken" -> "Antony Blinken")."""
        bare, _ = strip_honorific(name)
        words = bare.split()
        if len(words) == 2 and re.fullmatch(r"[A-ZÉÈ]\.", words[0]) and words[1] in self._by_surname:
            full = self._by_surname[words[1]].split()  # "V. Sapounov" -> the first name with that initial on
            k = next((k for k, w in enumerate(full[:-1]) if w[:1] == words[0][0]), None)
            return " ".join(full[k:]) if k is not None else bare
        return kb_canonical(bare) or self._by_surname.get(bare, bare)

    def gender(self, name: str) -> str | None:
        return self._genders.get(name)

    def conflicts(self, name: str, head: str, mention: str) -> bool:
        """True when the text gave a person titles and none can be the mention's ("préfet" for an "adjoint au
        maire", "Premier ministre" for "le président Joe Biden"): heads differ, neither contains the other, no
        synonym of the lexicon links them, and the mention announces no new role ("le nouveau président")."""
        titles = self._titles.get(name, [])
        if not titles or not head:
            return False
        lex = speaker_lexicon()
        if any(word in lex["new_role_words"] for word in mention.replace("-", " ").split()):
            return False
        allowed = {head}
        for key, heads in lex["title_synonyms"].items():
            if key != "note" and key in mention:
                allowed.update(heads)
        return not any(t[0] in allowed or head in t[0] or t[0] in head for t in titles)

    def people_since(self, offset: int, line: int, gender: str | None) -> list[Referent]:
        """The people of gender `gender` or unknown named before `offset` from line `line` on, latest first."""
        found = []
        for r in self._before(offset):
            if r.line < line:
                break
            if r.kind == "PER" and (gender is None or self._genders.get(r.name, r.gender) in (None, gender)):
                found.append(r)
        return found

    def organisation_on_line(self, offset: int) -> str | None:
        """The latest organisation named before `offset` whose name is written again on the line before `offset`
        (the NER tags a name once: "Les journalistes de France 24 …, a indiqué leur direction"), else None."""
        window = self._text[self._text.rfind("\n", 0, offset) + 1 : offset]
        return next((r.name for r in self._before(offset) if r.kind == "ORG" and r.name in window), None)

    def fuller_body(self, name: str) -> str | None:
        """The one longer name the text writes for a body whose short name opens it before a hyphen ("SUD" ->
        "SUD-PTT"), else None. The hyphenated names are read in one pass over the text, at the first call."""
        if self._bodies is None:
            self._bodies = {}
            for m in _HYPHENATED.finditer(self._text):
                self._bodies.setdefault(m.group(1), set()).add(m.group(0))
        found = self._bodies.get(name, set())
        return next(iter(found)) if len(found) == 1 else None

    def organisation_headed(self, noun: str, offset: int) -> Referent | None:
        """The latest organisation named before `offset` whose name opens with `noun` ("le parti", "son parti" ->
        "Parti populaire"), else None."""
        return next((r for r in self._before(offset) if r.kind == "ORG" and r.name.split()[0].lower() == noun), None)

    def _before(self, offset: int) -> list[Referent]:
        k = bisect_right(self._ends, offset)
        return self.referents[max(0, k - _WINDOW) : k][::-1]

    def by_title(
        self, offset: int, words: tuple[str, ...], kind: str | None = None, gender: str | None = None
    ) -> Referent | None:
        """The nearest referent named before `offset` whose apposed titles fit the mention's title words (and of
        the mention's gender, when both are known: "La ministre" is not Gérald Darmanin)."""
        generic = kind == "ORG" and words[:1] == ("organisation",)  # "L'organisation": any body the text titled
        organisations = set(speaker_lexicon()["organisation_nouns"]) if generic else set()
        for r in self._before(offset):
            titles = self._titles[r.name]
            if generic and r.kind == "ORG" and len(words) == 1 and any(t[0] in organisations for t in titles):
                return r
            if (kind is None or r.kind == kind) and any(title_matches(words, t) or _synonym(words, t) for t in titles):
                if gender is None or r.kind != "PER" or self._genders.get(r.name, r.gender) in (None, gender):
                    return r
        return None

    def next_on_line(self, offset: int, line: int, gender: str | None) -> Referent | None:
        """The first person named after `offset` on the same line, of gender `gender` or unknown (cataphora: "Le
        ministre a déclaré … Arnaud Montebourg reconnaît …"); scans at most `_WINDOW` referents."""
        k = bisect_right(self._ends, offset)
        for r in self.referents[k : k + _WINDOW]:
            if r.line != line:
                return None
            if r.kind == "PER" and r.start > offset and (gender is None or r.gender in (None, gender)):
                return r
        return None

    def nearest(
        self, offset: int, gender: str | None, kind: str = "PER", head: str = "", mention: str = "", known: bool = False
    ) -> Referent | None:
        """The nearest referent of `kind` named before `offset` whose gender is `gender` or unknown (`known`: only
        `gender`), and, for a title's `head` noun, whose titles do not conflict with it."""
        genders = (gender,) if known else (None, gender)
        for r in self._before(offset):
            if r.kind == kind and (gender is None or self._genders.get(r.name, r.gender) in genders):
                if not head or not self.conflicts(r.name, head, mention):
                    return r
        return None
