"""The nbgrader course: exercises/ in sync with solutions/, and the full round trip for every assignment.

Each assignment is released into a temporary course folder; the solution must validate, every test must fail
on the release, autograding a solution copy gives the maximum autograded points and a blank copy gives 0,
feedback is written without hidden tests, and the exported grades have one row per student.
"""

from __future__ import annotations

import ast
import csv
import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbgrader.api import Gradebook

from alaloupe import course

ASSIGNMENTS = course.assignments(ROOT)
STUDENTS = {"solution_student": "solutions", "blank_student": "exercises"}


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def released(request, tmp_path_factory) -> tuple[str, Path]:
    """A temporary course with one assignment, released there by `alaloupe.course.release`."""
    name = request.param
    root = tmp_path_factory.mktemp(f"course_{name}")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "solutions" / name, root / "solutions" / name)
    course.release([name], root=root)
    return name, root


def hidden_test_lines(name: str) -> list[str]:
    lines = []
    for path in (ROOT / "solutions" / name).glob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            hidden = source.split(course.HIDDEN_BEGIN)[1:]
            for block in hidden:
                lines += [ln.strip() for ln in block.split(course.HIDDEN_END)[0].split("\n") if ln.strip()]
    return lines


def _leaves_a_value(source: str) -> bool:
    """True if the code ends with a bare expression other than print(...): Jupyter shows its value."""
    body = ast.parse(source).body
    if not body or not isinstance(body[-1], ast.Expr):
        return False
    value = body[-1].value
    return not (isinstance(value, ast.Call) and getattr(value.func, "id", None) in {"print", "expect"})


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_released_test_cells_leave_no_value_for_partial_credit(name):
    """nbgrader reads a test cell's displayed value as partial credit; a hidden-test cell's visible first line
    must therefore be an assignment (`_ = f(x)`), not a bare call."""
    for path in (ROOT / "exercises" / name).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
                grade_id = cell.metadata["nbgrader"]["grade_id"]
                assert not _leaves_a_value(cell.source), f"{path.name}:{grade_id} ends with a bare expression"


def test_every_assignment_has_hidden_tests():
    for name in ASSIGNMENTS:
        assert hidden_test_lines(name), f"{name} has no hidden tests"


@pytest.mark.slow
def test_exercises_are_in_sync_with_solutions(released):
    name, root = released
    fresh = sorted(p.relative_to(root / "exercises") for p in (root / "exercises" / name).rglob("*") if p.is_file())
    committed = sorted(p.relative_to(ROOT / "exercises") for p in (ROOT / "exercises" / name).rglob("*") if p.is_file())
    assert fresh == committed, "run `alaloupe release` and commit exercises/"
    for relative in fresh:
        assert (root / "exercises" / relative).read_bytes() == (ROOT / "exercises" / relative).read_bytes(), (
            f"exercises/{relative} is stale or was edited by hand: run `alaloupe release` and commit it"
        )


