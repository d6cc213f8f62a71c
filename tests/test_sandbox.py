"""The grading sandbox: what a kernel can reach, hostile submissions graded in one batch, and grades unchanged.

The hostile notebooks are built from the first assignment's release and solution (the cheapest to run). They are
graded together with an honest one, in one batch of two workers, as `alaloupe grade` grades a class. Every attack
would succeed without the sandbox (the issue that asked for it lists what they found); so these tests are skipped
where the sandbox cannot run, rather than run hostile code with the grader's rights.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import sys
import uuid
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from test_adversarial import page_text
from test_grading import hidden_lines, new_course, run_cli

from alaloupe import course, grading, sandbox

FIRST = course.assignments(ROOT)[0]
TIMEOUT = 15  # seconds per cell: 00_start loads no model, and the fork bomb runs until this cuts it
needs_sandbox = pytest.mark.skipif(sandbox.problem() is not None, reason=f"no sandbox here: {sandbox.problem()}")
MARKER = f"alaloupe-sandbox-writer-{uuid.uuid4().hex[:12]}"

# Each attack is a cell of its own; a found list is printed after a fixed tag, as JSON, for the tests to read.
SEARCH_ROOTS = """
import os, sys
from pathlib import Path
skipped = ("/proc", "/sys", "/dev", "/usr", sys.prefix, sys.base_prefix)
roots = [str(p) for p in Path.cwd().parents if p != Path("/")] + ["/tmp", os.path.expanduser("~"), "/root"]
def every_file(suffixes):
    for root in roots:
        for top, dirs, files in os.walk(root):
            if top.startswith(skipped):
                dirs[:] = []
                continue
            for name in files:
                if name.endswith(suffixes):
                    yield os.path.join(top, name)
"""

THIEF = (
    SEARCH_ROOTS
    + """
import json
notebooks = sorted(set(every_file((".ipynb",))))
print("FOUND", json.dumps(notebooks))
for path in notebooks:
    try:
        cells = json.load(open(path))["cells"]
    except Exception:
        continue
    for cell in cells:
        source = "".join(cell["source"])
        print(source)  # hidden tests, if any, into the feedback
        if cell["cell_type"] == "code" and "BEGIN SOLUTION" in source:
            try:
                exec(source, globals())
            except Exception as error:
                print("could not run:", error)
"""
)

DB_READER = (
    SEARCH_ROOTS
    + """
import json, sqlite3
databases = sorted(set(every_file((".db", ".sqlite", ".sqlite3"))))
print("FOUND", json.dumps(databases))
for path in databases:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        for (table,) in db.execute("select name from sqlite_master where type = 'table'"):
            print(table, db.execute(f"select * from {table}").fetchall())
    except Exception as error:
        print(path, "unreadable:", error)
"""
)

WRITER = f"""
import json, os, sys
from pathlib import Path
import alaloupe
kit = Path(alaloupe.__file__).resolve().parents[2]
roots = [str(p) for p in Path.cwd().parents] + ["/tmp", "/dev/shm", os.path.expanduser("~"), "/root", "/etc"]
roots += [str(kit), str(kit / "data"), sys.prefix, sys.base_prefix]
skipped = ("/proc", "/sys", "/dev/pts", "/usr")
written = []
for root in roots:
    for top, dirs, files in os.walk(root):
        if top.startswith(skipped):
            dirs[:] = []
            continue
        if top == os.getcwd():
            continue
        try:
            with open(os.path.join(top, "{MARKER}"), "w") as handle:
                handle.write("written by a graded notebook")
            written.append(top)
        except OSError:
            pass
print("WROTE", json.dumps(sorted(set(written))))
"""

FORK_BOMB = """
import os
while True:
    os.fork()
"""

MEMORY_HOG = """
def hog():
    blocks = []
    while True:
        blocks.append(bytearray(256 * 2**20))  # address space; RLIMIT_AS stops it whether or not pages are touched
hog()
"""

NETWORK = """
import json, socket
print("INTERFACES", json.dumps([name for _, name in socket.if_nameindex()]))
connection = socket.create_connection(("127.0.0.1", {port}), timeout=5)
print("CONNECTED")
"""


def first_answer(notebook) -> int:
    return next(
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")
    )


def with_cell(notebook, code: str):
    """The notebook with `code` in a cell of its own before the first answer."""
    notebook.cells.insert(first_answer(notebook), nbformat.v4.new_code_cell(code))
    return notebook


def without_answers(code: str):
    """A notebook that writes none of the answers (each answer cell says `pass`) and runs `code` first."""
    notebook = grading.student_copy(FIRST, set(), ROOT)
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "pass"
    return with_cell(notebook, code)


def hostile_set(port: int) -> dict[str, nbformat.NotebookNode]:
    solved = lambda: grading.student_copy(FIRST, None, ROOT)  # noqa: E731 (a fresh copy each call)
    return {
        "honest": solved(),
        "thief": without_answers(THIEF),
        "db_reader": without_answers(DB_READER),
        "writer": without_answers(WRITER),
        "fork_bomb": with_cell(solved(), FORK_BOMB),
        "memory_hog": with_cell(solved(), MEMORY_HOG),
        "network": with_cell(solved(), NETWORK.format(port=port)),
    }


@pytest.fixture(scope="module")
def listener():
    """A TCP socket listening on the host's loopback: the sandboxed kernel must not reach it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)
    yield server
    server.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory, listener):
    root = new_course(tmp_path_factory.mktemp("sandbox") / "course", FIRST)
    subs = hostile_set(listener.getsockname()[1])
    for student, notebook in subs.items():
        target = root / "incoming" / student / FIRST
        target.mkdir(parents=True)
        nbformat.write(notebook, target / f"{FIRST}.ipynb")
    report = grading.grade(root / "incoming", FIRST, root=root, jobs=2, timeout=TIMEOUT, progress=False)
    return root, subs, report


