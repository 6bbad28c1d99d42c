"""Reading the built pages as a reader's browser would show them."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def table_rows(page: BeautifulSoup, css_class: str) -> list[list[Tag]]:
    table = page.select_one(f"table.{css_class}")
    assert table is not None, f"no table.{css_class}"
    return [row.find_all("td") for row in table.select("tbody tr")]


def linked_ids(cell: Tag) -> list[str]:
    """The need ids a cell links to (each need link ends in #ID)."""
    return [a["href"].rsplit("#", 1)[1] for a in cell.find_all("a", href=True) if "#" in a["href"]]


def text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())
