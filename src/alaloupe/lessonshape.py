"""The shape every lesson notebook follows, read from its cells (used by tests/test_lessons.py and bench/lessons.py).

A lesson opens with a frame (learning objectives, prerequisites, an estimated time) and ends with a summary, a
glossary and further reading. In between, each `## ` section teaches one technique and holds a "Your turn" task:
a markdown cell whose first line starts with `**Your turn` (or a `### Your turn` heading), a code cell that calls
one of the lesson's practice checks (`check.<name>(…)`), a model answer (a code cell collapsed with JupyterLab's
`jupyter.source_hidden` metadata, or a `<details>` block), and a "Check your understanding" block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

BACK_MATTER = ("summary", "glossary", "further reading")
_YOUR_TURN = re.compile(r"^(?:#+\s*|\*\*)Your turn", re.MULTILINE)
_MINUTES = re.compile(r"Estimated time\W*(?:about\s+)?(\d+)\s*min", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    title: str
    cells: tuple = field(repr=False)

    @property
    def your_turns(self) -> int:
        return sum(1 for c in self.cells if c.cell_type == "markdown" and _YOUR_TURN.search(c.source))

    @property
    def has_check(self) -> bool:
        return any(c.cell_type == "code" and re.search(r"\bcheck\.\w+\(", c.source) for c in self.cells)

    @property
    def has_model_answer(self) -> bool:
        return any(
            (c.cell_type == "code" and c.metadata.get("jupyter", {}).get("source_hidden"))
            or (c.cell_type == "markdown" and "<details>" in c.source and not _is_understanding(c.source))
            for c in self.cells
        )

    @property
    def has_understanding(self) -> bool:
        return any(c.cell_type == "markdown" and _is_understanding(c.source) for c in self.cells)


def _is_understanding(source: str) -> bool:
    return "check your understanding" in source.lower()


@dataclass(frozen=True)
class Lesson:
    path: Path
    cells: tuple = field(repr=False)

    @classmethod
    def read(cls, path: Path) -> Lesson:
        return cls(path, tuple(nbformat.read(path, as_version=4).cells))

    @property
    def front(self) -> str:
        return self.cells[0].source if self.cells else ""

    @property
    def minutes(self) -> int | None:
        found = _MINUTES.search(self.front)
        return int(found.group(1)) if found else None

    def sections(self) -> list[Section]:
        """The `## ` sections in order, each with its cells up to the next `## ` heading."""
        found: list[tuple[str, list]] = []
        for cell in self.cells[1:]:
            heading = re.match(r"##\s+(.+)", cell.source) if cell.cell_type == "markdown" else None
            if heading:
                found.append((heading.group(1).strip(), [cell]))
            elif found:
                found[-1][1].append(cell)
        return [Section(title, tuple(cells)) for title, cells in found]

    def teaching_sections(self) -> list[Section]:
        return [s for s in self.sections() if not _title_key(s.title).startswith(BACK_MATTER)]

    def back_matter(self) -> set[str]:
        return {key for s in self.sections() for key in BACK_MATTER if _title_key(s.title).startswith(key)}

    def markdown(self) -> str:
        return "\n".join(c.source for c in self.cells if c.cell_type == "markdown")

    def code(self) -> list[str]:
        return [c.source for c in self.cells if c.cell_type == "code"]


def _title_key(title: str) -> str:
    return re.sub(r"^[\d.\s]+", "", title).lower()
