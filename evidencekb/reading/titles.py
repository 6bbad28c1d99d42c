"""An item's title written once: a page holding one item and no heading is titled by the item's title.

The page heading of an item file only repeated the directive's title (typed twice, and free to drift).
Sphinx takes a page's title from its first heading, so this adds that heading, from the need's title,
before Sphinx collects titles. A page that still has its own heading keeps it, and must say the same.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..compat import Need, needs_while_reading

logger = logging.getLogger(__name__)


class TitleFromItem(SphinxTransform):
    # before Sphinx's doctree-read (880), where the page title is collected
    default_priority = 300

    def apply(self, **kwargs: object) -> None:
        items = list(self.document.findall(Need))
        if len(items) != 1 or not items[0]["ids"]:
            return
        need = needs_while_reading(self.env).get(items[0]["ids"][0])
        if need is None:
            return
        sections = [child for child in self.document.children if isinstance(child, nodes.section)]
        if sections:
            heading = sections[0][0].astext()
            if heading != need["title"]:
                logger.warning(
                    f"the page heading {heading!r} and the title of {need['id']} {need['title']!r} differ: "
                    "write the title once, in the directive, and remove the heading (make titles-once)",
                    location=sections[0],
                    type="evidencekb",
                    subtype="title",
                )
            return
        section = nodes.section(
            ids=[nodes.make_id(need["title"]) or need["id"].lower()], names=[nodes.fully_normalize_name(need["title"])]
        )
        section += nodes.title(need["title"], need["title"])
        section.extend(self.document.children)
        self.document.children = []
        self.document += section
        self.document.note_implicit_target(section, section)


def setup(app: Sphinx) -> None:
    app.add_transform(TitleFromItem)
