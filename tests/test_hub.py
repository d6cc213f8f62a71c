"""The course on a real JupyterHub, end to end: nbgrader's exchange from release to returned feedback.

JupyterHub (from PyPI) with configurable-http-proxy (from npm) runs deploy/jupyterhub/jupyterhub_config.py on
loopback, with a dummy authenticator restricted to four local users the test creates: one instructor and three
students. Each user's JupyterLab is spawned as that user by the LocalProcessSpawner. Then, as in a class:

1. the instructor releases 00_start through the Formgrader's REST API (their own server);
2. each student fetches it, answers it (everything, half, nothing) and submits, through their own server's REST API
   (the Assignment List's endpoints, which nbgrader's JupyterLab extension calls);
3. the instructor collects, autogrades with `alaloupe grade` (parallel) and, in a copy of the course, with plain
   `nbgrader autograde` (the grades must agree), generates and releases the feedback;
4. each student fetches their feedback and gets their own file;
5. the instructor opens the Formgrader in Chromium through the hub, sees the three submissions and grades one
   student's written answer.

Along the way: students cannot read the course folder, another student's home, the exchange's inbound folder or
its feedback folder, and have no Formgrader. It needs root (useradd, and servers that switch users),
`configurable-http-proxy` on PATH (.ci/run installs it with npm) and Debian's Chromium. Without them it is skipped
locally and fails on CI (CI=true). Users, processes and folders are removed afterwards, also when it fails.

    pytest -q -p no:xdist -s tests/test_hub.py      # prints the time of each step
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import labserver
import nbformat
import pytest
from conftest import BIN, ROOT
from labserver import TIMEOUT_MS
from nbgrader.api import Gradebook

from alaloupe import grading

DEPLOY = ROOT / "deploy" / "jupyterhub"
NAME = "00_start"  # the cheapest assignment: no spaCy model
COURSE_ID = "alaloupe"
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
STEP_TIMEOUT = 180  # seconds; generous, the machine is shared


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing_prerequisite() -> str | None:
    if os.geteuid() != 0:
        return "the hub test needs root (it creates local users and spawns servers as them)"
    for tool in ("useradd", "userdel"):
        if shutil.which(tool) is None:
            return f"{tool} is missing"
    if shutil.which("configurable-http-proxy") is None:
        return "configurable-http-proxy is missing (npm install -g configurable-http-proxy; .ci/run does it)"
    if not (BIN / "jupyterhub").exists():
        return "jupyterhub is not installed in this environment (pip install -e '.[test]')"
    if not labserver.CHROMIUM.exists():
        return f"{labserver.CHROMIUM} is missing (apt-get install chromium; .ci/run does it)"
    return None


class Clock:
    """Wall time of each step, printed at the end (run pytest with -s to see it)."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.steps.append((step, now - self._last))
        self._last = now

    def table(self) -> str:
        total = sum(seconds for _, seconds in self.steps)
        lines = [f"{seconds:7.1f} s  {step}" for step, seconds in self.steps]
        return "\n".join(["hub end-to-end, time of each step:", *lines, f"{total:7.1f} s  total"])


# ---------------------------------------------------------------------------------------------------------------
# Local users and the folders they must reach


@contextmanager
def traversable(paths: list[Path]):
    """Let other users traverse (not list) the folders above `paths`: the environment's Python may live in a
    folder only root can enter (e.g. /root/.pyenv). The modes are put back afterwards."""
    changed: dict[Path, int] = {}
    for path in paths:
        for folder in [path, *path.parents]:
            if folder.is_dir() and folder not in changed:
                mode = stat.S_IMODE(folder.stat().st_mode)
                if not mode & stat.S_IXOTH:
                    changed[folder] = mode
                    os.chmod(folder, mode | stat.S_IXOTH)
    try:
        yield
    finally:
        for folder, mode in changed.items():
            os.chmod(folder, mode)


def _pids_of(uids: set[int]) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


