"""The fact-check report: the whole pipeline on any French text, and its translationese detector.

Translationese markers come from data/translationese.json (a documented lexicon of regular expressions,
each with a strength and an explanation); they are matched on the normalised text, whose offsets are the
original text's offsets.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from dataclasses import dataclass
from functools import cache

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from spacy.tokens import Doc
from tqdm import tqdm

from alaloupe import plots
from alaloupe._checks import require_text
from alaloupe.article import is_article, line_of
from alaloupe.nlp import load
from alaloupe.paths import data_file
from alaloupe.tokens import normalise

STRENGTHS = ("strong", "weak")


@dataclass(frozen=True)
class MarkerRule:
    """One entry of data/translationese.json."""

    id: str
    kind: str
    pattern: re.Pattern[str]
    strength: str
    english: str
    french: str
    explanation: str


@dataclass(frozen=True)
class Marker:
    """A translationese marker found in a text: where, which rule, how strong, and why it matters."""

    text: str
    start: int
    end: int
    line: int
    rule: str
    kind: str
    strength: str
    english: str
    french: str
    explanation: str


@cache
def lexicon() -> tuple[MarkerRule, ...]:
    """The rules of data/translationese.json, compiled."""
    raw = json.loads(data_file("translationese.json").read_text(encoding="utf-8"))["markers"]
    rules = []
    for entry in raw:
        if entry["strength"] not in STRENGTHS:
            raise ValueError(f"data/translationese.json: {entry['id']} has strength {entry['strength']!r}")
        flags = re.IGNORECASE if "i" in entry.get("flags", "") else 0
        rules.append(
            MarkerRule(
                id=entry["id"],
                kind=entry["kind"],
                pattern=re.compile(entry["pattern"], flags),
                strength=entry["strength"],
                english=entry["english"],
                french=entry["french"],
                explanation=entry["explanation"],
            )
        )
    return tuple(rules)


def translationese(text: str) -> list[Marker]:
    """Every translationese marker in `text`, in text order (offsets into `text`, 1-based line numbers).

    >>> [m.text for m in translationese("Sergie Lavrov a parlé à Kiev.")]
    ['Sergie', 'Kiev']
    """
    text = require_text(text)
    searched = normalise(text)  # same length as text: offsets stay valid
    found = []
    for rule in lexicon():
        for match in rule.pattern.finditer(searched):
            end = match.start() + len(match.group().rstrip())  # a lookahead may leave a trailing space
            found.append(
                Marker(
                    text=text[match.start() : end],
                    start=match.start(),
                    end=end,
                    line=line_of(match.start(), text),
                    rule=rule.id,
                    kind=rule.kind,
                    strength=rule.strength,
                    english=rule.english,
                    french=rule.french,
                    explanation=rule.explanation,
                )
            )
    return sorted(found, key=lambda m: (m.start, m.end))


# --- The report ---------------------------------------------------------------------------------------------

CHUNK_LINES = 40  # lines per nlp.pipe chunk: the progress bar's step; the article is one chunk
HUMAN_VERDICTS = (
    "This is not the kit's article, so no verdict is attached: the pipeline finds what to check, "
    "a person must check it against sources."
)
ARTICLE_VERDICTS = (
    "This is the kit's article (recognised by its checksum): verdicts and references come from data/facts.json, "
    "where people wrote them after reading the sources."
)


@dataclass(frozen=True)
class Table:
    """A titled table of strings, rendered as Markdown or HTML."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


def parse_once(text: str, *, progress: bool = False) -> Doc:
    """One Doc for the whole (normalised) text, parsed once with nlp.pipe over chunks of lines.

    Chunks end at a newline, which is already a hard sentence boundary, and Doc.from_docs joins them
    back, so doc.text == normalise(text) and every offset is an offset into `text`.
    """
    normalised = normalise(require_text(text))
    lines = normalised.splitlines(keepends=True)
    chunks = ["".join(lines[i : i + CHUNK_LINES]) for i in range(0, len(lines), CHUNK_LINES)]
    bar = tqdm(total=len(lines), unit="line", desc="parsing", disable=not progress or len(chunks) < 2)
    docs = []
    for doc in load().pipe(chunks):
        docs.append(doc)
        bar.update(min(CHUNK_LINES, len(lines) - bar.n))
    bar.close()
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


