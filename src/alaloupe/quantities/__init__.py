"""Quantities in French text: numbers in digits or words, their units (as pint names), ranges and counts.

`parse_number` reads one French number ("11 000", "3,5", "quatre-vingt-quinze", "10 1/2").
`extract` finds every quantity in a text: lengths, percentages, temperatures, durations and ages, masses,
volumes, speeds, areas, money, fractions, ranges ("de 5 à 15 %") and counted nouns ("16 ogives"). Units are pint
unit names ("kilometer", "mile", "nautical_mile", "percent", "degree_Celsius", "year"); money has its ISO 4217
code ("EUR", "USD", "CHF", "GBP"), a pint unit of the kit's registry that never converts into another currency;
a count has unit None and keeps its noun in `note`. The French unit words live in data/units_fr.json; number
words are read by text2num.
Dates ("octobre 2022", "En novembre dernier") are not quantities: `alaloupe.dates` reads them, and `extract`
leaves their numbers alone.

One pint registry serves the whole kit: `registry()`, `convert()`.

The package, one module a step (each public name is re-exported here):
- `numbers`: French numbers in digits or words → values (`parse_number`), and the lexicon.
- `units`: the pint registry, `convert` and the comparisons (`relative_error`, `percentage_points`,
  `relative_change`); the French unit forms.
- `extraction`: `Quantity` and `extract`.
- `evaluation`: the gold sentences, `score`, and `compare_speed` against spaCy.
"""

from alaloupe.quantities.evaluation import (
    GOLD_TYPES,
    SPLITS,
    GoldSentence,
    SpeedComparison,
    compare_speed,
    gold,
    quantity_type,
    same_quantity,
    score,
)
from alaloupe.quantities.extraction import FRACTION_UNIT, RANGE_NOTE, Quantity, extract
from alaloupe.quantities.numbers import DIGITS_RE, NUMBER_WORDS, WORDS_RE, lexicon, parse_number
from alaloupe.quantities.units import convert, percentage_points, registry, relative_change, relative_error

__all__ = [
    "DIGITS_RE",
    "FRACTION_UNIT",
    "GOLD_TYPES",
    "NUMBER_WORDS",
    "RANGE_NOTE",
    "SPLITS",
    "WORDS_RE",
    "GoldSentence",
    "Quantity",
    "SpeedComparison",
    "compare_speed",
    "convert",
    "extract",
    "gold",
    "lexicon",
    "parse_number",
    "percentage_points",
    "quantity_type",
    "registry",
    "relative_change",
    "relative_error",
    "same_quantity",
    "score",
]
