"""Named entities: the knowledge base of the article's names (data/kb.json) and alias resolution."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.text import folded, line_index

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = ("PER", "LOC", "ORG", "MISC")
_LEADING_ARTICLE = re.compile(r"^(?:le|la|les|l')\s*")


@dataclass(frozen=True)
class KBEntry:
    """One entity of data/kb.json: its canonical name, label, Wikidata id (None if unverified) and other names."""

    canonical: str
    type: str
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    metonymy_for: str | None = None


def name_key(name: str) -> str:
    """The form names are compared in: no accents, case-folded, ' for ’, no leading article, single spaces."""
    return _LEADING_ARTICLE.sub("", folded(name))


@cache
def kb() -> tuple[KBEntry, ...]:
    """The entries of data/kb.json."""
    raw = data.load("kb.json")["entities"]
    return tuple(
        KBEntry(
            canonical=e["canonical"],
            type=e["type"],
            wikidata=e.get("wikidata"),
            aliases=tuple(e.get("aliases", ())),
            titles=tuple(e.get("titles", ())),
            metonymy_for=e.get("metonymy_for"),
        )
        for e in raw
    )


@cache
def _index() -> dict[str, KBEntry]:
    index: dict[str, KBEntry] = {}
    for entry in kb():
        for name in (entry.canonical, *entry.aliases, *entry.titles):
            key = name_key(name)
            if key in index and index[key] is not entry:
                raise ValueError(f"data/kb.json: {name!r} names both {index[key].canonical} and {entry.canonical}")
            index[key] = entry
    return index


def lookup(name: str) -> KBEntry | None:
    """The KB entry a name, alias or title refers to (accent-, case- and article-tolerant), or None."""
    return _index().get(_key(require_text(name, "name")))


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    return name_key(name)  # a text names the same people again and again


def canonical(name: str) -> str | None:
    """Canonical name for `name` ("Sergie Lavrov" -> "Sergueï Lavrov", "kiev" -> "Kyiv"), or None if unknown."""
    entry = lookup(name)
    return entry.canonical if entry else None


# --- Entities: the plain model, the kit's pipeline, the gold standard -------------------------------------


@dataclass(frozen=True)
class Entity:
    """A named-entity mention: character offsets into the given text (end exclusive), label and line.

    `canonical` is the knowledge-base name when the mention is known (else None); `metonymy` marks a place
    name standing for its government (Pékin = the Chinese government).
    """

    text: str
    start: int
    end: int
    label: str
    line: int = 1
    canonical: str | None = None
    metonymy: bool = False

    @property
    def span(self) -> tuple[int, int, str]:
        """(start, end, label): what strict evaluation compares."""
        return (self.start, self.end, self.label)


@dataclass(frozen=True)
class RuleEffect:
    """What one post-rule did to one predicted span: `after` is None when the span was dropped."""

    rule: str
    before: str
    after: str | None
    line: int


def _entity(text: str, start: int, end: int, label: str, **extra) -> Entity:
    return Entity(text[start:end], start, end, label, line_index(text).line_of(start), **extra)


def model_entities(doc_or_text) -> list[Entity]:
    """The plain fr_core_news_sm predictions (alaloupe.nlp.parse, no normalisation, no rules)."""
    from alaloupe.nlp import as_doc

    doc = as_doc(doc_or_text)
    return [_entity(doc.text, e.start_char, e.end_char, e.label_) for e in doc.ents]


