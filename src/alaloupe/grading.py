"""Grading a class with nbgrader: parallel autograde, feedback, grades and charts; a student's self-check; the
student-only export.

Nothing here grades a notebook by itself: every notebook is sanitised, executed and scored by nbgrader's own
`Autograde` converter and its preprocessors, with the course's `nbgrader_config.py`.

How parallel grading gives exactly the grades of serial `nbgrader autograde`
-----------------------------------------------------------------------------
nbgrader autogrades a notebook with two preprocessor chains. The *sanitising* chain (ClearOutput, DeduplicateIds,
OverwriteKernelspec, OverwriteCells, CheckCellMetadata) restores every locked and test cell from the gradebook. The
*autograding* chain (Execute, IgnorePattern, ClearMetadata, LimitOutput, SaveAutoGrades, AssignLatePenalties,
CheckCellMetadata) runs the notebook and writes the scores. Only `Execute` is slow (a kernel start plus the
notebook's own work), and only the chain after it writes to the gradebook. So `grade` works in two phases:

1. **Execute, in parallel.** A pool of N worker processes (nbgrader is imported once per worker, not once per
   student). Each submission is autograded by nbgrader's `Autograde` in a *scratch course folder of its own*: the
   submission, the assignment's source, and a private SQLite gradebook copied from a template that nbgrader's
   `GenerateAssignment` built once from the same source. Its autograding chain is `Execute` alone, or by default
   `alaloupe.sandbox.SandboxedExecute`: the same, with the kernel in a sandbox that sees only a copy of the
   submission's own folder (never this scratch course, the source or a gradebook). The sanitising
   chain is the real one, so tampered or deleted tests are restored exactly as in the real course. No worker
   ever opens the course gradebook.
2. **Record, one at a time.** The main process runs nbgrader's `Autograde` in the real course for each executed
   submission, as soon as it arrives, with the course's autograding chain in which `Execute` is replaced by
   `ReplayExecution`: it copies the outputs that phase 1 produced for the same sanitised cells (and refuses if the
   cells differ). Every gradebook write goes through nbgrader's own SaveAutoGrades, from one process, one
   submission at a time, to the course's `db_url` (SQLite or PostgreSQL): writes cannot race.

Serial `nbgrader autograde` is sanitise → execute → record in one process; this is the same steps on the same
sanitised notebook, with the execution done in another process. The grades are therefore identical (the tests and
bench/grading.py compare them). A submission whose execution fails (the kernel died) fails in phase 2 as it would
in serial nbgrader, and the summary reports its cause.

Before grading, `collect` puts submissions in submitted/<student>/<assignment>/ (an LMS flat folder goes through
nbgrader's zip_collect), renames a lone notebook saved under another name, and notes what nbgrader will restore
(edited, deleted or retyped test cells). The course config replaces nbgrader's DeduplicateIds with DropDuplicateIds
(below), so a copied answer cell no longer makes the whole submission fail; serial nbgrader uses the same config.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import DeduplicateIds, Execute, NbGraderPreprocessor
from nbgrader.utils import capture_log
from traitlets import Unicode
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from alaloupe import course
from alaloupe.paths import repo_root
from alaloupe.sandbox import SandboxedExecute
from alaloupe.sandbox import problem as sandbox_problem

CONFIG_FILE = "nbgrader_config.py"
_SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
# An LMS download names each file "<student>_<anything>.ipynb" (e.g. alice_00_start.ipynb); see --pattern.
DEFAULT_PATTERN = r".*/(?P<student_id>[^/_]+)_(?P<file_id>[^/]+)$"


# --------------------------------------------------------------------------------------------------------------
# Configuration


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


# --------------------------------------------------------------------------------------------------------------
# Sanitising: duplicated cells


class DropDuplicateIds(DeduplicateIds):
    """nbgrader's DeduplicateIds, minus its bug: it empties the metadata of a duplicated cell (`{}`), which
    CheckCellMetadata then rejects as "Outdated schema version: 0" and the whole submission fails. A student who
    copies an answer cell (JupyterLab copies its metadata) must still be graded: the extra copies simply lose their
    nbgrader metadata, and the last copy stays the graded cell, as DeduplicateIds intends.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") and (meta.get("grade") or meta.get("solution") or meta.get("locked")):
            if meta["grade_id"] in self.grade_ids:
                self.log.warning(
                    "Cell with id '%s' exists multiple times: the earlier copy is not graded", meta["grade_id"]
                )
                del cell.metadata["nbgrader"]
            else:
                self.grade_ids.add(meta["grade_id"])
        return cell, resources


