"""Where the kit's files live: the repository root, data/, solutions/ and exercises/."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The kit's root folder (the one holding data/article.txt).

    ALALOUPE_ROOT overrides it; otherwise the folder is found from the installed package
    (editable install) or from the current directory upwards (a notebook run from the repo).
    """
    override = os.environ.get("ALALOUPE_ROOT")
    if override:
        return Path(override).resolve()
    candidates = [Path(__file__).resolve().parents[2], *Path.cwd().resolve().parents, Path.cwd().resolve()]
    for folder in candidates:
        if (folder / "data" / "article.txt").is_file():
            return folder
    raise FileNotFoundError(
        "Cannot find the alaloupe folder (data/article.txt). Run from inside the kit, "
        "or set ALALOUPE_ROOT to the folder that holds data/."
    )


def data_file(*parts: str) -> Path:
    """A file under data/, for example data_file("gold", "entities.json")."""
    return repo_root().joinpath("data", *parts)
