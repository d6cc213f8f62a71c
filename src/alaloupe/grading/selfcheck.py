"""A student's self-check: their notebook graded by nbgrader in a temporary course, each question with its
points and a hint, never a hidden test's code.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from alaloupe import course
from alaloupe.grading.config import CONFIG_FILE, course_config, course_directory, source_directory
from alaloupe.grading.parallel import _generate, autograde
from alaloupe.grading.submissions import _cells_by_id, inspect_submission
from alaloupe.paths import repo_root


@dataclass(frozen=True)
class CellCheck:
    """One graded cell of a checked notebook."""

    grade_id: str
    question: str
    points: float | None  # None: graded by hand
    max_points: float
    hidden: bool  # a hidden-test cell
    counted: bool  # False for hidden-test cells when solutions/ is absent
    hint: str  # why it failed: the error's name and message, never a source line

    @property
    def passed(self) -> bool | None:
        return None if self.points is None else self.points >= self.max_points


@dataclass(frozen=True)
class CheckReport:
    notebook: Path
    assignment: str
    hidden_tests: bool
    cells: tuple[CellCheck, ...]
    notes: tuple[str, ...]
    failure: str | None

    @property
    def score(self) -> float:
        return sum(c.points or 0 for c in self.cells if c.counted and c.points is not None)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.cells if c.counted and c.points is not None)

    def render(self) -> str:
        mode = (
            "visible and hidden tests (solutions/ found)"
            if self.hidden_tests
            else "visible tests only: solutions/ is absent, so hidden tests cannot run and are not counted"
        )
        lines = [f"Checking {self.notebook.name} as {self.assignment}: {mode}"]
        lines += [f"note: {note}" for note in self.notes]
        if self.failure:
            lines.append(f"grading failed: {self.failure}")
        question = None
        for cell in self.cells:
            if cell.question != question:
                question = cell.question
                lines.append(f"\n{question}")
            if cell.points is None:
                status, score = "✎", f"–/{cell.max_points:g}  graded by hand"
            elif not cell.counted:
                status, score = "·", f"–/{cell.max_points:g}  hidden tests: not run here"
            else:
                status, score = ("✓" if cell.passed else "✗"), f"{cell.points:g}/{cell.max_points:g}"
            kind = "hidden tests" if cell.hidden else ("written answer" if cell.points is None else "visible test")
            lines.append(f"  {status} {cell.grade_id:<22} {kind:<15} {score}")
            if cell.counted and cell.passed is False and cell.hint:
                lines.append(f"      {cell.hint}")
        lines.append(f"\nAutograded score: {self.score:g}/{self.max_score:g}")
        manual = sum(c.max_points for c in self.cells if c.points is None)
        if manual:
            lines.append(f"Graded by hand, not included: {manual:g} points (its criteria are shown above the answer)")
        return "\n".join(lines)


def _scratch_course(folder: Path, original: Path) -> None:
    """A course folder that reads `original`'s nbgrader config but keeps its files and SQLite gradebook here."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["c = get_config()  # noqa: F821"]
    if (original / CONFIG_FILE).is_file():
        lines.append(f"load_subconfig({str(original / CONFIG_FILE)!r})  # noqa: F821")
    lines += [
        f"c.CourseDirectory.root = {str(folder)!r}",
        f"c.CourseDirectory.db_url = {'sqlite:///' + str(folder / 'gradebook.db')!r}",
        f"c.Exchange.root = {str(folder / '.exchange')!r}",
    ]
    (folder / CONFIG_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _is_hidden_cell(cell: nbformat.NotebookNode) -> bool:
    """A hidden-test cell: in solutions/ it holds the hidden block; in a release only its first line is left."""
    return course.HIDDEN_BEGIN in cell.source or "hidden tests" in cell.source.lower()


def _without_hidden_values(folder: Path) -> None:
    """In a release used as the source, end each hidden-test cell with `pass`: its first line calls the student's
    function, and nbgrader would read the value it returns as partial credit."""
    for path in folder.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution") and _is_hidden_cell(cell):
                cell.source += "\npass  # hidden tests are not in a student-only copy of the kit"
        nbformat.write(notebook, path)


def _question_titles(notebook: nbformat.NotebookNode) -> dict[str, str]:
    titles, current = {}, notebook.metadata.get("title", "")
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            heading = next((ln.lstrip("#").strip() for ln in cell.source.split("\n") if ln.startswith("## ")), None)
            current = heading or current
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id:
            titles[grade_id] = current
    return titles


def _hint(cell: nbformat.NotebookNode, timeout: int | None) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            if output.get("ename") in ("KeyboardInterrupt", "CellTimeoutError"):
                return f"timed out: a cell ran longer than the per-cell limit{f' ({timeout} s)' if timeout else ''}"
            if output.get("ename") == "NotImplementedError":
                return "not answered yet: the answer cell still raises NotImplementedError"
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    return ""


def assignment_of(notebook: Path, root: Path) -> str:
    """The assignment a notebook belongs to: its file name (00_start.ipynb) or its folder (exercises/00_start/)."""
    released = root / course.folders(root).release_directory
    known = set(course.assignments(root))
    known |= {p.name for p in released.iterdir() if p.is_dir()} if released.is_dir() else set()
    for candidate in (notebook.stem, notebook.resolve().parent.name):
        if candidate in known:
            return candidate
    raise ValueError(f"Cannot tell which assignment {notebook.name} is; pass --assignment (one of {sorted(known)})")


def check(
    notebook: Path,
    *,
    assignment: str | None = None,
    root: Path | None = None,
    timeout: int | None = None,
    sandbox: bool = True,
) -> CheckReport:
    """Grade one student's notebook in a temporary course, with nbgrader, and report each graded cell.

    Hidden tests run when the kit's solutions/ is present; otherwise the release is the source and they don't.
    The notebook's kernel runs in the sandbox as in `grade`, unless `sandbox` is False or it cannot run here.
    """
    root = (root or repo_root()).resolve()
    notebook = Path(notebook).resolve()
    if not notebook.is_file():
        raise FileNotFoundError(f"No notebook {notebook}")
    assignment = assignment or assignment_of(notebook, root)
    names_of = course.folders(root)
    hidden_tests = (root / names_of.source_directory / assignment).is_dir()
    source = root / (names_of.source_directory if hidden_tests else names_of.release_directory) / assignment
    if not source.is_dir():
        raise ValueError(f"No assignment {assignment!r} in {root / names_of.release_directory}")
    names = sorted(p.stem for p in source.glob("*.ipynb"))
    name = notebook.stem if notebook.stem in names else names[0]
    notes = [] if notebook.stem in names else [f"graded as {name}.ipynb (the file is named {notebook.name})"]
    student = "self_check"
    with tempfile.TemporaryDirectory(prefix="alaloupe-check-") as work:
        temp = Path(work)
        _scratch_course(temp, root)
        source_dir = source_directory(course_config(temp))
        shutil.copytree(source, temp / source_dir / assignment)
        if not hidden_tests:
            _without_hidden_values(temp / source_dir / assignment)
        _generate(temp, assignment)
        scratch = course_directory(course_config(temp))
        submitted = temp / scratch.submitted_directory / student / assignment
        submitted.mkdir(parents=True)
        shutil.copy(notebook, submitted / f"{name}.ipynb")
        release = temp / scratch.release_directory / assignment / f"{name}.ipynb"
        notes += inspect_submission(submitted / f"{name}.ipynb", release)
        (graded,) = autograde(temp, assignment, [student], jobs=1, timeout=timeout, sandbox=sandbox)
        executed_path = temp / scratch.autograded_directory / student / assignment / f"{name}.ipynb"
        executed = nbformat.read(executed_path, as_version=4) if executed_path.is_file() else None
        source_nb = nbformat.read(source / f"{name}.ipynb", as_version=4)
        titles = _question_titles(source_nb)
        source_cells = _cells_by_id(source_nb)
        executed_cells = _cells_by_id(executed) if executed else {}
        cells = []
        with Gradebook(f"sqlite:///{temp / 'gradebook.db'}") as gradebook:
            try:
                grades = {g.name: g for g in gradebook.find_submission_notebook(name, assignment, student).grades}
            except MissingEntry:
                grades = {}
            for grade_id, cell in source_cells.items():
                if grade_id not in grades:
                    continue
                grade = grades[grade_id]
                manual = grade.cell_type == "markdown"
                hidden = (
                    cell.cell_type == "code" and not cell.metadata["nbgrader"].get("solution") and _is_hidden_cell(cell)
                )
                points = None if manual else float(grade.auto_score or 0)
                hint = _hint(executed_cells[grade_id], timeout) if grade_id in executed_cells else ""
                cells.append(
                    CellCheck(
                        grade_id,
                        titles.get(grade_id, ""),
                        points,
                        float(grade.max_score),
                        hidden,
                        hidden_tests or not hidden,
                        hint,
                    )
                )
    return CheckReport(notebook, assignment, hidden_tests, tuple(cells), tuple(notes), graded.failure)
