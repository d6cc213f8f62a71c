"""The rules of position and context, and `boilerplate`: which lines of a page are furniture, and why."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, IS_ALPHA, POS
from spacy.symbols import AUX, PROPN, VERB
from spacy.tokens import Doc

from alaloupe.claims._common import _phrases_in
from alaloupe.claims.furniture.rules import (
    ends_with_punctuation,
    furniture_lexicon,
    line_rule,
    list_heading,
    normalised,
    words,
)
from alaloupe.nlp import as_doc, text_of
from alaloupe.text import line_index

_VERB_IDS = (VERB, AUX)
_BULLET = re.compile(r"^\s*[-–•*·]\s")
_LEADING = re.compile(r"^(?:[-–•►>»*\s]|à\s)+")


@dataclass(frozen=True)
class Boilerplate:
    """A line that is page furniture (navigation, a byline, a widget, a pasted headline), not a claim of the text."""

    line: int
    text: str
    start: int
    end: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Parsed:
    """What the parse says of each line (0-based): whether it has a verb, and whether it is only a name."""

    verbs: list[bool]
    names: list[bool]


def _parsed(doc: Doc, starts: tuple[int, ...]) -> _Parsed:
    """One pass over the Doc's arrays (no Token objects): a line has a verb when a token is VERB or AUX; it is only
    a name when it has two to four words, all proper nouns written with a capital ("Jean Dupont")."""
    if not len(doc):
        return _Parsed([False] * len(starts), [False] * len(starts))
    columns = doc.to_array([IDX, POS, IS_ALPHA]).astype(numpy.int64)
    offsets, tags, alpha = columns[:, 0], columns[:, 1], columns[:, 2].astype(bool)
    lines = numpy.searchsorted(numpy.asarray(starts), offsets, side="right") - 1
    verbs = numpy.zeros(len(starts), dtype=bool)
    verbs[lines[numpy.isin(tags, _VERB_IDS)]] = True
    words_on = numpy.bincount(lines[alpha], minlength=len(starts))
    text = text_of(doc)
    proper_at = numpy.flatnonzero(alpha & (tags == PROPN))
    capitalised = [i for i in proper_at if text[offsets[i]].isupper()]
    proper = numpy.bincount(lines[capitalised], minlength=len(starts)) if capitalised else numpy.zeros_like(words_on)
    names = (words_on >= 2) & (words_on <= 4) & (proper == words_on)
    return _Parsed(verbs.tolist(), names.tolist())


def _bylines(lines: list[str], names: list[bool], reasons: dict[int, list[str]]) -> None:
    """A line that is only a person's name, next to furniture (before or after): the author of a byline."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(filled):
        if i in reasons or not names[i] or ends_with_punctuation(lines[i]):
            continue
        beside = [
            j for j in (filled[k - 1] if k else None, filled[k + 1] if k + 1 < len(filled) else None) if j in reasons
        ]
        if beside:
            reasons[i] = [f"a name alone on its line, next to the furniture of line {beside[0] + 1}: a byline"]


def _cue_hits(lowered: str, line: str, cues: tuple[str, ...]) -> list[str]:
    """The link cues of a line, when they are navigation: at the start of the line (after "à", a bullet or an
    arrow), or anywhere in a line that does not end like a sentence ("Les enquêteurs veulent en savoir plus sur
    les causes." is the article's)."""
    hits = _phrases_in(lowered, cues)
    if not hits or not ends_with_punctuation(line):
        return hits
    head = _LEADING.sub("", lowered)
    return [cue for cue in hits if head.startswith(cue)]


def _holds_a_headline(lowered: str, cue: str) -> bool:
    """True when a cue's line carries its headline itself ("Lire aussi : Hameçonnage : les faux SMS …"): at least
    headline_min_words words after the cue."""
    rest = lowered[lowered.find(cue) + len(cue) :] if cue in lowered else ""
    return words(rest) >= furniture_lexicon()["thresholds"]["headline_min_words"]


def _link_cues(lines: list[str], reasons: dict[int, list[str]]) -> None:
    """A link cue ("Lire aussi"), and the line right after it when it has no final punctuation (its headline),
    unless the cue's own line already holds the headline (the next line is then an intertitle of the article)."""
    cues = tuple(furniture_lexicon()["link_cues"])
    previous_was_cue = False
    for i, line in enumerate(lines):
        lowered = line.lower().replace("\u2019", "'").strip()
        found = []
        hits = _cue_hits(lowered, line, cues)
        if hits:
            found.append(f"link cue '{hits[0]}'")
        if lowered.endswith(":"):
            found.append("ends with a colon: announces something that is not there")
        if lowered and not ends_with_punctuation(line):
            found.append("no final punctuation")
        follows = previous_was_cue and lowered and not ends_with_punctuation(line)
        if follows:
            found.append(f"follows the link cue of line {i}: a pasted headline")
        if hits or follows:
            reasons[i] = found
        if lowered:
            previous_was_cue = bool(hits) and not _holds_a_headline(lowered, hits[0])


