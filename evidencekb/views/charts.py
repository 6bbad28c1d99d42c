"""Static charts of computed status, drawn by matplotlib when the page that shows them is written."""

from __future__ import annotations

import html
import json
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..model.rows import Tally
from ..model.rule import STATUSES

CHART_DIR = "_images/ekb"
COLOURS = {"supported": "#2d6a4f", "contested": "#8d6e00", "weak": "#e76f51", "unsupported": "#9d0208"}
# Hatching as well as colour, so the chart reads in grey too.
HATCHES = {"supported": "", "contested": "//", "weak": "..", "unsupported": "xx"}


def figure_size(tallies: list[Tally]) -> tuple[float, float]:
    """The chart's width and height in inches: a bar a group, and room for the title, the axis and the legend."""
    return 8, 0.6 * len(tallies) + 2.2


def _draw(path: Path, tallies: list[Tally], title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    matplotlib.rcParams["svg.hashsalt"] = "evidencekb"  # same file for the same data
    labels = ["\n".join(textwrap.wrap(t.label, 34)) for t in tallies]
    width, height = figure_size(tallies)
    fig, ax = plt.subplots(figsize=(width, height))
    left = [0] * len(tallies)
    for status in STATUSES:
        values = [t.counts[status] for t in tallies]
        ax.barh(
            labels, values, left=left, color=COLOURS[status], hatch=HATCHES[status], edgecolor="white", label=status
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("health claims")
    ax.set_title(title)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=len(STATUSES), frameon=False)
    fig.tight_layout(rect=(0, 0.45 / height, 1, 1))  # leave the bottom to the legend
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def status_chart(app: Sphinx, docname: str, name: str, tallies: list[Tally], title: str) -> nodes.Node:
    path = Path(app.outdir, CHART_DIR, f"{name}.svg")
    # Drawing costs a second; an incremental build redraws only when the counts changed.
    key = path.with_suffix(".key")
    data = json.dumps([title, [(t.label, [t.counts[s] for s in STATUSES]) for t in tallies]])
    if not (path.is_file() and key.is_file() and key.read_text() == data):
        _draw(path, tallies, title)
        key.write_text(data)
    summary = "; ".join(f"{t.label}: " + ", ".join(f"{t.counts[s]} {s}" for s in STATUSES) for t in tallies)
    uri = app.builder.get_relative_uri(docname, "index").rsplit("index", 1)[0] + f"{CHART_DIR}/{name}.svg"
    alt = html.escape(f"{title}. {summary}.", quote=True)
    # its size stated (96 CSS pixels an inch), so that the page keeps its layout while the image loads
    width, height = (round(inches * 96) for inches in figure_size(tallies))
    return nodes.raw(
        "",
        f'<figure class="ekb-chart"><img src="{uri}" alt="{alt}" width="{width}" height="{height}" loading="lazy">'
        "</figure>",
        format="html",
    )
