"""The fact-check report: the whole pipeline on any French text, and its translationese detector.

- `markers`: translationese markers (data/translationese.json) and `translationese(text)`.
- `building`: `build(text)` parses the text once and runs every extractor once; the `Report` it returns holds what
  was found, with its tables and figures.
- `rendering`: the report as Markdown, and as one self-contained HTML page from jinja2 templates (templates/).
- `french`: numbers and dates formatted for a French reader with Babel.
"""

from alaloupe.report.building import (
    ARTICLE_VERDICTS,
    HUMAN_VERDICTS,
    NEEDS_A_HUMAN,
    SOURCE_DATE,
    TEXT_DATE,
    UNDATED,
    Report,
    Said,
    against_the_english,
    build,
    lateral_reading,
    parse_once,
)
from alaloupe.report.markers import STRENGTHS, Marker, MarkerRule, lexicon, translationese
from alaloupe.report.rendering import Table, render_html, render_markdown

__all__ = [
    "ARTICLE_VERDICTS",
    "HUMAN_VERDICTS",
    "NEEDS_A_HUMAN",
    "SOURCE_DATE",
    "STRENGTHS",
    "TEXT_DATE",
    "UNDATED",
    "Marker",
    "MarkerRule",
    "Report",
    "Said",
    "Table",
    "against_the_english",
    "build",
    "lateral_reading",
    "lexicon",
    "parse_once",
    "render_html",
    "render_markdown",
    "translationese",
]