def _question(line: str, limit: int) -> bool:
    stripped = line.rstrip()
    return stripped.endswith(("?", "!")) and words(stripped) <= limit


def _displaced_headlines(lines: list[str], reasons: dict[int, list[str]]) -> None:
    """The headline of a link cue that the first rule leaves: one that ends with ? or ! right after the cue, or,
    after a bare cue ("Lire aussi") followed by a sentence, the next line without final punctuation (a box pasted
    over the article's text)."""
    cues = furniture_lexicon()["link_cues"]
    limit = furniture_lexicon()["thresholds"]["tail_max_words"]
    following = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(following[:-1]):
        after = following[k + 1]
        if reasons.get(i, [""])[0].startswith("link cue") and after not in reasons and _question(lines[after], limit):
            reasons[after] = [f"a headline that asks or exclaims, after the link cue of line {i + 1}"]
        if k + 2 >= len(following) or normalised(lines[i]).rstrip(" :") not in cues:
            continue
        sentence, headline = following[k + 1], following[k + 2]
        line = lines[headline]
        if sentence in reasons or headline in reasons or not ends_with_punctuation(lines[sentence]):
            continue
        if not ends_with_punctuation(line) and words(line) <= limit:
            reasons[headline] = [f"the headline of the link cue of line {i + 1}, pasted one line further down"]


def _listed(lines: list[str], reasons: dict[int, list[str]]) -> None:
    """After a list heading ("Autres vidéos", "Les plus lus"), the headlines that follow, up to a sentence. A
    headline may end with a question mark or a quote ("ISF : qui paiera ?", "… « de redressement »"), not a
    sentence with a full stop."""
    limit = furniture_lexicon()["thresholds"]["tail_max_words"]
    heading = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if list_heading(line):
            heading = i
            reasons.setdefault(i, [f"list heading '{line.strip()}'"])
            continue
        if heading is None or line.rstrip().endswith((".", "…")) or words(line) > limit:
            heading = None
            continue
        reasons.setdefault(i, [f"in the list of headlines after line {heading + 1}"])


def _sentences(lines: list[str], verbs: list[bool], reasons: dict[int, list[str]]) -> tuple[int, int] | None:
    """The article's body, from its first to its last sentence (lines no rule has taken that end like a sentence and
    have a verb), and on through a bulleted list that its last lines announce ("Les mesures annoncées :"). Inside
    the body only the strong rules take a line."""
    found = [i for i, line in enumerate(lines) if verbs[i] and i not in reasons and ends_with_punctuation(line)]
    if not found:
        return None
    last = found[-1]
    for i in range(last + 1, len(lines)):
        if i in reasons or not lines[i].strip():
            continue
        if _BULLET.match(lines[i]) and _continues_a_list(lines, last):
            last = i
        elif _announces_a_list(lines, i):
            last = i
        else:
            break
    return found[0], last


def _continues_a_list(lines: list[str], last: int) -> bool:
    """True when line `last`, the body's last line so far, announces a list (ends with a colon) or is an item."""
    return lines[last].rstrip().endswith(":") or bool(_BULLET.match(lines[last]))


def _quoted_headline(lines: list[str], reasons: dict[int, list[str]], body: tuple[int, int] | None) -> bool:
    """True when the body's first "sentence" may be the headline: it ends with a quote, ? or ! rather than a full
    stop (« … » headlines have a verb), furniture follows it (a byline, a date) and other sentences come after."""
    if body is None or body[0] == body[1] or lines[body[0]].rstrip().endswith((".", "…")):
        return False
    after = next((j for j in range(body[0] + 1, len(lines)) if lines[j].strip()), None)
    return after in reasons


def _headline(lines: list[str], reasons: dict[int, list[str]], body: tuple[int, int] | None) -> int | None:
    """The page's headline: above the first sentence (or that line itself when it reads as a quoted headline), the
    longest line that no rule has taken, if it has at least headline_min_words words (labels above it are
    shorter)."""
    least = furniture_lexicon()["thresholds"]["headline_min_words"]
    best, most = None, least - 1
    end = (body[0] + _quoted_headline(lines, reasons, body)) if body else len(lines)
    for i in range(end):
        if i not in reasons and words(lines[i]) > most:
            best, most = i, words(lines[i])
    return best


def _short_verbless(line: str, has_verb: bool, most: int) -> bool:
    return bool(line.strip()) and not has_verb and not ends_with_punctuation(line) and words(line) <= most


