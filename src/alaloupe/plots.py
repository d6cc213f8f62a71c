"""Matplotlib figures for the lessons and the report. Each function takes data and returns a Figure.

One section per module; figures never compute results themselves, they draw what the extractors return.
"""

from __future__ import annotations

from collections import Counter

import matplotlib

if matplotlib.get_backend().lower() == "agg" or not matplotlib.get_backend():
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def new_figure(width: float = 7.0, height: float = 3.5, *, constrained: bool = True) -> tuple[Figure, plt.Axes]:
    """A figure with one axes, in the kit's house style (no top/right spines).

    `constrained=False` skips matplotlib's constrained layout, which costs two extra draws; notebooks crop
    figures to their content anyway.
    """
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained" if constrained else None)
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


def entities_by_line(found, n_lines: int, title: str = "Who and what is named on each line") -> Figure:
    """Co-occurrence per line as a dot grid: one row per entity (canonical name, else text), one column per line.

    Entities in the same column are named on the same line; dot size = mentions on that line.
    """
    cells: dict[str, dict[int, int]] = {}
    for ent in found:
        row = cells.setdefault(ent.canonical or ent.text, {})
        row[ent.line] = row.get(ent.line, 0) + 1
    names = sorted(cells, key=lambda name: (min(cells[name]), name))[::-1]
    fig, ax = new_figure(7.0, 0.32 * len(names) + 1.2)
    points = [(line, y, count) for y, name in enumerate(names) for line, count in cells[name].items()]
    ax.scatter(
        [line for line, _, _ in points], [y for _, y, _ in points], s=[60 * c for _, _, c in points], color="#3465a4"
    )  # one scatter for all dots: one artist to draw instead of one per row
    ax.set_yticks(range(len(names)), names, fontsize=9)
    ax.set_xticks(range(1, n_lines + 1))
    ax.set_xlim(0.5, n_lines + 0.5)
    ax.set_xlabel("line")
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_title(title, loc="left")
    return fig


# --- 03 claims -----------------------------------------------------------------------------------------------


def claim_scores(
    scores: dict[int, float], gold: dict[int, bool], threshold: float, title: str = "Check-worthiness score per line"
) -> Figure:
    """One bar per line: the score of `alaloupe.claims.spot`, coloured by the gold label, with the threshold.

    `scores` maps line -> score, `gold` line -> check-worthy in data/gold/claims.json. A bar above the dashed line
    is flagged check-worthy; an orange bar above it or a blue bar below it is a disagreement with the gold.
    """
    lines = sorted(scores)
    fig, ax = new_figure(7.5, 3.2)
    colours = ["#3465a4" if gold.get(n) else "#f57900" for n in lines]
    ax.bar(lines, [scores[n] for n in lines], color=colours)
    ax.axhline(threshold, color="black", linestyle="--", linewidth=1)
    ax.text(lines[-1] + 0.6, threshold, f"threshold {threshold:g}", va="bottom", ha="right", fontsize=8)
    ax.set_xticks(lines)
    ax.set_xlabel("line of the article")
    ax.set_ylabel("score")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in ("#3465a4", "#f57900")]
    ax.legend(
        handles,
        ["check-worthy in the gold", "not check-worthy in the gold"],
        fontsize=8,
        frameon=False,
        loc="upper right",
    )
    ax.set_title(title, loc="left")
    return fig


# --- 04 units ------------------------------------------------------------------------------------------------


def claimed_vs_reference(
    readings_km: dict[str, float],
    reference_km: float,
    warheads: float,
    warhead_estimates: tuple[float, float],
    reference_label: str = "official claim",
) -> Figure:
    """Left: the range under each reading of the claimed unit, against the reference (dashed line).
    Right: the claimed number of warheads against the band of public estimates."""
    # No constrained layout (see new_figure).
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.0, 2.8), gridspec_kw={"width_ratios": [3, 1.2], "wspace": 0.35})
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    rows = {reference_label: reference_km, **readings_km}
    names = list(rows)
    colors = ["#888888", "#3465a4", "#a40000", "#75507b"][: len(names)]
    bars = left.barh(names, list(rows.values()), color=colors)
    left.bar_label(bars, labels=[f"{v:,.0f} km".replace(",", " ") for v in rows.values()], padding=3)
    left.axvline(reference_km, color="black", linestyle="--", linewidth=1)
    left.set_xlim(0, max(rows.values()) * 1.3)
    left.set_xlabel("range (km)")
    left.invert_yaxis()
    left.set_title("« 11 000 milles »: which mile?", loc="left")
    low, high = warhead_estimates
    right.axhspan(low, high, color="#dddddd", label="public estimates")
    right.plot([0], [warheads], "o", color="#a40000", label="the article")
    right.set_xlim(-1, 1)
    right.set_xticks([])
    right.set_ylim(0, max(high, warheads) * 1.3)
    right.set_ylabel("warheads")
    right.legend(frameon=False, loc="lower center", fontsize="small")
    right.set_title("« 16 ogives »", loc="left")
    return fig


