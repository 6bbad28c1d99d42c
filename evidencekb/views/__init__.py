"""What readers see: each item's page, the computed views (tables, headline, charts), diagrams, accessible HTML,
and the card a page shares."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import accessible, cards, coverage, diagrams, panels, releases, search


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", diagrams.require_dot)
    for module in (coverage, panels, search, accessible, cards):
        module.setup(app)
    app.connect("html-page-context", releases.colophon)
