"""Evaluating entity spans against a gold standard: precision, recall, F1, per label, confusion, mismatches.

A span is (start, end, label) in character offsets, end exclusive. Every function accepts kit `Entity`
objects, spaCy `Span`s (doc.ents) or plain (start, end, label) tuples, mixed freely.

- strict: a prediction is right only if start, end and label all equal a gold span's;
- partial: a prediction is right if it overlaps an unmatched gold span with the same label (one-to-one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Span = tuple[int, int, str]
Mode = Literal["strict", "partial"]
NONE = "—"  # the row/column of the confusion table for "no span"


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts they come from (0.0 when a ratio is 0/0)."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> Scores:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, tp, fp, fn)

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


@dataclass(frozen=True)
class Mismatch:
    """One disagreement: kind is 'label', 'boundary', 'boundary+label', 'spurious' or 'missed'."""

    kind: str
    gold: Span | None
    pred: Span | None


def as_span(item: Any) -> Span:
    """(start, end, label) from an Entity, a spaCy Span or a 3-tuple; anything else is refused."""
    if isinstance(item, tuple) and len(item) == 3:
        start, end, label = item
    elif hasattr(item, "start_char") and hasattr(item, "label_"):  # spaCy Span
        start, end, label = item.start_char, item.end_char, item.label_
    elif all(hasattr(item, name) for name in ("start", "end", "label")):
        start, end, label = item.start, item.end, item.label
    else:
        raise TypeError(f"expected an Entity, a spaCy Span or a (start, end, label) tuple, not {item!r}")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)) or not 0 <= start < end:
        raise ValueError(f"not a valid span (start < end, ints, str label): {item!r}")
    return (start, end, label)


def as_spans(items: Iterable[Any]) -> list[Span]:
    if isinstance(items, str | bytes) or items is None:
        raise TypeError("expected a collection of spans, not a single str/bytes/None")
    return [as_span(item) for item in items]


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _partial_matches(gold: list[Span], pred: list[Span]) -> list[tuple[Span, Span]]:
    """Pairs (gold, pred) that overlap with the same label, each span used once, in text order."""
    free = sorted(gold)
    pairs = []
    for p in sorted(pred):
        for g in free:
            if g[2] == p[2] and _overlap(g, p):
                pairs.append((g, p))
                free.remove(g)
                break
    return pairs


def prf(gold: Iterable[Any], pred: Iterable[Any], *, mode: Mode = "strict") -> Scores:
    """Precision, recall and F1 of `pred` against `gold`, strict (exact span and label) or partial (overlap)."""
    gold_spans, pred_spans = as_spans(gold), as_spans(pred)
    if mode == "strict":
        tp = sum((Counter(gold_spans) & Counter(pred_spans)).values())
    elif mode == "partial":
        tp = len(_partial_matches(gold_spans, pred_spans))
    else:
        raise ValueError(f"mode must be 'strict' or 'partial', not {mode!r}")
    return Scores.from_counts(tp, len(pred_spans) - tp, len(gold_spans) - tp)


def prf_corpus(pairs: Iterable[tuple[Iterable[Any], Iterable[Any]]], *, mode: Mode = "strict") -> Scores:
    """Micro-averaged scores over several texts: `pairs` is (gold, pred) per text; the counts are summed."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        scores = prf(gold, pred, mode=mode)
        tp, fp, fn = tp + scores.tp, fp + scores.fp, fn + scores.fn
    return Scores.from_counts(tp, fp, fn)


def per_label(gold: Iterable[Any], pred: Iterable[Any], *, mode: Mode = "strict") -> dict[str, Scores]:
    """Scores for each label found in gold or pred, in alphabetical order."""
    gold_spans, pred_spans = as_spans(gold), as_spans(pred)
    labels = sorted({s[2] for s in gold_spans} | {s[2] for s in pred_spans})
    return {
        label: prf([s for s in gold_spans if s[2] == label], [s for s in pred_spans if s[2] == label], mode=mode)
        for label in labels
    }


