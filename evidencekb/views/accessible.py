"""Markup that assistive technology and the Nu HTML checker read, where Sphinx leaves a gap.

- A toctree's caption (the sidebar's "Browse" and "Maintainers", and the start page's lists) is written by
  Sphinx as ``<p class="caption" role="heading">`` without the ``aria-level`` ARIA requires
  (sphinx-doc/sphinx#14030, open): axe-core reports it as critical on every page, the Nu checker as an error.
- sphinx.ext.graphviz writes an SVG diagram as an ``<object>`` whose text alternative sits inside it, which
  browsers do not give the object as its name: the object gets ``role="img"`` and that text as its label.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import graphviz
from sphinx.writers.html5 import HTML5Translator

from ..compat import html_visit_graphviz

# ARIA 1.1 gave a heading without a level level 2; writing it keeps what screen readers announced.
CAPTION_LEVEL = "2"


class AccessibleTranslator(HTML5Translator):
    def starttag(
        self, node: nodes.Element, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any
    ) -> str:
        if any(key.lower() == "role" and value == "heading" for key, value in attributes.items()):
            attributes.setdefault("aria-level", CAPTION_LEVEL)
        return super().starttag(node, tagname, suffix, empty, **attributes)


def visit_named_diagram(self: HTML5Translator, node: graphviz) -> None:
    start = len(self.body)
    try:
        html_visit_graphviz(self, node)  # ends by skipping the node
    finally:
        # node["alt"] is HTML already: sphinx.ext.graphviz writes it into the page as it is
        if alt := node.get("alt"):
            for index in range(start, len(self.body)):
                if self.body[index].startswith("<object "):
                    self.body[index] = self.body[index].replace(
                        "<object ", f'<object role="img" aria-label="{alt}" ', 1
                    )


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.set_translator("html", AccessibleTranslator)
    app.add_node(graphviz, override=True, html=(visit_named_diagram, None))