# --------------------------------------------------------------------------------------------------------------
# Phase 2's stand-in for Execute


class ReplayExecution(NbGraderPreprocessor):
    """Give each cell the outputs phase 1 produced when it executed the same sanitised notebook.

    The executed notebook is `{executed_root}/{student}/autograded/{student}/{assignment}/{notebook}.ipynb` (the
    scratch course of that student). Cells are matched one to one and must have identical sources.
    """

    executed_root = Unicode("", help="Folder holding one scratch course per student.").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        student, assignment, notebook = info["student"], info["assignment"], info["notebook"]
        path = Path(self.executed_root, student, "autograded", student, assignment, f"{notebook}.ipynb")
        if not path.is_file():
            raise RuntimeError(f"{notebook}.ipynb of {student} was not executed (see the execution log)")
        executed = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        if [c.source for c in executed.cells] != [c.source for c in nb.cells]:
            raise RuntimeError(
                f"{notebook}.ipynb of {student}: the executed cells differ from the sanitised ones; "
                "the gradebook and the assignment source disagree (run `alaloupe release`)"
            )
        for cell, ran in zip(nb.cells, executed.cells, strict=True):
            if cell.cell_type == "code":
                cell.outputs = ran.outputs
                cell.execution_count = ran.execution_count
        nb.metadata = executed.metadata
        return nb, resources


def _replay_chain(config: Config) -> list:
    """The course's autograding chain with ReplayExecution in place of Execute."""
    chain = list(
        config.Autograde.get("autograde_preprocessors", Autograde.class_traits()["autograde_preprocessors"].default())
    )
    return [ReplayExecution if step in (Execute, "nbgrader.preprocessors.Execute") else step for step in chain]


# --------------------------------------------------------------------------------------------------------------
# Phase 1: execution in a worker process


@dataclass(frozen=True)
class _Job:
    course_root: str  # the real course, for its config
    template: str  # scratch course holding solutions/<assignment> and a template gradebook.db
    scratch: str  # this student's scratch course
    submitted: str  # the real submitted/<student>/<assignment> folder
    assignment: str
    student: str
    timeout: int | None
    sandbox: str = ""  # a private folder for this submission's sandboxed kernel; "" runs the kernel unsandboxed


@dataclass(frozen=True)
class _Executed:
    student: str
    success: bool
    log: str
    error: str


def _execute(job: _Job) -> _Executed:
    """Phase 1 for one submission: nbgrader's Autograde with only Execute, in a scratch course.

    Never raises: whatever goes wrong becomes a failed execution, reported with its cause in phase 2.
    """
    # nbgrader's own gradebook code triggers this SQLAlchemy warning on every submission; it is noise
    warnings.filterwarnings("ignore", message=".*not in session.*")
    try:
        return _execute_in_scratch(job)
    except Exception as error:  # noqa: BLE001 (one broken submission must not stop the class)
        return _Executed(job.student, False, "", f"{type(error).__name__}: {error}")


