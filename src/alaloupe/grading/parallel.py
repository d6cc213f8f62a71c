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

import multiprocessing
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.preprocessors import Execute
from nbgrader.utils import capture_log
from traitlets.config import Config

from alaloupe.grading.config import _has_assignment, course_config, course_directory, db_url, source_directory
from alaloupe.grading.preprocessors import ReplayExecution
from alaloupe.sandbox import SandboxedExecute
from alaloupe.sandbox import problem as sandbox_problem


def _replay_chain(config: Config) -> list:
    """The course's autograding chain with ReplayExecution in place of Execute."""
    chain = list(
        config.Autograde.get("autograde_preprocessors", Autograde.class_traits()["autograde_preprocessors"].default())
    )
    return [ReplayExecution if step in (Execute, "nbgrader.preprocessors.Execute") else step for step in chain]


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
    names_of = course_directory(course_config(Path(job.course_root)))
    source_dir = names_of.source_directory
    (scratch / source_dir).mkdir(parents=True)
    (scratch / source_dir / job.assignment).symlink_to(template / source_dir / job.assignment)
    submitted = scratch / names_of.submitted_directory / job.student / job.assignment
    shutil.copytree(job.submitted, submitted)
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
        overrides["SandboxedExecute.submitted_dir"] = str(submitted)
    if job.timeout is not None:
        overrides["Execute.timeout"] = job.timeout
    config = course_config(Path(job.course_root), **overrides)
    app = Autograde(coursedir=course_directory(config, job.assignment, job.student), config=config)
    app.force = True
    result = capture_log(app)
    return _Executed(job.student, bool(result["success"]), result.get("log", ""), result.get("error", ""))


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


@dataclass(frozen=True)
class Graded:
    """One submission after autograding: its log, and why it failed if it did."""

    student: str
    success: bool
    execution_log: str
    record_log: str
    failure: str | None


def _failure_cause(log: str, error: str) -> str:
    if error == WORKER_DIED:
        return WORKER_DIED
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
            "ReplayExecution.autograded_directory": course_directory(base).autograded_directory,
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
    execute: Callable[[_Job], _Executed] = _execute,
) -> list[Graded]:
    """Autograde root/submitted/<student>/<assignment> for `students`: executed by `jobs` workers, recorded one by one.

    `timeout` overrides the course's per-cell limit (Execute.timeout). The course gradebook must hold the assignment.
    With `sandbox`, each kernel runs in the sandbox of alaloupe.sandbox; where it cannot (or without `sandbox`),
    kernels run unsandboxed and one warning line goes to stderr. `execute` runs phase 1 for one job in a worker
    (a module-level function, so that a worker process can import it); tests replace it to kill a worker.
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
                record(execute(job))
        else:
            for executed in _in_workers(execute, job_list, jobs):
                record(executed)
    return sorted(results, key=lambda graded: graded.student)


WORKER_DIED = "the grading worker process died (killed by the system, e.g. out of memory)"


def _in_workers(execute: Callable[[_Job], _Executed], job_list: list[_Job], jobs: int) -> Iterator[_Executed]:
    """Each job executed by a pool of `jobs` worker processes, in the order they finish.

    A worker that dies (the kernel's OOM killer, a crash) breaks the whole pool, and every job still in it fails
    with BrokenProcessPool, its own or not. Those jobs are then run again, one worker each, so that only a job
    that kills its worker again is reported, with WORKER_DIED as its cause; the rest of the class is graded.
    """
    spawn = multiprocessing.get_context("spawn")
    broken: list[_Job] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=spawn) as pool:
        futures = {pool.submit(execute, job): job for job in job_list}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    for job in broken:
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as alone:
            try:
                yield alone.submit(execute, job).result()
            except BrokenProcessPool:
                yield _Executed(job.student, False, "", WORKER_DIED)
