"""The `alaloupe` command line: one sub-command per task an instructor or a student runs."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from alaloupe import __version__, course


def _release(args: argparse.Namespace) -> int:
    for folder in course.release(args.assignments or None):
        print(f"released {folder}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from alaloupe import report  # loads spaCy: only for this command

    path = Path(args.file)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: {'is not a file' if path.exists() else 'no such file'}")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{path} is not UTF-8 text (byte {error.start}); convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    if not text.strip():
        raise ValueError(f"{path} is empty: there is nothing to report on")
    result = report.build(text, progress=True)
    if not args.html and not args.markdown:
        print(result.to_markdown())
    for out, render in ((args.html, result.to_html), (args.markdown, result.to_markdown)):
        if out:
            Path(out).write_text(render(), encoding="utf-8")
            print(f"wrote {out}")
    return 0


def _quiet_nbgrader() -> None:
    """Hide library noise nbgrader triggers (SQLAlchemy session warnings) from the command's own output."""
    import warnings

    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", message=".*not in session.*")


def _grade(args: argparse.Namespace) -> int:
    from alaloupe import grading

    _quiet_nbgrader()
    result = grading.grade(
        Path(args.submissions),
        args.assignment,
        root=Path(args.course) if args.course else None,
        jobs=args.jobs,
        out=Path(args.out) if args.out else None,
        timeout=args.timeout,
        pattern=args.pattern or grading.DEFAULT_PATTERN,
        sandbox=not args.no_sandbox,
    )
    print(result.summary())
    return 0


def _check(args: argparse.Namespace) -> int:
    from alaloupe import grading

    _quiet_nbgrader()
    result = grading.check(
        Path(args.notebook), assignment=args.assignment, timeout=args.timeout, sandbox=not args.no_sandbox
    )
    print(result.render())
    return 0 if result.failure is None and result.score == result.max_score else 1


def _export_student(args: argparse.Namespace) -> int:
    from alaloupe import grading

    copied = grading.export_student(Path(args.dest))
    print(f"exported {len(copied)} files to {args.dest} (no solutions/, tests/ or bench/)")
    return 0


NO_SANDBOX_HELP = (
    "run student code unsandboxed, with your rights (by default each kernel runs in a bubblewrap sandbox that sees "
    "only its own notebook)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alaloupe",
        description="alaloupe: French NLP and source criticism on one article, with nbgrader exercises.",
    )
    parser.add_argument("--version", action="version", version=f"alaloupe {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    release = commands.add_parser(
        "release", help="regenerate exercises/ from solutions/ with nbgrader (run after editing a solution)"
    )
    release.add_argument("assignments", nargs="*", help="assignment names, e.g. 00_start (default: all)")
    release.set_defaults(run=_release)

    report = commands.add_parser(
        "report", help="fact-check report on a French text: entities, quotes, numbers, translationese, claims"
    )
    report.add_argument("file", help="a UTF-8 French text file, e.g. data/article.txt")
    report.add_argument("--html", metavar="OUT", help="write a self-contained HTML page to OUT")
    report.add_argument("--markdown", metavar="OUT", help="write Markdown to OUT (default: print it)")
    report.set_defaults(run=_report)

    grade = commands.add_parser(
        "grade", help="autograde a class in parallel: feedback, grades.csv, histogram and per-question chart"
    )
    grade.add_argument(
        "submissions", help="<student>/<assignment>/*.ipynb folders, or the flat folder of files an LMS download gives"
    )
    grade.add_argument("--assignment", "-a", required=True, help="assignment name, e.g. 00_start")
    grade.add_argument("--jobs", "-j", type=int, default=None, help="parallel workers (default: number of cores)")
    grade.add_argument("--out", help="folder for grades.csv and the charts (default: grading/<assignment>/)")
    grade.add_argument("--course", help="the nbgrader course folder (default: this kit)")
    grade.add_argument("--timeout", type=int, default=None, help="seconds per cell (default: the course's, 60)")
    grade.add_argument(
        "--pattern",
        default=None,
        help="for a flat LMS folder: nbgrader FileNameCollectorPlugin regular expression with (?P<student_id>…) "
        "and (?P<file_id>…), matched against each file's path (default: <student>_<notebook>.ipynb)",
    )
    grade.add_argument("--no-sandbox", action="store_true", help=NO_SANDBOX_HELP)
    grade.set_defaults(run=_grade)

    check = commands.add_parser(
        "check", help="self-check: grade your own notebook and show each question's points, pass or fail"
    )
    check.add_argument("notebook", help="your notebook, e.g. exercises/00_start/00_start.ipynb")
    check.add_argument("--assignment", "-a", help="assignment name (default: from the file or folder name)")
    check.add_argument("--timeout", type=int, default=None, help="seconds per cell (default: the course's, 60)")
    check.add_argument("--no-sandbox", action="store_true", help=NO_SANDBOX_HELP)
    check.set_defaults(run=_check)

    export = commands.add_parser(
        "export-student", help="write a student-only copy of the kit (no solutions/) to DIR, e.g. for a class repo"
    )
    export.add_argument("dest", metavar="DIR", help="a new or empty folder outside the kit")
    export.set_defaults(run=_export_student)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Called by its path (`.venv/bin/alaloupe`, environment not activated), the command must still find the
    # programs nbgrader starts by name (`alembic`, `jupyter`): they sit beside this interpreter.
    os.environ["PATH"] = course.environment()["PATH"]
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, FileNotFoundError, RuntimeError) as error:
        print(f"alaloupe: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
