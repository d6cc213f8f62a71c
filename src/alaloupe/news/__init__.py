"""The real-news page set (data/news/, documented in data/news/README.md): load, validate and score its pages.

A page is a French news text as a reader pastes it from a site (furniture lines included) and its annotations.
`pages(split)` loads and validates one split ("dev", "heldout" or any other folder under data/news/); `score(split)`
runs the kit's detectors on each page, once, and compares them with the annotations:

- furniture: precision, recall and F1 over (page, line); empty lines are left out on both sides;
- speakers: per line, a multiset match of the system's speakers with the gold ones (after case-folding,
  accent-stripping and dropping a leading determiner; the gold surname or an `aliases` entry also matches);
  gold "unknown" entries and system "unknown" speakers are left out; precision over the system's attributions
  outside gold furniture lines, recall over gold entries, and recall by `how`;
- vague sources: recall of gold entries by a system vague source on the same line;
- quantities: recall by kind (money, apostrophe thousands, other), a system quantity overlapping the gold text
  with the same value and unit; not_quantities: system quantities overlapping a span a reader does not count.

`agreement(split)` scores a second, independent annotation of a split's speakers and vague sources (in
<split>/second/) against the first by the same rules, made symmetric: how far two annotators agree bounds what a
detector can be asked to reach.

spaCy is imported only when a page is scored, never on import. Two modules: `pages` (loading and validation)
and `scoring` (matching rules, running the detectors, counts); every public name is re-exported here.
"""

from alaloupe.news.pages import (
    CURRENCIES,
    HOWS,
    KINDS,
    SPLITS,
    Annotation,
    Page,
    PageError,
    Spanned,
    Speaker,
    pages,
    parse_page,
    parse_second,
    second_annotations,
    slugs,
    split_folder,
)
from alaloupe.news.scoring import (
    Counts,
    Error,
    Found,
    Scores,
    agree_page,
    agreement,
    detect,
    folded,
    matched,
    quantity_found,
    same_speaker,
    same_unit,
    score,
    score_page,
    system_unit,
)

__all__ = [
    "Annotation",
    "CURRENCIES",
    "Counts",
    "Error",
    "Found",
    "HOWS",
    "KINDS",
    "Page",
    "PageError",
    "SPLITS",
    "Scores",
    "Spanned",
    "Speaker",
    "agree_page",
    "agreement",
    "detect",
    "folded",
    "matched",
    "pages",
    "parse_page",
    "parse_second",
    "quantity_found",
    "same_speaker",
    "same_unit",
    "score",
    "score_page",
    "second_annotations",
    "slugs",
    "split_folder",
    "system_unit",
]
