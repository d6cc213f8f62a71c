"""The course as nbgrader sees it: its nbgrader_config.py, its CourseDirectory (every folder name comes from
there: source, release, submitted, autograded, feedback) and its gradebook URL.
"""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"


def course_config(root: Path, **overrides: object) -> Config:
    """The course's nbgrader config (root/nbgrader_config.py) with `overrides` ("Class.trait": value) on top."""
    config = Config()
    if (root / CONFIG_FILE).is_file():
        config.merge(PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config())
    config.CourseDirectory.root = str(root)
    for key, value in overrides.items():
        section, trait = key.split(".")
        setattr(config[section], trait, value)
    return config


def course_directory(config: Config, assignment: str = "", student: str = "") -> CourseDirectory:
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    coursedir.student_id = student
    return coursedir


def source_directory(config: Config) -> str:
    """The course's source folder name ("solutions" in this kit; nbgrader's default is "source")."""
    return course_directory(config).source_directory


def source_notebooks(root: Path, assignment: str, config: Config | None = None) -> list[str]:
    """Names (without .ipynb) of the assignment's notebooks in the course's source folder."""
    coursedir = course_directory(config or course_config(root))
    folder = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    return sorted(p.stem for p in folder.glob("*.ipynb"))


def db_url(root: Path) -> str:
    """The course gradebook's URL: nbgrader's `CourseDirectory.db_url` (SQLite by default, PostgreSQL if set)."""
    return course_directory(course_config(root)).db_url


def _has_assignment(url: str, assignment: str) -> bool:
    with Gradebook(url) as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            return False
    return True