def _align(gold: list[Span], pred: list[Span]) -> list[tuple[Span | None, Span | None]]:
    """Pair gold and predicted spans: same offsets first, then any overlap; the rest stay alone."""
    pairs: list[tuple[Span | None, Span | None]] = []
    free_gold, free_pred = sorted(gold), sorted(pred)
    for g in list(free_gold):
        same = next((p for p in free_pred if p[:2] == g[:2]), None)
        if same:
            pairs.append((g, same))
            free_gold.remove(g)
            free_pred.remove(same)
    for g in list(free_gold):
        near = next((p for p in free_pred if _overlap(g, p)), None)
        if near:
            pairs.append((g, near))
            free_gold.remove(g)
            free_pred.remove(near)
    pairs += [(g, None) for g in free_gold] + [(None, p) for p in free_pred]
    return sorted(pairs, key=lambda pair: (pair[0] or pair[1])[0])


def confusion(gold: Iterable[Any], pred: Iterable[Any]) -> dict[str, dict[str, int]]:
    """Counts of gold label (rows) against predicted label (columns) for aligned spans.

    Spans are aligned by offsets (exact, else overlapping). A gold span with no prediction counts in column
    "—"; a prediction with no gold span counts in row "—". Boundaries are ignored: see `mismatches`.
    """
    pairs = _align(as_spans(gold), as_spans(pred))
    labels = sorted({s[2] for pair in pairs for s in pair if s})
    keys = [*labels, NONE]
    table = {row: dict.fromkeys(keys, 0) for row in keys}
    for g, p in pairs:
        table[g[2] if g else NONE][p[2] if p else NONE] += 1
    return table


def mismatches(gold: Iterable[Any], pred: Iterable[Any]) -> list[Mismatch]:
    """Every disagreement between gold and pred, in text order, with its kind."""
    found = []
    for g, p in _align(as_spans(gold), as_spans(pred)):
        if g is None:
            found.append(Mismatch("spurious", None, p))
        elif p is None:
            found.append(Mismatch("missed", g, None))
        elif g != p:
            kind = "label" if g[:2] == p[:2] else "boundary" if g[2] == p[2] else "boundary+label"
            found.append(Mismatch(kind, g, p))
    return found


def format_confusion(table: dict[str, dict[str, int]]) -> str:
    """The confusion table as aligned text: rows = gold, columns = predicted."""
    keys = list(table)
    lines = ["gold \\ pred " + "".join(f"{k:>6}" for k in keys)]
    lines += [f"{row:<12}" + "".join(f"{table[row][col]:>6}" for col in keys) for row in keys]
    return "\n".join(lines)


def format_scores(rows: dict[str, Scores]) -> str:
    """A table of named Scores (for example per_label's result), aligned for printing."""
    width = max([len(name) for name in rows] + [6])
    lines = [f"{'':<{width}}  precision  recall     F1   tp   fp   fn"]
    for name, s in rows.items():
        lines.append(
            f"{name:<{width}}  {s.precision:>9.3f}  {s.recall:>6.3f}  {s.f1:>5.3f}  {s.tp:>3}  {s.fp:>3}  {s.fn:>3}"
        )
    return "\n".join(lines)


def format_mismatches(found: list[Mismatch], text: str) -> str:
    """One disagreement per row, with the line and the words of the gold and the predicted span."""

    def shown(span: Span | None) -> str:
        return f"{text[span[0] : span[1]]!r} {span[2]}" if span else "—"

    rows = [f"{'line':>4}  {'kind':<15} {'gold':<32} predicted"]
    for m in found:
        start = (m.gold or m.pred)[0]
        rows.append(f"{text.count(chr(10), 0, start) + 1:>4}  {m.kind:<15} {shown(m.gold):<32} {shown(m.pred)}")
    return "\n".join(rows)
