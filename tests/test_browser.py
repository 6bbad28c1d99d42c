"""What a reader sees, in a real browser (Debian's Chromium driven by Playwright) over a local HTTP server."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from building import ROOT, Build
from playwright.sync_api import Browser, Page, expect, sync_playwright

from evidencekb.model.rule import STATUS_WORDS

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
    rated = f"{claim_title}? {STATUS_WORDS[site.needs[claim_id]['support']]}"
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name(rated)
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
    column = table.locator("thead th").all_inner_texts().index("For") + 1  # how many items support the claim
    supporting = table.locator(f"tbody tr td:nth-child({column})")
    header = table.get_by_role("button", name="For", exact=True)
    header.click()
    ascending = [int(n) for n in supporting.all_inner_texts()]
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    header.click()
    assert [int(n) for n in supporting.all_inner_texts()] == sorted(ascending, reverse=True)
    expect(table.locator("th").nth(column - 1)).to_have_attribute("aria-sort", "descending")


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
    expect(page.locator("table.ekb-claims th").first).to_have_text("Claim")
    context.close()


def test_a_claim_page_on_a_phone_shows_its_rating_and_statement_above_the_fold(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base_url}/claims/claims/clm_calms_mind.html")
    bottom_line = page.locator(".ekb-bottom-line")
    expect(bottom_line.locator(".ekb-badge")).to_have_text("⚖ contested")
    expect(bottom_line).to_contain_text("we are uncertain whether acupuncture calms the mind")
    box = bottom_line.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    screenshot(page, "claim-page-phone")
    context.close()


# -- layout at the widths readers use: a phone, laptops, a desktop

WIDTHS = (390, 1280, 1440, 1920)
LAID_OUT = (
    "index.html",
    "claims/dashboard.html",
    "claims/claims/index.html",
    "claims/claims/clm_calms_mind.html",
    "claims/mechanisms/stress.html",
    "claims/evidence/evd_review_pain.html",
    "claims/sources/src_calm.html",
    "whats-new.html",
    "about.html",
)
# Every status badge and column header, scrolled to, lies inside the content column and is what a reader sees at
# its centre: no side panel or other box over it.
OUT_OF_SIGHT = """() => {
  const column = document.querySelector('article[role=main]').getBoundingClientRect();
  const hidden = [];
  for (const element of document.querySelectorAll('.ekb-badge, table th')) {
    element.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
    const box = element.getBoundingClientRect();
    if (box.width === 0) continue;
    const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (box.left < column.left - 0.5 || box.right > column.right + 0.5 || !element.contains(seen))
      hidden.push(`${element.textContent.trim().slice(0, 40)} at ${Math.round(box.left)}-${Math.round(box.right)}`);
  }
  return hidden;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_badge_and_column_header_is_in_sight_and_no_page_scrolls_sideways(
    browser: Browser, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in LAID_OUT:
        page.goto(f"{base_url}/{path}")
        assert page.evaluate(OUT_OF_SIGHT) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls {overflow}px sideways at {width}px"
    page.goto(f"{base_url}/claims/dashboard.html")
    screenshot(page, f"dashboard-{width}")
    context.close()


def test_a_table_wider_than_its_column_scrolls_in_a_region_the_keyboard_reaches(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/claims/dashboard.html")
    wrapper = page.locator("table.ekb-claims").locator("xpath=..")
    expect(wrapper).not_to_have_attribute("tabindex", "0")  # it fits: no tab stop
    page.add_style_tag(content="table.ekb-claims { min-width: 3000px; }")  # as a table of many long words would
    page.evaluate("window.dispatchEvent(new Event('resize'))")
    expect(wrapper).to_have_attribute("tabindex", "0")
    expect(wrapper).to_have_attribute("role", "region")
    expect(wrapper).to_have_accessible_name("All claims")
    wrapper.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=wrapper.element_handle())


FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  return {
    element: element.outerHTML.slice(0, 80),
    shown: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
  };
}"""


@pytest.mark.parametrize("path", ["claims/dashboard.html", "claims/claims/clm_calms_mind.html", "index.html"])
def test_every_control_shows_focus_when_reached_by_tab(page: Page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}/{path}")
    reached: list[str] = []
    for _ in range(1000):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_SHOWN)
        if focused is None or (reached and focused["element"] == reached[0]):
            break  # past the last control, or round to the first again
        assert focused["shown"], focused["element"]
        reached.append(focused["element"])
    assert len(reached) > 10, reached


def test_a_chart_keeps_its_place_before_it_loads(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/_images/**/*.svg", lambda route: route.abort())  # as on a slow connection: no chart has arrived
    page.goto(f"{base_url}/claims/dashboard.html")
    charts = page.locator(".ekb-chart img").all()
    assert charts
    for chart in charts:
        box = chart.bounding_box()
        assert box is not None and box["height"] > 100, box
    context.close()


def test_the_flagged_list_link_lands_on_the_list(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/index.html")
    page.get_by_role("link", name="see the flagged list").click()
    page.wait_for_load_state("networkidle")  # the charts in view have arrived
    top = page.evaluate("document.getElementById('flagged-claims').getBoundingClientRect().top")
    assert 0 <= top < 150, top


def test_a_search_result_shows_the_rated_title_and_a_snippet_of_readers_text(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search.html?q=stress")
    expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished", timeout=15000)
    result = page.locator("#search-results li").filter(has=page.locator("a[href*='clm_lowers_tension']")).first
    expect(result.locator("a").first).to_have_text("Acupuncture lowers stress? Weak evidence")
    snippet = result.locator("p.context").inner_text()
    assert "stress" in snippet.lower() and not re.search(r"\b(CLM|EVD|SRC|MEC)_[A-Z]", snippet), snippet
    assert "Start ›" not in snippet and "Sort by" not in snippet, snippet


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
    "what's new": "whats-new.html",
    "about": "about.html",
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


class NotFoundHandler(QuietHandler):
    """A server as docs/publishing.md asks: the site under its path, and 404.html for any missing address."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        page = (Path(self.directory) / "acupuncture" / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


def test_a_missing_address_deep_in_the_site_shows_the_styled_404_page(
    browser: Browser, site: Build, tmp_path: Path
) -> None:
    (tmp_path / "acupuncture").symlink_to(site.outdir)  # the site at its published path (BASE_URL)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    response = page.goto(f"http://127.0.0.1:{server.server_address[1]}/acupuncture/claims/claims/clm_gone.html")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text(re.compile("^Page not found"))
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"  # the theme loaded
    page.get_by_role("link", name="coverage dashboard").click()
    expect(page).to_have_url(re.compile(r"/acupuncture/claims/dashboard.html$"))
    page.go_back()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    server.shutdown()
    assert not [v["id"] for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
