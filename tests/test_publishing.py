"""The web's conventions: one base URL for every absolute address, a sitemap and robots.txt that name only
what the build wrote, canonical links, a description and OpenGraph tags on every page, an inventory without
dead entries; a build without a base URL works and says once what it left out."""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import extruct
import pytest
from building import BASE_URL, Build, build, copy_root
from pages import NOT_FOUND_PAGE, soup
from sphinx.util.inventory import InventoryFile

# Pages without a document of their own: the search page, sphinx-needs' permalink redirect, the 404 page.
GENERATED_PAGES = {"search.html", "permalink.html", NOT_FOUND_PAGE}
# sphinx-needs' redirect from an id to its item's page: its own template, outside the theme and the sitemap.
REDIRECT_PAGE = "permalink.html"


def html_files(build: Build) -> set[str]:
    return {p.relative_to(build.outdir).as_posix() for p in build.outdir.rglob("*.html") if "_static" not in p.parts}


def published_path(build: Build, url: str) -> Path:
    """The file in the build that an address on the published site names."""
    assert url.startswith(BASE_URL), url
    return build.outdir / url.removeprefix(BASE_URL).split("#")[0]


def opengraph(page: Path) -> dict[str, str]:
    data = extruct.extract(page.read_text(encoding="utf-8"), base_url=BASE_URL, syntaxes=["opengraph"], uniform=True)
    (graph,) = data["opengraph"]
    return graph


def test_every_page_names_its_published_address_and_describes_itself(site: Build) -> None:
    for relative in sorted(html_files(site) - {REDIRECT_PAGE}):
        page = soup(site.outdir / relative)
        canonical = page.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == BASE_URL + relative, relative
        if relative in GENERATED_PAGES:
            continue
        graph = opengraph(site.outdir / relative)
        assert graph["og:url"] == BASE_URL + relative, relative
        heading = page.find("h1").get_text(strip=True).removesuffix("¶")  # less the heading's permalink
        assert graph["og:title"] == heading, relative
        description = page.find("meta", attrs={"name": "description"})
        assert description is not None and len(description["content"]) > 40, relative
        assert graph["og:description"] == description["content"], relative


