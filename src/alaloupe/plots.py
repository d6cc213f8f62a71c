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
