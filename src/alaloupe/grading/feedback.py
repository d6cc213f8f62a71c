"""What feedback may show of a graded notebook: nothing of the hidden tests, even when the student's code tries.

Hidden tests run in the student's kernel, so the student's functions run while they run, and can read them: the
caller's frame and its constants, `In`, `inspect.getsource`. Whatever such code prints, displays or puts in an
exception message would reach the feedback page. The rules, applied by `course.HideHiddenTests`:

- The hidden regions are removed from the source (as before), and a traceback keeps only its error line.
- In a cell that holds hidden tests, a printed line is kept only if the test code itself prints it (a `print` of
  a literal or an f-string of the cell); rich outputs (displays, results) are dropped. A note says how many
  lines were dropped.
- An error message there is kept only when it is the test's own hint (the third argument of `expect`, or an
  assert's message) or one of the kit's fixed messages (`own_work`); the "got …" part that follows a hint is the
  student's value, so it is cut too. Any other message came from the student's code and is replaced by a note.
- In every cell, any text that quotes a hidden line or a string constant of the hidden tests (as written or as its
  repr) is replaced by "[hidden]", because a value read during the hidden tests can be printed in a later cell.

Limits: code that encodes what it read (base64, a cipher) and prints it in a later cell is not caught; only running
the hidden tests outside the student's process would stop that.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"

REDACTED = "[hidden]"
MIN_SECRET = 4  # shorter constants ("", "a", "l'") are everywhere and say nothing
MIN_LINE = 12
_KIT_MESSAGES = (
    re.compile(r"write this one yourself: [\w.]+ is the answer key"),
    re.compile(r"write \w{1,60} yourself, without [\w. ()'-]{1,80}"),
    re.compile(r"this test watches which functions run: .*"),
)


@dataclass(frozen=True)
class HiddenTests:
    """What one cell's hidden regions contain: their lines, string constants, hints and printed messages."""

    lines: frozenset[str]
    constants: frozenset[str]
    hints: tuple[re.Pattern[str], ...]
    printed: tuple[re.Pattern[str], ...]


def hidden_line_numbers(source: str) -> set[int]:
    """1-based numbers of the lines inside the hidden regions of a cell's source."""
    numbers, hidden = set(), False
    for number, line in enumerate(source.split("\n"), start=1):
        if HIDDEN_BEGIN in line:
            hidden = True
        elif HIDDEN_END in line:
            hidden = False
        elif hidden:
            numbers.add(number)
    return numbers


def strip_hidden_tests(source: str) -> str:
    """`source` without its hidden-test regions (their marker lines included)."""
    numbers, lines = hidden_line_numbers(source), source.split("\n")
    return "\n".join(
        line
        for number, line in enumerate(lines, start=1)
        if number not in numbers and HIDDEN_BEGIN not in line and HIDDEN_END not in line
    )


def _pattern(node: ast.AST) -> re.Pattern[str] | None:
    """A full-match pattern for the text a literal or an f-string produces ({…} parts match anything)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.compile(re.escape(node.value), re.S)
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(part.value) if isinstance(part, ast.Constant) else ".*?" for part in node.values]
        return re.compile("".join(parts), re.S)
    return None


def _hint_of(node: ast.AST) -> ast.AST | None:
    if isinstance(node, ast.Assert):
        return node.msg
    if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "expect":
        if len(node.args) >= 3:
            return node.args[2]
        return next((k.value for k in node.keywords if k.arg == "hint"), None)
    return None


def _printed_of(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
        return list(node.args)
    return []


def hidden_tests(source: str) -> HiddenTests:
    """Read one cell's hidden regions. A cell that does not parse yields its hidden lines only."""
    numbers = hidden_line_numbers(source)
    source_lines = source.split("\n")
    lines = frozenset(source_lines[n - 1].strip() for n in numbers if len(source_lines[n - 1].strip()) >= MIN_LINE)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return HiddenTests(lines, frozenset(), (), ())
    # hints and printed messages are meant to be read: their literal parts are not secrets
    shown_nodes, printed_nodes = set(), []
    for node in ast.walk(tree):
        hint = _hint_of(node)
        messages = ([hint] if hint is not None else []) + _printed_of(node)
        for message in messages:
            shown_nodes.add(id(message))
            if isinstance(message, ast.JoinedStr):
                shown_nodes.update(id(part) for part in message.values)
        printed_nodes.extend(_printed_of(node))
    constants = frozenset(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and getattr(node, "lineno", 0) in numbers
        and id(node) not in shown_nodes
        and len(node.value) >= MIN_SECRET
    )
    hints = tuple(p for node in ast.walk(tree) if (h := _hint_of(node)) is not None and (p := _pattern(h)) is not None)
    printed = tuple(p for node in printed_nodes if (p := _pattern(node)) is not None)
    return HiddenTests(lines, constants, hints, printed)


