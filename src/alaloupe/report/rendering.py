"""The report as Markdown, and as one self-contained HTML page rendered from the jinja2 templates in
alaloupe/report/templates/ (restyle the page there; the Python code only supplies the data)."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import jinja2
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from alaloupe import facts

if TYPE_CHECKING:
    from alaloupe.report.building import Report

_FLAGGED = {"strong", "weak", "NO"}


@dataclass(frozen=True)
class Table:
    """A titled table of strings, rendered as Markdown or HTML (also in a notebook)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""

    def _repr_html_(self) -> str:
        return templates().get_template("table.html.j2").render(table=self)

    def _repr_markdown_(self) -> str:
        return "\n".join(_markdown_table(self))


def flag(cell: str) -> str:
    """The CSS class of a table cell: its first word when it is a verdict or a marker strength, else none."""
    word = cell.split(" ", 1)[0]
    return word if word in _FLAGGED or word in facts.VERDICTS else ""


@cache
def templates() -> jinja2.Environment:
    """The report's jinja2 templates (package data), HTML-escaped by default."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("alaloupe.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["flag"] = flag
    return environment


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _markdown_table(table: Table) -> list[str]:
    out = [f"*{table.note}*", ""] if table.note else []
    if not table.rows:
        return [*out, "(none found)"]
    out += ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    return out + ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in table.rows]


def render_markdown(report: Report) -> str:
    out = ["# alaloupe report", ""]
    out += [f"- {line}" for line in report.summary()]
    out += ["", "## The text", "", "```"]
    out += [f"{n:>3} | {line}" for n, line in enumerate(report.lines, start=1)]
    out += ["```"]
    for table in report.tables():
        out += ["", f"## {table.title}", "", *_markdown_table(table)]
    return "\n".join(out) + "\n"


def render_html(report: Report) -> str:
    return (
        templates()
        .get_template("report.html.j2")
        .render(
            summary=report.summary(),
            lines=report.lines,
            tables=report.tables(),
            figures=[(caption, _png_base64(figure)) for caption, figure in report.figures()],
        )
    )


def _png_base64(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