@pytest.mark.slow
def test_solution_validates_and_release_fails_every_test(released):
    name, root = released
    for path in sorted((root / "solutions" / name).glob("*.ipynb")):
        result = course.nbgrader("validate", str(path), root=root)
        assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout + result.stderr
    for path in sorted((root / "exercises" / name).glob("*.ipynb")):
        result = course.nbgrader("validate", "--invert", str(path), root=root)
        assert "Success! The notebook does not pass any tests." in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_correct_student_notebook_validates(released, tmp_path):
    """What a student who answers correctly sees on Validate: the solution as released, without hidden tests.

    A hidden-test cell's visible first line must not leave a value behind: nbgrader reads a number as partial
    credit, and Validate then fails a correct notebook.
    """
    name, root = released
    for path in sorted((root / "solutions" / name).glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            cell.source = course.strip_hidden_tests(cell.source)
        student_copy = tmp_path / path.name
        nbformat.write(notebook, student_copy)
        result = course.nbgrader("validate", str(student_copy), root=root, check=False)
        assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_autograde_feedback_and_export_round_trip(released):
    name, root = released
    for student, source in STUDENTS.items():
        shutil.copytree(root / source / name, root / "submitted" / student / name)
    course.nbgrader("autograde", name, "--force", root=root)
    course.nbgrader("generate_feedback", name, "--force", root=root)
    course.nbgrader("export", "--to", "grades.csv", root=root)

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        assignment = gradebook.find_assignment(name)
        assert assignment.max_code_score > 0
        assert assignment.max_written_score > 0, "every assignment has a manually graded answer"
        solution = gradebook.find_submission(name, "solution_student")
        blank = gradebook.find_submission(name, "blank_student")
        assert solution.code_score == assignment.max_code_score
        assert blank.code_score == 0

    hidden = hidden_test_lines(name)
    for student in STUDENTS:
        pages = list((root / "feedback" / student / name).glob("*.html"))
        assert pages, f"no feedback for {student}"
        for page in pages:
            text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
            leaked = [line for line in hidden if line in text]
            assert not leaked, f"feedback for {student} shows hidden tests: {leaked[:3]}"

    with open(root / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["student_id"] for row in rows) == sorted(STUDENTS)


def test_feedback_preprocessor_hides_hidden_source_and_tracebacks():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    cell = new_code_cell(f"f(1)  # visible\n{course.HIDDEN_BEGIN}\nassert f(2) == 4, 'hint'\n{course.HIDDEN_END}")
    cell.outputs = [
        new_output("error", ename="AssertionError", evalue="hint", traceback=["---", "assert f(2) == 4, 'hint'"])
    ]
    notebook, _ = course.HideHiddenTests().preprocess(new_notebook(cells=[cell]), {})
    shown = notebook.cells[0]
    assert shown.source == "f(1)  # visible"
    assert shown.outputs[0]["traceback"] == ["AssertionError: hint"]


def _is_manual_answer(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_manual_question_shows_its_criteria_and_no_model_answer(name):
    """The release shows what the grader looks for, with points, above each written answer; the model answer and
    the detailed mark scheme stay in solutions/."""
    for path in (ROOT / "exercises" / name).glob("*.ipynb"):
        cells = nbformat.read(path, as_version=4).cells
        manual = [i for i, cell in enumerate(cells) if _is_manual_answer(cell)]
        assert manual, f"{name} has no manually graded answer"
        for index in manual:
            question = next(c for c in reversed(cells[:index]) if c.cell_type == "markdown").source
            assert "The grader looks for:" in question, f"{name}: no criteria above {cells[index].metadata}"
            assert re.search(r"\d(?:\.\d)? points?\b", question.split("The grader looks for:")[1]), question
            answer = cells[index].source
            assert "Model answer" not in answer and "Mark scheme" not in answer, answer[:200]


def _hidden_region(source: str) -> tuple[int, int] | None:
    """1-based first and last line of the hidden tests in a cell's source."""
    lines = source.split("\n")
    begin = [n for n, line in enumerate(lines, start=1) if course.HIDDEN_BEGIN in line]
    end = [n for n, line in enumerate(lines, start=1) if course.HIDDEN_END in line]
    return (begin[0], end[0]) if begin and end else None


def hidden_values(name: str) -> list[str]:
    """What a hidden test knows and a student must not find: the expected values of its `expect` calls, as written
    in the source, and the inputs it scores on (string literals outside expected values and hints), when long
    enough to be distinctive."""
    values = []
    for path in (ROOT / "solutions" / name).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            region = _hidden_region(cell.source)
            if cell.cell_type != "code" or region is None:
                continue
            tree = ast.parse(cell.source)
            inside = [node for node in ast.walk(tree) if region[0] < getattr(node, "lineno", 0) < region[1]]
            hints = set()
            for node in inside:
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "expect" and len(node.args) >= 2:
                    expected = node.args[1]
                    hints |= {id(n) for arg in node.args[1:] for n in ast.walk(arg)}  # expected value and hint
                    try:
                        ast.literal_eval(expected)
                    except ValueError:
                        continue
                    segment = ast.get_source_segment(cell.source, expected)
                    if segment and len(segment) >= 10 and segment not in ("[True] * 6", "[True] * 5"):
                        values.append(segment)
            values += [
                node.value
                for node in inside
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in hints
                and len(node.value) >= 16
            ]
    return sorted(set(values))


def _readable_text(path: Path) -> str:
    """A file's text as a reader sees it: a notebook's cell sources and outputs, any other file as it is."""
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        parts = [cell.source for cell in notebook.cells]
        parts += [json.dumps(cell.get("outputs", []), ensure_ascii=False) for cell in notebook.cells]
        return "\n".join(parts)
    return path.read_text(encoding="utf-8", errors="replace")


def test_no_hidden_value_can_be_found_in_the_release_the_lessons_or_the_student_export(tmp_path):
    from alaloupe import grading

    export = tmp_path / "student_kit"
    grading.export_student(export, ROOT)
    places = [ROOT / "exercises", ROOT / "notebooks", export]
    files = [p for place in places for p in place.rglob("*") if p.is_file() and p.suffix not in {".png", ".db"}]
    corpus = "\n".join(_readable_text(path) for path in files)
    for name in ASSIGNMENTS:
        values = hidden_values(name)
        assert values, f"{name}: no literal expected value in its hidden tests"
        found = [value for value in values if value in corpus]
        assert not found, f"{name}: hidden values a student can find: {found[:5]}"
