"""Grading a class and checking one's own notebook: `alaloupe grade`, `alaloupe check`, `alaloupe export-student`.

Each test works in a temporary course folder (a copy of nbgrader_config.py and solutions/<assignment>, released
there), as tests/test_course.py does, so the kit's own gradebook and submitted/ are never touched.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbgrader.api import Gradebook

from alaloupe import course, grading, sandbox

ASSIGNMENTS = course.assignments(ROOT)
# The parallel-equals-serial comparison runs on the latest assignment (the richest one); the bench covers 40.
COMPARED = ASSIGNMENTS[-1]
FIRST = ASSIGNMENTS[0]


def new_course(folder: Path, name: str) -> Path:
    """A temporary course holding one released assignment."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    shutil.copytree(ROOT / "solutions" / name, folder / "solutions" / name)
    course.release([name], root=folder)
    return folder


def class_of(name: str) -> dict[str, set[str] | None]:
    """A small class: everything right, nothing, every other answer."""
    answers = grading.answer_cells(nbformat.read(next((ROOT / "solutions" / name).glob("*.ipynb")), as_version=4))
    return {"all_right": None, "blank": set(), "even": set(answers[::2])}


def write_submissions(folder: Path, name: str, students: dict[str, set[str] | None]) -> Path:
    for student, answered in students.items():
        target = folder / student / name
        target.mkdir(parents=True, exist_ok=True)
        nbformat.write(grading.student_copy(name, answered, ROOT), target / f"{name}.ipynb")
    return folder


def cell_grades(root: Path, name: str, students) -> dict[tuple[str, str], tuple[float | None, float]]:
    """{(student, grade_id): (auto_score, max_score)} from a course's gradebook."""
    grades = {}
    with Gradebook(grading.db_url(root)) as gradebook:
        for student in students:
            for notebook in gradebook.find_submission(name, student).notebooks:
                for grade in notebook.grades:
                    grades[(student, grade.name)] = (grade.auto_score, grade.max_score)
    return grades


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alaloupe.cli", *args], cwd=cwd, capture_output=True, text=True, env=os.environ
    )


