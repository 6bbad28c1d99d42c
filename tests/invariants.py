"""What holds of any built knowledge base, whatever its content: the real one (tests/test_content.py) and the
fixture (tests/test_views.py) are both checked with these.

Each function takes a build and raises AssertionError with what it found wrong.
"""

from __future__ import annotations

import csv
import json
import posixpath
import re
import tomllib
from collections import Counter, deque
from itertools import pairwise
from urllib.parse import unquote, urlsplit

from building import Build
from pages import NOT_FOUND_PAGE, html_pages, linked_ids, soup, table_records, table_rows, text

ITEM_TYPES = ("source", "claim", "mechanism", "evidence")
STATUSES = ("supported", "contested", "weak", "unsupported")
FLAGGED = {"unsupported", "weak"}
# Pages without a document of their own: the search page and sphinx-needs' permalink redirect.
GENERATED_PAGES = {"search.html", "permalink.html"}
DIRECTIVE = re.compile(r"^[:`]{3}\{(source|claim|mechanism|evidence)\}", re.M)


def health_claims(site: Build) -> dict[str, dict]:
    return {k: v for k, v in site.of_type("claim").items() if v["claim_kind"] == "health claim"}


def dashboard(site: Build):
    return soup(site.outdir / "claims/dashboard.html")


def every_item_written_reaches_needs_json(site: Build) -> None:
    written = Counter(
        m.group(1)
        for path in (site.srcdir / "claims").rglob("*.md")
        for m in DIRECTIVE.finditer(path.read_text(encoding="utf-8"))
    )
    assert Counter(need["type"] for need in site.needs.values()) == written


def claims_carry_the_data_model(site: Build) -> None:
    for claim_id, claim in site.of_type("claim").items():
        assert claim["quote"] and claim["claim_kind"], claim_id
        assert len(claim["mechanism"]) == 1 and site.needs[claim["mechanism"][0]]["type"] == "mechanism", claim_id
        assert claim["sources"] and all(site.needs[s]["type"] == "source" for s in claim["sources"]), claim_id
        for link, count in (
            ("supported_by", "n_supporting"),
            ("contradicted_by", "n_contradicting"),
            ("inconclusive", "n_inconclusive"),
        ):
            assert claim[count] == len(claim[link]), claim_id
        if claim["claim_kind"] == "health claim":
            assert claim["verdict"] and claim["certainty"] and claim["support"] in STATUSES, claim_id
        else:
            assert claim["support"] == "not assessed", claim_id


def evidence_carries_an_identifier_and_where_it_was_seen(site: Build) -> None:
    for evidence_id, evidence in site.of_type("evidence").items():
        assert any(evidence.get(f) for f in ("doi", "pmid", "pmcid", "url")), evidence_id
        assert evidence["seen_at"].startswith("http"), evidence_id
        assert evidence["design"] and evidence["population"] and evidence["certainty"], evidence_id