def test_the_sitemap_lists_every_page_and_each_exists(site: Build) -> None:
    tree = ElementTree.parse(site.outdir / "sitemap.xml")
    locations = [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    missing = [url for url in locations if not published_path(site, url).is_file()]
    assert not missing, missing
    assert len(locations) == len(set(locations))
    assert {url.removeprefix(BASE_URL) for url in locations} == html_files(site) - GENERATED_PAGES


def test_robots_txt_is_left_to_the_host_of_a_site_published_under_a_path(site: Build) -> None:
    assert not (site.outdir / "robots.txt").exists()
    assert f"the host's robots.txt may name the sitemap: Sitemap: {BASE_URL}sitemap.xml" in site.status
    assert (site.outdir / "sitemap.xml").is_file()


def test_robots_txt_at_the_host_s_root_allows_all_and_names_the_sitemap(kb: Path) -> None:
    at_the_root = build(kb, kb / "_build/html", base_url="https://claims.example.org/")
    assert at_the_root.ok, at_the_root.warnings
    assert (at_the_root.outdir / "robots.txt").read_text() == (
        "User-agent: *\nDisallow:\nSitemap: https://claims.example.org/sitemap.xml\n"
    )


def test_every_inventory_entry_points_to_a_page_of_the_build(site: Build) -> None:
    with (site.outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, BASE_URL, lambda base, uri: base + uri)
    entries = [(role, name, item.uri) for role, items in inventory.items() for name, item in items.items()]
    assert len(entries) > 20
    dead = [(role, name, uri) for role, name, uri in entries if not published_path(site, uri).is_file()]
    assert not dead, dead


@pytest.fixture
def site(kb_site: Build) -> Build:
    return kb_site


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site built as a maintainer builds it at home: no base URL."""
    project = copy_root("kb", tmp_path_factory.mktemp("local") / "project")
    local = build(project, project / "_build/html", base_url=None)
    assert local.ok, local.warnings
    return local


def test_a_build_without_a_base_url_says_once_what_it_left_out(local_build: Build) -> None:
    said = [line for line in local_build.status.splitlines() if "html_baseurl is not set" in line]
    assert len(said) == 1, said
    for left_out in ("canonical links", "sitemap.xml", "og:url", "robots.txt", "ClaimReview url"):
        assert left_out in said[0]
    assert not local_build.warnings


def test_a_build_without_a_base_url_writes_no_address_it_cannot_know(local_build: Build) -> None:
    assert not (local_build.outdir / "sitemap.xml").exists()
    assert not (local_build.outdir / "robots.txt").exists()
    for relative in html_files(local_build):
        page = soup(local_build.outdir / relative)
        assert page.find("link", rel="canonical") is None, relative
        assert page.find("meta", property="og:url") is None, relative
    claim_page = local_build.outdir / "claims/claims/clm_calms_mind.html"
    assert opengraph(claim_page)["og:title"] == "Needling calms the mind? Contested evidence"


def test_the_start_page_and_the_dashboard_link_every_export_with_its_format_and_licence(site: Build) -> None:
    for relative in ("index.html", "claims/dashboard.html"):
        page = soup(site.outdir / relative)
        rows = page.select("table.ekb-exports tbody tr")
        linked = {}
        for row in rows:
            link, file_format, holds = row.find_all("td")
            target = (site.outdir / relative).parent / link.a["href"]
            assert target.resolve().parent == site.outdir, link.a["href"]
            assert file_format.get_text(strip=True) and holds.get_text(strip=True)
            linked[link.a.get_text()] = target.resolve()
        assert set(linked) == {"claims.csv", "claim-reviews.jsonl", "needs.json", "needs-model.toml"}, relative
        missing = [name for name, path in linked.items() if not path.is_file()]
        assert not missing, missing
        licence = page.select_one("table.ekb-exports").find_parent("section").find("a", string="CC BY 4.0")
        assert licence is not None and licence["href"] == "https://creativecommons.org/licenses/by/4.0/", relative


def test_every_export_reads_in_its_stated_format(site: Build) -> None:
    with (site.outdir / "claims.csv").open(newline="", encoding="utf-8") as handle:
        assert {row["id"] for row in csv.DictReader(handle)} == set(site.of_type("claim"))
    lines = (site.outdir / "claim-reviews.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["@type"] == "ClaimReview" for line in lines)
    assert json.loads((site.outdir / "needs.json").read_text(encoding="utf-8"))["versions"]
    assert tomllib.loads((site.outdir / "needs-model.toml").read_text(encoding="utf-8"))["needs"]["types"]


def test_a_missing_address_shows_a_page_that_leads_back_from_any_depth(site: Build) -> None:
    """A server shows 404.html at any missing address, so its links and files are addressed from the site's root."""
    root = urlsplit(BASE_URL).path
    page = soup(site.outdir / NOT_FOUND_PAGE)
    assert page.find("h1").get_text(strip=True).startswith("Page not found")
    links = [a["href"] for a in page.select("article a[href]")]
    loaded = [tag.get("href") or tag.get("src") for tag in page.select("link[rel=stylesheet], script[src]")]
    assert links and loaded
    for address in links + loaded:
        assert address.startswith(root), address
        assert (site.outdir / urlsplit(address).path.removeprefix(root)).is_file(), address


def test_every_page_shares_the_card_of_its_kind_and_a_claim_the_card_of_its_rating(site: Build) -> None:
    cards = {
        "index.html": "site",
        "claims/claims/clm_calms_mind.html": "claim-contested",
        "claims/claims/clm_lowers_tension.html": "claim-weak",
        "claims/claims/clm_sleep_reports.html": "claim",
        "claims/evidence/evd_review_pain.html": "evidence",
        "claims/sources/src_calm.html": "source",
        "claims/mechanisms/stress.html": "mechanism",
    }
    for relative, card in cards.items():
        graph = opengraph(site.outdir / relative)
        assert graph["og:image"] == f"{BASE_URL}_images/ekb/cards/{card}.png", relative
        assert graph["og:image:alt"].startswith("Acupuncture claims: the evidence: "), relative
        image = published_path(site, graph["og:image"]).read_bytes()
        assert image.startswith(b"\x89PNG") and int.from_bytes(image[16:20]) == 1200, relative


def test_a_build_without_a_base_url_shares_no_card(local_build: Build) -> None:
    assert "og:image" not in opengraph(local_build.outdir / "claims/claims/clm_calms_mind.html")