@cache
def rules() -> dict:
    """The word lists of data/entity_rules.json used by the post-rules."""
    return data.load("entity_rules.json")


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns from data/kb.json: every canonical name and alias (titles are not names)."""
    from alaloupe.tokens import normalise

    patterns = []
    for entry in kb():
        for name in dict.fromkeys((entry.canonical, *entry.aliases)):
            patterns.append({"label": entry.type, "pattern": normalise(name), "id": entry.canonical})
    return patterns


@cache
def kb_ruler():
    """The knowledge-base EntityRuler (patterns: ruler_patterns()), built once on the shared pipeline's vocabulary
    without being added to it; run it just before `ner`, which keeps the spans it sets."""
    from alaloupe.nlp import load

    ruler = load().create_pipe("entity_ruler", name="kb_ruler")
    ruler.add_patterns(ruler_patterns())
    return ruler


def parse_with_kb(texts: Iterable[str], *, batch_size: int | None = None) -> Iterator[Doc]:
    """nlp.pipe over normalised texts with kb_ruler() run just before `ner`: the kit's pipeline in one pass.

    `batch_size`: texts per batch for every step (default: the pipeline's own); it changes the speed, not the Docs.
    """
    from alaloupe.nlp import load

    nlp = load()
    if batch_size is None:
        return nlp.get_pipe("ner").pipe(kb_ruler().pipe(nlp.pipe(texts, disable=["ner"])))
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, not {batch_size!r}.")
    docs = kb_ruler().pipe(nlp.pipe(texts, disable=["ner"], batch_size=batch_size), batch_size=batch_size)
    return nlp.get_pipe("ner").pipe(docs, batch_size=batch_size)


def _rerun_ner_with_kb(docs: Iterable[Doc]) -> list[Doc]:
    """Copies of Docs the whole pipeline has parsed, their entities cleared, then kb_ruler() and `ner` run again.

    Same Docs as parse_with_kb (`ner` reads only the tokens, through its own tok2vec, and the spans already set),
    at the cost of `ner` alone: the lesson has already parsed the normalised text for the plain model.
    """
    from alaloupe.nlp import load

    copies = []
    for doc in docs:
        copy = doc.copy()
        copy.set_ents([], default="missing")  # as before `ner` ran
        copies.append(copy)
    return list(load().get_pipe("ner").pipe(kb_ruler().pipe(copies)))


def _starts_with_name(tokens) -> bool:
    """True if `tokens` begin like a name: a capital, or a particle / geographic generic before a capital."""
    if not tokens:
        return False
    first = tokens[0]
    if first.text[:1].isupper():
        return True
    words = rules()
    if first.lower_ in words["particles"] or first.lower_ in words["geographic_generics"]:
        return len(tokens) > 1 and tokens[1].text[:1].isupper()
    return False


@cache
def _titles() -> tuple[tuple[str, ...], ...]:
    """The title words of data/entity_rules.json, split into words, longest first."""
    return tuple(sorted((tuple(t.split()) for t in rules()["titles"]), key=len, reverse=True))


def _title_length(tokens) -> int:
    """How many leading tokens form a title word from data/entity_rules.json ("Premier ministre" -> 2)."""
    lowered = tuple(t.lower_ for t in tokens)
    for title in _titles():
        if lowered[: len(title)] == title:
            return len(title)
    return 0


def post_rules(doc) -> tuple[list, list[RuleEffect]]:
    """Apply the kit's post-rules to doc.ents; return the kept spaCy Spans and what each rule did.

    1 article   -- a lowercase leading article is not part of the name: "la Chine" -> "Chine".
    2 title     -- leading title words are not part of the name: "ministre ..." -> "...".
    3 lowercase -- what is left must start like a name (capital; "de Gaulle", "mer Rouge" allowed), else drop.
    4 common    -- "État" alone is a capitalised common noun (data: common_nouns), not a name: drop.
    5 sentence  -- one word at the start of a sentence, tagged neither noun nor proper noun, is capitalised
                   only because it starts the sentence ("Lire aussi :"): drop.
    6 acronym   -- an acronym in parentheses abbreviates the phrase before it; if that phrase is not an
                   entity ("missile balistique intercontinental (ICBM)"), neither is the acronym: drop.
    """
    words = rules()
    effects: list[RuleEffect] = []
    kept = []
    text = doc.text  # built from the tokens on every access

    def note(rule: str, before, after) -> None:
        line = line_index(text).line_of(before.start_char)
        effects.append(RuleEffect(rule, before.text, after.text if after is not None else None, line))

    for ent in doc.ents:
        span = ent
        tokens = list(span)
        strip = 0
        while strip < len(tokens) and tokens[strip].text in words["articles"]:
            strip += 1
        if strip:
            span = doc[ent.start + strip : ent.end] if strip < len(tokens) else None
            if span is not None:
                span = doc.char_span(span.start_char, span.end_char, label=ent.label_)
            note("article", ent, span)
            if span is None:
                continue
        title = _title_length(list(span))
        if title:
            rest = doc[span.start + title : span.end]
            before, span = span, (rest if len(rest) and _starts_with_name(list(rest)) else None)
            if span is not None:
                span = doc.char_span(span.start_char, span.end_char, label=ent.label_)
            note("title", before, span)
            if span is None:
                continue
        if not _starts_with_name(list(span)):
            note("lowercase", span, None)
            continue
        if span.text in words["common_nouns"]:
            note("common", span, None)
            continue
        if len(span) == 1 and span[0].is_sent_start and span[0].pos_ not in ("PROPN", "NOUN"):
            note("sentence", span, None)
            continue
        kept.append(span)

    final = []
    covered = {i for span in kept for i in range(span.start, span.end)}  # token indices inside a kept entity
    for span in kept:
        if _is_unexplained_acronym(span, covered):
            note("acronym", span, None)
            continue
        final.append(span)
    return final, effects


def _is_unexplained_acronym(span, covered: set[int]) -> bool:
    """An acronym in parentheses whose phrase before is not an entity; `covered`: the token indices of entities."""
    doc = span.doc
    text = span.text
    if len(span) != 1 or len(text) < 2 or not text.isupper() or span.start < 2 or span.end >= len(doc):
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    expanded = doc[span.start - 2]  # the last word of the phrase the acronym abbreviates
    return expanded.i not in covered


def _metonymy(span, entry: KBEntry | None) -> bool:
    """A seat of government (kb: metonymy_for) not introduced by a place preposition ("à Moscou")."""
    if entry is None or entry.metonymy_for is None:
        return False
    before = span.doc[span.start - 1].lower_ if span.start else ""
    return before not in rules()["locative_prepositions"]


_RESULTS: dict[str, tuple[tuple[Entity, ...], tuple[RuleEffect, ...]]] = {}  # text -> (entities, rule effects)
_MAX_CACHED = 512


def _pipeline_many(
    texts: list[str], normalised_docs: list[Doc] | None = None
) -> list[tuple[tuple[Entity, ...], tuple[RuleEffect, ...]]]:
    """The kit's pipeline on several texts; results are cached.

    `normalised_docs`, if given, are the shared pipeline's Docs of normalise(text) for each text (say, from one
    nlp.pipe); otherwise each normalised text goes through alaloupe.nlp.parse, whose cache the lesson shares.
    """
    from alaloupe.nlp import as_doc  # the shared parse: _rerun_ner_with_kb works on copies
    from alaloupe.text import normalise

    if len(_RESULTS) > _MAX_CACHED:  # keep memory bounded when called on many texts
        _RESULTS.clear()
    given = dict(zip(texts, normalised_docs, strict=True)) if normalised_docs is not None else {}
    missing = [text for text in dict.fromkeys(texts) if text not in _RESULTS]
    normalised = [normalise(text) for text in missing]
    for text, norm in zip(missing, normalised, strict=True):
        if len(norm) != len(text):  # NFC changed the length: offsets would not carry over
            raise ValueError("the text is not in Unicode NFC form; pass unicodedata.normalize('NFC', text)")
    parsed = [given[text] if text in given else as_doc(norm) for text, norm in zip(missing, normalised, strict=True)]
    for text, doc in zip(missing, _rerun_ner_with_kb(parsed), strict=True):
        _RESULTS[text] = _finish(text, doc)
    return [_RESULTS[text] for text in texts]


def _pipeline(text: str) -> tuple[tuple[Entity, ...], tuple[RuleEffect, ...]]:
    return _pipeline_many([text])[0]


def _finish(text: str, doc) -> tuple[tuple[Entity, ...], tuple[RuleEffect, ...]]:
    """Post-rules, then knowledge-base links, on the parsed normalised text; offsets into `text`."""
    spans, effects = post_rules(doc)
    found = []
    for span in spans:
        entry = lookup(span.text)
        found.append(
            _entity(
                text,
                span.start_char,
                span.end_char,
                span.label_,
                canonical=entry.canonical if entry else None,
                metonymy=_metonymy(span, entry),
            )
        )
    return tuple(found), tuple(effects)


def from_parsed(doc, text: str) -> list[Entity]:
    """The kit's entities from a Doc of normalise(text) parsed with parse_with_kb.

    For callers that parse once and run several extractors (the report); offsets are into `text`.
    """
    return list(_finish(text, doc)[0])


def _text_of(doc_or_text) -> str:
    if hasattr(doc_or_text, "text") and hasattr(doc_or_text, "ents"):
        return doc_or_text.text
    return require_text(doc_or_text)


def entities(doc_or_text) -> list[Entity]:
    """The kit's entities: normalise -> fr_core_news_sm with a KB EntityRuler before `ner` -> post-rules.

    Offsets are into the text given (or doc.text): normalisation keeps one character for one.
    """
    return list(_pipeline(_text_of(doc_or_text))[0])


def rule_effects(doc_or_text) -> list[RuleEffect]:
    """What each post-rule of `entities` changed on this text (for error analysis)."""
    return list(_pipeline(_text_of(doc_or_text))[1])


def _from_json(text: str, e: dict) -> Entity:
    if text[e["start"] : e["end"]] != e["text"]:
        raise ValueError(f"gold span {e} does not match the text at its offsets")
    entry = lookup(e["text"])
    return _entity(
        text, e["start"], e["end"], e["label"], canonical=entry.canonical if entry else None, metonymy=e["metonymy"]
    )


@cache
def gold() -> tuple[Entity, ...]:
    """The gold entities of the article (data/gold/entities.json), checked against the article's text."""
    from alaloupe.article import SHA256, load_text

    raw = data.load("gold", "entities.json")
    if raw["article_sha256"] != SHA256:
        raise ValueError("data/gold/entities.json was annotated on another version of the article")
    text = load_text()
    return tuple(_from_json(text, e) for e in raw["entities"])


