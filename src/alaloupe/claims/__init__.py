"""Claims: quotes, who said what (attribution), vague sources, boilerplate and a check-worthiness score.

Every function takes any French text (a str) or a spaCy Doc; offsets are character offsets into that text and
lines are 1-based. Lexicons and weights are data: data/lexicons/claims.json and, for page furniture,
data/lexicons/furniture.json (documented in data/README.md).

Three layers, in the order a reader works:
1. `quotes(text)`: which words are between quotation marks, and which quotes are never closed.
2. `attributions(doc)`: reporting verbs (déclarer, estimer, …) or "selon X", their speaker resolved through
   data/kb.json, the medium, the content and whether the speech is direct or indirect.
3. `spot(doc)`: one claim per sentence with a documented check-worthiness score and its reasons.

The package, one module a step (each public name is re-exported here):
- `quoting`: quotes and the stack that pairs their marks; `QuoteIndex`, the quotes by offset.
- `cues`: reporting verbs and "selon"/"d'après", with the subject of each verb in the parse.
- `speakers`: the words that name a speaker, their resolution (KB, earlier names, pronouns), vague sources.
- `naming`: whether a mention can speak (a person, an organisation or institution, a vague source; never a
  pronoun left unresolved, a clause or a quote: then the speaker is `UNKNOWN`), and what it stands for.
- `coreference`: in-document coreference by rules: the people and organisations named, their fullest names,
  genders and apposed titles, and the referent of a pronoun or a title (its docstring lists the limits).
- `attribution`: who said what, direct or indirect, and quotes that go on without a cue.
- `furniture` (a package): boilerplate lines of a pasted page (navigation, bylines, widgets, labels, headlines).
- `checkworthiness`: the features and score of each sentence; `analyse` runs every step once on one text.
- `teaching`: per-line views, agreement with the gold, and the tables lesson 03 prints.
Every step is linear in the length of the text: quotes, people named, speakers and findings are indexed by offset
once per text, so a long text can be analysed as one Doc.
"""

from alaloupe.claims._common import VAGUE, examples, gold, lexicon
from alaloupe.claims.attribution import Attribution, attributions, who_said_what
from alaloupe.claims.checkworthiness import (
    Claim,
    Findings,
    Located,
    analyse,
    explain,
    features,
    line_kinds,
    ranked,
    spot,
    units,
)
from alaloupe.claims.cues import Cue
from alaloupe.claims.furniture import Boilerplate, boilerplate
from alaloupe.claims.naming import UNKNOWN
from alaloupe.claims.quoting import Quote, QuoteIndex, quotes, unclosed
from alaloupe.claims.speakers import EarlierSpeakers, PeopleNamed, VagueSource, resolve_speaker, vague_sources
from alaloupe.claims.teaching import (
    agreement,
    arcs,
    check_example,
    parse_with_model_sentences,
    per_line,
    show,
    verb_subjects,
)

__all__ = [
    "Attribution",
    "Boilerplate",
    "Claim",
    "Cue",
    "EarlierSpeakers",
    "Findings",
    "Located",
    "PeopleNamed",
    "Quote",
    "QuoteIndex",
    "UNKNOWN",
    "VAGUE",
    "VagueSource",
    "agreement",
    "analyse",
    "arcs",
    "attributions",
    "boilerplate",
    "check_example",
    "examples",
    "explain",
    "features",
    "gold",
    "lexicon",
    "line_kinds",
    "parse_with_model_sentences",
    "per_line",
    "quotes",
    "ranked",
    "resolve_speaker",
    "show",
    "spot",
    "unclosed",
    "units",
    "vague_sources",
    "verb_subjects",
    "who_said_what",
]
