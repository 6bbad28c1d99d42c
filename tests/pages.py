"""Reading the built pages as a reader's browser would show them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@lru_cache(maxsize=2048)
def _parsed(path: Path, mtime_ns: int) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    """The page, parsed once per version of the file: read it, never change it."""
    return _parsed(path, path.stat().st_mtime_ns)


# The page a server shows at any missing address (sphinx-notfound-page): its links start at the site's root, not at
# the page, so a check that follows links page by page leaves it to its own test (test_publishing.py).
NOT_FOUND_PAGE = "404.html"


def html_pages(outdir: Path) -> list[Path]:
    """Every page of a built site but the theme's own files."""
    return sorted(p for p in outdir.rglob("*.html") if "_static" not in p.parts)


def table_rows(page: BeautifulSoup, css_class: str) -> list[list[Tag]]:
    table = page.select_one(f"table.{css_class}")
    assert table is not None, f"no table.{css_class}"
    return [row.find_all("td") for row in table.select("tbody tr")]


def table_records(page: BeautifulSoup, css_class: str) -> list[dict[str, Tag]]:
    """Each row of the table as its cells by column header: a test reads a column by its name, wherever it stands."""
    table = page.select_one(f"table.{css_class}")
    assert table is not None, f"no table.{css_class}"
    headers = [text(th) for th in table.select("thead th")]
    return [dict(zip(headers, row.find_all("td"), strict=True)) for row in table.select("tbody tr")]


def linked_ids(cell: Tag) -> list[str]:
    """The need ids a cell links to (each need link ends in #ID)."""
    return [a["href"].rsplit("#", 1)[1] for a in cell.find_all("a", href=True) if "#" in a["href"]]


def text(cell: Tag) -> str:
    """The text of a cell or block, its parts separated by a space (table cells, lists)."""
    return " ".join(cell.get_text(" ").split())


def prose(block: Tag) -> str:
    """The text of a paragraph as it reads: inline parts joined as written, white space collapsed."""
    return " ".join(block.get_text().split())
