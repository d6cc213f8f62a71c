"""For the lesson and the evaluation: per-line views, agreement with the gold, the parse under the model's own
sentences, and plain-text tables."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.article import load_text
from alaloupe.claims.attribution import Attribution, attributions
from alaloupe.claims.checkworthiness import Claim, _line_kinds, analyse, spot
from alaloupe.claims.furniture import boilerplate
from alaloupe.claims.quoting import quotes
from alaloupe.claims.speakers import vague_sources
from alaloupe.nlp import as_doc, text_of
from alaloupe.nlp import load as load_pipeline
from alaloupe.text import line_index


def per_line(doc_or_text: Doc | str) -> list[dict[str, Any]]:
    """One row per non-empty line: kind, speaker, cue and medium of its first attribution, score and flag."""
    doc = as_doc(doc_or_text)
    found = analyse(doc)
    first: dict[int, Attribution] = {}
    for a in found.attributions:
        first.setdefault(a.line, a)
    scored: dict[int, Claim] = {}
    for c in found.claims:
        if c.line not in scored or c.score > scored[c.line].score:
            scored[c.line] = c
    rows = []
    for number, kind in _line_kinds(text_of(doc), list(found.attributions), list(found.boilerplate)).items():
        a = first.get(number) if kind in ("direct", "indirect") else None
        c = scored.get(number)
        rows.append(
            {
                "line": number,
                "kind": kind,
                "speaker": a.speaker if a else None,
                "cue": a.cue if a else None,
                "medium": a.medium if a else None,
                "checkworthy": c.checkworthy if c else False,
                "score": c.score if c else 0.0,
            }
        )
    return rows


def agreement(
    predicted: list[dict[str, Any]],
    expected: list[dict[str, Any]],
    fields: tuple[str, ...] = ("speaker", "kind", "checkworthy"),
) -> dict[str, tuple[int, int]]:
    """For each field, (lines where predicted == expected, lines compared), matching rows by their "line"."""
    by_line = {row["line"]: row for row in predicted}
    result = {}
    for field in fields:
        pairs = [(by_line.get(row["line"], {}).get(field), row[field]) for row in expected]
        result[field] = (sum(p == e for p, e in pairs), len(pairs))
    return result


def check_example(example: dict[str, Any]) -> dict[str, bool]:
    """Run quotes, attributions, vague_sources, boilerplate and spot on one example; which parts match."""
    example = data.thawed(example)
    text = example["text"]
    got_quotes = [
        {"text": q.text, "open_mark": q.open_mark, "closed": q.closed, "depth": q.depth} for q in quotes(text)
    ]
    got_attr = [{"speaker": a.speaker, "cue": a.cue, "kind": a.kind, "content": a.content} for a in attributions(text)]
    return {
        "quotes": got_quotes == example["quotes"],
        "attributions": got_attr == example["attributions"],
        "vague_sources": [v.text for v in vague_sources(text)] == example["vague_sources"],
        "boilerplate": [b.line for b in boilerplate(text)] == example["boilerplate_lines"],
        "checkworthy": [c.line for c in spot(text) if c.checkworthy] == example["checkworthy_lines"],
    }


def parse_with_model_sentences(text: str | None = None) -> Doc:
    """`text` (default: the article) parsed by the cached pipeline WITHOUT the kit's newline-sentence component.

    The component is disabled for this call only, so the cached pipeline is not changed.
    """
    text = load_text() if text is None else require_text(text)
    return load_pipeline()(text, disable=["line_sentences"])


def arcs(doc: Doc, line: int, words: int = 8) -> list[dict[str, Any]]:
    """The first `words` tokens of a line with their dependency label and head (and the head's line)."""
    lines = line_index(text_of(doc))
    start = lines.start_of(line)
    tokens = [t for t in doc if t.idx >= start and not t.is_space][:words]
    return [
        {"token": t.text, "dep": t.dep_, "head": t.head.text, "head_line": lines.line_of(t.head.idx)} for t in tokens
    ]


def verb_subjects(doc: Doc, line: int) -> list[dict[str, Any]]:
    """Every token of a line that has a subject (nsubj) in the parse, with that subject and the subject's line."""
    text = text_of(doc)
    lines = line_index(text)
    start = lines.start_of(line)
    end = start + len(text.split("\n")[line - 1])
    return [
        {"verb": t.text, "verb_line": line, "subject": c.text, "subject_line": lines.line_of(c.idx)}
        for t in doc
        if start <= t.idx < end
        for c in t.children
        if c.dep_ == "nsubj"
    ]


def show(rows: list[dict[str, Any]], columns: tuple[str, ...] | None = None, width: int = 60) -> str:
    """Rows of dicts as an aligned plain-text table (long cells cut at `width` characters with …)."""
    if not rows:
        return "(no rows)"
    columns = columns or tuple(rows[0])

    def cell(value: Any) -> str:
        text = "—" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    sizes = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(s) for c, s in zip(columns, sizes, strict=True)).rstrip()]
    lines.append("  ".join("-" * s for s in sizes))
    lines.extend("  ".join(v.ljust(s) for v, s in zip(r, sizes, strict=True)).rstrip() for r in cells)
    return "\n".join(lines)
