"""Matplotlib figures for the lessons and the report. Each function takes data and returns a Figure.

One section per module; figures never compute results themselves, they draw what the extractors return.
"""

from __future__ import annotations

import matplotlib

if matplotlib.get_backend().lower() == "agg" or not matplotlib.get_backend():
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def new_figure(width: float = 7.0, height: float = 3.5) -> tuple[Figure, plt.Axes]:
    """A figure with one axes, in the kit's house style (no top/right spines)."""
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


# --- 01 tokenisation ------------------------------------------------------------------------------------------


def frequency_bars(counts: list[tuple[str, int]], title: str, xlabel: str = "occurrences") -> Figure:
    """Horizontal bars for (label, count) pairs, most frequent on top (e.g. Counter.most_common(15))."""
    if not counts:
        raise ValueError("nothing to plot: counts is empty.")
    labels = [label for label, _ in counts][::-1]
    values = [value for _, value in counts][::-1]
    fig, ax = new_figure(6.5, 0.28 * len(counts) + 1.0)
    ax.barh(labels, values, color="#2a6f97")
    for y, value in enumerate(values):
        ax.text(value, y, f" {value}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title, loc="left")
    return fig


# --- 02 entities ----------------------------------------------------------------------------------------------


def mention_bars(counts: dict[str, int], title: str = "Mentions per entity") -> Figure:
    """Horizontal bars: mentions per canonical entity (alaloupe.entities.mention_counts), most mentioned on top."""
    names = list(counts)[::-1]
    fig, ax = new_figure(6.5, 0.32 * len(names) + 1.0)
    ax.barh(names, [counts[n] for n in names], color="#3465a4")
    for y, name in enumerate(names):
        ax.text(counts[name] + 0.1, y, str(counts[name]), va="center", fontsize=9)
    ax.set_xlabel("mentions")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title, loc="left")
    return fig


def cooccurrence_heatmap(
    names: list[str], matrix: list[list[int]], title: str = "Entities named on the same line"
) -> Figure:
    """Grid from alaloupe.entities.cooccurrence: cell (a, b) = lines naming both; diagonal = lines naming a."""
    size = 0.42 * len(names) + 2.0
    fig, ax = new_figure(size + 1.0, size)
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=9)
    ax.set_yticks(range(len(names)), names, fontsize=9)
    top = max((max(row) for row in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                ax.text(
                    j,
                    i,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if value > top / 2 else "black",
                )
    ax.spines[["left", "bottom"]].set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.6, label="lines")
    ax.set_title(title, loc="left")
    return fig


def entities_by_line(found, n_lines: int, title: str = "Who and what is named on each line") -> Figure:
    """A dot grid: one row per entity (canonical name, else text), one column per line; dot size = mentions."""
    cells: dict[str, dict[int, int]] = {}
    for ent in found:
        row = cells.setdefault(ent.canonical or ent.text, {})
        row[ent.line] = row.get(ent.line, 0) + 1
    names = sorted(cells, key=lambda name: (min(cells[name]), name))[::-1]
    fig, ax = new_figure(7.0, 0.32 * len(names) + 1.2)
    for y, name in enumerate(names):
        lines = sorted(cells[name])
        ax.scatter(lines, [y] * len(lines), s=[60 * cells[name][n] for n in lines], color="#3465a4")
    ax.set_yticks(range(len(names)), names, fontsize=9)
    ax.set_xticks(range(1, n_lines + 1))
    ax.set_xlim(0.5, n_lines + 0.5)
    ax.set_xlabel("line")
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_title(title, loc="left")
    return fig


# --- 05 source criticism --------------------------------------------------------------------------------------


def markers_by_line(markers, n_lines: int) -> Figure:
    """Stacked bars: strong and weak translationese markers (alaloupe.report.Marker) on each line."""
    lines = range(1, n_lines + 1)
    strong = [sum(1 for m in markers if m.line == n and m.strength == "strong") for n in lines]
    weak = [sum(1 for m in markers if m.line == n and m.strength == "weak") for n in lines]
    fig, ax = new_figure(7.0, 2.6)
    ax.bar(lines, strong, color="#a40000", label="strong")
    ax.bar(lines, weak, bottom=strong, color="#e0b000", label="weak")
    ax.set_xlabel("line")
    ax.set_ylabel("markers")
    ax.set_xticks(list(lines) if n_lines <= 40 else ax.get_xticks())
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False)
    ax.set_title("Translationese markers by line", loc="left")
    return fig


# --- grading (alaloupe grade) ---------------------------------------------------------------------------------


def grade_histogram(scores: list[float], maximum: float, assignment: str) -> Figure:
    """How many submissions got each autograded score (one bar per half point, 0 to `maximum`)."""
    fig, ax = new_figure(6.0, 3.0)
    steps = max(1, int(maximum * 2))
    ax.hist(scores, bins=[i / 2 - 0.25 for i in range(steps + 2)], color="#3465a4", edgecolor="white")
    ax.set_xlim(-0.5, maximum + 0.5)
    ax.set_xlabel(f"autograded points (out of {maximum:g})")
    ax.set_ylabel("submissions")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{assignment}: {len(scores)} graded submissions", loc="left")
    return fig


def question_means(means: dict[str, float], assignment: str) -> Figure:
    """Horizontal bars: the mean share of the points earned on each autograded cell (grade_id), in order."""
    names = list(means)
    fig, ax = new_figure(6.0, 0.8 + 0.28 * max(1, len(names)))
    ax.barh(range(len(names)), [100 * means[n] for n in names], color="#4e9a06")
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("mean share of the points earned (%)")
    ax.set_title(f"{assignment}: results by test cell", loc="left")
    return fig
