"""The kit's one pint registry, conversions and the arithmetic of comparisons, and the French unit forms.

`registry()` and `convert()` serve the whole kit; `relative_error`, `percentage_points` and `relative_change`
are the comparisons lesson 04 teaches. `_unit_forms` compiles the French unit words of data/units_fr.json.

Money: each currency of data/units_fr.json ("EUR", "USD", "CHF", "GBP", "XOF") is a pint unit named by its ISO
4217 code, with a dimension of its own ([currency_EUR] …). pint therefore converts within a currency and refuses,
with a DimensionalityError, to convert between two: an exchange rate is a dated fact, not a unit definition.
"percentage_point" (the difference of two percentages, 0.01 like "percent") is defined too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pint

from alaloupe._checks import require_text
from alaloupe.quantities.numbers import lexicon


@cache
def registry() -> pint.UnitRegistry:
    """The kit's single pint UnitRegistry, created on first use.

    pint caches its parsed unit definitions in the user's cache folder (`cache_folder=":auto:"`), which makes
    later start-ups several times faster; where that folder is not writable, the registry is built without it.
    """
    try:
        ureg = pint.UnitRegistry(cache_folder=":auto:")
    except OSError:
        ureg = pint.UnitRegistry()
    for code in lexicon()["currencies"]:
        ureg.define(f"{code} = [currency_{code}]")
    ureg.define("percentage_point = 0.01")
    return ureg


def _number(value: object, what: str) -> float:
    """`value` if it is an int or a float (not a bool), else a TypeError that names it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    return value


def convert(value: float, unit: str, to: str) -> float:
    """`value` in pint unit `unit`, expressed in unit `to`: convert(11000, "mile", "kilometer") -> 17702.784."""
    value = _number(value, "value")
    ureg = registry()
    return float(ureg.Quantity(value, require_text(unit, "unit")).to(require_text(to, "unit")).magnitude)


def relative_error(claimed: float, reference: float) -> float:
    """(claimed - reference) / reference: +0.13 means the claim is 13 % too high."""
    claimed, reference = _number(claimed, "claimed"), _number(reference, "reference")
    if reference == 0:
        raise ValueError("the reference is 0: a relative error is undefined")
    return (claimed - reference) / reference


def percentage_points(before: float, after: float) -> float:
    """The change between two percentages in percentage points: 5 % -> 15 % is +10 points."""
    return _number(after, "after") - _number(before, "before")


def relative_change(before: float, after: float) -> float:
    """The relative change between two values: 5 -> 15 is +2.0 (+200 %, a tripling)."""
    before, after = _number(before, "before"), _number(after, "after")
    if before == 0:
        raise ValueError("the starting value is 0: a relative change is undefined")
    return (after - before) / before


@dataclass(frozen=True)
class _UnitForm:
    form: str
    unit: str
    note: str
    pattern: re.Pattern[str]
    factor: float = 1  # "M€" is a million euros
    proper: bool = False  # a capitalised form (Celsius, EUR): a capital in the text is not a title's
    after_multiplier: bool = False  # read only after "millions de": "553 millions de livres" (pounds), not "3 livres"

    def titled(self, written: str) -> bool:
        """Whether a word unit is written with a capital it does not have: "60 Minutes" names a programme."""
        word = written.strip()
        return not self.proper and word[:1].isupper() and not word.isupper() and self.form[:1].isalpha()


@cache
def _unit_forms() -> tuple[_UnitForm, ...]:
    forms = []
    for entry in lexicon()["units"]:
        for form in entry["forms"]:
            # Symbols keep their case ("m" is not "M"); words ignore it. A unit ends where letters end.
            flags = re.IGNORECASE if len(form) > 2 and form[0].isalpha() else 0
            tail = r"(?![\w'’-])" if form[-1].isalnum() else ""
            body = re.escape(form).replace(r"\ ", r"\s+")
            pattern = re.compile(rf"\s*{body}{tail}", flags)
            proper = any(c.isupper() for c in form)
            factor = entry.get("factor", 1)
            only_after = entry.get("after_multiplier", False)
            forms.append(_UnitForm(form, entry["unit"], entry.get("note", ""), pattern, factor, proper, only_after))
    return tuple(sorted(forms, key=lambda f: -len(f.form)))  # longest first: "milles marins" before "milles"


@cache
def _unit_forms_by_first() -> dict[str, tuple[_UnitForm, ...]]:
    """The unit forms by their first character, lower-cased, each group still longest first: after a number only
    the forms that can start with the next character are tried."""
    groups: dict[str, list[_UnitForm]] = {}
    for form in _unit_forms():
        groups.setdefault(form.form[0].lower(), []).append(form)
    return {first: tuple(forms) for first, forms in groups.items()}
