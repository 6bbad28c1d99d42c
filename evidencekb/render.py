"""Small docutils builders shared by the coverage tables and the item panels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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

Cell = nodes.Node | str | int


def badge(status: str) -> nodes.inline:
    return nodes.inline(
        text=f"{BADGE_SYMBOLS.get(status, '?')} {status}",
        classes=["ekb-badge", f"ekb-{status.replace(' ', '-')}"],
    )


def need_link(app: Sphinx, fromdocname: str, need: Mapping[str, Any], text: str | None = None) -> nodes.reference:
    """A link to an item's page; shown by ``text`` (an id, in dense tables), its title as the tooltip."""
    uri = app.builder.get_relative_uri(fromdocname, need["docname"]) + "#" + need["id"]
    return nodes.reference("", text or need["title"], refuri=uri, internal=True, reftitle=need["title"])


def paragraph(*parts: Cell) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        para += part if isinstance(part, nodes.Node) else nodes.Text(str(part))
    return para


def joined(parts: Iterable[nodes.Node], separator: str = ", ") -> nodes.inline:
    inline = nodes.inline()
    for index, part in enumerate(parts):
        if index:
            inline += nodes.Text(separator)
        inline += part
    return inline


def table(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, caption: str = "", classes: Sequence[str] = (),
          scope: str = "") -> nodes.table:
    """A table with a header row; sortable and filterable in the browser (ekb-sortable).

    A captioned table needs an id: ``scope`` (the need it belongs to) keeps it unique on a page of several items.
    """
    tbl = nodes.table(classes=["ekb-table", "ekb-sortable", *classes])
    if caption:
        tbl["ids"].append(nodes.make_id(f"ekb {scope} {caption}"))
    if caption:
        tbl += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    group.extend(nodes.colspec(colwidth=1) for _ in headers)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    body.extend(_row(cells) for cells in rows)
    return tbl


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.paragraph | nodes.table | nodes.bullet_list) else paragraph(cell)
        row += entry
    return row


def panel(title: str, *children: nodes.Node) -> nodes.container:
    box = nodes.container(classes=["ekb-panel"])
    box += nodes.rubric(text=title)
    box.extend(children)
    return box
