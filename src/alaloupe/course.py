"""The nbgrader course: its assignments, releasing exercises/ from solutions/, feedback hygiene."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from alaloupe.grading.feedback import (
    HIDDEN_BEGIN,
    hidden_tests,
    redact_outputs,
    scrub_hidden_cell,
    secrets_of,
    strip_hidden_tests,
)
from alaloupe.grading.feedback import HIDDEN_END as HIDDEN_END  # re-exported: tests and notebooks read it here
from alaloupe.paths import repo_root


def folders(root: Path | None = None):
    """The course's nbgrader CourseDirectory: its folder names as its nbgrader_config.py sets them (this kit:
    solutions/ and exercises/; a standard nbgrader course: source/ and release/)."""
    from alaloupe.grading.config import course_config, course_directory

    return course_directory(course_config((root or repo_root()).resolve()))


def assignments(root: Path | None = None) -> list[str]:
    """Names of the assignments, the folders of the course's source folder that hold a notebook, in course order
    (00_start, 01_tokenisation, …)."""
    root = root or repo_root()
    source = root / folders(root).source_directory
    if not source.is_dir():
        return []
    return sorted(
        p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.ipynb"))
    )


def environment() -> dict[str, str]:
    """os.environ with this interpreter's bin/ first on PATH: nbgrader runs `alembic` and `jupyter` by name."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


NBGRADER_TIMEOUT = 900  # seconds: generous for one command, and a hung nbgrader still ends


def nbgrader(
    *args: str, root: Path | None = None, check: bool = True, timeout: float = NBGRADER_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run the nbgrader CLI of this environment in the course folder `root`; a RuntimeError after `timeout` s."""
    command = [sys.executable, "-m", "nbgrader", *args]
    try:
        return subprocess.run(
            command,
            cwd=root or repo_root(),
            env=environment(),
            capture_output=True,
            text=True,
            check=check,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"nbgrader {' '.join(args)} did not finish within {timeout:.0f} s") from None


def release(names: list[str] | None = None, root: Path | None = None) -> list[Path]:
    """Regenerate the release of NAME (exercises/NAME here) from its source (solutions/NAME) with
    `nbgrader generate_assignment`, for every assignment by default."""
    root = root or repo_root()
    released = []
    for name in names or assignments(root):
        if name not in assignments(root):
            raise ValueError(
                f"No assignment {name!r} in {root / folders(root).source_directory}; known: {assignments(root)}"
            )
        result = nbgrader("generate_assignment", name, "--force", root=root, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{result.stdout}{result.stderr}")
        released.append(root / folders(root).release_directory / name)
    return released


class HideHiddenTests(NbGraderPreprocessor):
    """Feedback preprocessor: nothing of the hidden tests reaches the feedback page (rules and limits:
    alaloupe.grading.feedback).

    Their regions leave the source; a traceback quotes the failing line, so it keeps only its error line
    (nbgrader issue #917); what the student's code printed or raised while they ran is dropped, and a hidden line
    or constant quoted in any cell's output becomes "[hidden]".
    """

    def preprocess(self, nb, resources):
        tests = {i: hidden_tests(c.source) for i, c in enumerate(nb.cells) if _holds_hidden_tests(c)}
        secrets = secrets_of(tests.values())
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            outputs = cell.get("outputs", [])
            if index in tests:
                cell.source = strip_hidden_tests(cell.source)
                outputs = scrub_hidden_cell(outputs, tests[index])
            cell.outputs = [nbformat.from_dict(o) for o in redact_outputs(outputs, secrets)]
        return nb, resources


def _holds_hidden_tests(cell) -> bool:
    return cell.cell_type == "code" and HIDDEN_BEGIN in cell.source
