"""What the site gives the web and other tools: absolute addresses, robots.txt, the inventory, the exports."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import exports, feed, site


def setup(app: Sphinx) -> None:
    for module in (exports, feed, site):
        module.setup(app)
