"""Every lesson and every solution runs top to bottom in a fresh kernel; nothing is committed with outputs."""

from __future__ import annotations

import json

import nbformat
import pytest
from conftest import ROOT, notebooks
from nbclient import NotebookClient

RUNNABLE = notebooks("notebooks") + notebooks("solutions")
COMMITTED = RUNNABLE + notebooks("exercises")


def _id(path):
    return str(path.relative_to(ROOT))


@pytest.mark.slow
@pytest.mark.parametrize("path", RUNNABLE, ids=_id)
def test_notebook_runs_top_to_bottom(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell, on the first error
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


@pytest.mark.parametrize("path", COMMITTED, ids=_id)
def test_committed_without_outputs_and_with_kernelspec(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3", "a kernelspec avoids the 'Select Kernel' dialog"
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert not cell["outputs"] and cell["execution_count"] is None, f"{path.name}: clear outputs before commit"


def test_every_lesson_has_its_assignment():
    lessons = {p.stem for p in notebooks("notebooks")}
    assignments = {p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()}
    assert lessons == assignments
