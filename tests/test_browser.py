"""What a reader sees, in a real browser (Debian's Chromium driven by Playwright) over a local HTTP server."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator

import pytest
from building import ROOT, Build
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(kb_site: Build) -> Build:
    return kb_site


@pytest.fixture(scope="module")
def base_url(site: Build) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page that records console errors and uncaught exceptions; a test fails on any."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_start_page_shows_the_headline(page: Page, base_url: str, site: Build) -> None:
    page.goto(f"{base_url}/index.html")
    expect(page.locator("h1")).to_contain_text("what does the evidence say")
    headline = page.locator(".ekb-headline")
    expect(headline).to_contain_text(f"{len(site.of_type('claim'))} claims")
    expect(page.get_by_role("link", name="see the flagged list")).to_be_visible()
    screenshot(page, "start-page")


def test_from_dashboard_to_a_flagged_claim_and_on_to_its_evidence(page: Page, base_url: str, site: Build) -> None:
    page.goto(f"{base_url}/index.html")
    page.get_by_role("link", name="see the flagged list").click()
    expect(page).to_have_url(f"{base_url}/claims/dashboard.html#flagged-claims")
    screenshot(page, "dashboard")
    flagged_rows = page.locator("table.ekb-flagged tbody tr")
    expect(flagged_rows.first).to_be_visible()
    with_evidence = next(
        index
        for index in range(flagged_rows.count())
        if site.needs[flagged_rows.nth(index).locator("a").first.get_attribute("href").rsplit("#", 1)[1]][
            "supported_by"
        ]
    )
    claim_link = flagged_rows.nth(with_evidence).locator("a").first
    claim_title = claim_link.inner_text()
    claim_id = claim_link.get_attribute("href").rsplit("#", 1)[1]
    claim_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name(claim_title)
    expect(page.locator(".ekb-status .ekb-badge")).to_contain_text(site.needs[claim_id]["support"])
    expect(page.locator(".ekb-context").first).to_be_visible()
    screenshot(page, "claim-page")
    evidence_link = page.locator(".ekb-item table[id$='evidence-for']").locator("tbody a").first
    evidence_title = evidence_link.inner_text()
    evidence_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name(evidence_title)
    expect(page.get_by_text("Verified in:")).to_be_visible()


@pytest.mark.parametrize(
    "term, expected_page",
    [
        ("sessions", "clm_lowers_tension"),  # a word of a claim's quote
        ("Example", "evd_review_pain"),  # an evidence item's second author
        ("10.5555/7731.2020", "evd_review_pain"),  # an evidence item's DOI
        ("survey", "evd_survey_calm"),  # a word of an evidence item's title
    ],
)
def test_search_finds_claims_and_evidence(page: Page, base_url: str, term: str, expected_page: str) -> None:
    page.goto(f"{base_url}/search.html?q={term}")
    expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished", timeout=15000)
    hits = page.locator("#search-results li a")
    hrefs = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
    # the dashboard's tables repeat every title; they are left out of the index so the items come first
    assert not any("dashboard" in h for h in hrefs), hrefs
    target = next(h for h in hrefs if expected_page in h)
    page.locator(f'#search-results li a[href="{target}"]').first.click()
    expect(page.locator("article")).to_contain_text(re.compile(re.escape(term), re.IGNORECASE))


def test_a_table_sorts_when_its_header_is_clicked(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/claims/dashboard.html")
    table = page.locator("table.ekb-claims")
    supporting = table.locator("tbody tr td:nth-child(5)")  # the "For" column: how many items support the claim
    header = table.get_by_role("button", name="For", exact=True)
    header.click()
    ascending = [int(n) for n in supporting.all_inner_texts()]
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    header.click()
    assert [int(n) for n in supporting.all_inner_texts()] == sorted(ascending, reverse=True)
    expect(table.locator("th").nth(4)).to_have_attribute("aria-sort", "descending")


def test_a_table_filters_as_the_reader_types(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/claims/dashboard.html")
    claims = page.locator("table.ekb-claims")
    claims.locator("xpath=preceding-sibling::input[1]").fill("calm")
    visible = page.locator("table.ekb-claims tbody tr:visible")
    assert 0 < visible.count() < page.locator("table.ekb-claims tbody tr").count()
    assert all("calm" in text.lower() for text in visible.all_inner_texts())


def test_tables_are_readable_with_javascript_off(browser: Browser, base_url: str, site: Build) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/claims/dashboard.html")
    expect(page.locator("table.ekb-claims tbody tr")).to_have_count(len(site.of_type("claim")))
    expect(page.locator("table.ekb-claims th").first).to_have_text("ID")
    context.close()


def test_claim_page_fits_a_phone_screen(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base_url}/claims/claims/clm_calms_mind.html")
    expect(page.locator(".ekb-status")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    context.close()


# -- accessibility: axe-core (node_modules, pinned in package-lock.json) over one page of every kind

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_KINDS = {
    "start": "index.html",
    "dashboard": "claims/dashboard.html",
    "source": "claims/sources/src_calm.html",
    "claim": "claims/claims/clm_calms_mind.html",
    "mechanism": "claims/mechanisms/stress.html",
    "evidence": "claims/evidence/evd_review_pain.html",
    "search": "search.html?q=calm",
    "docs": "docs/rule.html",
}
BLOCKING_IMPACTS = ("critical", "serious")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_critical_or_serious_accessibility_violation(
    browser: Browser, base_url: str, kind: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{base_url}/{PAGE_KINDS[kind]}")
    if kind == "search":
        expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished", timeout=15000)
    # the theme follows the reader's colour scheme: the page really is dark in dark mode
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    lightness = sum(int(n) for n in re.findall(r"\d+", background)[:3])
    assert (lightness < 150) == (scheme == "dark"), background
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    blocking = [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, blocking
    assert results["passes"], "axe-core checked nothing"