def _end_processes(uids: set[int]) -> None:
    """SIGTERM, then SIGKILL, every process of the test's users, by PID."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in _pids_of(uids):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while _pids_of(uids) and time.monotonic() < deadline:
            time.sleep(0.2)


@contextmanager
def local_users(names: list[str], home_root: Path):
    """useradd each name with a private home (mode 700) under home_root; userdel -r them all afterwards."""
    created: list[str] = []
    try:
        for name in names:
            subprocess.run(
                ["useradd", "--create-home", "--home-dir", str(home_root / name), "--shell", "/bin/bash",
                 "-K", "HOME_MODE=0700", name],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            created.append(name)
        yield {name: pwd.getpwnam(name) for name in names}
    finally:
        uids = set()
        for name in created:
            try:
                uids.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                pass
        _end_processes(uids)
        for name in created:
            subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)


def run_as(user: pwd.struct_passwd, command: list[str], *, cwd: Path, env: dict[str, str] | None = None):
    """Run `command` as `user` (their uid, gid and groups), with a clean environment of our choosing."""
    environment = {
        "PATH": os.pathsep.join([str(BIN), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": user.pw_dir,
        "USER": user.pw_name,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        **(env or {}),
    }
    return subprocess.run(
        command, cwd=cwd, env=environment, user=user.pw_uid, group=user.pw_gid, extra_groups=[],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def can_list(user: pwd.struct_passwd, folder: Path) -> bool:
    probe = run_as(user, [sys.executable, "-c", f"import os; os.listdir({str(folder)!r})"], cwd=Path("/"))
    if probe.returncode and "PermissionError" not in probe.stderr:
        raise AssertionError(f"probe failed otherwise:\n{probe.stderr}")
    return probe.returncode == 0


def can_read(user: pwd.struct_passwd, path: Path) -> bool:
    probe = run_as(user, [sys.executable, "-c", f"open({str(path)!r}, 'rb').read()"], cwd=Path("/"))
    if probe.returncode and "PermissionError" not in probe.stderr:
        raise AssertionError(f"probe failed otherwise:\n{probe.stderr}")
    return probe.returncode == 0


# ---------------------------------------------------------------------------------------------------------------
# The hub


class Hub:
    def __init__(self, process: subprocess.Popen, url: str, token: str, log: Path) -> None:
        self.process, self.url, self.token, self.log = process, url, token, log

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def request(self, method: str, path: str, *, token: str | None = None, body: dict | None = None):
        """A request through the proxy; the decoded JSON answer (None when empty)."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": f"token {token or self.token}", "Content-Type": "application/json"}
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=STEP_TIMEOUT) as response:
                content = response.read()
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read()[:500]!r}") from None
        return json.loads(content) if content.strip() else None

    def status(self, path: str, *, token: str) -> int:
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def wait_ready(self, names: list[str]) -> None:
        pending, deadline = set(names), time.monotonic() + STEP_TIMEOUT
        while pending:
            for name in sorted(pending):
                server = (self.request("GET", f"/hub/api/users/{name}").get("servers") or {}).get("")
                if server and server.get("ready"):
                    pending.discard(name)
            if pending and time.monotonic() > deadline:
                raise AssertionError(f"servers not ready: {sorted(pending)}\n{self.log_tail()}")
            time.sleep(0.5)

    def stop(self) -> None:
        """SIGTERM by PID: the hub stops the single-user servers and its proxy. SIGKILL of its group if it hangs."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextmanager
def running_hub(base: Path, users: list[str], instructor: str, course: Path, exchange: Path):
    state = base / "hub"
    state.mkdir(mode=0o700)
    ports = {key: labserver.free_port() for key in ("public", "api", "hub")}
    token = secrets.token_hex(32)
    config = state / "test_config.py"
    config.write_text(
        f"load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})\n"
        "# The test's changes to the deployment: a dummy login restricted to its users, and an API token.\n"
        "c.JupyterHub.authenticator_class = 'dummy'\n"
        f"c.Authenticator.allowed_users = {set(users)!r}\n"
        f"c.JupyterHub.services = [{{'name': 'e2e', 'api_token': {token!r}}}]\n"
        "c.JupyterHub.load_roles = [{'name': 'e2e', 'services': ['e2e'],\n"
        "    'scopes': ['admin:users', 'admin:servers', 'tokens', 'access:servers']}]\n",
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update(
        PATH=os.pathsep.join([str(BIN), env.get("PATH", "")]),
        ALALOUPE_HUB_BIND_URL=f"http://127.0.0.1:{ports['public']}",
        ALALOUPE_HUB_PROXY_API=f"http://127.0.0.1:{ports['api']}",
        ALALOUPE_HUB_PORT=str(ports["hub"]),
        ALALOUPE_HUB_INSTRUCTOR=instructor,
        ALALOUPE_HUB_COURSE=str(course),
        ALALOUPE_HUB_EXCHANGE=str(exchange),
        ALALOUPE_HUB_STATE=str(state),
        ALALOUPE_HUB_ENV_BIN=str(BIN),
    )
    log = state / "hub.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)], cwd=state, env=env, stdout=sink, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    hub = Hub(process, f"http://127.0.0.1:{ports['public']}", token, log)
    try:
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            if process.poll() is not None:
                raise AssertionError(f"jupyterhub exited with {process.returncode}:\n{hub.log_tail()}")
            try:
                hub.request("GET", "/hub/api/")
                break
            except (AssertionError, urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise AssertionError(f"the hub is not answering:\n{hub.log_tail()}") from None
                time.sleep(0.3)
        yield hub
    finally:
        hub.stop()


def resident_mib(uid: int) -> float:
    """Resident memory of a user's processes, in MiB."""
    import psutil

    total = 0
    for pid in _pids_of({uid}):
        try:
            total += psutil.Process(pid).memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def listening_addresses(pid: int) -> set[tuple[str, int]]:
    """The TCP addresses on which `pid` and its descendants listen (the hub: itself, its proxy, the servers)."""
    import psutil

    family = {pid} | {child.pid for child in psutil.Process(pid).children(recursive=True)}
    return {
        (conn.laddr.ip, conn.laddr.port)
        for conn in psutil.net_connections(kind="inet")
        if conn.status == psutil.CONN_LISTEN and conn.pid in family
    }


