"""The Makefile keeps grades: `make clean` removes build products only; `make clean-grades` asks first."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT

GRADES = ("gradebook.db", "submitted/alice/00_start/00_start.ipynb", "feedback/alice/00_start/00_start.html")


def course_with_grades(folder):
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    for name in (*GRADES, ".venv/bin/python", "site/index.html"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    return folder


def make(folder, target, answer=""):
    return subprocess.run(["make", "-s", target], cwd=folder, input=answer, capture_output=True, text=True)


def test_clean_removes_build_products_and_keeps_grades(tmp_path):
    folder = course_with_grades(tmp_path)
    assert make(folder, "clean").returncode == 0
    assert not (folder / ".venv").exists() and not (folder / "site").exists()
    assert all((folder / name).exists() for name in GRADES)


def test_clean_grades_needs_the_typed_confirmation(tmp_path):
    folder = course_with_grades(tmp_path)
    refused = make(folder, "clean-grades", "yes\n")
    assert refused.returncode != 0 and "Nothing deleted" in refused.stdout
    assert all((folder / name).exists() for name in GRADES)
    assert make(folder, "clean-grades", "").returncode != 0, "no answer (no terminal) deletes nothing"
    assert all((folder / name).exists() for name in GRADES)
    assert make(folder, "clean-grades", "DELETE\n").returncode == 0
    assert not any((folder / name).exists() for name in GRADES)
