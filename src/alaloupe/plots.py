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
