"""Grading a class: collect, autograde in parallel, feedback, grades.csv, the charts and the summary."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.utils import capture_log

from alaloupe import course
from alaloupe.grading.config import _has_assignment, course_config, course_directory, db_url, source_notebooks
from alaloupe.grading.parallel import Graded, autograde, isolation
from alaloupe.grading.submissions import DEFAULT_PATTERN, _cells_by_id, collect
from alaloupe.paths import repo_root


@dataclass(frozen=True)
class Result:
    """A student's autograded score, what was noticed, and the failure cause if grading failed."""

    student: str
    code_score: float | None
    max_code_score: float
    notes: tuple[str, ...]
    failure: str | None


@dataclass(frozen=True)
class ClassReport:
    assignment: str
    results: tuple[Result, ...]
    grades_csv: Path
    histogram: Path
    question_chart: Path
    feedback: Path
    seconds: tuple[tuple[str, float], ...] = ()  # wall time of each step
    sandboxed: bool = False  # whether student code ran in the sandbox

    @property
    def scores(self) -> list[float]:
        return [r.code_score for r in self.results if r.code_score is not None and r.failure is None]

    def failures(self) -> Counter[str]:
        """How many submissions each cause touched (grading failures and noticed problems)."""
        causes: Counter[str] = Counter()
        for result in self.results:
            if result.failure:
                causes[result.failure] += 1
            causes.update({_cause_name(note) for note in result.notes})
        return causes

    def summary(self) -> str:
        scores = self.scores
        maximum = max((r.max_code_score for r in self.results), default=0)
        lines = [
            f"{self.assignment}: {len(self.results)} submissions, {len(scores)} graded, "
            f"{sum(1 for r in self.results if r.failure)} failed",
        ]
        if scores:
            lines.append(
                f"autograded points (out of {maximum:g}): mean {statistics.mean(scores):.2f}, "
                f"median {statistics.median(scores):g}"
            )
        causes = self.failures()
        lines.append("failures and problems by cause:" + ("" if causes else " none"))
        lines += [f"  {count:3d} × {cause}" for cause, count in causes.most_common()]
        for result in self.results:
            for note in ([result.failure] if result.failure else []) + list(result.notes):
                lines.append(f"  {result.student}: {note}")
        lines.append(
            "student code: "
            + ("sandboxed, one bubblewrap container per kernel" if self.sandboxed else "NOT isolated (no sandbox)")
        )
        if self.seconds:
            lines.append("time: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in self.seconds))
        lines += [
            f"grades: {self.grades_csv}",
            f"charts: {self.histogram}, {self.question_chart}",
            f"feedback: {self.feedback}/<student>/{self.assignment}/",
        ]
        return "\n".join(lines)


def _cause_name(note: str) -> str:
    return note.split(":")[0]


def _notes_from_logs(graded: Graded, executed_notebook: Path | None) -> list[str]:
    notes = []
    if executed_notebook and executed_notebook.is_file():
        executed = nbformat.read(executed_notebook, as_version=4)
        timed_out = [
            cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {i}")
            for i, cell in enumerate(executed.cells)
            if cell.cell_type == "code"
            and any(o.get("ename") in ("CellTimeoutError", "KeyboardInterrupt") for o in cell.get("outputs", []))
        ]
        if timed_out:
            notes.append(f"cell timed out (interrupted at the per-cell limit): {', '.join(timed_out)}")
    return notes


def _submissions(gradebook: Gradebook, assignment: str, students: list[str]):
    """The gradebook's submissions of `assignment` by these students (a student without one is skipped)."""
    for student in students:
        try:
            yield student, gradebook.find_submission(assignment, student)
        except MissingEntry:
            continue


def _scores(url: str, assignment: str, students: list[str]) -> dict[str, tuple[float, float]]:
    """{student: (code_score, max_code_score)} from the gradebook."""
    with Gradebook(url) as gradebook:
        return {
            student: (float(submission.code_score), float(submission.max_code_score))
            for student, submission in _submissions(gradebook, assignment, students)
        }


def question_means(url: str, assignment: str, students: list[str], order: list[str] | None = None) -> dict[str, float]:
    """Mean fraction of the points earned on each autograded cell (grade_id → 0..1), in notebook order."""
    totals: dict[str, list[float]] = {}
    with Gradebook(url) as gradebook:
        for _student, submission in _submissions(gradebook, assignment, students):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.cell_type == "code" and grade.max_score:
                        totals.setdefault(grade.name, []).append((grade.auto_score or 0) / grade.max_score)
    order = {name: i for i, name in enumerate(order or [])}
    return {name: statistics.mean(totals[name]) for name in sorted(totals, key=lambda n: order.get(n, len(order)))}


def cell_order(root: Path, assignment: str) -> list[str]:
    """grade_ids of the assignment's cells in notebook order, read from its source notebooks."""
    coursedir = course_directory(course_config(root))
    folder = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    return [gid for path in sorted(folder.glob("*.ipynb")) for gid in _cells_by_id(nbformat.read(path, as_version=4))]


def grade(
    submissions: Path,
    assignment: str,
    *,
    root: Path | None = None,
    jobs: int | None = None,
    out: Path | None = None,
    timeout: int | None = None,
    pattern: str = DEFAULT_PATTERN,
    progress: bool = True,
    sandbox: bool = True,
) -> ClassReport:
    """Collect, autograde in parallel, write feedback, export grades.csv and draw the two charts.

    Outputs go to `out` (default: <course>/grading/<assignment>/); feedback to the course's feedback/ folder.
    Student code runs in the sandbox (alaloupe.sandbox) unless `sandbox` is False or the sandbox cannot run here.
    """
    from tqdm import tqdm

    from alaloupe import plots

    root = (root or repo_root()).resolve()
    if assignment not in course.assignments(root) and not source_notebooks(root, assignment):
        raise ValueError(f"No assignment {assignment!r} in {root}; known: {course.assignments(root)}")
    out = (out or root / "grading" / assignment).resolve()
    out.mkdir(parents=True, exist_ok=True)
    url = db_url(root)
    if not _has_assignment(url, assignment):
        course.release([assignment], root=root)
    clock = [("start", time.perf_counter())]
    notes = collect(submissions, assignment, root, pattern)
    clock.append(("collect", time.perf_counter()))
    students = sorted(notes)
    if not students:
        raise ValueError(f"No submission for {assignment} found in {submissions}")

    with tqdm(total=len(students), desc=f"grading {assignment}", unit="notebook", disable=not progress) as bar:
        graded = autograde(
            root, assignment, students, jobs=jobs, timeout=timeout, sandbox=sandbox, on_graded=lambda _: bar.update()
        )
    clock.append(("autograde", time.perf_counter()))

    config = course_config(root)
    coursedir = course_directory(config)
    scores = _scores(url, assignment, students)
    results = []
    for item in graded:
        folder = Path(coursedir.format_path(coursedir.autograded_directory, item.student, assignment))
        executed = sorted(folder.glob("*.ipynb"))
        found = notes[item.student] + _notes_from_logs(item, executed[0] if executed else None)
        score, maximum = scores.get(item.student, (None, 0.0))
        results.append(Result(item.student, score, maximum, tuple(found), item.failure))

    feedback = _feedback(root, assignment)
    clock.append(("feedback", time.perf_counter()))
    grades_csv = out / "grades.csv"
    exported = course.nbgrader("export", "--to", str(grades_csv), f"--assignment={assignment}", root=root, check=False)
    if exported.returncode != 0:
        raise RuntimeError(f"nbgrader export failed:\n{exported.stdout}{exported.stderr}")
    clock.append(("export", time.perf_counter()))

    maximum = max((r.max_code_score for r in results), default=0.0)
    histogram, question_chart = out / "histogram.png", out / "questions.png"
    figure = plots.grade_histogram([r.code_score for r in results if r.code_score is not None], maximum, assignment)
    figure.savefig(histogram, dpi=120)
    plots.plt.close(figure)
    figure = plots.question_means(question_means(url, assignment, students, cell_order(root, assignment)), assignment)
    figure.savefig(question_chart, dpi=120)
    plots.plt.close(figure)
    clock.append(("charts", time.perf_counter()))
    seconds = tuple((step, end - begin) for (_, begin), (step, end) in zip(clock, clock[1:], strict=False))
    isolated = isolation(sandbox) is None
    return ClassReport(assignment, tuple(results), grades_csv, histogram, question_chart, feedback, seconds, isolated)


def _feedback(root: Path, assignment: str) -> Path:
    """nbgrader generate_feedback with the course config (GenerateFeedback.preprocessors hide hidden tests)."""
    from nbgrader.converters import GenerateFeedback

    config = course_config(root)
    app = GenerateFeedback(coursedir=course_directory(config, assignment, "*"), config=config)
    app.force = True
    result = capture_log(app)
    if not result["success"]:
        raise RuntimeError(f"nbgrader generate_feedback {assignment} failed:\n{result.get('log', '')}")
    coursedir = course_directory(config)
    return Path(coursedir.format_path(coursedir.feedback_directory, ".", ".")).resolve()