def secrets_of(tests: Iterable[HiddenTests]) -> tuple[str, ...]:
    """Every string that must not appear in feedback, longest first: hidden lines, constants and their reprs."""
    found: set[str] = set()
    for test in tests:
        found |= {HIDDEN_BEGIN, HIDDEN_END}
        found |= test.lines
        for constant in test.constants:
            found.add(constant)
            found.add(repr(constant)[1:-1])
    return tuple(sorted((s for s in found if len(s) >= MIN_SECRET), key=len, reverse=True))


def redact(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def _shown_message(evalue: str, tests: HiddenTests) -> str:
    """The test's hint, without the student's "(…; got …)" that follows it; a kit message; or a note."""
    # expect() appends " (why; got …)" to its hint: try the whole message, then each prefix before a " ("
    cuts = [len(evalue)] + [i for i in range(len(evalue) - 1, 0, -1) if evalue.startswith(" (", i)]
    for cut in cuts:
        if any(hint.fullmatch(evalue[:cut]) for hint in tests.hints):
            return evalue[:cut]
    if any(pattern.fullmatch(evalue) for pattern in _KIT_MESSAGES):
        return evalue
    if not evalue:
        return ""
    return "(message not shown: your code raised it while the hidden tests ran)"


def _text_of(output: dict) -> str:
    text = output.get("text", "")
    return "".join(text) if isinstance(text, list) else text


def scrub_hidden_cell(outputs: list[dict], tests: HiddenTests) -> list[dict]:
    """The outputs of a cell holding hidden tests, as feedback may show them (see the module's rules)."""
    kept: list[dict] = []
    dropped = 0
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            lines = _text_of(output).splitlines(keepends=True)
            allowed = [line for line in lines if any(p.fullmatch(line.rstrip("\n")) for p in tests.printed)]
            dropped += len(lines) - len(allowed)
            if allowed:
                kept.append({**output, "text": "".join(allowed)})
        elif kind == "error":
            ename = str(output.get("ename", "Error"))
            if not re.fullmatch(r"[A-Za-z_][\w.]{0,60}", ename):
                ename = "Error"
            evalue = _shown_message(str(output.get("evalue", "")), tests)
            kept.append({**output, "ename": ename, "evalue": evalue, "traceback": [f"{ename}: {evalue}"]})
        else:
            dropped += 1
    if dropped:
        note = f"[{dropped} line(s) of output from your code while the hidden tests ran are not shown]\n"
        kept.insert(0, {"output_type": "stream", "name": "stdout", "text": note})
    return kept


def redact_outputs(outputs: list[dict], secrets: tuple[str, ...]) -> list[dict]:
    """Any cell's outputs with every quoted secret replaced by "[hidden]"."""
    if not secrets:
        return outputs
    cleaned = []
    for output in outputs:
        output = dict(output)
        if "text" in output:
            output["text"] = redact(_text_of(output), secrets)
        if "evalue" in output:
            output["evalue"] = redact(str(output["evalue"]), secrets)
        if "traceback" in output:
            output["traceback"] = [redact(line, secrets) for line in output["traceback"]]
        if isinstance(output.get("data"), dict):
            output["data"] = {
                mime: redact("".join(v) if isinstance(v, list) else v, secrets) if isinstance(v, (str, list)) else v
                for mime, v in output["data"].items()
            }
        cleaned.append(output)
    return cleaned
