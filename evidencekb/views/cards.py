"""The sharing image of each page (OpenGraph's og:image): one card per kind of page, drawn by matplotlib, and for a
health claim the card of its rating.

A card per kind, not per page: drawing one costs about a tenth of a second, which thousands of item pages would
pay at every build; the page's own title and description travel beside the image anyway. A card is drawn again
only when what it shows changes. OpenGraph wants an absolute address, so a build without a base URL names none.
"""

from __future__ import annotations

import io
import json
import posixpath
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..compat import needs_view
from ..model.rows import ClaimCoverage, on_page
from ..model.rule import STATUS_WORDS, STATUSES
from .charts import COLOURS
from .render import BADGE_SYMBOLS

CARD_DIR = "_images/ekb/cards"
WIDTH, HEIGHT = 1200, 630  # the size the sharing sites show whole
# Each card: the words on it, its accent colour.
CARDS: dict[str, tuple[str, str]] = {
    "site": ("What does the evidence say?", "#1d3557"),
    "source": ("A web page, quoted word for word", "#1d3557"),
    "mechanism": ("How the claims say it works, and their evidence", "#1d3557"),
    "evidence": ("A study, and what it compared and found", "#1d3557"),
    "claim": ("A statement quoted from a web page", "#1d3557"),
    **{f"claim-{status}": (f"{BADGE_SYMBOLS[status]} {STATUS_WORDS[status]}", COLOURS[status]) for status in STATUSES},
}


def card_of(app: Sphinx, pagename: str) -> str:
    """The kind of card a page shares: its item's kind, a health claim's rating, or the site's."""
    items = on_page(needs_view(app), pagename)
    if len(items) != 1:
        return "site"
    item = items[0]
    if item["type"] == "claim":
        status = ClaimCoverage.of(item).status
        return f"claim-{status}" if f"claim-{status}" in CARDS else "claim"
    return item["type"] if item["type"] in CARDS else "site"


@cache
def _png(site_title: str, words: str, colour: str) -> bytes:
    """The card as PNG, drawn once a process: the tests build many sites with the same cards."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    fig = plt.figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    fig.patch.set_facecolor("#ffffff")
    fig.add_artist(Rectangle((0, 0), 1, 0.06, color=colour, transform=fig.transFigure))
    fig.text(0.06, 0.78, site_title, fontsize=30, color="#333333", weight="bold")
    fig.text(0.06, 0.45, words, fontsize=44, color=colour, weight="bold", wrap=True)
    fig.text(
        0.06,
        0.16,
        "Claims quoted from their sources, weighed against the published evidence",
        fontsize=18,
        color="#555555",
    )
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=100, metadata={"Software": None})
    plt.close(fig)
    return png.getvalue()


def draw_cards(app: Sphinx) -> None:
    if app.builder.format != "html" or not app.config.html_baseurl:
        return
    for kind, (words, colour) in CARDS.items():
        path = Path(app.outdir, CARD_DIR, f"{kind}.png")
        key, drawn = path.with_suffix(".key"), json.dumps([app.config.html_title, words, colour])
        if not (path.is_file() and key.is_file() and key.read_text() == drawn):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_png(app.config.html_title, words, colour))
            key.write_text(drawn)


def add_card(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if not app.config.html_baseurl or "metatags" not in context:
        return
    kind = card_of(app, pagename)
    url = posixpath.join(app.config.html_baseurl, CARD_DIR, f"{kind}.png")
    alt = f"{app.config.html_title}: {CARDS[kind][0].lstrip(''.join(BADGE_SYMBOLS.values()) + ' ')}"
    context["metatags"] += (
        f'\n<meta property="og:image" content="{escape(url)}" />'
        f'\n<meta property="og:image:width" content="{WIDTH}" />\n<meta property="og:image:height" content="{HEIGHT}" />'
        f'\n<meta property="og:image:alt" content="{escape(alt)}" />'
    )


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", draw_cards)
    app.connect("html-page-context", add_card, priority=650)  # after publishing/site.py's tidy_metatags (600)
