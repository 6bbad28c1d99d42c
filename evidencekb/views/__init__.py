"""What readers see: each item's page, the computed views (tables, headline, charts), diagrams, accessible HTML."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import accessible, coverage, diagrams, panels, search


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", diagrams.require_dot)
    for module in (coverage, panels, search, accessible):
        module.setup(app)