@cache
def other_sentences() -> tuple[tuple[str, tuple[Entity, ...]], ...]:
    """French sentences without the article's names, each with its gold entities (data/gold/entities_other.json)."""
    raw = data.load("gold", "entities_other.json")
    return tuple((s["text"], tuple(_from_json(s["text"], e) for e in s["entities"])) for s in raw["sentences"])


def mention_counts(found) -> dict[str, int]:
    """Mentions per entity, keyed by canonical name (or the text when unknown), most mentioned first."""
    counts: dict[str, int] = {}
    for ent in found:
        key = ent.canonical or ent.text
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def cooccurrence(found) -> tuple[list[str], list[list[int]]]:
    """Names (canonical, else text) and a symmetric matrix: in how many lines both are mentioned.

    The diagonal holds the number of lines that mention the entity at all.
    """
    lines: dict[str, set[int]] = {}
    for ent in found:
        lines.setdefault(ent.canonical or ent.text, set()).add(ent.line)
    names = sorted(lines, key=lambda name: (-len(lines[name]), name))
    matrix = [[len(lines[a] & lines[b]) for b in names] for a in names]
    return names, matrix


def cooccurring_pairs(found) -> list[tuple[str, str, int]]:
    """Pairs of entities named on the same lines, as (name, name, shared lines), most shared first."""
    names, matrix = cooccurrence(found)
    pairs = [(a, b, matrix[i][j]) for i, a in enumerate(names) for j, b in enumerate(names) if i < j and matrix[i][j]]
    return sorted(pairs, key=lambda pair: -pair[2])


