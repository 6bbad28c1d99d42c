"""Small docutils builders shared by the coverage tables and the item panels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

# A flag is never shown by colour alone: every badge carries a symbol and a word.
BADGE_SYMBOLS = {
    "supported": "✔",
    "contested": "⚖",
    "weak": "⚠",
    "unsupported": "⚑",
    "not assessed": "–",
}


# From this many columns on, a table is shown as a list of cards on a narrow screen (evidencekb.css).
WIDE_COLUMNS = 4
# From this many, its text is smaller, so that it fits the content column of a laptop's screen.
MANY_COLUMNS = 8


class Html(str):
    """Markup, escaped by whoever built it: written into a table or paragraph as it is."""


# A table cell: an inline node, markup, or a value shown as text (a missing one as a dash).
Cell = nodes.Node | Html | str | int | float | None


def badge(status: str) -> nodes.inline:
    return nodes.inline(
        text=f"{BADGE_SYMBOLS.get(status, '?')} {status}",
        classes=["ekb-badge", f"ekb-{status.replace(' ', '-')}"],
    )


@cache
def badge_html(status: str) -> Html:
    """The badge as HTML, for table cells: the same few, in thousands of rows."""
    return Html(to_html(badge(status)))


class ItemLinks:
    """Links from one page to items' pages, titled by the item's title.

    ``link`` is a docutils node, for text that search indexes; ``anchor`` the same link as HTML, for
    table cells: the dashboard links thousands of items, and a node each cost more than its cell.
    Page URIs and anchors are cached for the same reason (the evidence table names each claim twice).
    """

    def __init__(self, app: Sphinx, docname: str, needs: Mapping[str, Mapping[str, Any]]) -> None:
        self.app, self.docname, self.needs = app, docname, needs
        self._page_uris: dict[str, str] = {}
        self._anchors: dict[tuple[str, str | None], Html] = {}

    def page_uri(self, docname: str) -> str:
        if docname not in self._page_uris:
            self._page_uris[docname] = self.app.builder.get_relative_uri(self.docname, docname)
        return self._page_uris[docname]

    def uri(self, need: Mapping[str, Any]) -> str:
        return f"{self.page_uri(need['docname'])}#{need['id']}"

    def link(self, need_id: str, text: str | None = None) -> nodes.Node:
        """The link as a node, shown by ``text`` or else the item's title."""
        need = self.needs.get(need_id)
        if need is None:
            return nodes.Text(need_id)
        return nodes.reference("", text or need["title"], refuri=self.uri(need), internal=True, reftitle=need["title"])

    def anchor(self, need_id: str, text: str | None = None) -> Html:
        """The link as HTML, shown by ``text`` (an id, in dense tables) or else the title."""
        if (key := (need_id, text)) not in self._anchors:
            need = self.needs.get(need_id)
            title = escape(need["title"]) if need else ""
            self._anchors[key] = Html(
                escape(need_id)
                if need is None
                else (
                    f'<a class="reference internal{" ekb-ref-id" if text == need_id else ""}" href="{escape(self.uri(need))}" title="{title}">{escape(text) if text else title}</a>'
                )
            )
        return self._anchors[key]

    def anchors(self, ids: Iterable[str], by_id: bool = False) -> Html:
        return Html(", ".join(self.anchor(i, i if by_id else None) for i in ids))


def paragraph(*parts: Cell) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        if isinstance(part, Html):
            para += nodes.raw("", part, format="html")
        else:
            para += part if isinstance(part, nodes.Node) else nodes.Text(str(part))
    return para


def joined(parts: Iterable[nodes.Node], separator: str = ", ") -> nodes.inline:
    inline = nodes.inline()
    for index, part in enumerate(parts):
        if index:
            inline += nodes.Text(separator)
        inline += part
    return inline


def row(cells: Sequence[Cell]) -> Html:
    return Html("<tr>" + "".join(f"<td>{to_html(cell)}</td>" for cell in cells) + "</tr>")


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell] | Html],
    *,
    caption: str = "",
    classes: Sequence[str] = (),
    scope: str = "",
) -> nodes.raw:
    """A table with a header row; sortable and filterable in the browser (ekb-sortable).

    Written as HTML directly: a docutils table of a few thousand rows costs seconds to build and
    write, and these tables are views of items that each have their own page and search entry, so
    they stay out of the search index (no-search), which would otherwise list every page naming an item.
    ``scope`` (the need a captioned table belongs to) keeps its id unique on a page of several items.
    A row is its cells, or the HTML ``row`` made of them.
    """
    table_id = f' id="{nodes.make_id(f"ekb {scope} {caption}")}"' if caption else ""
    # the theme scrolls a wrapper with its container class; a table of many columns is a list of cards on a phone
    wide = ["ekb-wide"] if len(headers) >= WIDE_COLUMNS else []
    wide += ["ekb-many"] if len(headers) >= MANY_COLUMNS else []
    parts = [
        '<div class="table-wrapper container">'
        f'<table{table_id} class="{" ".join(["docutils", "ekb-table", "ekb-sortable", *wide, *classes])}">'
    ]
    if caption:
        parts.append(f'<caption><span class="caption-text">{escape(caption)}</span></caption>')
    parts.append(
        "<thead><tr>" + "".join(f'<th class="head">{escape(h)}</th>' for h in headers) + "</tr></thead><tbody>"
    )
    parts.extend(r if isinstance(r, Html) else row(r) for r in rows)
    parts.append("</tbody></table></div>")
    return nodes.raw("", "".join(parts), format="html", classes=["no-search"])


def to_html(cell: Cell) -> str:
    """HTML of a table cell: text, or the few inline nodes the views use."""
    if isinstance(cell, Html):
        return cell
    if isinstance(cell, nodes.inline | nodes.paragraph):
        inner = "".join(to_html(child) for child in cell.children)
        classes = f' class="{escape(" ".join(cell["classes"]))}"' if cell["classes"] else ""
        return f"<span{classes}>{inner}</span>"
    if isinstance(cell, nodes.Node):
        return escape(cell.astext())
    return "–" if cell is None or cell == "" else escape(str(cell))


def panel(title: str, *children: nodes.Node) -> nodes.container:
    box = nodes.container(classes=["ekb-panel"])
    box += nodes.rubric(text=title)
    box.extend(children)
    return box
