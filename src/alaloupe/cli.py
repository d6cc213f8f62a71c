"""The `alaloupe` command line: one sub-command per task an instructor or a student runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from alaloupe import __version__, course


def _release(args: argparse.Namespace) -> int:
    for folder in course.release(args.assignments or None):
        print(f"released {folder}")
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
