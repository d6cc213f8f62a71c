"""Bench: what `alaloupe.testing.own_work` costs the code that runs inside it.

The guard installs a profile hook, called on every Python call and every call of a C function while the block
runs. Three workloads, each timed bare and inside `own_work` (guarding the kit's tokenizer and the evaluate module,
as the exercises do): a pure-Python function with many small calls (a student's stack-based quote finder on the
article repeated), the French model parsing a few sentences (what 02 Q2 and 03 Q2 run under the guard), and
setting the guard up and leaving it with an empty body. Medians of the rounds.

    python bench/guard.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable

from clock import seconds

from alaloupe import article, nlp
from alaloupe.testing import own_work

NAMES = ("alaloupe.tokens.tokenize", "alaloupe.tokens.token_spans", "alaloupe.evaluate")
SENTENCES = "\n".join(article.lines()[:4])


def quotes(text: str) -> list[tuple[int, int]]:
    """A student's quote finder: one Python call per character, the worst case for a profile hook."""
    stack: list[int] = []
    found: list[tuple[int, int]] = []

    def close(end: int) -> None:
        found.append((stack.pop(), end))

    for i, char in enumerate(text):
        if char in "«“":
            stack.append(i)
        elif char in "»”" and stack:
            close(i)
        elif char == "\n":
            while stack:
                close(i)
    return found


def guarded(function: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        with own_work(*NAMES):
            return function()

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    long_text = article.load_text() * 20
    model = nlp.load()
    model(SENTENCES)  # warm the model up
    workloads = {
        f"quote finder, {len(long_text):,} characters": lambda: quotes(long_text),
        "fr_core_news_sm on 4 lines": lambda: model(SENTENCES),
        "empty block": lambda: None,
    }
    print(f"{'workload':<40} {'bare':>10} {'guarded':>10} {'ratio':>7}")
    for label, work in workloads.items():
        bare = statistics.median(seconds(work) for _ in range(args.rounds))
        inside = statistics.median(seconds(guarded(work)) for _ in range(args.rounds))
        ratio = f"{inside / bare:.2f}" if bare > 1e-4 else "—"
        print(f"{label:<40} {bare * 1000:>8.2f}ms {inside * 1000:>8.2f}ms {ratio:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