# ---------------------------------------------------------------------------------------------------------------
# What a student writes


def answered_copy(fetched: dict, solution: nbformat.NotebookNode, answered: set[str], essay: str | None) -> dict:
    """The fetched notebook with the solution's code in the answer cells `answered`, and `essay` in the written
    answers; the other cells stay as released."""
    solved = {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in solution.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    notebook = json.loads(json.dumps(fetched))
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if not meta.get("solution"):
            continue
        if cell["cell_type"] == "code" and grade_id in answered:
            lines = solved[grade_id].split("\n")
            cell["source"] = "\n".join(ln for ln in lines if ln.strip() not in SOLUTION_MARKERS)
        elif cell["cell_type"] == "markdown" and essay is not None:
            cell["source"] = essay
    return notebook


def cell_scores(db: Path, students: list[str]) -> dict[str, dict[str, float]]:
    with Gradebook(f"sqlite:///{db}") as gradebook:
        return {
            student: {
                grade.name: grade.auto_score
                for notebook in gradebook.find_submission(NAME, student).notebooks
                for grade in notebook.grades
                if grade.cell_type == "code"
            }
            for student in students
        }


def _success(answer: dict, what: str) -> None:
    assert answer.get("success"), f"{what} failed: {str(answer.get('value') or answer.get('error'))[:2000]}"


# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_a_class_on_jupyterhub_from_release_to_feedback():
    missing = _missing_prerequisite()
    if missing:
        if _in_ci():
            pytest.fail(missing)
        pytest.skip(missing)
    from playwright.sync_api import expect, sync_playwright

    clock = Clock()
    tag = secrets.token_hex(2)
    instructor = f"al{tag}prof"
    students = {f"al{tag}ana": "full", f"al{tag}ben": "half", f"al{tag}cleo": "blank"}
    names = [instructor, *students]
    solution = nbformat.read(ROOT / "solutions" / NAME / f"{NAME}.ipynb", as_version=4)
    answers = grading.answer_cells(solution)
    answered = {"full": set(answers), "half": set(answers[: len(answers) // 2]), "blank": set()}
    essays = {"full": "Une réponse écrite, à noter à la main.", "half": None, "blank": None}

    with ExitStack() as stack:
        stack.callback(lambda: print("\n" + clock.table()))  # also when a step fails
        base = Path(tempfile.mkdtemp(prefix="alaloupe-hub-"))
        stack.callback(shutil.rmtree, base, ignore_errors=True)
        os.chmod(base, 0o755)
        (base / "home").mkdir(mode=0o755)
        stack.enter_context(traversable([Path(os.path.realpath(sys.executable)), BIN, ROOT, DEPLOY]))
        users = stack.enter_context(local_users(names, base / "home"))
        prof = users[instructor]
        exchange = base / "exchange"
        course = Path(prof.pw_dir) / "alaloupe"
        labserver.kit_copy(course, set_up=False)
        subprocess.run(["chown", "-R", f"{prof.pw_uid}:{prof.pw_gid}", str(course)], check=True)
        os.chmod(course, 0o755)  # the hub's pre-spawn hook must make it private
        clock.lap("4 local users, the instructor's course folder")

        hub = stack.enter_context(running_hub(base, names, instructor, course, exchange))
        clock.lap("hub and proxy started")
        for name in names:
            hub.request("POST", f"/hub/api/users/{name}/server")
        hub.wait_ready(names)
        tokens = {name: hub.request("POST", f"/hub/api/users/{name}/tokens", body={"expires_in": 3600})["token"]
                  for name in names}  # fmt: skip
        clock.lap("4 single-user servers spawned")
        memory = {name: resident_mib(users[name].pw_uid) for name in names}
        print("\nresident memory of each user's server (MiB): " + ", ".join(f"{m:.0f}" for m in memory.values()))

        # Security basics of the deployment. Everything listens on loopback: hub, proxy and the four servers.
        listening = listening_addresses(hub.process.pid)
        assert len(listening) >= 3 + len(names) and {ip for ip, _ in listening} == {"127.0.0.1"}, listening
        assert stat.S_IMODE(course.stat().st_mode) == 0o700 and (course / ".exchange").resolve() == exchange
        first, second = list(students)[:2]
        assert not can_list(users[first], course), "a student can list the instructor's course folder"
        assert not can_read(users[first], course / "nbgrader_config.py")
        assert not can_list(users[first], Path(users[second].pw_dir)), "a student can list another's home"
        lab_page = urllib.request.urlopen(urllib.request.Request(
            hub.url + f"/user/{first}/lab", headers={"Authorization": f"token {tokens[first]}"}), timeout=60
        ).read().decode()  # fmt: skip
        assert "@jupyter/nbgrader:formgrader" in lab_page, "the students' JupyterLab does not disable the Formgrader"
        assert hub.status(f"/user/{first}/formgrader/api/status", token=tokens[first]) == 404
        assert hub.status(f"/user/{instructor}/formgrader/api/status", token=tokens[instructor]) == 200

        # 1. Release.
        formgrader = f"/user/{instructor}/formgrader/api/assignment/{NAME}"
        _success(hub.request("POST", f"{formgrader}/assign", token=tokens[instructor], body={}), "generate")
        _success(hub.request("POST", f"{formgrader}/release", token=tokens[instructor], body={}), "release")
        outbound = exchange / COURSE_ID / "outbound" / NAME
        assert (outbound / f"{NAME}.ipynb").is_file()
        clock.lap("instructor: generate and release (Formgrader API)")

        # 2. Fetch, answer, submit.
        for student, level in students.items():
            action = f"/user/{student}/assignments"
            body = {"course_id": COURSE_ID, "assignment_id": NAME}
            hub.request("POST", f"{action}/fetch", token=tokens[student], body=body)
            contents = f"/user/{student}/api/contents/{NAME}/{NAME}.ipynb"
            fetched = hub.request("GET", contents, token=tokens[student])
            assert fetched["writable"] and not any(
                "### BEGIN SOLUTION" in "".join(cell["source"]) for cell in fetched["content"]["cells"]
            )
            notebook = answered_copy(fetched["content"], solution, answered[level], essays[level])
            hub.request("PUT", contents, token=tokens[student], body={"type": "notebook", "content": notebook})
            listing = hub.request("POST", f"{action}/submit", token=tokens[student], body=body)
            assert listing.get("success", True), listing
        inbound = exchange / COURSE_ID / "inbound"
        submitted = sorted(p.name.split("+")[0] for p in inbound.iterdir())
        assert submitted == sorted(students)
        clock.lap("3 students: fetch, answer, submit (Assignment List API)")

        # The inbound folder is write-only for students: nobody can list it, so nobody learns another's folder.
        assert stat.S_IMODE(inbound.stat().st_mode) & 0o007 == 0o003  # -wx for others
        assert not can_list(users[second], inbound)
        # Each submission's folder is <student>+<assignment>+<timestamp>+<72 random bits>: unguessable, since the
        # folder cannot be listed (the files in it are readable by whoever knows the name: nbgrader's design).
        their_folder = next(inbound.glob(f"{first}+*"))
        assert re.fullmatch(rf"{first}\+{NAME}\+[^+]+\+[A-Za-z0-9_-]{{12}}", their_folder.name), their_folder.name
        assert not can_list(users[second], their_folder.parent)
        # 3. Collect.
        _success(hub.request("POST", f"{formgrader}/collect", token=tokens[instructor], body={}), "collect")
        assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(students)
        clock.lap("instructor: collect (Formgrader API)")

        # The same submissions, autograded by plain nbgrader in a copy of the course, then by `alaloupe grade`.
        plain = Path(prof.pw_dir) / "plain-nbgrader"
        shutil.copytree(course, plain, symlinks=True)
        subprocess.run(["chown", "-R", f"{prof.pw_uid}:{prof.pw_gid}", str(plain)], check=True)
        result = run_as(prof, ["nbgrader", "autograde", NAME, "--force"], cwd=plain)
        assert result.returncode == 0, result.stdout + result.stderr
        clock.lap("instructor: plain `nbgrader autograde`, serial, 3 submissions")
        result = run_as(
            prof, ["alaloupe", "grade", "submitted", "--assignment", NAME, "--course", str(course), "--jobs", "2"],
            cwd=course,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        print("\n" + "\n".join(line for line in result.stdout.splitlines() if line.startswith(("time:", NAME))))
        clock.lap("instructor: `alaloupe grade --jobs 2`, 3 submissions (with feedback, grades.csv, charts)")
        ours = cell_scores(course / "gradebook.db", list(students))
        theirs = cell_scores(plain / "gradebook.db", list(students))
        assert ours == theirs, f"alaloupe grade {ours} != nbgrader autograde {theirs}"
        totals = {student: sum(scores.values()) for student, scores in ours.items()}
        full, half, blank = (totals[s] for s in students)
        assert full > half > blank == 0, totals

        # 4. Feedback, generated by the Formgrader with the course's config, released, fetched.
        _success(hub.request("POST", f"{formgrader}/generate_feedback", token=tokens[instructor], body={}), "feedback")
        _success(hub.request("POST", f"{formgrader}/release_feedback", token=tokens[instructor], body={}), "release")
        clock.lap("instructor: generate and release feedback (Formgrader API)")
        assert not can_list(users[first], exchange / COURSE_ID / "feedback")
        received = {}
        for student in students:
            body = {"course_id": COURSE_ID, "assignment_id": NAME}
            hub.request("POST", f"/user/{student}/assignments/fetch_feedback", token=tokens[student], body=body)
            files = sorted((Path(users[student].pw_dir) / NAME / "feedback").glob(f"*/{NAME}.html"))
            assert len(files) == 1, f"{student} got {files}"
            received[student] = files[0].read_text(encoding="utf-8")
        clock.lap("3 students: fetch feedback")
        for student, html in received.items():
            assert html == (course / "feedback" / student / NAME / f"{NAME}.html").read_text(encoding="utf-8")
            assert "BEGIN HIDDEN TESTS" not in html
            score = re.search(r"Score: ([\d.]+) / ([\d.]+)", html)
            assert score and float(score.group(1)) == totals[student], (student, score and score.group(0))
        assert len(set(received.values())) == len(students), "two students received the same feedback file"

        # 5. The Formgrader in Chromium, through the hub's login page.
        with sync_playwright() as playwright:
            browser = labserver.launch_chromium(playwright, base / "chromium-profile")
            try:
                page = browser.new_page()
                page.goto(hub.url + "/hub/login")
                page.fill("#username_input", instructor)
                page.fill("#password_input", "any password: the dummy login checks only the name")
                page.click("#login_submit")
                page.wait_for_url(re.compile(rf".*/user/{instructor}/lab.*"))
                page.goto(hub.url + f"/user/{instructor}/formgrader/manage_submissions/{NAME}")
                expect(page.locator("#main-table .student-id")).to_have_text(sorted(students), timeout=TIMEOUT_MS)
                api = f"/user/{instructor}/formgrader/api"
                notebooks = hub.request("GET", f"{api}/submitted_notebooks/{NAME}/{NAME}", token=tokens[instructor])
                graded = next(nb for nb in notebooks if nb["student"] == first)
                # networkidle: the page's scripts have loaded the grades and bound the score boxes
                grading_page = f"/user/{instructor}/formgrader/submissions/{graded['id']}/"
                page.goto(hub.url + grading_page, wait_until="networkidle")
                manual = [c.metadata.nbgrader.grade_id for c in solution.cells
                          if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]  # fmt: skip
                score_box = page.locator(f"input.score#{manual[0]}")
                with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT"):
                    score_box.fill("2")
                    score_box.press("Tab")
                page.screenshot(path=str(base / "formgrader.png"))
            finally:
                browser.close()
        clock.lap("instructor: Formgrader in Chromium, one written answer graded")
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            grade = gradebook.find_grade(manual[0], NAME, NAME, first)
            assert grade.manual_score == 2
    clock.lap("teardown: hub stopped, users and folders removed")
    print(f"{clock.steps[-1][1]:7.1f} s  {clock.steps[-1][0]}")
    assert not exchange.exists() and not any(_pids_of({users[n].pw_uid for n in names}))


# ---------------------------------------------------------------------------------------------------------------
# The Kubernetes deployment: Zero to JupyterHub Helm values (validated against the chart's schema when written; the
# chart itself is not shipped, so this test checks what the kit decides in them)


def test_helm_values_are_well_formed_and_match_the_one_machine_setup():
    import yaml

    values = yaml.safe_load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))
    assert {"hub", "singleuser", "proxy", "custom"} <= set(values), "the chart's top-level sections"
    # The hub's Python is valid, and every allowed user has a uid of their own.
    for name, code in values["hub"]["extraConfig"].items():
        compile(code, f"hub.extraConfig.{name}", "exec")
    alaloupe = values["custom"]["alaloupe"]
    assert set(values["hub"]["config"]["Authenticator"]["allowed_users"]) == set(alaloupe["uids"])
    assert len(set(alaloupe["uids"].values())) == len(alaloupe["uids"])
    assert alaloupe["instructor"] in alaloupe["uids"]
    # The exchange volume is where the config says, and the per-role files are those of the one-machine setup.
    single = values["singleuser"]
    mounts = {m["name"]: m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    assert mounts["nbgrader-exchange"] == single["extraEnv"]["ALALOUPE_EXCHANGE"]
    role_files = {
        f["mountPath"].removeprefix("/etc/alaloupe/"): f.get("stringData") or f["data"]
        for f in single["extraFiles"].values()
    }
    on_disk = {p.relative_to(DEPLOY / "jupyter-config").as_posix(): p for p in (DEPLOY / "jupyter-config").rglob("*.*")}
    assert set(role_files) == set(on_disk)
    for name, content in role_files.items():
        text = on_disk[name].read_text(encoding="utf-8")
        assert content == (json.loads(text) if name.endswith(".json") else text), name