def nothing_is_lost_between_needs_json_and_every_view(site: Build) -> None:
    claims, evidence = set(site.of_type("claim")), set(site.of_type("evidence"))
    page = dashboard(site)
    assert {linked_ids(r["Claim"])[0] for r in table_records(page, "ekb-claims")} == claims
    assert {linked_ids(r[0])[0] for r in table_rows(page, "ekb-evidence")} == evidence
    with (site.outdir / "claims.csv").open(newline="", encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == claims
    for claim_id, row in rows.items():
        assert row["status"] == site.needs[claim_id]["support"], claim_id
    assert {r["identifier"] for r in site.claim_reviews()} == set(health_claims(site))
    for need in site.needs.values():
        assert (site.outdir / f"{need['docname']}.html").is_file(), need["id"]


def the_tables_agree_with_needs_json(site: Build) -> None:
    page = dashboard(site)
    health = health_claims(site)
    flagged = {linked_ids(row["Claim"])[0]: text(row["Status"]) for row in table_records(page, "ekb-flagged")}
    assert set(flagged) == {k for k, v in health.items() if v["support"] in FLAGGED}
    for claim_id, status in flagged.items():
        assert status.endswith(site.needs[claim_id]["support"]), claim_id
    for row in table_records(page, "ekb-claims"):
        claim = site.needs[linked_ids(row["Claim"])[0]]
        assert linked_ids(row["Mechanism"]) == claim["mechanism"], claim["id"]
        assert linked_ids(row["Sources"]) == claim["sources"], claim["id"]
        assert [text(row[column]) for column in ("For", "Against", "Inconclusive")] == [
            str(len(claim[link])) for link in ("supported_by", "contradicted_by", "inconclusive")
        ], claim["id"]
        assert text(row["Status"]).endswith(claim["support"]), claim["id"]
    total = 0
    for row in table_rows(page, "ekb-mechanisms"):
        (mechanism,) = linked_ids(row[0])
        counts = [int(text(cell)) for cell in row[3:7]]
        members = [c for c in health.values() if c["mechanism"] == [mechanism]]
        assert counts == [sum(c["support"] == s for c in members) for s in STATUSES], mechanism
        total += sum(counts)
    assert total == len(health)
    for row in table_rows(page, "ekb-sources"):
        (source,) = linked_ids(row[0])
        assert int(text(row[1])) == sum(source in c["sources"] for c in site.of_type("claim").values()), source
    for row in table_rows(page, "ekb-evidence"):
        evidence = site.needs[linked_ids(row[0])[0]]
        for cell, link in zip(row[5:8], ("supported_by", "contradicted_by", "inconclusive"), strict=True):
            assert sorted(linked_ids(cell)) == sorted(evidence[f"{link}_back"]), evidence["id"]


def the_headline_counts_the_statuses(site: Build) -> None:
    headline = text(soup(site.outdir / "index.html").select_one(".ekb-headline"))
    health = health_claims(site)
    assert f"{len(site.of_type('claim'))} claims" in headline
    for status in STATUSES:
        assert re.search(rf"{status} {sum(c['support'] == status for c in health.values())}\b", headline), status


def every_disagreement_says_why_on_its_page(site: Build) -> None:
    rows = (
        table_rows(dashboard(site), "ekb-disagreements")
        if dashboard(site).select_one("table.ekb-disagreements")
        else []
    )
    for claim_id in (linked_ids(row[0])[0] for row in rows):
        page = text(soup(site.outdir / f"{site.needs[claim_id]['docname']}.html").select_one(".ekb-claim"))
        assert "the computed status and the verdict disagree" in page, claim_id


def every_review_is_embedded_in_its_claim_s_page(site: Build) -> None:
    for review in site.claim_reviews():
        page = soup(site.outdir / f"{site.needs[review['identifier']]['docname']}.html")
        embedded = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
        assert review in embedded, review["identifier"]


def every_export_reads_in_its_format(site: Build) -> None:
    lines = (site.outdir / "claim-reviews.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["@type"] == "ClaimReview" for line in lines)
    assert json.loads((site.outdir / "needs.json").read_text(encoding="utf-8"))["versions"]
    assert tomllib.loads((site.outdir / "needs-model.toml").read_text(encoding="utf-8"))["needs"]["types"]
    with (site.outdir / "claims.csv").open(newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle))[0] == "id"


def every_item_is_within_three_clicks_of_the_start_page(site: Build) -> None:
    reached, queue = {"index.html": 0}, deque(["index.html"])
    while queue:
        page = queue.popleft()
        if reached[page] == 3:
            continue
        for link in soup(site.outdir / page).select("article a[href], .sidebar-tree a[href]"):
            href = link["href"].split("#", 1)[0]
            if not href or re.match(r"[a-z]+:", href):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            if target.endswith(".html") and target not in reached and (site.outdir / target).is_file():
                reached[target] = reached[page] + 1
                queue.append(target)
    items = {need["docname"] + ".html" for need in site.needs.values() if need["type"] in ITEM_TYPES}
    assert items <= set(reached), items - set(reached)


def no_item_page_is_in_the_sidebar_and_each_says_where_it_belongs(site: Build) -> None:
    item_pages = {need["docname"] for need in site.needs.values() if need["type"] in ITEM_TYPES}
    for need in site.needs.values():
        page = soup(site.outdir / f"{need['docname']}.html")
        sidebar = {
            posixpath.normpath(
                posixpath.join(posixpath.dirname(need["docname"]), a["href"].split("#")[0])
            ).removesuffix(".html")
            for a in page.select(".sidebar-tree a[href]")
        }
        assert sidebar and not sidebar & item_pages, need["id"]
        crumbs = page.select_one("nav.ekb-breadcrumb")
        assert [a["href"] for a in crumbs.select("a")][-1] == "index.html", need["id"]
        assert crumbs.select_one("[aria-current=page]").get_text() == need["title"], need["id"]


def search_indexes_every_item_page(site: Build) -> None:
    script = (site.outdir / "searchindex.js").read_text()
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    assert {need["docname"] for need in site.needs.values()} <= set(index["docnames"])


def every_sentence_of_every_source_is_accounted_for(site: Build) -> None:
    for source in site.of_type("source").values():
        page = soup(site.outdir / f"{source['docname']}.html")
        sentences = page.select(".ekb-sentence")
        coverage = page.select_one(".ekb-sentence-coverage").get_text(" ")
        assert f"{len(sentences)} of {len(sentences)} sentences accounted for (100%)" in coverage, source["id"]
        assert not page.select(".ekb-unaccounted"), source["id"]


def no_internal_link_is_broken(site: Build) -> None:
    anchors: dict = {}
    broken = []
    for path in html_pages(site.outdir):
        if path.name in GENERATED_PAGES or path.name == NOT_FOUND_PAGE:
            continue
        for link in soup(path).find_all(["a", "link", "img", "script", "object"]):
            target = link.get("href") or link.get("src") or link.get("data")
            if not target or urlsplit(target).scheme or target.startswith(("//", "mailto:")):
                continue
            parts = urlsplit(target)
            file = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not file.is_file():
                broken.append(f"{path.relative_to(site.outdir)} -> {target}")
            elif parts.fragment and file.suffix == ".html":
                anchors.setdefault(file, {tag["id"] for tag in soup(file).find_all(id=True)})
                if parts.fragment not in anchors[file]:
                    broken.append(f"{path.relative_to(site.outdir)} -> {target} (no such anchor)")
    assert not broken, broken


def every_page_is_accessible_in_its_markup(site: Build) -> None:
    """Images named, tables with header cells, badges with a symbol and a word, headings without a skipped level."""
    for path in html_pages(site.outdir):
        page = soup(path)
        assert all(img.get("alt", "").strip() for img in page.find_all("img")), path.name
        assert all(table.find("th") for table in page.find_all("table")), path.name
        for badge in page.select(".ekb-badge"):
            symbol, _, word = badge.get_text().partition(" ")
            assert symbol and word.strip(), (path.name, str(badge))
        for diagram in page.select("object[type='image/svg+xml']"):
            assert diagram["role"] == "img" and diagram["aria-label"].startswith("Traceability diagram of "), path.name
        if path.name in GENERATED_PAGES or path.name == NOT_FOUND_PAGE:
            continue  # the theme's search page and sphinx-needs' redirect have no heading of their own
        article = page.find("article") or page
        levels = [int(h.name[1]) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels and levels[0] == 1, path.name
        assert all(b <= a + 1 for a, b in pairwise(levels)), path.name


def every_item_page_lists_its_fields(site: Build) -> None:
    """A claim names its kind, mechanism and sources (as links); an evidence item its bibliographic fields and GRADE."""
    for need in site.needs.values():
        if need["type"] not in ("claim", "evidence"):
            continue
        item = soup(site.outdir / f"{need['docname']}.html").find(id=need["id"])
        facts = {
            dt.get_text(strip=True): dd
            for dt, dd in zip(item.select("dl.ekb-facts dt"), item.select("dl.ekb-facts dd"), strict=True)
        }
        if need["type"] == "claim":
            assert text(facts["Kind"]) == need["claim_kind"], need["id"]
            assert linked_ids(facts["Mechanism"]) == need["mechanism"], need["id"]
            assert linked_ids(facts["Sources"]) == need["sources"], need["id"]
        else:
            for field, label in (
                ("authors", "Authors"),
                ("journal", "Journal"),
                ("year", "Year"),
                ("design", "Design"),
                ("population", "Population"),
                ("certainty", "Certainty"),
                ("finding", "Finding"),
            ):
                assert text(facts[label]) == " ".join(str(need[field]).split()), (need["id"], field)
            assert (linked_ids(facts["Listed in"]) if "Listed in" in facts else []) == need["listed_in"], need["id"]


EVERY_INVARIANT = (
    every_item_written_reaches_needs_json,
    claims_carry_the_data_model,
    evidence_carries_an_identifier_and_where_it_was_seen,
    nothing_is_lost_between_needs_json_and_every_view,
    the_tables_agree_with_needs_json,
    the_headline_counts_the_statuses,
    every_disagreement_says_why_on_its_page,
    every_review_is_embedded_in_its_claim_s_page,
    every_export_reads_in_its_format,
    every_item_is_within_three_clicks_of_the_start_page,
    no_item_page_is_in_the_sidebar_and_each_says_where_it_belongs,
    search_indexes_every_item_page,
    every_sentence_of_every_source_is_accounted_for,
    no_internal_link_is_broken,
    every_page_is_accessible_in_its_markup,
    every_item_page_lists_its_fields,
)
