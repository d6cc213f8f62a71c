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