def displacy_data(text: str, found, title: str | None = None) -> dict:
    """Entities in displaCy's manual format: displacy.render(displacy_data(...), style="ent", manual=True)."""
    ents = [{"start": e.start, "end": e.end, "label": e.label} for e in sorted(found, key=lambda e: e.start)]
    return {"text": text, "ents": ents, "title": title}


def format_entities(found) -> str:
    """One entity per row: line, text, label, canonical name and metonymy flag, aligned for printing."""
    rows = [f"{'line':>4}  {'text':<40} {'label':<5} {'canonical':<18} metonymy"]
    for e in found:
        rows.append(f"{e.line:>4}  {e.text:<40} {e.label:<5} {e.canonical or '—':<18} {'yes' if e.metonymy else ''}")
    return "\n".join(rows)


def plain_normalised(doc_or_text) -> list[Entity]:
    """The plain fr_core_news_sm predictions on the normalised text (offsets valid on the text given)."""
    from alaloupe.tokens import normalise

    text = _text_of(doc_or_text)
    return [Entity(text[e.start : e.end], e.start, e.end, e.label, e.line) for e in model_entities(normalise(text))]


SYSTEMS = {"plain model, raw": model_entities, "plain model, normalised": plain_normalised, "kit pipeline": entities}


def scoreboard(mode: str = "strict") -> dict[str, dict[str, object]]:
    """Scores of each system of SYSTEMS on the article's gold and on the other sentences (micro-averaged)."""
    from alaloupe.article import load_text
    from alaloupe.evaluate import prf, prf_corpus
    from alaloupe.nlp import load
    from alaloupe.tokens import normalise

    text, sentences = load_text(), other_sentences()
    texts, golds = [t for t, _ in sentences], [g for _, g in sentences]
    nlp = load()
    # The same systems as SYSTEMS, run on all sentences in one batch each (nlp.pipe) to save time;
    # a sentence that normalisation leaves unchanged is not parsed twice.
    raw_docs = list(nlp.pipe(texts))
    normalised = [normalise(t) for t in texts]
    changed = [i for i, (t, n) in enumerate(zip(texts, normalised, strict=True)) if n != t]
    normalised_docs = list(raw_docs)
    for i, doc in zip(changed, nlp.pipe([normalised[i] for i in changed]), strict=True):
        normalised_docs[i] = doc
    on_sentences = {
        "plain model, raw": [model_entities(doc) for doc in raw_docs],
        "plain model, normalised": [model_entities(doc) for doc in normalised_docs],
        "kit pipeline": [list(found) for found, _ in _pipeline_many(texts, normalised_docs)],
    }
    return {
        name: {
            "article": prf(gold(), system(text), mode=mode),
            "other sentences": prf_corpus(zip(golds, on_sentences[name], strict=True), mode=mode),
        }
        for name, system in SYSTEMS.items()
    }
