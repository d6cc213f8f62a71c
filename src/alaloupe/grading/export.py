"""The student-only export: the kit without solutions/, tests or benches."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from alaloupe.paths import repo_root

STUDENT_PATHS = (
    "README.md",
    "LICENSE",
    "pyproject.toml",
    "environment.yml",
    "postBuild",
    "jupyter",
    "Makefile",
    "nbgrader_config.py",
    ".gitignore",
    "notebooks",
    "exercises",
    "src",
    "data",
)

_SKIP = re.compile(r"(^|/)(__pycache__|\.ipynb_checkpoints|[^/]*\.egg-info)(/|$)|\.pyc$")


def _course_files(root: Path) -> list[Path]:
    """The kit's files, relative to root: in a git checkout, every file git does not ignore; otherwise all files."""
    if (root / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return [Path(p) for p in listed.stdout.split("\0") if p and (root / p).is_file()]
    return [p.relative_to(root) for p in root.rglob("*") if p.is_file()]


def export_student(dest: Path, root: Path | None = None) -> list[Path]:
    """Copy the student-facing kit (lessons, exercises, package, data, README, Binder files) to `dest`.

    solutions/ (instructor notebooks with model answers and hidden tests), tests/ and bench/ are left out.
    """
    root = (root or repo_root()).resolve()
    dest = Path(dest).resolve()
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} exists and is not empty")
    if dest.is_relative_to(root):
        raise ValueError(f"Export outside the kit, not into {dest}")
    copied = []
    for relative in sorted(_course_files(root)):
        top = relative.parts[0]
        if top not in STUDENT_PATHS or _SKIP.search(relative.as_posix()):
            continue
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
        copied.append(relative)
    return copied