def printed(root: Path, student: str, tag: str):
    """What the attack of `student` printed after `tag` (JSON), read from its graded notebook."""
    notebook = nbformat.read(root / "autograded" / student / FIRST / f"{FIRST}.ipynb", as_version=4)
    text = "".join(out.get("text", "") for cell in notebook.cells for out in cell.get("outputs", []))
    found = re.search(rf"^{tag} (.*)$", text, re.MULTILINE)
    assert found, f"{student} printed no {tag} line"
    return json.loads(found.group(1))


@pytest.mark.slow
@needs_sandbox
def test_every_hostile_submission_is_graded_and_earns_only_what_it_wrote(batch):
    root, subs, report = batch
    assert report.sandboxed
    results = {r.student: r for r in report.results}
    assert sorted(results) == sorted(subs)
    maximum = results["honest"].max_code_score
    assert results["honest"].failure is None and results["honest"].code_score == maximum
    assert not results["honest"].notes  # nothing timed out next to the fork bomb
    for student in ("thief", "db_reader", "writer"):  # they wrote no answer
        assert results[student].failure is None and results[student].code_score == 0, results[student]
    for student in ("memory_hog", "network"):  # the attack fails in its own cell, the answers count
        assert results[student].failure is None and results[student].code_score == maximum, results[student]
    bomb = results["fork_bomb"]
    assert bomb.failure is None or len(bomb.failure) > 10
    assert bomb.code_score is None or bomb.code_score <= maximum
    with open(report.grades_csv, newline="", encoding="utf-8") as handle:
        assert sorted(row["student_id"] for row in csv.DictReader(handle)) == sorted(subs)


@pytest.mark.slow
@needs_sandbox
def test_the_kernel_finds_only_its_own_notebook_and_no_gradebook(batch):
    root, _, _ = batch
    notebooks = printed(root, "thief", "FOUND")
    assert notebooks and all(Path(path).name == f"{FIRST}.ipynb" for path in notebooks), notebooks
    assert len({Path(path).parent for path in notebooks}) == 1  # its own folder, nobody else's
    databases = printed(root, "db_reader", "FOUND")
    assert not [path for path in databases if "gradebook" in path or not path.startswith("/tmp/.ipython/")]


@pytest.mark.slow
@needs_sandbox
def test_feedback_holds_no_hidden_test(batch):
    root, subs, _ = batch
    hidden = hidden_lines(FIRST)
    assert hidden
    for student in subs:
        pages = list((root / "feedback" / student / FIRST).glob("*.html"))
        assert pages, f"no feedback for {student}"
        text = page_text(pages[0])
        leaked = [line for line in hidden if line in text]
        assert not leaked, f"{student}: feedback shows hidden tests: {leaked[:3]}"


@pytest.mark.slow
@needs_sandbox
def test_the_writer_leaves_nothing_outside_its_folder(batch):
    root, _, _ = batch
    written = printed(root, "writer", "WROTE")
    # inside: its own /tmp and /dev/shm (memory, gone with the kernel) and its kernel's connection folder
    outside = [p for p in written if not (p.startswith(("/tmp/.", "/dev/shm")) or p in ("/tmp",) or "/runtime" in p)]
    assert not outside, outside
    home = Path(os.path.expanduser("~"))
    places = [Path("/tmp"), Path("/dev/shm"), home, ROOT, ROOT / "data", Path(sys.prefix), root.parent]
    left = [str(place / MARKER) for place in places if (place / MARKER).exists()]
    left += [str(path) for path in root.rglob(MARKER)]
    assert not left, left


