"""Item pages stay out of the navigation tree; their type's index page lists them.

The theme renders the whole navigation tree into every page, and Sphinx copies that tree for each page
it writes: with a page per item, build time and every page's size grow with the square of the number
of items (docs/architecture.md has the figures). So a page that writes an item (writing.py reads its text) is marked as one no
toctree needs to list (Sphinx's ``orphan``), its type's index page lists it in a table (coverage.py,
``{coverage} index``), and its head leads back to that index and to the start page (panels.py).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .writing import item_pages


def mark_item_pages(app: Sphinx, doctree: nodes.document) -> None:
    if app.env.docname in item_pages(app.env):
        app.env.metadata[app.env.docname]["orphan"] = True


def setup(app: Sphinx) -> None:
    # after Sphinx's own metadata collector (priority 500), which clears a page's metadata
    app.connect("doctree-read", mark_item_pages, priority=600)
