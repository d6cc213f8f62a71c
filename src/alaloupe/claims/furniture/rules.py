"""What one line says on its own: the furniture lexicon's patterns and section labels (no parse, no context)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.claims.furniture.literals import required_literals

_LABEL_SEPARATORS = re.compile(r"[\s>/|›»•·:–-]+")
_CRUMB_SEPARATORS = re.compile(r"\s[>›|/»]\s|\s?[>›|]\s?")
_CRUMB_SIGNS = re.compile(r"[>›|/]")  # a breadcrumb has at least two parts, so one of its separators
_LABEL_FUNCTION_WORDS = frozenset({"à", "la", "le", "les", "l'", "une", "en", "et", "&", "de", "des", "du"})


@cache
def furniture_lexicon() -> dict[str, Any]:
    """The furniture lexicon and thresholds of data/lexicons/furniture.json."""
    return data.load("lexicons", "furniture.json")


_ESCAPE = re.compile(r"\\.")  # an escape (\W, \d …): its letter is not a letter of the text


def _lower_case(pattern: str) -> bool:
    """True when a pattern has no upper-case letter outside its escapes (\\W, \\d, (?P<…>) are allowed)."""
    bare = _ESCAPE.sub("", pattern).replace("(?P<", "(?<")
    return bare == bare.lower()


def _precheck(pattern: str) -> tuple[str, ...] | None:
    """The strings one of which a line needs before `pattern` is searched in it, for a pattern that reads the whole
    line (one that does not start with ^, or starts with a lookahead): a few `in` tests cost less than its search.
    None for a pattern anchored at the start, which fails at once on most lines."""
    if pattern.startswith("^") and not pattern.startswith("^(?="):
        return None
    return required_literals(pattern)


@cache
def _patterns() -> tuple[tuple[str, int | None, tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...]], ...]:
    """(kind, its thresholds.max_words or None, its (compiled pattern, precheck) pairs) for every kind of the
    lexicon, in the order of the file. The lines are lower-cased before the search and the patterns are written in
    lower case, so they are compiled without re.IGNORECASE (which makes every search about 1.4 times slower)."""
    most = furniture_lexicon()["thresholds"]["max_words"]
    compiled = []
    for kind, patterns in furniture_lexicon()["patterns"].items():
        for pattern in patterns:
            if not _lower_case(pattern):
                raise ValueError(f"furniture.json: a {kind} pattern has an upper-case letter: {pattern!r}")
        pairs = tuple((re.compile(pattern), _precheck(pattern)) for pattern in patterns)
        compiled.append((kind, most.get(kind), pairs))
    return tuple(compiled)


@cache
def _labels() -> frozenset[str]:
    return frozenset(furniture_lexicon()["section_labels"])


def normalised(line: str) -> str:
    """The line as the rules read it: lower-cased, ’ read as ', spaces collapsed, stripped."""
    line = require_text(line, "line", allow_empty=True)
    return " ".join(line.lower().replace("\u2019", "'").split())  # split() cuts where \s+ does, and strips


_WORD = re.compile(r"\S*[^\W_]\S*")  # a run of characters between spaces that holds a letter or a digit


def words(line: str) -> int:
    """How many words a line has (runs of characters between spaces with a letter or a digit: not "&" or "|")."""
    return len(_WORD.findall(line))


def ends_with_punctuation(line: str) -> bool:
    """True when the line ends like a sentence (., !, ?, …, or a closing quote)."""
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in furniture_lexicon()["final_punctuation"]


def _section_labels(lowered: str) -> bool:
    """True when a short line is made only of section labels ("Monde Politique", "Accueil > Économie")."""
    parts = [p.strip(".,;:!?\"'«» ") for p in _LABEL_SEPARATORS.split(lowered)]
    parts = [p for p in parts if p]
    if not parts or len(parts) > furniture_lexicon()["thresholds"]["label_max_words"]:
        return False
    labels = _labels()
    return all(p in labels or p in _LABEL_FUNCTION_WORDS for p in parts) and any(p in labels for p in parts)


def _breadcrumb(lowered: str) -> bool:
    """True for a path of sections ("Accueil > Monde > Caraïbes", "Actualité | RDC | Justice"): parts of at most
    three words between > › | or /, at least one of them a section label."""
    parts = [p.strip() for p in _CRUMB_SEPARATORS.split(lowered)]
    if len(parts) < 2 or any(not p or words(p) > 3 for p in parts):
        return False
    return any(p in _labels() or any(w in _labels() for w in p.split()) for p in parts)


def line_rule(line: str) -> str | None:
    """The reason a line is furniture on its own (a pattern of the lexicon or section labels), or None.

    A pattern of a kind listed in thresholds.max_words counts only on a line of at most that many words.

    The reason names the kind of furniture and quotes the words that show it, e.g. "credit: 'photo :'" (a pattern's
    group named `shown`, when it has one, or the whole match, cut at 50 characters).
    """
    lowered = normalised(line)
    if not lowered:
        return None
    size = words(lowered)
    for kind, most, patterns in _patterns():
        if most is not None and size > most:
            continue
        for pattern, needs in patterns:
            if needs is not None:  # (a plain loop: any() over a generator costs more than most searches)
                for need in needs:
                    if need in lowered:
                        break
                else:
                    continue
            match = pattern.search(lowered)
            if match:
                shown = (match.groupdict().get("shown") or match.group(0)).strip() or lowered
                shown = shown if len(shown) <= 50 else shown[:49] + "…"
                return f"{kind.replace('_', ' ')}: '{shown}'"
    if size <= furniture_lexicon()["thresholds"]["label_max_words"] and _section_labels(lowered):
        return f"section label(s): '{line.strip()}'"  # (a line of more words has more parts: never only labels)
    if _CRUMB_SIGNS.search(lowered) and _breadcrumb(lowered):
        return f"section label(s), a breadcrumb: '{line.strip()}'"
    return None


def list_heading(line: str) -> str | None:
    """The list heading a line is ("Autres vidéos", "Les plus lus :"), or None: the lines after it are headlines."""
    lowered = normalised(line).rstrip(" :").strip()
    return lowered if lowered in furniture_lexicon()["list_headings"] else None