@pytest.mark.slow
@needs_sandbox
def test_the_network_is_cut(batch, listener):
    root, _, _ = batch
    assert printed(root, "network", "INTERFACES") == ["lo"]
    with pytest.raises(BlockingIOError):
        listener.accept()  # nobody connected to the host's loopback
    notebook = nbformat.read(root / "autograded" / "network" / FIRST / f"{FIRST}.ipynb", as_version=4)
    errors = [o.get("ename") for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert "ConnectionRefusedError" in errors


@needs_sandbox
def test_a_sandboxed_command_sees_only_what_is_bound(tmp_path, listener):
    """The same wrapper as the kernel's, around a short script: fast, and explicit about each boundary."""
    work = tmp_path / "notebook"
    work.mkdir()
    (tmp_path / "beside.txt").write_text("a classmate's file", encoding="utf-8")
    tmp_top = tmp_path.parts[2] if tmp_path.is_relative_to("/tmp") else ".cache"  # bwrap makes the path to it
    # the kit's own read-only binds (its environment, src/alaloupe, data/) when the kit itself lives under /tmp
    kit_top = ROOT.parts[2] if ROOT.is_relative_to("/tmp") else ".cache"
    script = f"""
import os, socket, sys
checks = {{
    "own folder writable": os.access(os.getcwd(), os.W_OK),
    "kit data readable": os.path.isfile({str(ROOT / "data" / "article.txt")!r}),
    "solutions hidden": not os.path.exists({str(ROOT / "solutions")!r}),
    "tests hidden": not os.path.exists({str(ROOT / "tests")!r}),
    "git hidden": not os.path.exists({str(ROOT / ".git")!r}),
    "neighbour hidden": not os.path.exists({str(tmp_path / "beside.txt")!r}),
    "host tmp hidden": set(os.listdir("/tmp")) <= {{{tmp_top!r}, ".cache", {kit_top!r}}},
    "home hidden": not os.path.exists({str(Path.home() / ".bashrc")!r}),
    "only own processes": sorted(p for p in os.listdir("/proc") if p.isdigit()) == ["1", "2"],
    "not root": os.getuid() != 0,
    "python read-only": not os.access(sys.prefix, os.W_OK),
}}
try:
    socket.create_connection(("127.0.0.1", {listener.getsockname()[1]}), timeout=3)
    checks["host loopback unreachable"] = False
except OSError:
    checks["host loopback unreachable"] = True
print(checks)
sys.exit(0 if all(checks.values()) else 1)
"""
    import subprocess

    command = sandbox._wrapper(work, None, sandbox.sandbox_uid(), sandbox.Limits()) + [sys.executable, "-c", script]
    if sandbox.sandbox_uid() is not None:
        shutil.chown(work, sandbox.sandbox_uid(), sandbox.sandbox_uid())
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@needs_sandbox
def test_check_gives_the_same_points_with_and_without_the_sandbox_and_warns_once_without(tmp_path):
    """One partly right notebook, cell by cell. A class of three is compared in tests/test_grading.py (sandboxed
    `alaloupe grade` against serial, unsandboxed `nbgrader autograde`), a class of 40 in bench/grading.py."""
    mine = tmp_path / f"{FIRST}.ipynb"
    answers = grading.answer_cells(nbformat.read(ROOT / "solutions" / FIRST / f"{FIRST}.ipynb", as_version=4))
    nbformat.write(grading.student_copy(FIRST, set(answers[::2]), ROOT), mine)
    sandboxed = run_cli("check", str(mine))
    unsandboxed = run_cli("check", str(mine), "--no-sandbox")
    assert sandboxed.returncode == unsandboxed.returncode == 1  # partly right
    assert "✓" in sandboxed.stdout and "✗" in sandboxed.stdout
    assert sandboxed.stdout == unsandboxed.stdout
    assert "NOT isolated" not in sandboxed.stderr
    warnings = [line for line in unsandboxed.stderr.splitlines() if "NOT isolated" in line]
    assert len(warnings) == 1, unsandboxed.stderr


def test_without_bubblewrap_grading_warns_that_code_is_not_isolated(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    sandbox._problem.cache_clear()
    try:
        assert "bwrap" in sandbox.problem()
        warning = grading.isolation(True)
        assert warning and "NOT isolated" in warning and "\n" not in warning
    finally:
        sandbox._problem.cache_clear()
    assert "--no-sandbox" in grading.isolation(False)


def test_the_kernel_spec_wraps_ipykernel_and_binds_no_repository(tmp_path):
    spec = sandbox.kernel_spec(tmp_path / "nb", tmp_path / "runtime", 2130706433)
    argv = spec["argv"]
    assert Path(argv[0]).name == "bwrap" and argv[-4:] == ["-m", "ipykernel_launcher", "-f", "{connection_file}"]
    assert spec["interrupt_mode"] == "message"
    for flag in ("--unshare-pid", "--unshare-net", "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in argv
    binds = [(argv[i], argv[i + 1], argv[i + 2]) for i, arg in enumerate(argv) if arg in ("--bind", "--ro-bind")]
    written = [dest for kind, _, dest in binds if kind == "--bind"]
    assert written == [str(tmp_path / "runtime"), str(tmp_path / "nb")]
    sources = [Path(source) for _, source, _ in binds]
    assert ROOT not in sources and ROOT / "solutions" not in sources
    assert ROOT / "data" in sources
    assert not any(ROOT / "solutions" in [s, *s.parents] or ROOT / "tests" in [s, *s.parents] for s in sources)
