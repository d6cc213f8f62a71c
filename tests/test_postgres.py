"""nbgrader's db_url is honoured: a class is graded in parallel into a real PostgreSQL gradebook.

The test starts its own server from Debian's `postgresql` package (binaries in /usr/lib/postgresql/*/bin) in a
temporary folder, on a free loopback port, and stops it afterwards. PostgreSQL refuses to run as root, so as root
the server runs as the `postgres` system user. Without the package the test is skipped locally, and fails on CI
(CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbgrader.api import Gradebook

from alaloupe import course, grading

NAME = course.assignments(ROOT)[0]


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    bin_dir = postgres_bin()
    if bin_dir is None:
        message = "PostgreSQL is not installed (Debian package `postgresql`; .ci/run installs it)"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message)
        pytest.skip(message)
    as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="alaloupe-pg-"))
    if as_server_user:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_server_user, *args], check=True, capture_output=True, text=True, cwd=folder)

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "alaloupe", "--auth=trust", "-E", "UTF8", "--locale=C")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-o", options, "-w", "start")
    try:
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "alaloupe", "gradebook")
        yield f"postgresql+psycopg2://alaloupe@127.0.0.1:{port}/gradebook"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_parallel_grading_into_a_postgresql_gradebook(postgres_url, tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    (root / "nbgrader_config.py").write_text(config + f"\nc.CourseDirectory.db_url = {postgres_url!r}\n", "utf-8")
    shutil.copytree(ROOT / "solutions" / NAME, root / "solutions" / NAME)
    course.release([NAME], root=root)
    assert grading.db_url(root) == postgres_url

    answers = grading.answer_cells(nbformat.read(root / "solutions" / NAME / f"{NAME}.ipynb", as_version=4))
    students = {"ada": None, "ben": set(), "cleo": set(answers[:1]), "dan": set(answers[1:])}
    for student, answered in students.items():
        (root / "incoming" / student / NAME).mkdir(parents=True)
        nbformat.write(grading.student_copy(NAME, answered, root), root / "incoming" / student / NAME / f"{NAME}.ipynb")

    report = grading.grade(root / "incoming", NAME, root=root, jobs=2, progress=False)

    assert not (root / "gradebook.db").exists(), "the SQLite default was used instead of db_url"
    assert all(result.failure is None for result in report.results)
    with Gradebook(postgres_url) as gradebook:
        maximum = gradebook.find_assignment(NAME).max_code_score
        scores = {s: gradebook.find_submission(NAME, s).code_score for s in students}
        recorded = sum(len(nb.grades) for s in students for nb in gradebook.find_submission(NAME, s).notebooks)
    assert scores["ada"] == maximum and scores["ben"] == 0
    assert 0 < scores["cleo"] < maximum and 0 < scores["dan"] < maximum
    assert scores == {r.student: r.code_score for r in report.results}
    assert recorded == len(students) * len(
        [
            c
            for c in nbformat.read(root / "solutions" / NAME / f"{NAME}.ipynb", as_version=4).cells
            if c.metadata.get("nbgrader", {}).get("grade")
        ]
    )
