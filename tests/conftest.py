"""Shared fixtures: the kit's root and its notebooks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

# Subprocesses (nbgrader, jupyter, alaloupe) must come from this environment.
os.environ["PATH"] = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])
os.environ.setdefault("MPLBACKEND", "Agg")


def notebooks(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("**/*.ipynb"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# `make test` runs pytest-xdist with --dist loadgroup. Tests that share an expensive fixture stay on one worker,
# so the fixture is built once: a temporary course or adversarial batch per assignment, a server, an environment.
ONE_GROUP_PER_MODULE = {"test_browser", "test_binder", "test_site", "test_postgres", "test_sandbox"}
ONE_GROUP_PER_ASSIGNMENT = {"test_course": "released", "test_adversarial": "batch"}


# tryfirst: before pytest-xdist's own hook, which turns these markers into groups. A group's name must not end with
# "]": xdist would then take the "@group" suffix for part of a parametrised test id and not group the test at all.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__
        if module in ONE_GROUP_PER_MODULE:
            item.add_marker(pytest.mark.xdist_group(module))
        fixture = ONE_GROUP_PER_ASSIGNMENT.get(module)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if fixture in params:
            item.add_marker(pytest.mark.xdist_group(f"{module}-{params[fixture]}"))
