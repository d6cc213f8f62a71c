"""The `alaloupe` command line: one sub-command per task an instructor or a student runs."""

from __future__ import annotations

import argparse
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, FileNotFoundError, RuntimeError) as error:
        print(f"alaloupe: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
