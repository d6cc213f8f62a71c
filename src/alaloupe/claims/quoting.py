"""Quotes: which words are between quotation marks, which quotes never close, and an index of them by offset."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from alaloupe.claims._common import _text_of, _trimmed, lexicon
from alaloupe.text import line_index


@dataclass(frozen=True)
class Quote:
    """Words between quotation marks. `text == source[start:end]`: the words, without the marks.

    `open_at` is the offset of the opening mark; `close_mark` is None when the quote is never closed, and then the
    quote runs to the end of its paragraph (line). `depth` is 0 for an outer quote, 1 for a quote inside it.
    """

    text: str
    start: int
    end: int
    open_mark: str
    closed: bool
    close_mark: str | None
    open_at: int
    depth: int
    line: int


def quotes(doc_or_text: Doc | str) -> list[Quote]:
    """Every quote in the text, in order of its opening mark, with nesting depth and whether it closes.

    A stack pairs the marks: « with », “ with ”, and a straight " with the next ". A closing mark closes the
    nearest open quote of its own style (styles may be mixed and nested). A quote still open at the end of a
    line is reported as unclosed: in French typography a quote that goes on into the next paragraph is reopened
    there, so a paragraph is the furthest a quote can reach.
    """
    text = _text_of(doc_or_text)
    marks = lexicon()["quote_marks"]
    pairs: dict[str, str] = marks["pairs"]
    closers = {close: open_ for open_, close in pairs.items()}
    symmetric = set(marks["symmetric"])
    found: list[Quote] = []
    stack: list[tuple[str, int]] = []  # (opening mark, its offset)

    def close(index: int, end: int, close_mark: str | None) -> None:
        open_mark, open_at = stack[index]
        start, stop = _trimmed(text, open_at + 1, end)
        found.append(
            Quote(
                text[start:stop],
                start,
                stop,
                open_mark,
                close_mark is not None,
                close_mark,
                open_at,
                index,
                line_index(text).line_of(open_at),
            )
        )
        del stack[index]

    def close_all_open(end: int) -> None:
        while stack:
            close(len(stack) - 1, end, None)

    marks_or_newline = re.compile("[\n" + re.escape("".join({*pairs, *closers, *symmetric})) + "]")
    for found_mark in marks_or_newline.finditer(text):  # every other character changes nothing: skip it
        i, ch = found_mark.start(), found_mark.group()
        if ch == "\n":
            close_all_open(i)
        elif ch in pairs:
            stack.append((ch, i))
        elif ch in closers or ch in symmetric:
            wanted = closers.get(ch, ch)
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == wanted), None)
            if match is not None:
                while len(stack) - 1 > match:  # quotes opened inside it and never closed end here
                    close(len(stack) - 1, i, None)
                close(match, i, ch)
            elif ch in symmetric:
                stack.append((ch, i))
            # a closing » or ” with no opener is a stray mark: it opens nothing
    close_all_open(len(text))
    return sorted(found, key=lambda q: q.open_at)


def unclosed(doc_or_text: Doc | str) -> list[Quote]:
    """The quotes whose opening mark is never closed (a copy-paste or translation signal)."""
    return [q for q in quotes(doc_or_text) if not q.closed]


class QuoteIndex:
    """The quotes of one text, indexed by offset, so every question about them costs O(log n), not a scan.

    `inside(offset)`: is the offset within a quote (after its opening mark, up to its last word)?
    `opening_at(offset)`: the quote whose opening mark is at `offset`.
    `closing_before(mark)`: the first closed quote (in text order) whose words end 0-2 characters before `mark`.
    """

    def __init__(self, found: list[Quote]) -> None:
        self.quotes = found
        self._by_open = {q.open_at: q for q in found}
        self._by_end: dict[int, list[Quote]] = {}
        for q in found:
            if q.closed:
                self._by_end.setdefault(q.end, []).append(q)
        # the offsets inside quotes, open_at < offset <= end, as merged, sorted, disjoint ranges
        self._starts: list[int] = []
        self._ends: list[int] = []
        for first, last in sorted((q.open_at + 1, q.end) for q in found if q.end >= q.open_at + 1):
            if self._ends and first <= self._ends[-1] + 1:
                self._ends[-1] = max(self._ends[-1], last)
            else:
                self._starts.append(first)
                self._ends.append(last)

    def __iter__(self):
        return iter(self.quotes)

    def inside(self, offset: int) -> bool:
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and offset <= self._ends[k]

    def opening_at(self, offset: int) -> Quote | None:
        return self._by_open.get(offset)

    def closing_before(self, mark: int) -> Quote | None:
        candidates = [q for end in (mark - 2, mark - 1, mark) for q in self._by_end.get(end, ())]
        return min(candidates, key=lambda q: q.open_at) if candidates else None
