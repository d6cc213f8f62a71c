"""Boilerplate: lines that are page furniture (navigation, a pasted headline), not claims of the text."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from alaloupe.claims._common import _phrases_in, _text_of, lexicon
from alaloupe.text import line_index


@dataclass(frozen=True)
class Boilerplate:
    """A line that is page furniture (navigation, a pasted headline), not a claim of the text."""

    line: int
    text: str
    start: int
    end: int
    reasons: tuple[str, ...]


def _ends_with_punctuation(line: str) -> bool:
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in lexicon()["boilerplate"]["final_punctuation"]


def boilerplate(doc_or_text: Doc | str) -> list[Boilerplate]:
    """Lines that are navigation or pasted links: a link cue ("Lire aussi", "Lire d'autres actualités
    connexes :"), or the line right after such a cue when it has no final punctuation (the linked headline)."""
    text = _text_of(doc_or_text)
    found: list[Boilerplate] = []
    previous_was_cue = False
    for number, (start, line) in enumerate(zip(line_index(text).starts, text.split("\n"), strict=True), start=1):
        lowered = line.lower().replace("\u2019", "'").strip()
        reasons = []
        hits = _phrases_in(lowered, tuple(lexicon()["boilerplate"]["link_cues"]))
        if hits:
            reasons.append(f"link cue '{hits[0]}'")
        if lowered.endswith(":"):
            reasons.append("ends with a colon: announces something that is not there")
        if lowered and not _ends_with_punctuation(line):
            reasons.append("no final punctuation")
        is_cue_line = bool(hits)
        follows = previous_was_cue and lowered and "no final punctuation" in reasons
        if follows:
            reasons.append(f"follows the link cue of line {number - 1}: a pasted headline")
        if is_cue_line or follows:
            found.append(Boilerplate(number, line, start, start + len(line), tuple(reasons)))
        if lowered:
            previous_was_cue = is_cue_line
    return found
