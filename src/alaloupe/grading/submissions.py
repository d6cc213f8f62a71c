"""Submissions: collecting them into submitted/<student>/<assignment>/ (nbgrader layout or an LMS download),
what nbgrader will restore in each, and synthetic submissions for the bench and the tests.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

import nbformat

from alaloupe import course
from alaloupe.grading.config import course_config, course_directory, source_notebooks
from alaloupe.paths import repo_root

_SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")

# An LMS download names each file "<student>_<anything>.ipynb" (e.g. alice_00_start.ipynb); see --pattern.
DEFAULT_PATTERN = r".*/(?P<student_id>[^/_]+)_(?P<file_id>[^/]+)$"


def answer_cells(notebook: nbformat.NotebookNode) -> list[str]:
    """grade_ids of the autograded answer cells (code cells students write), in order."""
    return [
        cell.metadata["nbgrader"]["grade_id"]
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")
    ]


def student_copy(assignment: str, answered: set[str] | None = None, root: Path | None = None) -> nbformat.NotebookNode:
    """The released notebook with the solution's code in the answer cells `answered` (all by default).

    What a student who got exactly those questions right would submit; the others keep their stub.
    """
    root = root or repo_root()
    config = course_config(root)
    coursedir = course_directory(config)
    names = source_notebooks(root, assignment, config)
    if len(names) != 1:
        raise ValueError(f"{assignment} has {len(names)} notebooks; student_copy handles one")
    release = nbformat.read(
        Path(coursedir.format_path(coursedir.release_directory, ".", assignment)) / f"{names[0]}.ipynb", as_version=4
    )
    solution = nbformat.read(
        Path(coursedir.format_path(coursedir.source_directory, ".", assignment)) / f"{names[0]}.ipynb", as_version=4
    )
    solved = {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in solution.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")
    }
    for cell in release.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id in solved and (answered is None or grade_id in answered):
            cell.source = "\n".join(
                line for line in solved[grade_id].split("\n") if line.strip() not in _SOLUTION_MARKERS
            )
    return release


def _is_nbgrader_layout(folder: Path, assignment: str) -> bool:
    return any((student / assignment).is_dir() for student in folder.iterdir() if student.is_dir())


def _zip_collect(root: Path, flat: Path, assignment: str, staged: Path, pattern: str) -> None:
    """nbgrader zip_collect: the LMS files (or zip archives) of `flat` → staged/<student>/<assignment>/."""
    with tempfile.TemporaryDirectory(prefix="alaloupe-collect-") as work:
        archive = Path(work, assignment, "archive")
        shutil.copytree(flat, archive)
        result = course.nbgrader(
            "zip_collect",
            assignment,
            "--force",
            # an absolute structure: nbgrader joins it to the course root, which then has no effect
            f"--ZipCollectApp.collect_directory_structure={work}/{{assignment_id}}/{{collect_step}}",
            f"--CourseDirectory.submitted_directory={staged}",
            f"--FileNameCollectorPlugin.named_regexp={pattern}",
            root=root,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader zip_collect failed:\n{result.stdout}{result.stderr}")


def _fix_notebook_names(folder: Path, expected: list[str]) -> list[str]:
    """Rename a lone notebook saved under another name to the assignment's name; return what was noticed."""
    present = sorted(p.stem for p in folder.glob("*.ipynb"))
    missing = [name for name in expected if name not in present]
    unknown = [name for name in present if name not in expected]
    notes = []
    if len(missing) == 1 and len(unknown) == 1:
        (folder / f"{unknown[0]}.ipynb").rename(folder / f"{missing[0]}.ipynb")
        notes.append(f"notebook renamed: {unknown[0]}.ipynb was submitted for {missing[0]}.ipynb")
    else:
        notes += [f"unknown notebook ignored: {name}.ipynb" for name in unknown]
        notes += [f"notebook missing: {name}.ipynb (scored 0)" for name in missing]
    return notes


def _cells_by_id(notebook: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {
        c.metadata["nbgrader"]["grade_id"]: c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id")
    }


def inspect_submission(submitted: Path, release: Path) -> list[str]:
    """What a student changed that nbgrader will restore: edited or deleted test cells, changed cell types."""
    try:
        notebook = nbformat.read(submitted, as_version=4)
    except Exception as error:  # a truncated or non-JSON file: nbgrader will report the failure
        return [f"unreadable notebook: {type(error).__name__}"]
    given, expected = _cells_by_id(notebook), _cells_by_id(nbformat.read(release, as_version=4))
    locked = [gid for gid, c in expected.items() if c.metadata["nbgrader"].get("locked") and c.cell_type == "code"]
    ids = Counter(c.metadata.get("nbgrader", {}).get("grade_id") for c in notebook.cells)
    found = {
        "edited test cells restored": [
            gid for gid in locked if gid in given and given[gid].source != expected[gid].source
        ],
        "deleted test cells restored": [gid for gid in locked if gid not in given],
        "cell type changed, restored": [
            gid for gid, c in expected.items() if gid in given and given[gid].cell_type != c.cell_type
        ],
        "duplicated cells, only the last copy graded": sorted(gid for gid, n in ids.items() if gid and n > 1),
    }
    return [f"{problem}: {', '.join(cells)}" for problem, cells in found.items() if cells]


def collect(submissions: Path, assignment: str, root: Path, pattern: str = DEFAULT_PATTERN) -> dict[str, list[str]]:
    """Put `submissions` into the course's submitted/<student>/<assignment>/ folders.

    `submissions` is either in nbgrader's layout (<student>/<assignment>/*.ipynb) or the flat folder of files an LMS
    download gives (collected by nbgrader's zip_collect with the FileNameCollectorPlugin regular expression
    `pattern`). Returns {student: notes}, e.g. a notebook renamed to the assignment's name.
    """
    submissions = submissions.resolve()
    if not submissions.is_dir():
        raise FileNotFoundError(f"No submissions folder {submissions}")
    config = course_config(root)
    coursedir = course_directory(config)
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, ".", ".")).resolve()
    with tempfile.TemporaryDirectory(prefix="alaloupe-staged-") as staged_dir:
        staged = submissions
        if not _is_nbgrader_layout(submissions, assignment):
            if not any(p.suffix in (".ipynb", ".zip", ".gz") for p in submissions.iterdir()):
                raise ValueError(
                    f"{submissions} holds neither <student>/{assignment}/*.ipynb folders nor notebook or zip files"
                )
            staged = Path(staged_dir)
            _zip_collect(root, submissions, assignment, staged, pattern)
        students = sorted(p.name for p in staged.iterdir() if (p / assignment).is_dir())
        if staged != submitted:
            for student in students:
                target = submitted / student / assignment
                if target.exists():
                    shutil.rmtree(target)
                shutil.copytree(staged / student / assignment, target)
    expected = source_notebooks(root, assignment, config)
    release = Path(coursedir.format_path(coursedir.release_directory, ".", assignment))
    notes = {}
    for student in students:
        folder = submitted / student / assignment
        notes[student] = _fix_notebook_names(folder, expected)
        for name in expected:
            if (folder / f"{name}.ipynb").is_file() and (release / f"{name}.ipynb").is_file():
                notes[student] += inspect_submission(folder / f"{name}.ipynb", release / f"{name}.ipynb")
    return notes
