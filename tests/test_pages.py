"""Every page of the built site: internal links resolve, and the accessibility basics hold."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import Build
from bs4 import Tag
from pages import linked_ids, soup, text

SKIPPED_FILES = {"search.html"}


def html_pages(site: Build) -> list[Path]:
    return sorted(p for p in site.outdir.rglob("*.html") if p.name not in SKIPPED_FILES and "_static" not in p.parts)


def test_no_broken_internal_link_on_any_page(site: Build) -> None:
    anchors: dict[Path, set[str]] = {}
    broken = []
    for page_path in html_pages(site):
        for link in soup(page_path).find_all(["a", "link", "img", "script", "object"]):
            target = link.get("href") or link.get("src") or link.get("data")
            if not target or urlsplit(target).scheme or target.startswith(("//", "mailto:")):
                continue
            parts = urlsplit(target)
            file = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            if not file.is_file():
                broken.append(f"{page_path.relative_to(site.outdir)} -> {target}")
            elif parts.fragment and file.suffix == ".html":
                if file not in anchors:
                    anchors[file] = {tag["id"] for tag in soup(file).find_all(id=True)}
                if parts.fragment not in anchors[file]:
                    broken.append(f"{page_path.relative_to(site.outdir)} -> {target} (no such anchor)")
    assert not broken, broken


def test_every_image_has_alt_text(site: Build) -> None:
    missing = [f"{p.name}: {img.get('src')}" for p in html_pages(site) for img in soup(p).find_all("img") if not img.get("alt", "").strip()]
    assert not missing, missing


def test_every_diagram_is_named_by_what_it_shows(site: Build) -> None:
    diagrams = 0
    for page_path in html_pages(site):
        page = soup(page_path)
        for diagram in page.select("object[type='image/svg+xml']"):
            diagrams += 1
            mechanism = page.select_one(".ekb-mechanism .ekb-head strong").get_text()
            # the label is the object's accessible name; the same text stays inside it for browsers without SVG
            assert diagram["role"] == "img", page_path.name
            assert diagram["aria-label"].startswith(f"Traceability diagram of {mechanism}: "), page_path.name
            assert diagram.get_text(strip=True) == diagram["aria-label"], page_path.name
    assert diagrams == len(site.of_type("mechanism"))


def test_every_table_has_header_cells(site: Build) -> None:
    # sphinx-needs lays an item's own fields out in a table of class "need": a layout table, not data.
    headless = [p.name for p in html_pages(site) for t in soup(p).find_all("table")
                if "need" not in (t.get("class") or []) and not t.find("th")]
    assert not headless, headless


def test_a_flag_is_never_shown_by_colour_alone(site: Build) -> None:
    for page_path in html_pages(site):
        for badge in soup(page_path).select(".ekb-badge"):
            symbol, _, word = badge.get_text().partition(" ")
            assert symbol and word.strip(), f"{page_path.name}: badge without symbol and word: {badge}"


def test_headings_never_skip_a_level(site: Build) -> None:
    for page_path in html_pages(site):
        article = soup(page_path).find("article") or soup(page_path)
        levels = [int(h.name[1]) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels and levels[0] == 1, f"{page_path.name} does not start with h1"
        for previous, current in zip(levels, levels[1:]):
            assert current <= previous + 1, f"{page_path.name}: h{previous} followed by h{current}"


def facts_of(site: Build, need: dict) -> dict[str, Tag]:
    """The item's own fields as its page lists them: label -> value."""
    page = soup(site.outdir / f"{need['docname']}.html")
    item = page.find(id=need["id"])
    facts = item.select_one("dl.ekb-facts")
    return {dt.get_text(strip=True): dd for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"))}


def test_a_claim_page_names_its_kind_mechanism_and_sources_as_links(site: Build) -> None:
    for claim in site.of_type("claim").values():
        facts = facts_of(site, claim)
        assert text(facts["Kind"]) == claim["claim_kind"], claim["id"]
        assert linked_ids(facts["Mechanism"]) == claim["mechanism"], claim["id"]
        assert linked_ids(facts["Sources"]) == claim["sources"], claim["id"]


def test_an_evidence_page_lists_its_bibliographic_fields_and_grade(site: Build) -> None:
    for item in site.of_type("evidence").values():
        facts = facts_of(site, item)
        for field, label in (("authors", "Authors"), ("journal", "Journal"), ("year", "Year"),
                             ("design", "Design"), ("population", "Population"), ("certainty", "Certainty"),
                             ("finding", "Finding")):
            assert text(facts[label]) == " ".join(str(item[field]).split()), (item["id"], field)
        if item.get("listed_in"):
            assert linked_ids(facts["Listed in"]) == item["listed_in"], item["id"]
        else:
            assert "Listed in" not in facts, item["id"]
