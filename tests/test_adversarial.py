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
from test_grading import cell_grades, distinctive, run_cli

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
    subs["delegation"] = (filename, delegation(name))
    # a spy: after every cell, print every cell run so far, hidden tests included (they run in its kernel)
    spy = "def _spy(result):\n    print('\\n'.join(In))\nget_ipython().events.register('post_run_cell', _spy)"
    subs["spy"] = (filename, prepend(solved(), spy))
    return subs


# A clever student's *delegation*: every implement question answered by a one-line call into the kit's reference code,
# reached by a different route each time (module alias, from-import, importlib, a reference saved before the tests
# run, __import__); the use questions keep their correct answer. {assignment: {answer cell: source}}.
MARKERS_05 = (
    'MARKERS = ["Sergie", "milles", "telles que comme", "S\'adressant au", "Cela survient après que",\n'
    '           "service de combat", "N\'y allez pas", "Kiev", "ICBM"]\n'
)
DELEGATIONS: dict[str, dict[str, str]] = {
    "00_start": {
        "q1_answer": "from alaloupe import article as A\ndef count_lines(text):\n    return len(A.line_starts(text)) if text else 0",  # noqa: E501
        "q2_answer": 'from alaloupe.tokens import char_counts\ndef count_apostrophes(text):\n    return char_counts(text, "\'’")',  # noqa: E501
        "q3_answer": (
            "import importlib\nkit_article = importlib.import_module('alaloupe.article')\n"
            "def find_lines(text, phrase):\n"
            "    return sorted({kit_article.line_of(i, text) for i in range(len(text)) if text.startswith(phrase, i)})"
        ),
        "q4_answer": (
            "from alaloupe import article\nstarts = article.line_starts  # saved before the tests run\n"
            "def longest_line(text):\n    s = starts(text) + [len(text) + 1]\n"
            "    n = [b - a - 1 for a, b in zip(s, s[1:])]\n    return (n.index(max(n)) + 1, max(n))"
        ),
    },
    "01_tokenisation": {
        "q1_answer": "import alaloupe.tokens as T\ndef normalise(text):\n    return T.normalise(text)",
        "q2_answer": "from alaloupe.tokens import tokenize as kit_tokenize\ndef tokenize(text):\n    return kit_tokenize(text)",  # noqa: E501
        "q3_answer": (
            "from alaloupe import tokens as t\ndef token_stats(token_list):\n"
            "    c = t.counts(nlp.parse(' '.join(token_list)))\n"
            "    return {'tokens': c.tokens, 'words': c.words, 'types': c.types}"
        ),
        "q4_answer": (
            "import importlib\nkit_tokens = importlib.import_module('alaloupe.tokens')\ndef top_reporting_verb(doc, verbs):\n"  # noqa: E501
            "    c = {k: v for k, v in kit_tokens.reporting_verbs(doc).items() if k in verbs}\n"  # noqa: E501
            "    return min(c.items(), key=lambda i: (-i[1], i[0])) if c else None"
        ),
        "q5_answer": (
            "from alaloupe import tokens\nagree = tokens.spacy_agreement  # saved before the tests run\n"
            "def agreement_f1(text, tokenize_fn, spacy_tokenizer):\n"
            "    return agree(text, spacy_tokenizer, ours=tokenize_fn).f1"
        ),
    },
    "02_entities": {
        "q1_answer": "from alaloupe import evaluate as E\ndef prf(gold, pred):\n    s = E.prf(gold, pred)\n    return (s.precision, s.recall, s.f1)",  # noqa: E501
        "q2_answer": (
            "evaluate = __import__('alaloupe.evaluate', fromlist=['prf'])\ndef score_model(text, gold):\n"
            "    s = evaluate.prf(gold, nlp.parse(text).ents)\n"
            "    return (s.precision, s.recall, s.f1)"
        ),
        "q3_answer": "def fix(text, spans):\n    return [e.span for e in entities.entities(text)]",
        "q5_answer": "def person_counts(found):\n    return entities.mention_counts([e for e in found if e.label == 'PER'])",  # noqa: E501
    },
    "03_claims": {
        "q1_answer": (
            "from alaloupe import claims\ndef find_quotes(text):\n"
            "    return [(q.open_mark, q.text.strip(), q.closed) for q in claims.quotes(text)]"
        ),
        "q2_answer": (
            "import alaloupe.claims as C\ndef speaker_and_cue(sentence):\n"
            "    a = [x for x in C.attributions(sentence.doc) if x.how == 'nsubj' and sentence.start_char <= x.start < sentence.end_char]\n"  # noqa: E501
            "    return (a[0].mention, a[0].cue) if a else None"
        ),
        "q3_answer": (
            "from alaloupe.claims import resolve_speaker\ndef resolve_speakers(mentions, lines):\n"
            "    return {n: resolve_speaker(mentions[n]) if mentions.get(n) else None for n in range(1, len(lines) + 1)}"  # noqa: E501
        ),
        "q4_answer": (
            "from alaloupe import claims\ndef is_vague(phrase):\n    return bool(claims.vague_sources(phrase))\n"
            "def boilerplate_lines(text):\n    return sorted({b.line for b in claims.boilerplate(text)})"
        ),
        "q5_answer": (
            "import importlib\nC = importlib.import_module('alaloupe.claims')\nMONTHS, FIRST_PERSON = set(), set()\n"
            "def score_line(sentence):\n    return float(C.spot(sentence.text)[0].score)\n"
            "def top_lines(doc, k=5, skip=()):\n"
            "    return [c.line for c in sorted(C.spot(doc), key=lambda c: (-c.score, c.line)) if c.line not in skip][:k]"  # noqa: E501
        ),
    },
    "04_units": {
        "q1_answer": "from alaloupe.quantities import parse_number\ndef parse_french_number(s):\n    return parse_number(s)",  # noqa: E501
        "q3_answer": (
            "def reading_errors(value, units, reference_km):\n"
            "    return {u: quantities.relative_error(quantities.convert(value, u, 'kilometer'), reference_km) for u in units}"  # noqa: E501
        ),
        "q4_answer": (
            "import alaloupe.quantities as Q\ndef points_and_change(before, after):\n"
            "    return (Q.percentage_points(before, after), Q.relative_change(before, after) * 100)"
        ),
        "q5_answer": (
            "from alaloupe import dates\ndef last_named_month(month_name, published):\n"
            "    p = dates.resolve(f'{month_name.lower()} dernier', published)\n    return (p.first.year, p.first.month)"  # noqa: E501
        ),
    },
    "05_source_criticism": {
        "q1_answer": MARKERS_05
        + (
            "from alaloupe import report\ndef find_markers(text, phrases):\n"
            "    key = lambda s: s.replace('’', \"'\").lower()\n"
            "    return [(m.line, p) for m in report.translationese(text) for p in phrases if key(m.text) == key(p)]"
        ),
    },
}