def _execute_in_scratch(job: _Job) -> _Executed:
    scratch, template = Path(job.scratch), Path(job.template)
    if scratch.exists():
        shutil.rmtree(scratch)
    source_dir = source_directory(course_config(Path(job.course_root)))
    (scratch / source_dir).mkdir(parents=True)
    (scratch / source_dir / job.assignment).symlink_to(template / source_dir / job.assignment)
    shutil.copytree(job.submitted, scratch / "submitted" / job.student / job.assignment)
    shutil.copy(template / "gradebook.db", scratch / "gradebook.db")
    overrides: dict[str, object] = {
        "CourseDirectory.root": str(scratch),
        "CourseDirectory.db_url": f"sqlite:///{scratch / 'gradebook.db'}",
        "Exchange.root": str(scratch / ".exchange"),
        "Autograde.autograde_preprocessors": [Execute],
    }
    if job.sandbox:
        overrides["Autograde.autograde_preprocessors"] = [SandboxedExecute]
        overrides["SandboxedExecute.sandbox_dir"] = job.sandbox
        overrides["SandboxedExecute.submitted_dir"] = str(scratch / "submitted" / job.student / job.assignment)
    if job.timeout is not None:
        overrides["Execute.timeout"] = job.timeout
    config = course_config(Path(job.course_root), **overrides)
    app = Autograde(coursedir=course_directory(config, job.assignment, job.student), config=config)
    app.force = True
    result = capture_log(app)
    return _Executed(job.student, bool(result["success"]), result.get("log", ""), result.get("error", ""))


# --------------------------------------------------------------------------------------------------------------
# The course's gradebook and the scratch template


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


def _generate(root: Path, assignment: str, **overrides: object) -> None:
    """nbgrader's GenerateAssignment in the course `root`: fills its gradebook from the assignment's source."""
    config = course_config(root, **overrides)
    app = GenerateAssignment(coursedir=course_directory(config, assignment), config=config)
    app.force = True
    result = capture_log(app)
    if not result["success"]:
        raise RuntimeError(f"nbgrader generate_assignment {assignment} failed in {root}:\n{result.get('log', '')}")


def _build_template(root: Path, assignment: str, template: Path) -> None:
    """A scratch course whose SQLite gradebook GenerateAssignment filled from the course's source of `assignment`."""
    source_dir = source_directory(course_config(root))
    shutil.copytree(root / source_dir / assignment, template / source_dir / assignment)
    _generate(
        root,
        assignment,
        **{
            "CourseDirectory.root": str(template),
            "CourseDirectory.db_url": f"sqlite:///{template / 'gradebook.db'}",
            "Exchange.root": str(template / ".exchange"),
        },
    )


# --------------------------------------------------------------------------------------------------------------
# The two phases


@dataclass(frozen=True)
class Graded:
    """One submission after autograding: its log, and why it failed if it did."""

    student: str
    success: bool
    execution_log: str
    record_log: str
    failure: str | None


def _failure_cause(log: str, error: str) -> str:
    text = log + error
    if "Kernel died" in text or "DeadKernelError" in text:
        return "the kernel died (the notebook ended its own process, e.g. os._exit, or ran out of memory)"
    if "became unresponsive" in text or "UnresponsiveKernelError" in text:
        return "the kernel became unresponsive and could not be interrupted"
    if "No notebooks found" in text:
        return "no notebook of the assignment was submitted"
    lines = [ln for ln in text.splitlines() if ln.startswith("[ERROR]") or "Error" in ln]
    return lines[-1].strip() if lines else "grading failed (see the log)"


def _record(root: Path, assignment: str, student: str, executed_root: Path) -> dict:
    """Phase 2 for one submission: nbgrader's Autograde in the real course, with ReplayExecution for Execute."""
    base = course_config(root)
    config = course_config(
        root,
        **{
            "Autograde.autograde_preprocessors": _replay_chain(base),
            "ReplayExecution.executed_root": str(executed_root),
        },
    )
    app = Autograde(coursedir=course_directory(config, assignment, student), config=config)
    app.force = True
    return capture_log(app)


def isolation(sandbox: bool = True) -> str | None:
    """None when student code will run sandboxed; otherwise the one-line warning that it is not isolated."""
    reason = "--no-sandbox" if not sandbox else sandbox_problem()
    if reason is None:
        return None
    return (
        f"warning: student code is NOT isolated ({reason}): it runs with your rights and can read solutions/, "
        "the gradebook and other submissions"
    )