def timeline(events, spans=(), title: str = "What happened when") -> Figure:
    """Dated events, one row each, on a shared time axis (filled dot: exact day; hollow: month only).

    `events` have .date, .label and .precision (alaloupe.facts.Event); `spans` are (label, first, last) periods
    to shade, such as the month a relative date resolves to.
    """
    import matplotlib.dates as mdates

    ordered = sorted(events, key=lambda e: e.date)
    fig, ax = new_figure(8.0, 0.42 * len(ordered) + 1.2, constrained=False)
    for row, event in enumerate(ordered):
        exact = event.precision == "day"
        ax.plot(event.date, row, "o", color="#204a87", markerfacecolor="#204a87" if exact else "white", zorder=3)
        when = f"{event.date.day} {event.date:%b %Y}" if exact else f"{event.date:%b %Y}"
        ax.annotate(when, (event.date, row), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
    for label, first, last in spans:
        ax.axvspan(first, last, color="#fce94f", alpha=0.7, zorder=0, label=label)
    ax.set_yticks(range(len(ordered)), [e.label for e in ordered], fontsize=8.5)
    ax.set_ylim(len(ordered) - 0.4, -0.8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    left, right = ordered[0].date, ordered[-1].date
    ax.set_xlim(left - (right - left) * 0.03, right + (right - left) * 0.15)
    if spans:
        ax.legend(frameon=False, loc="upper left", fontsize=8)
    ax.set_title(title, loc="left")
    return fig


# --- 05 source criticism --------------------------------------------------------------------------------------


def markers_by_line(markers, n_lines: int) -> Figure:
    """Stacked bars: strong and weak translationese markers (alaloupe.report.Marker) on each line."""
    counted = Counter((m.line, m.strength) for m in markers)
    lines = sorted({m.line for m in markers})  # a bar only where there is one: a long text has few marked lines
    strong = [counted[n, "strong"] for n in lines]
    weak = [counted[n, "weak"] for n in lines]
    fig, ax = new_figure(7.0, 2.6)
    ax.bar(lines, strong, color="#a40000", label="strong")
    ax.bar(lines, weak, bottom=strong, color="#e0b000", label="weak")
    ax.set_xlim(0.5, n_lines + 0.5)
    ax.set_xlabel("line")
    ax.set_ylabel("markers")
    if n_lines <= 40:
        ax.set_xticks(range(1, n_lines + 1))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, loc="upper right")  # "best" searches every bar: slow on a long text
    ax.set_title("Translationese markers by line", loc="left")
    return fig


def said_when(rows, title: str = "What was said when, and by whom") -> Figure:
    """One row per attributed statement (line and speaker); its dates on a shared time axis.

    `rows` have .speaker, .date, .line and .source (alaloupe.report.Said): hollow square = the date the text
    gives, hollow diamond = undated in the text (placed at the publication date), dot = a source's date. A thin
    line spans each row, so a statement the text makes look recent, or misdates, stands out.
    """
    import matplotlib.dates as mdates

    groups = _by(rows, lambda r: (r.line, r.speaker))
    keys = sorted(groups)
    fig, ax = new_figure(8.5, 0.38 * len(keys) + 1.6)
    kinds = list(dict.fromkeys(r.source for r in sorted(rows, key=lambda r: r.source)))
    shapes = [
        dict(marker="s", markerfacecolor="white", color="#ce5c00"),
        dict(marker="D", markerfacecolor="white", color="#8f5902"),
        dict(marker="o", markerfacecolor="#204a87", color="#204a87"),
    ]
    style = {kind: shapes[i % len(shapes)] for i, kind in enumerate(sorted(kinds, key=_kind_order))}
    for y, key in enumerate(keys):
        days = [r.date for r in groups[key]]
        ax.plot([min(days), max(days)], [y, y], "-", color="#cccccc", linewidth=1, zorder=1)
        for r in groups[key]:
            ax.plot(r.date, y, linestyle="none", markersize=7, zorder=3, **style[r.source])
    ax.set_yticks(range(len(keys)), [f"l.{line}  {speaker}" for line, speaker in keys], fontsize=8.5)
    ax.set_ylim(len(keys) - 0.4, -0.8)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    handles = [plt.Line2D([], [], linestyle="none", markersize=7, **style[k]) for k in style]
    ax.legend(handles, list(style), frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(0, -0.12), ncol=1)
    ax.set_title(title, loc="left")
    return fig


def _kind_order(kind: str) -> int:
    return 0 if kind.startswith("date the text") else 1 if kind.startswith("undated") else 2


def _by(rows, key) -> dict:
    groups: dict = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


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