def delegation(name: str, root: Path = ROOT) -> nbformat.NotebookNode:
    """The solved notebook with every implement answer replaced by its delegation.

    The imports and saved references go to a cell of their own, added above the answer: the answer cell's source
    then looks clean, so only the runtime guard stands between the delegation and the points.
    """
    notebook = grading.student_copy(name, None, root)
    cells = []
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in DELEGATIONS[name]:
            source = DELEGATIONS[name][grade_id]
            cut = source.index("def ")
            if cut:
                cells.append(nbformat.v4.new_code_cell(source[:cut]))
            cell.source = source[cut:]
        cells.append(cell)
    notebook.cells = cells
    return notebook


def delegated_questions(name: str) -> set[str]:
    return {grade_id.split("_")[0] for grade_id in DELEGATIONS[name]}


BROKEN_FIRST_ANSWER = ("syntax_error", "exception", "infinite_loop", "sys_exit")
CHEATS = ("blank", "tampered_tests", "deleted_tests", "always_equal")


@pytest.fixture(scope="session")
def built_batches() -> dict:
    """Batches already graded in this process, by assignment: each is built once, whatever order tests run in.

    (A module-scoped parametrised fixture is torn down and rebuilt whenever the tests of two assignments
    interleave, which pytest-xdist's scheduling can make them do; one batch costs a minute or two.)"""
    return {}


@pytest.fixture(params=ASSIGNMENTS)
def batch(request, built_batches, tmp_path_factory):
    """The adversarial set of one assignment, graded in one batch with 2 workers in a temporary course."""
    name = request.param
    if name not in built_batches:
        built_batches[name] = _graded_batch(name, tmp_path_factory)
    return built_batches[name]


def _graded_batch(name: str, tmp_path_factory):
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
    spy = results["spy"]
    assert spy.failure is None and spy.code_score == spy.max_code_score, "spying costs nothing, it only shows nothing"
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
    # the spy printed every cell it saw; its feedback shows where the hidden tests were cut out
    spied = [page_text(page) for page in pages if page.parent.parent.name == "spy"]
    assert spied and all("[hidden]" in text for text in spied)


@pytest.mark.slow
def test_delegating_to_the_kit_earns_nothing_on_implement_questions(batch):
    """Each implement question answered by a call into the kit scores 0; every other question keeps full marks."""
    name, root, _, report = batch
    result = next(r for r in report.results if r.student == "delegation")
    assert result.failure is None, result
    delegated = delegated_questions(name)
    grades = cell_grades(root, name, ["delegation"])
    assert {grade_id.split("_")[0] for (_, grade_id) in grades} >= delegated
    for (_, grade_id), (score, maximum) in grades.items():
        if grade_id.split("_")[0] in delegated:
            assert not score, f"{name} {grade_id}: a delegation to the kit earned {score}"
        elif not grade_id.endswith("_answer"):  # a graded answer cell is a written answer: it waits for a human
            assert score == maximum, f"{name} {grade_id}: {score}/{maximum}"


@pytest.mark.slow
def test_alaloupe_check_gives_a_delegation_zero_and_says_why(tmp_path):
    name = "01_tokenisation"
    mine = tmp_path / f"{name}.ipynb"
    nbformat.write(delegation(name), mine)
    result = run_cli("check", str(mine))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "write this one yourself: alaloupe.tokens.tokenize is the answer key" in result.stdout, result.stdout
    report = grading.check(mine, assignment=name)
    counted = [c for c in report.cells if c.counted and c.points is not None]
    assert counted and report.score == 0, [(c.grade_id, c.points) for c in counted]
