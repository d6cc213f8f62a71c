"""Bench: the kit's detectors on the real-news pages of data/news/ (furniture, speakers, vague sources,
quantities), scored by alaloupe.news against the annotations (rules in data/news/README.md).

One table per category: counts, precision, recall and F1. The issue's "done when" thresholds are printed next to
the scores they concern. With --errors, every miss and false positive: page, line, expected, got.

    python bench/news.py [--split SPLIT ...] [--errors] [--agreement]
                                                  (a split is a folder of data/news/; default dev)

With --agreement, also how far a split's second, independent annotation (data/news/<split>/second/) agrees with the
first on speakers and vague sources: the bound a detector can be held to.
"""

from __future__ import annotations

import argparse
import sys

from alaloupe import news

# category -> (measure, threshold) of issue 16's "done when" (checked on the held-out split)
TARGETS = {
    "furniture": ("f1", 0.9),
    "speakers": ("precision+recall", 0.95),
    "vague sources": ("recall", 0.9),
    "quantities/money": ("recall", 0.9),
    "quantities/apostrophe thousands": ("recall", 0.9),
    "not quantities/day": ("false positives", 0),
}
GROUPS = (
    ("Furniture (lines)", ("furniture",)),
    (
        "Speakers (attributions)",
        ("speakers", "speakers/name", "speakers/title", "speakers/pronoun", "speakers/organisation", "speakers/vague"),
    ),
    ("Vague sources (recall)", ("vague sources",)),
    (
        "Quantities (recall, value and unit)",
        ("quantities/money", "quantities/apostrophe thousands", "quantities/other"),
    ),
    ("Not quantities (system quantities on spans a reader does not count)", ("not quantities", "not quantities/day")),
)


def verdict(category: str, counts: news.Counts) -> str:
    if category not in TARGETS:
        return ""
    measure, threshold = TARGETS[category]
    if measure == "false positives":
        ok = counts.fp <= threshold
    elif measure == "precision+recall":
        ok = counts.precision >= threshold and counts.recall >= threshold
    else:
        ok = getattr(counts, measure) >= threshold
    return f"{'meets' if ok else 'below'} target {measure} {'=' if measure == 'false positives' else '≥'} {threshold}"


# categories scored by recall only (the gold is the reference; the system's extra finds are not counted here)
RECALL_ONLY = ("speakers/", "vague sources", "quantities/")


def row(category: str, c: news.Counts) -> str:
    """One table row; "-" where a measure is not defined for the category."""
    if category.startswith("not quantities"):
        return f"  {category:34} {'-':>4} {c.fp:4} {'-':>4} {'-':>5} {'-':>5} {'-':>5}  "
    if category.startswith(RECALL_ONLY):
        return f"  {category:34} {c.tp:4} {'-':>4} {c.fn:4} {'-':>5} {c.recall:5.2f} {'-':>5}  "
    return f"  {category:34} {c.tp:4} {c.fp:4} {c.fn:4} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}  "


def table(title: str, categories: tuple[str, ...], counts: dict[str, news.Counts], targets: bool = True) -> None:
    print(f"\n{title}")
    print(f"  {'category':34} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>5} {'R':>5} {'F1':>5}")
    for category in categories:
        c = counts.get(category)
        if c is not None:
            print(row(category, c) + (verdict(category, c) if targets else ""))


def run(split: str, errors: bool) -> None:
    if not news.slugs(split):
        print(f"\n== {split}: no pages in data/news/{split}/")
        return
    scores = news.score(split)
    print(f"\n== {split}: {scores.pages} pages")
    for title, categories in GROUPS:
        table(title, categories, dict(scores.counts))
    if errors:
        print(f"\nErrors ({len(scores.errors)}): page, line, category, expected -> got")
        for e in scores.errors:
            print(f"  {e.page}:{e.line}  {e.category}  {e.expected}  ->  {e.got}")


def run_agreement(split: str, errors: bool) -> None:
    scores = news.agreement(split)
    if not scores.pages:
        print(f"\n== {split}: no second annotation in data/news/{split}/second/")
        return
    print(f"\n== {split}: agreement of the second annotation with the first, {scores.pages} pages")
    print("  (P: share of the second's entries the first also has; R: share of the first's the second also has)")
    table("Speakers", GROUPS[1][1], dict(scores.counts), targets=False)
    c = scores.counts.get("vague sources", news.Counts())
    print(f"\nVague sources: {c.tp} in both, {c.fn} only in the first, {c.fp} only in the second")
    if errors:
        print(f"\nDisagreements ({len(scores.errors)}): page, line, category, first -> second")
        for e in scores.errors:
            print(f"  {e.page}:{e.line}  {e.category}  {e.expected}  ->  {e.got}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", nargs="+", default=["dev"], help="folders of data/news/ (dev, heldout, reserve…)")
    parser.add_argument("--errors", action="store_true", help="list every miss and false positive")
    parser.add_argument("--agreement", action="store_true", help="also score a second annotation against the first")
    args = parser.parse_args(argv)
    for split in args.split:
        run(split, args.errors)
        if args.agreement:
            run_agreement(split, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
