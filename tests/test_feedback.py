"""Feedback shows nothing of the hidden tests, even when the student's code reads them and prints them."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from alaloupe import course
from alaloupe.grading import feedback

HIDDEN = (
    "_ = count('a')  # visible\n"
    f"    {course.HIDDEN_BEGIN}\n"
    "    expect(count('secret input'), 7, \"Count every letter, spaces excluded\")\n"
    "    assert count('another one') == 10, f\"Ten letters in {'another one'!r}\"\n"
    '    print(f"✓ count works on {2} inputs")\n'
    f"    {course.HIDDEN_END}"
)
SOURCE = "with guard():\n" + "\n".join("    " + line if i == 0 else line for i, line in enumerate(HIDDEN.split("\n")))


def graded(*outputs, later=()) -> nbformat.NotebookNode:
    cell = new_code_cell(SOURCE)
    cell.outputs = list(outputs)
    after = new_code_cell("print(stolen)")
    after.outputs = list(later)
    notebook, _ = course.HideHiddenTests().preprocess(new_notebook(cells=[cell, after]), {})
    return notebook


def shown(notebook) -> str:
    return nbformat.writes(notebook)


def test_hidden_regions_leave_the_source():
    notebook = graded()
    assert notebook.cells[0].source == "with guard():\n    _ = count('a')  # visible"
    assert "secret input" not in shown(notebook)


def test_a_printed_line_is_kept_only_when_the_test_prints_it():
    spy = "expect(count('secret input'), 7, \"Count every letter, spaces excluded\")\n"
    notebook = graded(new_output("stream", name="stdout", text=spy + "✓ count works on 2 inputs\n"))
    outputs = notebook.cells[0].outputs
    assert "secret input" not in shown(notebook), "a line the student's code printed must not show"
    assert "✓ count works on 2 inputs\n" in outputs[-1]["text"], "the test's own success line stays"
    assert "1 line(s)" in outputs[0]["text"], "a note says what was dropped"


def test_rich_outputs_of_the_student_code_are_dropped():
    notebook = graded(new_output("display_data", data={"text/plain": "('secret input', 'another one')"}))
    assert "secret input" not in shown(notebook)
    assert [o["output_type"] for o in notebook.cells[0].outputs] == ["stream"]


def test_an_error_shows_the_hint_but_not_the_students_value():
    error = new_output(
        "error",
        ename="AssertionError",
        evalue="Count every letter, spaces excluded (wrong value; got 'c2VjcmV0IGlucHV0')",
        traceback=["...", "expect(count('secret input'), 7, ...)"],
    )
    out = graded(error).cells[0].outputs[0]
    assert out["evalue"] == "Count every letter, spaces excluded"
    assert out["traceback"] == ["AssertionError: Count every letter, spaces excluded"]


def test_an_f_string_hint_is_recognised():
    error = new_output("error", ename="AssertionError", evalue="Ten letters in 'another one'", traceback=[])
    assert graded(error).cells[0].outputs[0]["evalue"] == "Ten letters in '[hidden]'"


def test_a_message_raised_by_the_students_code_is_replaced():
    error = new_output("error", ename="ValueError", evalue="leak: c2VjcmV0IGlucHV0", traceback=["leak"])
    out = graded(error).cells[0].outputs[0]
    assert out["ename"] == "ValueError" and "c2Vj" not in out["evalue"] and "your code raised it" in out["evalue"]


def test_the_kits_own_guard_message_is_kept():
    message = "write this one yourself: alaloupe.tokens.tokenize is the answer key"
    error = new_output("error", ename="AssertionError", evalue=message, traceback=[])
    assert graded(error).cells[0].outputs[0]["evalue"] == message


def test_a_hidden_constant_printed_in_a_later_cell_is_redacted():
    later = [
        new_output("stream", name="stdout", text="('secret input', 'another one')\n"),
        new_output("execute_result", data={"text/plain": "'secret input'"}, execution_count=3),
    ]
    notebook = graded(later=later)
    assert "secret input" not in shown(notebook) and "another one" not in shown(notebook)
    assert notebook.cells[1].outputs[0]["text"] == "('[hidden]', '[hidden]')\n"


def test_a_hidden_line_quoted_in_a_later_cell_is_redacted():
    line = "    assert count('another one') == 10, f\"Ten letters in {'another one'!r}\"\n"
    marker = f"    {course.HIDDEN_BEGIN}\n"
    notebook = graded(later=[new_output("stream", name="stdout", text=marker + line)])
    assert "count('another one')" not in shown(notebook) and course.HIDDEN_BEGIN not in shown(notebook)


def test_an_escaped_constant_is_redacted_too():
    source = f"{course.HIDDEN_BEGIN}\nexpect(f('12\\u20094'), 1, 'hint')\n{course.HIDDEN_END}"
    tests = feedback.hidden_tests(source)
    assert "12\u20094" in tests.constants and "hint" not in tests.constants
    secrets = feedback.secrets_of([tests])
    assert feedback.redact(repr("12\u20094"), secrets) == "'[hidden]'"


def test_a_cell_that_does_not_parse_still_hides_its_lines():
    source = f"def broken(:\n{course.HIDDEN_BEGIN}\nassert f('x') == 'a long secret value'\n{course.HIDDEN_END}"
    tests = feedback.hidden_tests(source)
    assert tests.lines == frozenset({"assert f('x') == 'a long secret value'"})
    assert feedback.strip_hidden_tests(source) == "def broken(:"
