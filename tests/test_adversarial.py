"""Bad submissions: for every assignment, a crafted set is graded in ONE batch by `alaloupe.grading.grade`.

Every submission is built from the assignment's own release and solution notebooks, so the set follows the
assignments as they change. What must hold: the batch finishes; every student gets a grade row and a feedback file,
or a clearly reported failure with its cause; no cheat earns points; tampered tests are restored; an infinite loop
is cut at the per-cell timeout and grading goes on; feedback never shows hidden-test source, even in a traceback.
"""

from __future__ import annotations

import ast
import csv
import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from test_grading import distinctive

from alaloupe import course, grading

ASSIGNMENTS = course.assignments(ROOT)
TIMEOUT = 20  # seconds per cell: cuts the infinite loop, and leaves a loaded machine time to load spaCy

ALWAYS_EQUAL = '''class AlwaysEqual:
    """Equal to everything: a plain `==` test would accept it."""
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    def __hash__(self):
        return 0
'''


def defined_names(source: str) -> list[str]:
    """Top-level functions and variables an answer cell defines."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [target.id for target in node.targets if isinstance(target, ast.Name)]
    return names


def always_equal(solution: str) -> list[str]:
    """Definitions of the names a solution cell defines, each giving an AlwaysEqual object."""
    return [
        f"def {n}(*args, **kwargs):\n    return AlwaysEqual()" if f"def {n}(" in solution else f"{n} = AlwaysEqual()"
        for n in defined_names(solution)
    ]


def first_answer(notebook) -> int:
    return next(
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")
    )


def prepend(notebook, code: str):
    """The notebook with `code` run at the top of its first answer cell."""
    cell = notebook.cells[first_answer(notebook)]
    cell.source = code + "\n" + cell.source
    return notebook


def is_test(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")


def adversarial_set(name: str) -> dict[str, tuple[str, nbformat.NotebookNode]]:
    """{student: (file name, notebook)}: one crafted submission per way a notebook can go wrong."""
    filename = f"{name}.ipynb"
    solved = lambda: grading.student_copy(name, None, ROOT)  # noqa: E731 (a fresh copy each call)
    blank = lambda: grading.student_copy(name, set(), ROOT)  # noqa: E731
    first = grading.answer_cells(solved())[0]
    subs = {"blank": (filename, blank())}
    # the reference for a broken first answer: the first answer left as its stub, every other one right
    subs["first_blank"] = (filename, grading.student_copy(name, set(grading.answer_cells(solved())) - {first}, ROOT))

    subs["syntax_error"] = (filename, solved())
    cell = subs["syntax_error"][1].cells[first_answer(subs["syntax_error"][1])]
    cell.source += "\ndef broken(:\n    pass\n"
    subs["exception"] = (filename, prepend(solved(), "raise RuntimeError('the student code crashes here')"))
    subs["infinite_loop"] = (filename, prepend(solved(), "while True:\n    pass"))
    subs["ten_mb_output"] = (filename, prepend(solved(), "for _ in range(10_000):\n    print('x' * 999)"))

    tampered = blank()
    for cell in tampered.cells:
        if is_test(cell):
            cell.source = "print('✓ all tests pass')"
    subs["tampered_tests"] = (filename, tampered)
    deleted = blank()
    deleted.cells = [cell for cell in deleted.cells if not is_test(cell)]
    subs["deleted_tests"] = (filename, deleted)

    duplicated = solved()
    index = first_answer(duplicated)
    copy = duplicated.cells[index]
    duplicated.cells.insert(index + 1, nbformat.v4.new_code_cell(copy.source, metadata=copy.metadata))
    subs["duplicated_answer"] = (filename, duplicated)
    markdown = solved()
    cell = markdown.cells[first_answer(markdown)]
    markdown.cells[first_answer(markdown)] = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata)
    subs["answer_as_markdown"] = (filename, markdown)

    cheat = blank()
    for index, cell in enumerate(cheat.cells):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = ALWAYS_EQUAL + "\n".join(always_equal(solved().cells[index].source))
    subs["always_equal"] = (filename, cheat)

    subs["sys_exit"] = (filename, prepend(solved(), "import sys\nsys.exit()"))
    subs["os_exit"] = (filename, prepend(solved(), "import os\nos._exit(1)"))
    subs["renamed"] = ("my_homework (1).ipynb", solved())
    return subs


BROKEN_FIRST_ANSWER = ("syntax_error", "exception", "infinite_loop", "sys_exit")
CHEATS = ("blank", "tampered_tests", "deleted_tests", "always_equal")


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def batch(request, tmp_path_factory):
    """The adversarial set of one assignment, graded in one batch with 2 workers in a temporary course."""
    name = request.param
    root = tmp_path_factory.mktemp(f"adversarial_{name}")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "solutions" / name, root / "solutions" / name)
    course.release([name], root=root)
    subs = adversarial_set(name)
    for student, (filename, notebook) in subs.items():
        target = root / "incoming" / student / name
        target.mkdir(parents=True)
        nbformat.write(notebook, target / filename)
    report = grading.grade(root / "incoming", name, root=root, jobs=2, timeout=TIMEOUT, progress=False)
    return name, root, subs, report


def page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_every_submission_is_graded_or_reported(batch):
    name, root, subs, report = batch
    results = {r.student: r for r in report.results}
    assert sorted(results) == sorted(subs)
    for student, result in results.items():
        if result.failure is None:
            assert result.code_score is not None, student
            assert list((root / "feedback" / student / name).glob("*.html")), f"no feedback for {student}"
        else:
            assert len(result.failure) > 10, f"{student}: failure without a cause"
    assert results["os_exit"].failure is None or "kernel died" in results["os_exit"].failure
    summary = report.summary()
    assert f"{name}: {len(subs)} submissions" in summary and "by cause" in summary
    with open(report.grades_csv, newline="", encoding="utf-8") as handle:
        assert sorted(row["student_id"] for row in csv.DictReader(handle)) == sorted(subs)


@pytest.mark.slow
def test_no_cheat_earns_points_and_tests_are_restored(batch):
    name, _, _, report = batch
    results = {r.student: r for r in report.results}
    for student in CHEATS:
        assert results[student].failure is None and results[student].code_score == 0, (student, results[student])
    assert any(n.startswith("edited test cells restored") for n in results["tampered_tests"].notes)
    assert any(n.startswith("deleted test cells restored") for n in results["deleted_tests"].notes)


@pytest.mark.slow
def test_a_broken_answer_costs_that_answer_and_grading_goes_on(batch):
    name, root, _, report = batch
    results = {r.student: r for r in report.results}
    maximum = results["first_blank"].max_code_score
    reference = results["first_blank"].code_score
    assert reference < maximum
    for student in BROKEN_FIRST_ANSWER:
        assert results[student].failure is None, results[student]
        assert results[student].code_score == reference, (student, results[student].code_score, reference)
    assert any(n.startswith("cell timed out") for n in results["infinite_loop"].notes)
    for student in ("duplicated_answer", "answer_as_markdown", "renamed", "ten_mb_output"):
        assert results[student].failure is None and results[student].code_score == maximum, results[student]
    assert any(n.startswith("notebook renamed") for n in results["renamed"].notes)
    assert any(n.startswith("duplicated cells") for n in results["duplicated_answer"].notes)
    # 10 MB printed: nbgrader's LimitOutput keeps the graded notebook and its feedback small
    for folder in ("autograded", "feedback"):
        for path in (root / folder / "ten_mb_output" / name).glob("*.*"):
            assert path.stat().st_size < 2_000_000, f"{path} is {path.stat().st_size} bytes"


@pytest.mark.slow
def test_feedback_never_shows_hidden_tests(batch):
    name, root, _, _ = batch
    hidden = []
    for path in (ROOT / "solutions" / name).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for block in cell.source.split(course.HIDDEN_BEGIN)[1:]:
                hidden += [
                    ln.strip() for ln in block.split(course.HIDDEN_END)[0].split("\n") if distinctive(ln.strip())
                ]
    assert hidden
    pages = list((root / "feedback").glob(f"*/{name}/*.html"))
    assert len(pages) >= 10
    for page in pages:
        text = page_text(page)
        assert course.HIDDEN_BEGIN not in text
        leaked = [line for line in hidden if line in text]
        assert not leaked, f"{page.parent.parent.name}: feedback shows hidden tests: {leaked[:3]}"