def _near_furniture(
    lines: list[str],
    verbs: list[bool],
    reasons: dict[int, list[str]],
    headline: int | None,
    body: tuple[int, int] | None,
) -> None:
    """Short verbless lines without final punctuation next to furniture. Outside the body (above the first sentence
    or below the last), one furniture neighbour is enough: a forward and a backward pass take a run of such lines
    whole. Inside the body, such a line is an intertitle unless furniture lies on both sides (a byline block under
    a standfirst that ends like a sentence)."""
    most = furniture_lexicon()["thresholds"]["run_max_words"]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    inside = [body is not None and body[0] <= i <= body[1] for i in range(len(lines))]
    for k, i in enumerate(filled):
        if inside[i] and i not in reasons and 0 < k < len(filled) - 1 and _short_verbless(lines[i], verbs[i], most):
            before, after = filled[k - 1], filled[k + 1]
            if before in reasons and after in reasons:
                reasons[i] = [
                    f"short line without a verb or final punctuation, between the furniture of lines "
                    f"{before + 1} and {after + 1}"
                ]
    for order in (filled, filled[::-1]):
        neighbour = None
        for i in order:
            if not inside[i] and i not in reasons and i != headline and neighbour in reasons:
                if _short_verbless(lines[i], verbs[i], most):
                    reasons[i] = [
                        f"short line without a verb or final punctuation, next to the furniture of line {neighbour + 1}"
                    ]
            neighbour = i


def _before_headline(lines: list[str], verbs: list[bool], reasons: dict[int, list[str]], headline: int | None) -> None:
    """Above the headline, the short verbless lines (labels of a section the lexicon does not list)."""
    most = furniture_lexicon()["thresholds"]["label_max_words"]
    for i in range(headline or 0):
        if i not in reasons and _short_verbless(lines[i], verbs[i], most):
            reasons[i] = ["short line without a verb above the headline: a label"]


def _announces_a_list(lines: list[str], i: int) -> bool:
    """True when line i ends with a colon and the next non-empty line is a bulleted item."""
    if not lines[i].rstrip().endswith(":"):
        return False
    after = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].strip()), "")
    return bool(_BULLET.match(after))


def _after_the_end(
    lines: list[str], verbs: list[bool], reasons: dict[int, list[str]], body: tuple[int, int] | None
) -> None:
    """After the body (its last sentence, or the list that ends it), the lines of at most tail_max_words words
    without final punctuation: what a page shows under the article; then, there, a verbless line of at most as many
    words between two furniture lines, whatever its end (the blurb of a newsletter box)."""
    if body is None:
        return
    limit, last = furniture_lexicon()["thresholds"]["tail_max_words"], body[1]
    for i in range(last + 1, len(lines)):
        line = lines[i]
        if i not in reasons and line.strip() and not ends_with_punctuation(line) and words(line) <= limit:
            reasons[i] = [f"after the end of the article (line {last + 1}), no final punctuation"]
    filled = [i for i in range(last + 1, len(lines)) if lines[i].strip()]
    for before, i, after in zip(filled, filled[1:], filled[2:], strict=False):
        if i not in reasons and not verbs[i] and words(lines[i]) <= limit and before in reasons and after in reasons:
            reasons[i] = [
                f"a line without a verb under the article, between the furniture of lines {before + 1} and {after + 1}"
            ]


def boilerplate(doc_or_text: Doc | str) -> list[Boilerplate]:
    """The furniture lines of a page, each with the reasons of the rules it meets (data/lexicons/furniture.json).

    A str is parsed (the shared cached parse); pass the Doc when you have one. Strong rules decide alone: a link
    cue and the headline pasted after it, a pattern of the lexicon (credit, byline, publication, timestamped
    headline, widget, tags, consent, ticker), a line of section labels or a breadcrumb, the headlines after a list
    heading. Rules of context then add
    short lines without final punctuation outside the body (above the first sentence or below the last): verbless
    ones next to furniture or above the headline, and those after the last sentence. Linear in the length of the
    text.
    """
    doc = as_doc(doc_or_text)
    text = text_of(doc)
    starts = line_index(text).starts
    lines = text.split("\n")
    reasons: dict[int, list[str]] = {}
    _link_cues(lines, reasons)
    _displaced_headlines(lines, reasons)
    for i, line in enumerate(lines):
        if i not in reasons:
            found = line_rule(line)
            if found:
                reasons[i] = [found]
    _listed(lines, reasons)
    parsed = _parsed(doc, starts)
    verbs = parsed.verbs
    _bylines(lines, parsed.names, reasons)
    body = _sentences(lines, verbs, reasons)
    headline = _headline(lines, reasons, body)
    _before_headline(lines, verbs, reasons, headline)
    _near_furniture(lines, verbs, reasons, headline, body)
    _after_the_end(lines, verbs, reasons, body)
    return [
        Boilerplate(i + 1, lines[i], starts[i], starts[i] + len(lines[i]), tuple(reasons[i])) for i in sorted(reasons)
    ]


__all__ = ["Boilerplate", "boilerplate"]
