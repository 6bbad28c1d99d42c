"""Navigation that does not grow with the items: every item within three clicks of the start page, found by
search, placed by its breadcrumb, and absent from the sidebar (docs/architecture.md)."""

from __future__ import annotations

import json
import posixpath
import re
from collections import deque

from conftest import Build
from pages import soup

ITEM_TYPES = ("source", "claim", "mechanism", "evidence")


def item_pages(site: Build) -> set[str]:
    return {need["docname"] + ".html" for need in site.needs.values() if need["type"] in ITEM_TYPES}


def clicks_from_the_start_page(site: Build, depth: int) -> dict[str, int]:
    """Each page reached by following links from index.html, with the fewest clicks it takes."""
    reached, queue = {"index.html": 0}, deque(["index.html"])
    while queue:
        page = queue.popleft()
        if reached[page] == depth:
            continue
        for link in soup(site.outdir / page).select("article a[href], .sidebar-tree a[href]"):
            href = link["href"].split("#", 1)[0]
            if not href or re.match(r"[a-z]+:", href):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            if target.endswith(".html") and target not in reached and (site.outdir / target).is_file():
                reached[target] = reached[page] + 1
                queue.append(target)
    return reached


def test_every_item_is_at_most_three_clicks_from_the_start_page(site: Build) -> None:
    reached = clicks_from_the_start_page(site, depth=3)
    assert item_pages(site) <= set(reached), item_pages(site) - set(reached)


def test_the_sidebar_lists_no_item_page(site: Build) -> None:
    for page in ("index.html", "claims/claims/clm_anxiety.html", "claims/dashboard.html"):
        sidebar = [a["href"] for a in soup(site.outdir / page).select(".sidebar-tree a[href]")]
        assert sidebar and not [h for h in sidebar if re.search(r"/(clm|evd|src)_[a-z0-9_]+\.html", h)], (page, sidebar)
        assert len(sidebar) <= 20, page


def test_search_indexes_every_item_page(site: Build) -> None:
    text = (site.outdir / "searchindex.js").read_text()
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    assert {need["docname"] for need in site.needs.values() if need["type"] in ITEM_TYPES} <= set(index["docnames"])


def test_each_item_page_says_where_it_belongs(site: Build) -> None:
    for need in site.needs.values():
        if need["type"] not in ITEM_TYPES:
            continue
        crumbs = soup(site.outdir / (need["docname"] + ".html")).select_one("nav.ekb-breadcrumb")
        hrefs = [a["href"] for a in crumbs.select("a")]
        assert hrefs == ["../../index.html", "index.html"], (need["id"], hrefs)
        assert crumbs.select_one("[aria-current=page]").get_text() == need["title"]