@pytest.mark.slow
def test_parallel_grade_equals_serial_nbgrader_autograde(tmp_path):
    students = class_of(COMPARED)
    incoming = write_submissions(tmp_path / "incoming", COMPARED, students)

    serial = new_course(tmp_path / "serial", COMPARED)
    shutil.copytree(incoming, serial / "submitted")
    course.nbgrader("autograde", COMPARED, "--force", root=serial)

    parallel = new_course(tmp_path / "parallel", COMPARED)
    result = run_cli("grade", str(incoming), "--assignment", COMPARED, "--jobs", "2", "--course", str(parallel))
    assert result.returncode == 0, result.stdout + result.stderr

    expected = cell_grades(serial, COMPARED, students)
    assert cell_grades(parallel, COMPARED, students) == expected
    if sandbox.problem() is None:  # so the grades are also those of the sandbox against none
        assert "student code: sandboxed" in result.stdout
    assert len(expected) >= 4 * len(students)
    # the class is graded as built: full marks, zero, partial
    with Gradebook(grading.db_url(parallel)) as gradebook:
        maximum = gradebook.find_assignment(COMPARED).max_code_score
        score = {s: gradebook.find_submission(COMPARED, s).code_score for s in students}
    assert score["all_right"] == maximum and score["blank"] == 0
    assert 0 < score["even"] < maximum

    out = parallel / "grading" / COMPARED
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["student_id"] for row in rows) == sorted(students)
    for chart in ("histogram.png", "questions.png"):
        assert (out / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for student in students:
        assert list((parallel / "feedback" / student / COMPARED).glob("*.html")), f"no feedback for {student}"
    assert f"{COMPARED}: {len(students)} submissions, {len(students)} graded, 0 failed" in result.stdout
    assert "mean" in result.stdout and "median" in result.stdout
    assert "grading " in result.stderr  # the progress bar


@pytest.mark.slow
def test_grade_collects_a_flat_lms_folder_with_zip_collect(tmp_path):
    root = new_course(tmp_path / "course", FIRST)
    flat = tmp_path / "lms"
    flat.mkdir()
    nbformat.write(grading.student_copy(FIRST, None, ROOT), flat / f"alice_{FIRST}.ipynb")
    nbformat.write(grading.student_copy(FIRST, set(), ROOT), flat / f"bob_{FIRST}.ipynb")
    nbformat.write(grading.student_copy(FIRST, None, ROOT), flat / "carol_Untitled1.ipynb")
    (flat / "dave_notes.txt").write_text("not a notebook", encoding="utf-8")

    report = grading.grade(flat, FIRST, root=root, jobs=2, progress=False)

    scores = {r.student: r.code_score for r in report.results}
    maximum = report.results[0].max_code_score
    assert scores == {"alice": maximum, "bob": 0, "carol": maximum}
    carol = next(r for r in report.results if r.student == "carol")
    assert any(note.startswith("notebook renamed") for note in carol.notes)
    assert (root / "submitted" / "alice" / FIRST / f"{FIRST}.ipynb").is_file()


def test_replay_refuses_cells_that_differ(tmp_path):
    """Phase 2 records only outputs executed on the very same sanitised cells."""
    executed = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    folder = tmp_path / "ana" / "autograded" / "ana" / "a1"
    folder.mkdir(parents=True)
    nbformat.write(executed, folder / "nb.ipynb")
    replay = grading.ReplayExecution(executed_root=str(tmp_path))
    resources = {"nbgrader": {"student": "ana", "assignment": "a1", "notebook": "nb"}}
    with pytest.raises(RuntimeError, match="differ"):
        replay.preprocess(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 2")]), resources)
    with pytest.raises(RuntimeError, match="was not executed"):
        replay.preprocess(executed, {"nbgrader": {**resources["nbgrader"], "student": "bo"}})


def hidden_lines(name: str) -> list[str]:
    """The distinctive lines of the assignment's hidden tests (fragments such as `)` or `expect(` left out)."""
    lines = []
    for path in (ROOT / "solutions" / name).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for block in cell.source.split(course.HIDDEN_BEGIN)[1:]:
                lines += [ln.strip() for ln in block.split(course.HIDDEN_END)[0].split("\n")]
    return [line for line in lines if distinctive(line)]


def distinctive(line: str) -> bool:
    """A line that would identify a hidden test: not a fragment, nor a bare `except ValueError:` or `else:`."""
    return len(line) >= 12 and not re.fullmatch(r"(try|else|finally|except[\w\s.,()]*|pass)\s*:?", line)


@pytest.mark.slow
def test_check_counts_hidden_tests_with_solutions_and_never_prints_them(tmp_path):
    answers = grading.answer_cells(nbformat.read(ROOT / "solutions" / FIRST / f"{FIRST}.ipynb", as_version=4))
    mine = tmp_path / "my work.ipynb"
    nbformat.write(grading.student_copy(FIRST, set(answers[1:]), ROOT), mine)

    result = run_cli("check", str(mine), "--assignment", FIRST)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr  # not full marks
    assert "visible and hidden tests (solutions/ found)" in out
    assert "✗" in out and "✓" in out and "hidden tests" in out
    assert "not answered yet" in out
    leaked = [line for line in hidden_lines(FIRST) if line in out]
    assert not leaked, leaked

    report = grading.check(mine, assignment=FIRST)
    counted = [c for c in report.cells if c.counted and c.points is not None]
    assert any(c.hidden for c in counted)
    assert 0 < report.score < report.max_score
    assert report.max_score == sum(c.max_points for c in counted)


@pytest.mark.slow
def test_check_in_a_student_only_copy_runs_visible_tests_only(tmp_path):
    export = tmp_path / "student_kit"
    grading.export_student(export, ROOT)
    mine = tmp_path / f"{FIRST}.ipynb"
    nbformat.write(grading.student_copy(FIRST, None, ROOT), mine)

    report = grading.check(mine, root=export)
    assert not report.hidden_tests
    visible = [c for c in report.cells if c.counted and c.points is not None]
    hidden = [c for c in report.cells if c.hidden]
    assert visible and hidden and not any(c.counted for c in hidden)
    assert report.score == report.max_score == sum(c.max_points for c in visible)
    assert "visible tests only" in report.render()


def solution_blocks(name: str) -> list[str]:
    blocks = []
    for path in (ROOT / "solutions" / name).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.metadata.get("nbgrader", {}).get("solution"):
                parts = cell.source.split("### BEGIN SOLUTION")[1:]
                if parts:
                    blocks += [part.split("### END SOLUTION")[0].strip() for part in parts]
                elif cell.cell_type == "markdown":
                    blocks.append(cell.source.strip())  # a written answer: model answer and mark scheme
    return [block for block in blocks if block]


def test_export_student_has_the_kit_without_any_solution_or_hidden_test(tmp_path):
    dest = tmp_path / "export"
    result = run_cli("export-student", str(dest))
    assert result.returncode == 0, result.stderr
    for expected in ("README.md", "pyproject.toml", "environment.yml", "postBuild", "data/article.txt"):
        assert (dest / expected).is_file(), expected
    for name in ASSIGNMENTS:
        if (ROOT / "exercises" / name).is_dir():
            assert list((dest / "exercises" / name).glob("*.ipynb")), name
    assert (dest / "notebooks" / f"{FIRST}.ipynb").is_file()
    assert (dest / "src" / "alaloupe" / "grading" / "__init__.py").is_file()
    assert not (dest / "solutions").exists() and not (dest / "tests").exists()

    text = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in dest.rglob("*") if p.is_file() and p.suffix != ".png"
    )
    flat = "\n".join(line.strip() for line in text.split("\n"))
    for name in ASSIGNMENTS:
        for block in solution_blocks(name):
            stripped = "\n".join(line.strip() for line in block.split("\n"))
            assert stripped not in flat, f"{name}: a solution block is in the export:\n{block[:200]}"
        leaked = [line for line in hidden_lines(name) if line in text]
        assert not leaked, f"{name}: hidden tests in the export: {leaked[:3]}"
    # the notebooks in the export are valid JSON notebooks
    for path in dest.rglob("*.ipynb"):
        json.loads(path.read_text(encoding="utf-8"))


def test_export_student_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="not empty"):
        grading.export_student(tmp_path, ROOT)