def autograde(
    root: Path,
    assignment: str,
    students: list[str],
    *,
    jobs: int | None = None,
    timeout: int | None = None,
    sandbox: bool = True,
    on_graded: Callable[[Graded], None] | None = None,
) -> list[Graded]:
    """Autograde root/submitted/<student>/<assignment> for `students`: executed by `jobs` workers, recorded one by one.

    `timeout` overrides the course's per-cell limit (Execute.timeout). The course gradebook must hold the assignment.
    With `sandbox`, each kernel runs in the sandbox of alaloupe.sandbox; where it cannot (or without `sandbox`),
    kernels run unsandboxed and one warning line goes to stderr.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    warning = isolation(sandbox)
    if warning:
        print(f"alaloupe: {warning}", file=sys.stderr)
    url = db_url(root)
    if not _has_assignment(url, assignment):
        raise ValueError(f"The gradebook {url} has no assignment {assignment!r}: run `alaloupe release {assignment}`")
    coursedir = course_directory(course_config(root))
    results = []
    with tempfile.TemporaryDirectory(prefix=f"alaloupe-grade-{assignment}-") as work:
        work_dir = Path(work)
        template = work_dir / "_template"
        _build_template(root, assignment, template)
        executed_root = work_dir / "students"
        job_list = [
            _Job(
                course_root=str(root),
                template=str(template),
                scratch=str(executed_root / student),
                submitted=coursedir.format_path(coursedir.submitted_directory, student, assignment),
                assignment=assignment,
                student=student,
                timeout=timeout,
                sandbox="" if warning else str(work_dir / "sandboxes" / student),
            )
            for student in students
        ]

        def record(executed: _Executed) -> None:
            recorded = _record(root, assignment, executed.student, executed_root)
            failure = None
            if not recorded["success"]:
                failure = _failure_cause(executed.log + recorded.get("log", ""), executed.error)
            graded = Graded(executed.student, bool(recorded["success"]), executed.log, recorded.get("log", ""), failure)
            results.append(graded)
            if on_graded:
                on_graded(graded)

        if jobs == 1 or len(job_list) == 1:
            for job in job_list:
                record(_execute(job))
        else:
            import multiprocessing

            with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = [pool.submit(_execute, job) for job in job_list]
                for future in as_completed(futures):
                    record(future.result())
    return sorted(results, key=lambda graded: graded.student)


# --------------------------------------------------------------------------------------------------------------
# Synthetic submissions (for the bench and the tests)


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


# --------------------------------------------------------------------------------------------------------------
# Collecting submissions into submitted/<student>/<assignment>/


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


# --------------------------------------------------------------------------------------------------------------
# Grading a class


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


# --------------------------------------------------------------------------------------------------------------
# A student's self-check


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
            lines.append(f"Graded by hand, not included: {manual:g} points (compare with the model answer)")
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
    known = set(course.assignments(root)) if (root / "solutions").is_dir() else set()
    known |= {p.name for p in (root / "exercises").iterdir() if p.is_dir()} if (root / "exercises").is_dir() else set()
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
    hidden_tests = (root / "solutions" / assignment).is_dir()
    source = root / ("solutions" if hidden_tests else "exercises") / assignment
    if not source.is_dir():
        raise ValueError(f"No assignment {assignment!r} in {root / 'exercises'}")
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
        submitted = temp / "submitted" / student / assignment
        submitted.mkdir(parents=True)
        shutil.copy(notebook, submitted / f"{name}.ipynb")
        release = temp / course_directory(course_config(temp)).release_directory / assignment / f"{name}.ipynb"
        notes += inspect_submission(submitted / f"{name}.ipynb", release)
        (graded,) = autograde(temp, assignment, [student], jobs=1, timeout=timeout, sandbox=sandbox)
        executed_path = temp / "autograded" / student / assignment / f"{name}.ipynb"
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


# --------------------------------------------------------------------------------------------------------------
# The student-only export

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
