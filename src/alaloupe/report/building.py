"""The report's pipeline: one parse of the whole text, every extractor run once, and what was found, as a Report
with its tables and figures. Rendering (Markdown, HTML) is in alaloupe.report.rendering."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property

from matplotlib.figure import Figure
from spacy.tokens import Doc
from tqdm import tqdm

from alaloupe import claims, data, dates, entities, facts, plots, quantities
from alaloupe._checks import require_text
from alaloupe.article import is_article
from alaloupe.report import french
from alaloupe.report.markers import Marker, translationese
from alaloupe.report.rendering import Table, render_html, render_markdown
from alaloupe.text import line_of, normalise

# A short text (the article: 15 lines) is parsed as one piece; a longer one through nlp.pipe in pieces of PIECE_LINES
# lines (they feed the progress bar), joined into one Doc before any extractor runs.
WHOLE_TEXT_LINES = 40
PIECE_LINES = 5
# Pieces per nlp.pipe batch: as many lines as the pipeline's own batch of 256 single lines holds. Batches of 256
# pieces (five times the words) cost about 10 % more CPU for the same Docs: their arrays no longer fit the caches.
PIECES_PER_BATCH = 256 // PIECE_LINES
HUMAN_VERDICTS = (
    "This is not the kit's article, so no verdict is attached: the pipeline finds what to check, "
    "a person must check it against sources."
)
ARTICLE_VERDICTS = (
    "This is the kit's article (recognised by its checksum): verdicts and references come from data/facts.json, "
    "where people wrote them after reading the sources."
)
NEEDS_A_HUMAN = "needs a human"
TEXT_DATE = "date the text gives"
UNDATED = "undated: reads as news of the publication date"
SOURCE_DATE = "date of a source (data/facts.json)"
LENGTH_UNITS = ("kilometer", "mile", "nautical_mile")


def parse_once(text: str, *, progress: bool = False) -> Doc:
    """One Doc for the whole (normalised) text, so that every extractor runs once over the whole of it.

    doc.text == normalise(text), so every offset is an offset into `text`. A text of up to WHOLE_TEXT_LINES lines
    (the article) is parsed as one piece; a longer one goes through nlp.pipe in pieces of PIECE_LINES whole lines,
    which are then joined with Doc.from_docs. A newline is a sentence boundary for the kit's pipeline, so the pieces
    change no sentence, and the extractors see the joined Doc: a quote, a speaker or a pronoun's antecedent may be
    found across a piece boundary.
    """
    normalised = normalise(require_text(text))
    lines = normalised.splitlines(keepends=True)
    size = len(lines) if len(lines) <= WHOLE_TEXT_LINES else PIECE_LINES
    pieces = ["".join(lines[i : i + size]) for i in range(0, len(lines), size)]
    bar = tqdm(total=len(lines), unit="line", desc="parsing", disable=not progress or len(pieces) < 2)
    docs = []
    for doc in entities.parse_with_kb(pieces, batch_size=PIECES_PER_BATCH):
        docs.append(doc)
        bar.update(min(size, len(lines) - bar.n))
    bar.close()
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def lateral_reading() -> Table:
    """The provenance of the article as a search method: each clue, what searching it leads to, what that tells.

    From data/lateral_reading.json; the sources are those of data/facts.json. The kit does no live look-up.
    """
    raw = data.load("lateral_reading.json")
    known = facts.sources()
    rows = []
    for n, step in enumerate(raw["steps"], start=1):
        source = known[step["source"]]
        where = f"{source.publisher}{f', {source.date}' if source.date else ', undated'}"
        lines = ", ".join(str(line) for line in step["lines"])
        rows.append((str(n), step["clue"], lines, step["finds"], step["tells"], where))
    columns = ("step", "search for", "lines", "what the search leads to", "what it tells you", "source")
    return Table("Lateral reading: where the text comes from", columns, tuple(rows), raw["about"].split(" See ")[0])


def against_the_english(fact_ids: list[str]) -> Table:
    """The article's French next to what its sources say (data/facts.json): the FT's own words where it quotes the
    interview. The French translates an English rewrite, so a difference is not proof that the translation made it."""
    rows = []
    for fact_id in fact_ids:
        fact = facts.get(fact_id)
        rows.append((str(fact.line), fact.quote, fact.reference, fact.explanation, fact.verdict))
    columns = ("line", "the French text", "what the source says", "what changed", "verdict")
    return Table("The French against the words of its sources", columns, tuple(rows))


@dataclass(frozen=True)
class Said:
    """A statement on the timeline: who, when, on which line, and whether the date is the text's or the sources'."""

    speaker: str
    date: dt.date
    line: int
    source: str  # TEXT_DATE, UNDATED or SOURCE_DATE


@dataclass(frozen=True)
class Report:
    """What the pipeline found in one French text. Build it with `build(text)`.

    Every field holds the extractors' own objects (offsets into `text`, 1-based lines); `facts` is empty unless
    the text is the kit's article, whose publication date is then estimated from data/facts.json.
    """

    text: str
    is_article: bool
    lines: tuple[str, ...]
    n_sentences: int
    n_tokens: int
    entities: tuple[entities.Entity, ...]
    quotes: tuple[claims.Quote, ...]
    attributions: tuple[claims.Attribution, ...]
    vague_sources: tuple[claims.VagueSource, ...]
    boilerplate: tuple[claims.Boilerplate, ...]
    quantities: tuple[quantities.Quantity, ...]
    dates: tuple[dates.DateMention, ...]
    markers: tuple[Marker, ...]
    claims: tuple[claims.Claim, ...]  # ranked, most check-worthy first
    facts: tuple[facts.Fact, ...] = ()
    published: dt.date | None = None

    @property
    def strong_markers(self) -> tuple[Marker, ...]:
        return tuple(m for m in self.markers if m.strength == "strong")

    @property
    def checkworthy(self) -> tuple[claims.Claim, ...]:
        return tuple(c for c in self.claims if c.checkworthy)

    # Per-line lookups, each indexed once: the tables ask them for every claim, so a scan each time would make
    # rendering a long text quadratic.

    def speakers(self, line: int) -> list[str]:
        """Who speaks on a line (canonical names, "vague" for an unnamed source), in order, without repeats."""
        return list(self._speakers_by_line.get(line, ()))

    def depends_on(self, line: int) -> list[str]:
        """What a claim on this line rests on: "quote", "number", "date" (from the extractors' findings)."""
        return [name for name, lines in self._dependency_lines if line in lines]

    def line_of(self, offset: int) -> int:
        """1-based line of the text holding character `offset`."""
        return line_of(offset, self.text)

    def verdicts(self, line: int) -> list[facts.Fact]:
        """The reference facts about a line (only for the kit's article; otherwise none: a human must check)."""
        return list(self._facts_by_line.get(line, ()))

    @cached_property
    def _speakers_by_line(self) -> dict[int, tuple[str, ...]]:
        by_line: dict[int, dict[str, None]] = {}
        for a in self.attributions:
            by_line.setdefault(a.line, {})[a.speaker] = None  # a dict keeps the order and drops repeats
        return {line: tuple(speakers) for line, speakers in by_line.items()}

    @cached_property
    def _dependency_lines(self) -> tuple[tuple[str, set[int]], ...]:
        quoted = {q.line for q in self.quotes} | {a.line for a in self.attributions if a.kind == "direct"}
        return (
            ("quote", quoted),
            ("number", {self.line_of(q.start) for q in self.quantities}),
            ("date", {self.line_of(d.start) for d in self.dates}),
        )

    @cached_property
    def _facts_by_line(self) -> dict[int, tuple[facts.Fact, ...]]:
        by_line: dict[int, list[facts.Fact]] = {}
        for fact in self.facts:
            for line in fact.lines:
                by_line.setdefault(line, []).append(fact)
        return {line: tuple(found) for line, found in by_line.items()}

    @cached_property
    def _dates_by_line(self) -> dict[int, tuple[dates.DateMention, ...]]:
        by_line: dict[int, list[dates.DateMention]] = {}
        for mention in self.dates:
            by_line.setdefault(self.line_of(mention.start), []).append(mention)
        return {line: tuple(found) for line, found in by_line.items()}

    def summary(self) -> list[str]:
        """The report's findings in a few sentences, most important first."""
        strong, weak = len(self.strong_markers), len(self.markers) - len(self.strong_markers)
        unclosed = [q for q in self.quotes if not q.closed]
        found = [
            f"{len(self.lines)} lines, {self.n_sentences} sentences, {self.n_tokens} tokens.",
            f"{len(self.checkworthy)} check-worthy claims out of {len(self.claims)} sentences scored.",
            f"{len(self.attributions)} attributions ({len({a.speaker for a in self.attributions})} speakers), "
            f"{len(self.vague_sources)} vague source(s), {len(self.boilerplate)} boilerplate line(s).",
            f"{len(self.quotes)} quotes, {len(unclosed)} never closed.",
            f"{len(self.quantities)} quantities, {len(self.dates)} date mentions, "
            f"{len(self.entities)} entity mentions ({len({e.canonical or e.text for e in self.entities})} distinct).",
            f"Translationese: {strong} strong and {weak} weak markers"
            + (" — the text reads like a translation from English." if strong >= 2 else "."),
        ]
        found.append(ARTICLE_VERDICTS if self.is_article else HUMAN_VERDICTS)
        return found

    # Each table is one section of the report.

    def claims_table(self, lines: list[int] | None = None) -> Table:
        """Claims vs sources: each check-worthy line (or `lines`), with speaker, dependencies, verdict, evidence."""
        chosen = [c for c in self.claims if (c.line in lines if lines is not None else c.checkworthy)]
        rows = []
        for rank, claim in enumerate(chosen, start=1):
            found = self.verdicts(claim.line)
            rows.append(
                (
                    str(rank),
                    str(claim.line),
                    f"{claim.score:g}",
                    _short(self.text[claim.start : claim.end]),
                    ", ".join(self.speakers(claim.line)) or "none found",
                    ", ".join(self.depends_on(claim.line)) or "—",
                    "; ".join(f"{f.verdict} ({f.verdict_detail})" for f in found) or NEEDS_A_HUMAN,
                    " ".join(f.reference for f in found) or "—",
                    "; ".join(_sources(f) for f in found) or "—",
                )
            )
        note = ARTICLE_VERDICTS if self.is_article else HUMAN_VERDICTS
        columns = ("rank", "line", "score", "claim", "speaker", "depends on", "verdict", "reference", "evidence")
        return Table("Claims to check, against the sources", columns, tuple(rows), note)

    def speakers_table(self) -> Table:
        return Table(
            "Who said what",
            ("line", "speaker", "as named", "cue", "kind", "medium", "content"),
            tuple(
                (str(a.line), a.speaker, a.mention, a.cue, a.kind, a.medium or "", _short(a.content))
                for a in self.attributions
            ),
            note="Speakers resolved with data/kb.json; 'vague' marks an unnamed source.",
        )

    def furniture_table(self) -> Table:
        vague = [
            (str(v.line), v.text, f"an unnamed source ({v.cue}): it cannot be checked") for v in self.vague_sources
        ]
        furniture = [(str(b.line), _short(b.text), "; ".join(b.reasons)) for b in self.boilerplate]
        return Table(
            "Vague sources and boilerplate",
            ("line", "text", "why it matters"),
            tuple(sorted(vague + furniture, key=lambda row: int(row[0]))),
            note="Boilerplate lines are page furniture, not the article's claims.",
        )

    def quotes_table(self) -> Table:
        return Table(
            "Quotes",
            ("line", "marks", "closed", "quoted text"),
            tuple(
                (str(q.line), q.open_mark + (q.close_mark or ""), "yes" if q.closed else "NO", _short(q.text))
                for q in self.quotes
            ),
            note="An unclosed quote leaves the reader unable to tell where the speaker's words end.",
        )

    def quantities_table(self) -> Table:
        return Table(
            "Quantities",
            ("line", "as written", "value", "unit", "conversions", "note"),
            tuple(
                (str(self.line_of(q.start)), q.text, french.number(q.value), q.unit or "count", _conversions(q), q.note)
                for q in self.quantities
            ),
            note="Units are pint names; an ambiguous unit is read one way and flagged in the note.",
        )

    def dates_table(self) -> Table:
        published = self.published
        return Table(
            "Dates",
            ("line", "as written", "refers to"),
            tuple((str(self.line_of(d.start)), d.text, _resolved(d, published)) for d in self.dates),
            note=(
                f"Relative dates resolved from the estimated publication date, {french.date(published)}."
                if published
                else "Relative dates depend on the publication date, which the text does not give."
            ),
        )

    def entities_table(self) -> Table:
        return Table(
            "Named entities",
            ("name", "label", "mentions", "lines", "as written"),
            _entity_rows(self.entities),
            note="Canonical names from data/kb.json; unknown names are kept as written.",
        )

    def markers_table(self) -> Table:
        return Table(
            "Translationese markers",
            ("line", "marker", "strength", "English", "French would say", "why"),
            tuple((str(m.line), m.text, m.strength, m.english, m.french, m.explanation) for m in self.markers),
            note="Lexicon: data/translationese.json. Weak markers also occur in texts written in French.",
        )

    def tables(self) -> list[Table]:
        """Every section of the report as a table, in reading order."""
        return [
            self.claims_table(),
            self.speakers_table(),
            self.furniture_table(),
            self.quotes_table(),
            self.quantities_table(),
            self.dates_table(),
            self.entities_table(),
            self.markers_table(),
        ]

    def timeline_rows(self) -> list[Said]:
        """What was said when, and by whom: each attributed statement at the date the text gives for the saying
        (a date inside the quoted content dates the event, not the statement), at the publication date when the
        text gives none (an undated statement reads as news), and, for the article, at its sources' dates."""
        rows: dict[tuple, Said] = {}
        for a in self.attributions:
            if a.kind not in ("direct", "indirect"):
                continue
            said_dates = [d for d in self._dates_by_line.get(a.line, ()) if not a.start <= d.start < a.end]
            when = None
            if said_dates:
                try:
                    when = dates.resolve(said_dates[0], self.published).first
                except ValueError:
                    pass
            if when is not None:
                rows[(a.line, a.speaker, when, TEXT_DATE)] = Said(a.speaker, when, a.line, TEXT_DATE)
            elif self.published is not None:
                rows[(a.line, a.speaker, self.published, UNDATED)] = Said(a.speaker, self.published, a.line, UNDATED)
            for fact in self.verdicts(a.line):
                for source in (s for s in fact.sources if s.date):
                    day = facts.parse_iso(source.date)[0]
                    rows[(a.line, a.speaker, day, SOURCE_DATE)] = Said(a.speaker, day, a.line, SOURCE_DATE)
        return sorted(rows.values(), key=lambda r: (r.line, r.date))

    def figures(self) -> list[tuple[str, Figure]]:
        """The report's figures with their captions (drawn by alaloupe.plots)."""
        figures = []
        if self.is_article:  # the gold annotation of module 03 exists for the article only
            scores = {c.line: c.score for c in self.claims}
            gold = {g["line"]: g["checkworthy"] for g in claims.gold()}
            threshold = claims.lexicon()["score"]["threshold"]
            caption = "Check-worthiness score per line (alaloupe.claims.spot) against module 03's gold annotation."
            figures.append((caption, plots.claim_scores(scores, gold, threshold)))
        said = self.timeline_rows()
        if said:
            figures.append(("What was said when, and by whom.", plots.said_when(said)))
        if self.markers:
            figures.append(
                (
                    "Translationese markers per line (strong markers are the stronger evidence).",
                    plots.markers_by_line(self.markers, len(self.lines)),
                )
            )
        return figures

    def to_markdown(self) -> str:
        """The report as Markdown (tables only; the HTML page also carries the figures)."""
        return render_markdown(self)

    def to_html(self) -> str:
        """The report as one self-contained HTML page: inline CSS, figures as embedded PNG, no script, no CDN."""
        return render_html(self)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sources(fact: facts.Fact) -> str:
    return ", ".join(f"{s.publisher}{f' ({s.date})' if s.date else ''}" for s in fact.sources)


SYMBOLS = {"kilometer": "km", "mile": "mi", "nautical_mile": "nmi"}


def _conversions(quantity: quantities.Quantity) -> str:
    if quantity.unit not in LENGTH_UNITS:
        return ""
    shown = [
        f"{french.number(round(quantities.convert(quantity.value, quantity.unit, to)))}\u00a0{SYMBOLS[to]}"
        for to in LENGTH_UNITS
        if to != quantity.unit
    ]
    if quantity.unit == "mile":  # "milles": the English source's statute mile, or the French reader's mille marin
        as_nautical = round(quantities.convert(quantity.value, "nautical_mile", "kilometer"))
        shown.append(f"if read as milles marins: {french.number(as_nautical)}\u00a0km")
    return "; ".join(shown)


def _resolved(mention: dates.DateMention, published: dt.date | None) -> str:
    try:
        period = dates.resolve(mention, published)
    except ValueError:
        return "relative: depends on the publication date"
    if period.first == period.last:
        return french.date(period.first)
    return f"{french.date(period.first)} – {french.date(period.last)} ({period.precision})"


def _entity_rows(found: tuple[entities.Entity, ...]) -> tuple[tuple[str, ...], ...]:
    groups: dict[tuple[str, str], list[entities.Entity]] = {}
    for ent in found:
        groups.setdefault((ent.canonical or ent.text, ent.label), []).append(ent)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(
        (
            name,
            label,
            str(len(mentions)),
            ", ".join(str(n) for n in sorted({e.line for e in mentions})),
            ", ".join(sorted({e.text for e in mentions})),
        )
        for (name, label), mentions in ordered
    )


def build(text: str, *, progress: bool = False) -> Report:
    """Run the whole pipeline on a French text and collect what it finds: one parse, each extractor run once."""
    original = require_text(text)
    text = unicodedata.normalize("NFC", original)  # normalise() keeps offsets only on NFC text
    doc = parse_once(text, progress=progress)
    analysed = claims.analyse(doc)
    article = is_article(original)
    with dates.found_once(text) as found_dates:  # quantities.extract masks the same dates: searched once
        found_quantities = quantities.extract(text)
    return Report(
        text=text,
        is_article=article,
        lines=tuple(text.splitlines()),
        n_sentences=sum(1 for _ in doc.sents),
        n_tokens=sum(1 for t in doc if not t.is_space),
        entities=tuple(entities.from_parsed(doc, text)),
        # found on the normalised text, whose offsets are the text's: quote the words as the text writes them
        quotes=tuple(replace(q, text=text[q.start : q.end]) for q in analysed.quotes),
        attributions=analysed.attributions,
        vague_sources=analysed.vague_sources,
        boilerplate=analysed.boilerplate,
        quantities=tuple(found_quantities),
        dates=tuple(found_dates),
        markers=tuple(translationese(text)),
        claims=tuple(claims.ranked(list(analysed.claims))),
        facts=tuple(facts.load()) if article else (),
        published=facts.estimated_publication_date() if article else None,
    )
