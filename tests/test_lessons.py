"""Every lesson has the frame of a textbook chapter, and every teaching section a "Your turn" task with a check."""

from __future__ import annotations

import pytest
from conftest import ROOT, notebooks

from alaloupe.lessonshape import Lesson

LESSONS = notebooks("notebooks")
TECHNIQUE_LESSONS = [p for p in LESSONS if not p.stem.startswith("00")]


def _id(path):
    return path.stem


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_frame(path):
    lesson = Lesson.read(path)
    for part in ("Learning objectives", "Prerequisites", "Estimated time"):
        assert part.lower() in lesson.front.lower(), f"{path.name}: the first cell states the {part}"
    assert lesson.minutes is not None and lesson.minutes <= 45, f"{path.name}: at most 45 minutes, stated in minutes"
    assert lesson.back_matter() == {"summary", "glossary", "further reading"}, f"{path.name}: back matter"
    reading = next(s for s in lesson.sections() if "further reading" in s.title.lower())
    links = sum(c.source.count("](http") for c in reading.cells)
    assert links >= 3, f"{path.name}: further reading cites real, linked references"


@pytest.mark.parametrize("path", TECHNIQUE_LESSONS, ids=_id)
def test_every_section_has_a_checked_your_turn(path):
    lesson = Lesson.read(path)
    sections = lesson.teaching_sections()
    assert len(sections) >= 4, f"{path.name}: a lesson teaches several techniques"
    for section in sections:
        where = f"{path.name}, section {section.title!r}"
        assert section.your_turns >= 1, f"{where}: add a 'Your turn' task"
        assert section.has_check, f"{where}: the task is followed by a check cell (check.<name>(...))"
        assert section.has_model_answer, f"{where}: a model answer, collapsed (source_hidden) or in <details>"
        assert section.has_understanding, f"{where}: a 'Check your understanding' block"


def test_start_lesson_has_a_your_turn():
    lesson = Lesson.read(ROOT / "notebooks" / "00_start.ipynb")
    assert sum(s.your_turns for s in lesson.sections()) >= 1


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_check_cells_print_one_line_and_echo_nothing(path):
    """A practice check prints ✓ or a hint; the trailing ';' keeps Jupyter from echoing its return value too."""
    for source in Lesson.read(path).code():
        last = source.rstrip().splitlines()[-1] if source.strip() else ""
        if last.startswith("check."):
            assert last.endswith(";"), f"{path.name}: end the check cell with ';': {last}"