@dataclass(frozen=True)
class Report:
    """What the pipeline found in one French text. Build it with `build(text)`."""

    text: str
    is_article: bool
    lines: tuple[str, ...]
    n_sentences: int
    n_tokens: int
    markers: tuple[Marker, ...]

    @property
    def strong_markers(self) -> tuple[Marker, ...]:
        return tuple(m for m in self.markers if m.strength == "strong")

    def summary(self) -> list[str]:
        """The report's findings in a few sentences, most important first."""
        strong, weak = len(self.strong_markers), len(self.markers) - len(self.strong_markers)
        found = [
            f"{len(self.lines)} lines, {self.n_sentences} sentences, {self.n_tokens} tokens.",
            f"Translationese: {strong} strong and {weak} weak markers"
            + (" — the text reads like a translation from English." if strong >= 2 else "."),
        ]
        found.append(ARTICLE_VERDICTS if self.is_article else HUMAN_VERDICTS)
        return found

    def tables(self) -> list[Table]:
        """Every section of the report as a table, in reading order."""
        return [
            Table(
                "Translationese markers",
                ("line", "marker", "strength", "English", "French would say", "why"),
                tuple((str(m.line), m.text, m.strength, m.english, m.french, m.explanation) for m in self.markers),
                note="Lexicon: data/translationese.json. Weak markers also occur in texts written in French.",
            ),
        ]

    def figures(self) -> list[tuple[str, Figure]]:
        """The report's figures with their captions (drawn by alaloupe.plots)."""
        figures = []
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


def build(text: str, *, progress: bool = False) -> Report:
    """Run the whole pipeline on a French text and collect what it finds. The text is parsed once."""
    text = require_text(text)
    doc = parse_once(text, progress=progress)
    return Report(
        text=text,
        is_article=is_article(text),
        lines=tuple(text.splitlines()),
        n_sentences=sum(1 for _ in doc.sents),
        n_tokens=sum(1 for t in doc if not t.is_space),
        markers=tuple(translationese(text)),
    )


# --- Rendering ----------------------------------------------------------------------------------------------


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    out = ["# alaloupe report", ""]
    out += [f"- {line}" for line in report.summary()]
    out += ["", "## The text", "", "```"]
    out += [f"{n:>3} | {line}" for n, line in enumerate(report.lines, start=1)]
    out += ["```"]
    for table in report.tables():
        out += ["", f"## {table.title}", ""]
        if table.note:
            out += [f"*{table.note}*", ""]
        if not table.rows:
            out += ["(none found)"]
            continue
        out += ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
        out += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; max-width: 1100px;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.8em;
       border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.summary li { margin: 0.2em 0; } .note { color: #555; font-style: italic; }
.notice { background: #fff8e1; border-left: 4px solid #f0b400; padding: 0.6em 1em; }
.text { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; white-space: pre-wrap;
        background: #f7f7f7; padding: 0.8em; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 0.5em 0; }
th, td { border: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } tr:nth-child(even) td { background: #fafafa; }
td.strong { color: #a40000; font-weight: 600; } td.weak { color: #7a6000; }
figure { margin: 1em 0; } figure img { max-width: 100%; } figcaption { color: #555; font-size: 13px; }
"""


def render_html(report: Report) -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>alaloupe report</title><style>{CSS}</style></head><body>",
        "<h1>alaloupe report</h1>",
        '<ul class="summary">' + "".join(f"<li>{esc(line)}</li>" for line in report.summary()) + "</ul>",
        "<h2>The text</h2>",
        '<div class="text" lang="fr">'
        + "\n".join(f"{n:>3} | {esc(line)}" for n, line in enumerate(report.lines, start=1))
        + "</div>",
    ]
    for table in report.tables():
        parts.append(f"<h2>{esc(table.title)}</h2>")
        if table.note:
            parts.append(f'<p class="note">{esc(table.note)}</p>')
        if not table.rows:
            parts.append("<p>(none found)</p>")
            continue
        head = "".join(f"<th>{esc(c)}</th>" for c in table.columns)
        body = "".join(
            "<tr>" + "".join(f'<td class="{esc(c) if c in STRENGTHS else ""}">{esc(c)}</td>' for c in row) + "</tr>"
            for row in table.rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    for caption, figure in report.figures():
        parts.append(f'<figure><img alt="{esc(caption)}" src="data:image/png;base64,{_png_base64(figure)}">')
        parts.append(f"<figcaption>{esc(caption)}</figcaption></figure>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _png_base64(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
