"""Grading with nbgrader: a class in parallel (`grade`), a student's self-check (`check`), the student-only export.

Nothing here grades a notebook by itself: every notebook is sanitised, executed and scored by nbgrader's own
`Autograde` converter and its preprocessors, with the course's `nbgrader_config.py`. One module a layer:
- `config`: the course's nbgrader config and CourseDirectory (every folder name is read from there);
- `preprocessors`: the course's own nbgrader preprocessors (light: nbgrader_config.py imports them);
- `parallel`: execution in worker processes, recording one by one (how that gives serial nbgrader's grades is
  explained at the top of that module); each kernel in the sandbox of `alaloupe.sandbox`;
- `submissions`: collecting submissions (nbgrader layout or an LMS download), and synthetic ones for tests;
- `classgrade`: grading a class: grades.csv, charts and the summary;
- `selfcheck`: a student's self-check;
- `export`: the student-only copy of the kit.

The public names below are imported from their module on first use, so that importing one light module (say
`alaloupe.grading.preprocessors` from nbgrader_config.py) does not import every layer.
"""

from __future__ import annotations

from importlib import import_module

_HOMES = {
    "CONFIG_FILE": "config",
    "course_config": "config",
    "course_directory": "config",
    "db_url": "config",
    "source_directory": "config",
    "source_notebooks": "config",
    "DropDuplicateIds": "preprocessors",
    "ReplayExecution": "preprocessors",
    "Graded": "parallel",
    "autograde": "parallel",
    "isolation": "parallel",
    "DEFAULT_PATTERN": "submissions",
    "answer_cells": "submissions",
    "collect": "submissions",
    "inspect_submission": "submissions",
    "student_copy": "submissions",
    "ClassReport": "classgrade",
    "Result": "classgrade",
    "cell_order": "classgrade",
    "grade": "classgrade",
    "question_means": "classgrade",
    "CellCheck": "selfcheck",
    "CheckReport": "selfcheck",
    "assignment_of": "selfcheck",
    "check": "selfcheck",
    "STUDENT_PATHS": "export",
    "export_student": "export",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name in _HOMES:
        value = getattr(import_module(f"alaloupe.grading.{_HOMES[name]}"), name)
        globals()[name] = value  # found once, then an ordinary attribute
        return value
    raise AttributeError(f"module 'alaloupe.grading' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
