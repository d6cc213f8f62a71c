"""Evaluation of `extract`: the gold sentences of data/gold/quantities.json, scores, and speed against spaCy."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.evaluate import Scores
from alaloupe.quantities.extraction import Quantity, extract

GOLD_TYPES = ("length", "percent", "temperature", "duration", "money", "count", "range", "other")


@dataclass(frozen=True)
class GoldSentence:
    """A French sentence of data/gold/quantities.json and the quantities a careful reader finds in it.

    Each gold quantity has a `type` for scoring: the kind of its unit, or "range" for a bound of a range."""

    id: str
    domain: str
    split: str
    text: str
    quantities: tuple[tuple[Quantity, str], ...]


@cache
def _gold() -> tuple[GoldSentence, ...]:
    raw = data.load("gold", "quantities.json")
    sentences = []
    for entry in raw["sentences"]:
        items = tuple(
            (Quantity(q["text"], q["start"], q["end"], float(q["value"]), q["unit"], q.get("note", "")), q["type"])
            for q in entry["quantities"]
        )
        for quantity, _ in items:
            if entry["text"][quantity.start : quantity.end] != quantity.text:
                raise ValueError(f"data/gold/quantities.json, {entry['id']}: span of {quantity.text!r} is wrong")
        sentences.append(GoldSentence(entry["id"], entry["domain"], entry["split"], entry["text"], items))
    return tuple(sentences)


SPLITS = ("development", "held-out")


def gold(split: str | None = None) -> list[GoldSentence]:
    """The gold sentences (news, weather, recipes, sport, science; some without any quantity).

    split="development": the sentences written while building `extract`; split="held-out": sentences written
    after it was frozen and never used to tune it (an honest estimate); None: both.
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS} or None, not {split!r}")
    return [s for s in _gold() if split is None or s.split == split]


def quantity_type(quantity: Quantity) -> str:
    """The scoring type of an extracted quantity: "range" for a range bound, else its kind."""
    return "range" if quantity.in_range else quantity.kind


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Same span, same unit, same value (to 1e-9): what a match means when scoring."""
    return (a.start, a.end, a.unit) == (b.start, b.end, b.unit) and math.isclose(a.value, b.value, rel_tol=1e-9)


def score(sentences: list[GoldSentence] | None = None) -> dict[str, Scores]:
    """Precision and recall of `extract` on the gold sentences, per type and overall ("all").

    A prediction is right when span, value and unit all match a gold quantity. Recall is counted under the
    gold type, precision under the predicted type (a false positive has no gold type).
    """
    counts = {kind: [0, 0, 0] for kind in (*GOLD_TYPES, "all")}  # tp, fp, fn
    for sentence in sentences if sentences is not None else gold():
        predicted = extract(sentence.text)
        for quantity, kind in sentence.quantities:
            hit = any(same_quantity(quantity, p) for p in predicted)
            counts[kind][0 if hit else 2] += 1
            counts["all"][0 if hit else 2] += 1
        for p in predicted:
            if not any(same_quantity(g, p) for g, _ in sentence.quantities):
                counts[quantity_type(p)][1] += 1
                counts["all"][1] += 1
    return {kind: Scores.from_counts(*c) for kind, c in counts.items() if any(c)}


@dataclass(frozen=True)
class SpeedComparison:
    """Best-of-`repeat` wall time of `extract` and of spaCy's `nlp.pipe` on the same texts, in the same run."""

    n_texts: int
    n_chars: int
    extract_seconds: float
    spacy_seconds: float

    @property
    def ratio(self) -> float:
        """How many times faster `extract` is than running the spaCy pipeline on the same texts."""
        return self.spacy_seconds / self.extract_seconds


def compare_speed(texts: Sequence[str], nlp, repeat: int = 5) -> SpeedComparison:
    """Time `extract` on every text against `list(nlp.pipe(texts))`, alternating, keeping each one's best run.

    Both are warmed up first on the first text (pint's registry, spaCy's first call). Model loading is not timed.
    """
    texts = [require_text(t) for t in texts]
    if not texts or repeat < 1:
        raise ValueError("need at least one text and repeat >= 1")

    def run_extract(batch: list[str]) -> None:
        for text in batch:
            extract(text)

    def run_spacy(batch: list[str]) -> None:
        list(nlp.pipe(batch))

    best = {run_extract: math.inf, run_spacy: math.inf}
    for run in best:
        run(texts[:1])
    for _ in range(repeat):
        for run in best:
            start = time.perf_counter()
            run(texts)
            best[run] = min(best[run], time.perf_counter() - start)
    return SpeedComparison(len(texts), sum(map(len, texts)), best[run_extract], best[run_spacy])
