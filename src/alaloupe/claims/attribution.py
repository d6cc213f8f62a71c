"""Who said what: one Attribution per reporting cue, with its speaker, its content, direct or indirect speech,
and quotes that go on without a cue of their own."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from alaloupe.claims._common import VAGUE, _trimmed
from alaloupe.claims._forms import _reporting_lemma
from alaloupe.claims._names import speaker_lexicon
from alaloupe.claims._prepositions import _prep_object, _prep_text
from alaloupe.claims._subjects import _inserted, _inverted_subject
from alaloupe.claims.coreference import TextReferents
from alaloupe.claims.cues import (
    Cue,
    _colon_quote_after,
    _cues,
    _que_after,
    _quote_before,
)
from alaloupe.claims.naming import UNKNOWN, Named, name_mention, trim_outlet
from alaloupe.claims.quoting import Quote, QuoteIndex, quotes
from alaloupe.claims.speakers import (
    EarlierSpeakers,
    _medium,
    _mention_span,
    _name_of,
    _nearest_name_before,
)
from alaloupe.nlp import as_doc, text_of
from alaloupe.text import line_index


@dataclass(frozen=True)
class Attribution:
    """Who said what. `speaker` is a KB canonical name, "vague" for an unnamed source, or the mention as written.

    `cue` is the reporting verb as written ("déclaré") or the preposition ("selon"); `kind` is "direct" (a quote)
    or "indirect" (reported speech); `content` what is said, and `start`/`end` its offsets; `mention` the words
    that name the speaker; `medium` the outlet spoken to, if named; `how` the rule that found the speaker.
    """

    speaker: str
    cue: str
    content: str
    kind: str
    line: int
    start: int
    end: int
    mention: str
    medium: str | None
    how: str


def _strip_end(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trimmed(text, start, end)
    while end > start and text[end - 1] in ".;,:!? ":
        end -= 1
    return start, end


def _content(token: Token, quoted: QuoteIndex, text: str, agent: bool = False) -> tuple[str, int, int, Quote | None]:
    """(kind, start, end, quote) of what a cue reports: a quote (direct) or the rest of the clause (indirect).

    `text` is the Doc's text, passed in so it is not rebuilt for every cue. A passive participle with its agent
    ("les droits de douane annoncés par la Maison-Blanche") reports the noun phrase it qualifies."""
    if agent:
        passive = next((c for c in token.children if c.dep_ == "nsubj:pass" and c.i < token.i), None)
        qualified = passive or (token.head if token.head is not token and token.head.i < token.i else None)
        if qualified is not None:
            end = qualified.right_edge.idx + len(qualified.right_edge.text) if passive else token.idx
            start, end = _strip_end(text, qualified.left_edge.idx, end)
            return "indirect", start, end, None
    que = _que_after(token)
    if que is not None:
        start, end = _strip_end(text, que.idx + len(que.text), token.sent.end_char)
        return "indirect", start, end, None
    quote = _colon_quote_after(token, quoted) or _quote_before(token, quoted)
    if quote is not None:
        return "direct", quote.start, quote.end, quote
    comma = _incise_comma(token)
    if comma is not None:  # "La ville fermera sa piscine, a annoncé la maire." : the content comes before
        start, end = _strip_end(text, token.sent.start_char, comma.idx)
        return "indirect", start, end, None
    after = token.idx + len(token.text)
    start, end = _strip_end(text, after, token.sent.end_char)
    return "indirect", start, end, None


def _incise_comma(token: Token) -> Token | None:
    """The comma that opens an inserted reporting clause (", a annoncé la maire"), if the cue is in one."""
    doc = token.doc
    i = token.i - 1
    while i > token.sent.start and (doc[i].pos_ in ("AUX", "PRON") or doc[i].text.startswith("-") or doc[i].is_space):
        i -= 1
    return doc[i] if i > token.sent.start and doc[i].text == "," else None


def _starts_sentence(quote: Quote, text: str) -> bool:
    """True when a quote opens a line or follows a sentence end: free-standing speech, not a partial quote."""
    i = quote.open_at
    while i > 0 and text[i - 1] in " \t":  # read back over the spaces, not a copy of all the text before
        i -= 1
    return i == 0 or text[i - 1] in '\n.!?…»”"'


def attributions(doc_or_text: Doc | str) -> list[Attribution]:
    """Who said what, in text order: one Attribution per reporting cue, "selon X", or continued quote.

    Speaker rules, tried in order (`how` records which one worked): the cue's subject in the parse (climbing from
    a gerund to its verb); a postposed subject ("a déclaré le ministre"); a pronoun (il, elle, -t-il) takes the
    previous speaker; the last person named before the cue in the sentence (survives a wrong parse). A quote that
    opens a sentence with no cue of its own continues the previous direct speech and inherits its speaker.
    """
    doc = as_doc(doc_or_text)
    text = text_of(doc)
    quoted = QuoteIndex(quotes(text))
    return _attributions(doc, text, quoted, _cues(doc, quoted))


def _speaker(
    mention: Span | None,
    token: Token,
    quoted: QuoteIndex,
    refs: TextReferents,
    last: Named | None,
    line: int,
    people: tuple[Named, ...],
) -> tuple[Named, Span | None]:
    """What names the speaker of a cue, and the mention that does: the cue's own mention if it can speak, else the
    last person named before the cue in its sentence, else "unknown" (a clause, a pronoun with no referent)."""
    mention = _with_honorific(_with_apposed_name(mention)) if mention is not None else None
    before = _name_before_title(mention) if mention is not None else None
    if before is not None:  # "Barroso, le président de la commission européenne se dit …": the name, not the title
        name = refs.canonical(before.text)
        return Named(name, "name before its title", "PER", refs.gender(name), False, line), before
    named = name_mention(mention, token, refs, last, line, people) if mention is not None else None
    if named is not None:
        return named, mention
    postposed = _inverted_subject(token) if mention is not None and _inserted(token) else None
    if postposed is not None:  # the parser took the quote or clause before "a déclaré X" for its subject
        span = _with_body_name(_with_apposed_name(_mention_span(postposed)))
        named = name_mention(span, token, refs, last, line, people)
        if named is not None:
            return Named(named.speaker, f"postposed subject; {named.how}".rstrip("; "), *_rest(named)), span
    after = _phrase_after(token) if _inserted(token) else None
    if after is not None:  # "« … » dénonce le Président-candidat": the parser gave the verb no subject
        named = name_mention(after, token, refs, last, line, people)
        if named is None and all(t.text[:1].isupper() for t in after):  # a name the tagger did not see as one
            kind = "PER" if after[0].ent_type_ == "PER" else "ORG"
            named = Named(refs.canonical(after.text), "name as written", kind, None, False, line)
        if named is not None and named.speaker != UNKNOWN:
            return Named(named.speaker, f"postposed subject; {named.how}".rstrip("; "), *_rest(named)), after
    person = _nearest_name_before(token, quoted)
    if person is not None:
        return Named(_name_of(person), "nearest name before the cue", "PER", None, False, line), person
    if mention is None:
        return Named(UNKNOWN, "no subject", "other", None, False, line), None
    return Named(UNKNOWN, f"not a speaker: '{mention.text}'", "other", None, False, line), mention


_SELON_RELATIVES = ("lequel", "laquelle", "lesquels", "lesquelles", "qui")
_QUOTE_GAP = 2  # a quote with no cue continues a direct speech at most this many lines above


def _impersonal(cue: Cue) -> bool:
    """True for a reporting verb under an impersonal verb ("Il faut dire que"): its "il" is nobody."""
    subject = cue.subject
    if subject is None or not cue.how.startswith("nsubj of") or subject.dep_ != "expl:subj":
        return False
    head = subject.head  # "il est bon de rappeler", "il faut dire"; not "Il fut exclu … et déclara"
    return head.pos_ != "VERB" or head.lemma_.lower() in _IMPERSONAL


_IMPERSONAL = ("falloir", "sembler", "paraître", "être", "agir", "suffire", "rester", "valoir", "convenir", "arriver")


def _phrase_after(token: Token) -> Span | None:
    """The noun phrase right after an inserted cue ("», dénonce le Président-candidat."), read from the words up to
    the next punctuation mark, when it opens with a determiner or a name; else None."""
    doc, i = token.doc, token.i + 1
    while i < len(doc) and (doc[i].pos_ == "ADV" and doc[i].text[:1].islower() or doc[i].text.startswith("-")):
        i += 1
    if i < len(doc) and doc[i].lower_ in ("à", "au", "aux"):  # "» déclare à l'AFP Jean Dupont": the medium first
        person = next((t.i for t in doc[i + 1 : i + 6] if t.ent_type_ == "PER" and t.ent_iob_ == "B"), None)
        if person is None or any(t.is_punct and t.text not in ("'", "’") for t in doc[i:person]):
            return None
        i = person
    named = i < len(doc) and doc[i].text[:1].isupper() and (doc[i].ent_type_ != "" or doc[i].pos_ == "PROPN")
    if i >= len(doc) or not (doc[i].pos_ == "DET" or named):
        return None  # a determiner or a name ("Febelfin", which the tagger may call an adverb)
    j = i
    while j < len(doc) and j - i < 8 and not (doc[j].is_punct and doc[j].text not in ("-", "'", "’")):
        if doc[j].pos_ in ("VERB", "AUX", "SCONJ") or "\n" in doc[j - 1].text_with_ws and j > i:
            return None
        j += 1
    return doc[i:j] if j > i + (doc[i].pos_ == "DET") else None


def _dependent_cue(cue: Cue, quoted: QuoteIndex) -> bool:
    """True for an infinitive or a gerund cue with no subject of its own ("avant de poursuivre", "en ajoutant"):
    none in the parse, or one borrowed from a reporting verb it depends on. The speech is counted once."""
    token = cue.token
    form = token.morph.get("VerbForm")
    gerund = _gerund(token)
    if gerund and _que_after(token) is None and _colon_quote_after(token, quoted) is None:
        return True  # "obtint la consécration en commentant la finale": a gerund that reports no words
    if not ("Inf" in form or gerund) or cue.how == "nsubj":
        return False
    head = token.head
    return (cue.subject is None and cue.phrase is None) or (head is not token and _reporting_lemma(head) is not None)


def _with_body_name(mention: Span) -> Span:
    """A postposed subject without an adverb before it and with the body's name the parser hung elsewhere right
    after it ("écrit notamment le quotidien El Punt Avui" -> "le quotidien El Punt Avui")."""
    doc, start, end = mention.doc, mention.start, mention.end
    while start < end - 1 and doc[start].pos_ == "ADV" and doc[start].text[:1].islower():
        start += 1
    if end < len(doc) and doc[end].ent_type_ == "ORG" and doc[end].ent_iob_ == "B" and doc[end - 1].pos_ == "NOUN":
        end += 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end] if (start, end) != (mention.start, mention.end) else mention


def _gerund(token: Token) -> bool:
    """True for a gerund ("en affirmant")."""
    form = token.morph.get("VerbForm")
    gerund = "Part" in form and "Pres" in token.morph.get("Tense") and token.i > 0
    return gerund and token.doc[token.i - 1].lower_ in ("en", "an")


def _with_apposed_name(mention: Span) -> Span:
    """The mention with the name the parser left out right after it, on the same line ("la présidente de la
    Commission européenne Ursula von der Leyen", "le porte-parole du Kremlin, Dmitri Peskov.")."""
    doc, i = mention.doc, mention.end
    comma = i < len(doc) and doc[i].text == ","
    i += comma
    if i >= len(doc) or doc[i].ent_type_ != "PER" or doc[i].ent_iob_ != "B" or "\n" in doc[i - 1].text_with_ws:
        return mention
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    if comma and j < len(doc) and doc[j].text not in (",", ".", ";", "!", "?", "\n") and not doc[j].is_space:
        return mention  # ", Dmitri Peskov a dit": the name starts a clause of its own
    return doc[mention.start : j]


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(h for forms in speaker_lexicon()["honorifics"].values() for h in forms)


def _with_honorific(mention: Span) -> Span:
    """The mention with the honorific the parser left out right before it ("Mr Saputo" parsed as "Saputo")."""
    doc, i = mention.doc, mention.start - 1
    if i >= 0 and doc[i].lower_ in _honorifics() and mention[0].text[:1].isupper():
        return doc[i : mention.end]
    return mention


def _apposed_name(whole: Span) -> Span | None:
    """The name apposed after "selon son chef" between commas ("Selon son chef, Keir Starmer, …"), if any."""
    doc, i = whole.doc, whole.end
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in ("l'", "l’") and doc[i + 2].ent_iob_ == "B":
        i += 1  # "Pour la principale association de …, l'April : « … »"
    if i + 2 >= len(doc) or doc[i].text not in (",", "l'", "l’") or doc[i + 1].ent_iob_ != "B":
        return None
    label = doc[i + 1].ent_type_
    if label not in ("PER", "ORG") and not (label and whole[0].lower_ in ("la", "le", "l'", "l’")):
        return None  # "selon la fédération des banques, Febelfin, …": a definite phrase may name an organisation
    j = i + 2
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return doc[whole.start : j] if j < len(doc) and doc[j].text in (",", ".", "«", "“", ":") else None


def _name_before_title(mention: Span) -> Span | None:
    """The name that opens the sentence right before a title the parser made the subject ("Barroso, le président de
    la commission européenne se dit …" -> "Barroso"): capitalised names, a comma, then a definite role noun."""
    doc, i = mention.doc, mention.start - 1
    roles = speaker_lexicon()["role_nouns"]
    if i < 1 or doc[i].text != "," or mention[0].lower_ not in ("le", "la", "l'", "l’"):
        return None
    if len(mention) < 2 or mention[1].lower_ not in roles:
        return None
    start = i
    while start > 0 and i - start < 4 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    opens = start == 0 or doc[start - 1].text in (".", "!", "?") or "\n" in doc[start - 1].text_with_ws
    return doc[start:i] if start < i and opens else None


def _apposed_body(mention: Span) -> Span | None:
    """The organisation's name apposed at the end of a description ("la principale association de …, l'April"),
    or None."""
    doc = mention.doc
    comma = next((t.i for t in reversed(mention) if t.text == ","), None)
    if comma is None:
        return None
    start = comma + 1 + (doc[comma + 1].lower_ in ("l'", "l’", "le", "la", "les") if comma + 1 < mention.end else 0)
    name = doc[start : mention.end]
    return name if len(name) and all(t.ent_type_ == "ORG" for t in name) else None


def _is_title(speaker: str) -> bool:
    """True for a title left as written ("Le préfet"): a later title must not take it for a person."""
    return speaker.split()[0].lower() in ("le", "la", "l'", "l’", "les", "un", "une") or speaker[:1].islower()


def _outlet_of(subject: Token | None) -> str | None:
    """The outlet in the subject's whole phrase ("Une source interrogée par l'AFP" -> "l'AFP"), if any."""
    if subject is None:
        return None
    return trim_outlet(subject.doc[subject.left_edge.i : subject.right_edge.i + 1])[1]


def _rest(named: Named) -> tuple[str, str | None, bool, int]:
    return named.kind, named.gender, named.plural, named.line


def _canonical(named: Named, speakers: EarlierSpeakers, refs: TextReferents, how: str) -> tuple[str, str]:
    """The speaker's name canonical within the text ("Mme Dumont" -> "Claire Dumont"), and the rule's record."""
    speaker = named.speaker
    if named.how.startswith(("pronoun", "nearest name", "postposed subject")):
        how = named.how
    elif named.how:
        how = f"{how}; {named.how}"
    if named.kind == "ORG" and speaker not in (VAGUE, UNKNOWN):
        fuller = refs.fuller_body(speaker)
        return (fuller, f"{how}; named in full as {fuller}") if fuller else (speaker, how)
    if speaker in (VAGUE, UNKNOWN) or named.kind != "PER":
        return speaker, how
    earlier = speakers.same_person(speaker)
    if earlier is not None:
        return earlier, f"{how}; same surname as {earlier}"
    fuller = refs.canonical(speaker) if speaker.split()[0][:1].isupper() else speaker
    if fuller != speaker:
        return fuller, f"{how}; named in full as {fuller}"
    return speaker, how


def _attributions(doc: Doc, text: str, quoted: QuoteIndex, cues: list[Cue]) -> list[Attribution]:
    found: list[Attribution] = []
    used_quotes: set[int] = set()
    speakers = EarlierSpeakers()
    refs = TextReferents(doc, quoted)
    last: Named | None = None
    people: list[Named] = []  # the persons who spoke so far, in order (the latest few)
    spoke: set[int] = set()  # the subject tokens of the verb cues so far
    for cue in cues:
        token = cue.token
        line = line_index(text).line_of(token.idx)
        if cue.is_verb:
            if _impersonal(cue):
                continue  # "Il faut dire que …": nobody is reported
            if _dependent_cue(cue, quoted):
                continue  # "…, avant de poursuivre « … »", "en ajoutant": a second cue with no subject of its own
            if cue.subject is not None and cue.subject.i in spoke and _gerund(token):
                continue  # "La Poste a réagi et a nié … en affirmant que": its subject is already on record
            if cue.subject is not None:
                spoke.add(cue.subject.i)
            mention = cue.phrase if cue.phrase is not None or cue.subject is None else _mention_span(cue.subject)
            if mention is not None and cue.how == "postposed subject":
                mention = _with_body_name(mention)
            outlet = _outlet_of(cue.subject)
            named, mention = _speaker(mention, token, quoted, refs, last, line, tuple(people[::-1]))
            if mention is None:
                continue  # a reporting verb with no one to attribute it to (e.g. an infinitive)
            kind, start, end, quote = _content(token, quoted, text, cue.how == "agent")
            if start == end:
                continue  # "Il a dit." reports no content: nothing to attribute
            if quote is not None:
                used_quotes.add(quote.open_at)
            sent, how = token.sent, cue.how
        elif not quoted.inside(token.idx):
            whole = _prep_object(token)
            if whole is None:
                continue
            whole = _apposed_name(whole) or whole
            if whole[0].lower_ in _SELON_RELATIVES:  # "Ces experts, selon lesquels la crue durera, …"
                whole = whole[:1]
            mention, outlet = trim_outlet(whole)
            sent, how = token.sent, "selon"
            named = name_mention(mention, token, refs, last, line, tuple(people[::-1])) or Named(
                UNKNOWN, f"not a speaker: '{mention.text}'", "other", None, False, line
            )
            body = _apposed_body(mention) if named.speaker == mention.text else None
            if body is not None:  # "Pour la principale association de …, l'April : « … »": the name apposed
                named = Named(body.text, f"apposed name {body.text}", "ORG", None, False, line)
            if whole.text.lower() in _SELON_RELATIVES:  # the relative clause up to its comma
                comma = text.find(",", whole.end_char, sent.end_char)
                start, end = _strip_end(text, whole.end_char, comma if comma > 0 else sent.end_char)
            elif whole.end_char < sent.end_char - 2 and text[whole.end_char : whole.end_char + 1] == ",":
                start, end = _strip_end(text, whole.end_char + 1, sent.end_char)
            else:  # "…, selon des experts." : the content is what comes before
                start, end = _strip_end(text, sent.start_char, token.idx)
            kind = "indirect"
        else:
            continue
        speaker, how = _canonical(named, speakers, refs, how)
        found.append(
            Attribution(
                speaker,
                token.text if cue.is_verb else _prep_text(token),
                text[start:end],
                kind,
                line,
                start,
                end,
                mention.text,
                _medium(sent, token if cue.is_verb else None) or outlet,
                how,
            )
        )
        speakers.add(speaker)
        last = Named(speaker, named.how, named.kind, named.gender or refs.gender(speaker), named.plural, line)
        if last.kind == "PER" and speaker not in (VAGUE, UNKNOWN) and not _is_title(speaker):
            people = [p for p in people if p.speaker != speaker][-7:] + [last]
    found.sort(key=lambda a: a.start)
    found += _continued_quotes(found, quoted, used_quotes, text)
    found.sort(key=lambda a: a.start)
    return found


def _continued_quotes(
    found: list[Attribution], quoted: QuoteIndex, used_quotes: set[int], text: str
) -> list[Attribution]:
    """A quote that opens a sentence, has no cue of its own and lies in no attribution continues the latest
    direct speech before it, at most `_QUOTE_GAP` lines above, and inherits its speaker. `found` is sorted by
    start; one pass over the quotes."""
    starts = [a.start for a in found]
    latest_direct: list[Attribution | None] = [None]  # latest_direct[k]: the last direct one among found[:k]
    reach = [-1]  # reach[k]: the furthest end among found[:k]
    for a in found:
        latest_direct.append(a if a.kind == "direct" else latest_direct[-1])
        reach.append(max(reach[-1], a.end))
    added: list[Attribution] = []
    for quote in quoted:
        if quote.depth or quote.open_at in used_quotes or not _starts_sentence(quote, text):
            continue
        # the latest direct speech before the quote: found so far, or a continuation just added (all start earlier)
        candidates = [a for a in (latest_direct[bisect_left(starts, quote.open_at)], *added[-1:]) if a is not None]
        prev = max(candidates, key=lambda a: a.start, default=None)
        covered = reach[bisect_right(starts, quote.open_at)] > quote.open_at or any(
            a.end > quote.open_at for a in added[-1:]
        )
        if prev is None or covered or quote.line - prev.line > _QUOTE_GAP:
            continue
        added.append(
            Attribution(
                prev.speaker,
                prev.cue,
                quote.text,
                "direct",
                quote.line,
                quote.start,
                quote.end,
                prev.mention,
                prev.medium,
                f"continues the quote of line {prev.line}",
            )
        )
    return added


def who_said_what(doc_or_text: Doc | str) -> list[dict[str, Any]]:
    """The attributions as table rows: speaker, cue, medium, kind, content, line (ready for a DataFrame)."""
    return [
        {"line": a.line, "speaker": a.speaker, "cue": a.cue, "medium": a.medium, "kind": a.kind, "content": a.content}
        for a in attributions(doc_or_text)
    ]