def _kills_its_worker(job):
    """Phase 1 as usual, except for the student "crasher", whose worker process exits abruptly."""
    from alaloupe.grading import parallel

    if job.student == "crasher":
        os._exit(3)
    return parallel._execute(job)


@pytest.mark.slow
def test_a_dead_worker_fails_one_row_and_the_class_goes_on(tmp_path):
    from alaloupe.grading import parallel

    root = new_course(tmp_path / "course", FIRST)
    students = {"alice": None, "crasher": None, "bob": set()}
    write_submissions(root / "submitted", FIRST, students)
    graded = grading.autograde(root, FIRST, sorted(students), jobs=2, sandbox=False, execute=_kills_its_worker)
    by_student = {g.student: g for g in graded}
    assert sorted(by_student) == sorted(students), "a row for everyone"
    assert by_student["crasher"].failure == parallel.WORKER_DIED
    assert by_student["alice"].success and by_student["bob"].success


def _plain_nbgrader_course(folder: Path) -> Path:
    """A standard nbgrader course, not this kit: source/ and release/, nbgrader's default names, one assignment."""
    folder.mkdir(parents=True)
    (folder / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "plain"\n', encoding="utf-8"
    )

    def cell(kind, source, **meta):
        made = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        made.metadata["nbgrader"] = {"schema_version": 3, "locked": False, "solution": False, "grade": False, **meta}
        return made

    notebook = nbformat.v4.new_notebook(
        cells=[
            cell("markdown", "Write `double(x)`.", grade_id="intro", locked=True),
            cell(
                "code",
                "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
                grade_id="answer",
                solution=True,
            ),
            cell("code", "assert double(3) == 6", grade_id="test", grade=True, locked=True, points=2),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    (folder / "source" / "ps1").mkdir(parents=True)
    nbformat.write(notebook, folder / "source" / "ps1" / "ps1.ipynb")
    return folder


@pytest.mark.slow
def test_grade_works_on_a_plain_nbgrader_course(tmp_path):
    root = _plain_nbgrader_course(tmp_path / "plain")
    assert course.assignments(root) == ["ps1"] and course.folders(root).source_directory == "source"
    course.nbgrader("generate_assignment", "ps1", "--force", root=root)
    assert (root / "release" / "ps1" / "ps1.ipynb").is_file()
    incoming = tmp_path / "incoming"
    for student, solved in (("ann", True), ("ben", False)):
        released = nbformat.read(root / "release" / "ps1" / "ps1.ipynb", as_version=4)
        if solved:
            released.cells[1].source = "def double(x):\n    return x + x"
        (incoming / student / "ps1").mkdir(parents=True)
        nbformat.write(released, incoming / student / "ps1" / "ps1.ipynb")
    result = run_cli("grade", str(incoming), "--assignment", "ps1", "--course", str(root), "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    with open(root / "grading" / "ps1" / "grades.csv", newline="", encoding="utf-8") as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert scores == {"ann": 2.0, "ben": 0.0}
    assert list((root / "feedback" / "ann" / "ps1").glob("*.html"))
