"""The coverage tables, headline, charts and exports agree with needs.json and with each other."""

from __future__ import annotations

import csv
import json
import re
from xml.etree import ElementTree

from conftest import Build
from pages import linked_ids, soup, table_rows, text

FLAGGED = {"unsupported", "weak"}
STATUSES = ("supported", "contested", "weak", "unsupported")


def health_claims(site: Build) -> dict[str, dict]:
    return {k: v for k, v in site.of_type("claim").items() if v["claim_kind"] == "health claim"}


def test_flagged_list_is_exactly_the_unsupported_and_weak_claims(site: Build) -> None:
    rows = table_rows(soup(site.outdir / "claims/dashboard.html"), "ekb-flagged")
    shown = {linked_ids(row[0])[0]: text(row[3]) for row in rows}
    expected = {k for k, v in health_claims(site).items() if v["support"] in FLAGGED}
    assert set(shown) == expected and expected
    for claim_id, status in shown.items():
        assert status.endswith(site.needs[claim_id]["support"])
    assert all(text(row[4]) for row in rows), "every flagged claim shows its reason"


def test_all_claims_table_lists_every_claim_with_its_computed_values(site: Build) -> None:
    rows = table_rows(soup(site.outdir / "claims/dashboard.html"), "ekb-claims")
    by_id = {linked_ids(row[0])[0]: row for row in rows}
    assert set(by_id) == set(site.of_type("claim"))
    for claim_id, row in by_id.items():
        claim = site.needs[claim_id]
        assert linked_ids(row[3]) == claim["mechanism"]
        assert [text(c) for c in row[4:7]] == [str(len(claim[link])) for link in ("supported_by", "contradicted_by", "inconclusive")]
        assert text(row[8]) == (claim.get("certainty") or "–")
        assert text(row[9]).endswith(claim["support"])


def test_mechanism_totals_add_up(site: Build) -> None:
    rows = table_rows(soup(site.outdir / "claims/dashboard.html"), "ekb-mechanisms")
    health = health_claims(site)
    assert len(rows) == len(site.of_type("mechanism"))
    total = 0
    for row in rows:
        (mechanism,) = linked_ids(row[0])
        counts = [int(text(cell)) for cell in row[3:7]]
        in_mechanism = [c for c in health.values() if c["mechanism"] == [mechanism]]
        assert int(text(row[2])) == sum(counts) == len(in_mechanism)
        assert counts == [sum(c["support"] == s for c in in_mechanism) for s in STATUSES]
        total += sum(counts)
    assert total == len(health)


def test_source_scorecards_add_up(site: Build) -> None:
    rows = table_rows(soup(site.outdir / "claims/dashboard.html"), "ekb-sources")
    for row in rows:
        (source,) = linked_ids(row[0])
        claims = [c for c in site.of_type("claim").values() if source in c["sources"]]
        assert int(text(row[1])) == len(claims)
        assert int(text(row[2])) == sum(int(text(cell)) for cell in row[3:7])


def test_headline_on_start_page_matches_the_data(site: Build) -> None:
    headline = text(soup(site.outdir / "index.html").select_one(".ekb-headline"))
    health = health_claims(site)
    assert f"{len(site.of_type('claim'))} claims" in headline
    assert f"{len(health)} of them health claims" in headline
    for status in STATUSES:
        count = sum(c["support"] == status for c in health.values())
        assert re.search(rf"{status} {count}\b", headline), (status, count, headline)


def test_evidence_table_shows_what_each_item_supports_and_contradicts(site: Build) -> None:
    rows = table_rows(soup(site.outdir / "claims/dashboard.html"), "ekb-evidence")
    assert {linked_ids(row[0])[0] for row in rows} == set(site.of_type("evidence"))
    for row in rows:
        evidence = site.needs[linked_ids(row[0])[0]]
        assert sorted(linked_ids(row[5])) == sorted(evidence["supported_by_back"])
        assert sorted(linked_ids(row[6])) == sorted(evidence["contradicted_by_back"])
        assert sorted(linked_ids(row[7])) == sorted(evidence["inconclusive_back"])


def test_summary_of_findings_gives_each_health_claim_its_evidence_certainty_and_status(site: Build) -> None:
    rows = table_rows(soup(site.outdir / "claims/dashboard.html"), "ekb-findings")
    health = health_claims(site)
    assert {linked_ids(row[0])[0] for row in rows} == set(health)
    for row in rows:
        claim = health[linked_ids(row[0])[0]]
        for cell, link in zip(row[1:4], ("supported_by", "contradicted_by", "inconclusive"), strict=True):
            assert sorted(linked_ids(cell)) == sorted(claim[link])
            assert text(cell).startswith(f"{len(claim[link])}:" if claim[link] else "–")
        assert text(row[5]).endswith(claim["certainty"])
        assert text(row[6]) == (", ".join(claim["rated_down_for"] or []) or "–")
        assert text(row[7]).endswith(claim["support"])


def test_the_headline_says_how_many_health_claims_are_supported_at_moderate_or_high_certainty(site: Build) -> None:
    health = health_claims(site)
    supported = [c for c in health.values() if c["support"] == "supported"]
    assert all(c["certainty"] in ("moderate", "high") for c in supported)
    headline = text(soup(site.outdir / "index.html").select_one(".ekb-headline"))
    assert headline.startswith(f"{len(supported)} of {len(health)} health claims are supported by evidence of moderate or high certainty")


def test_the_evidence_is_appraised_in_three_directions(site: Build) -> None:
    """The appraisal's outcome (issue 17): the status and the verdict agree on at least 90% of health claims,
    no verdict of mixed or not enough evidence is computed as supported, and inconclusive links are used."""
    health = health_claims(site)
    agreeing = {"supported": {"supported"}, "mixed": {"contested", "weak"}, "not enough evidence": {"unsupported", "weak"},
                "contradicted": {"contested", "unsupported"}}
    disagreeing = [k for k, c in health.items() if c["support"] not in agreeing[c["verdict"]]]
    assert len(disagreeing) <= 0.1 * len(health), disagreeing
    assert not [k for k, c in health.items() if c["verdict"] in ("mixed", "not enough evidence") and c["support"] == "supported"]
    assert sum(len(c["inconclusive"]) for c in health.values()) >= 5
    for claim_id in disagreeing:  # each remaining disagreement says why on its page
        page = text(soup(site.outdir / (health[claim_id]["docname"] + ".html")).select_one(".ekb-claim"))
        assert "the computed status and the verdict disagree" in page and "Why this verdict" in page


def test_csv_export_holds_every_claim_with_its_status(site: Build) -> None:
    with (site.outdir / "claims.csv").open(newline="", encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(site.of_type("claim"))
    for claim_id, row in rows.items():
        assert row["status"] == site.needs[claim_id]["support"]
        assert row["n_supporting"] == str(len(site.needs[claim_id]["supported_by"]))


def test_claim_review_json_ld_for_every_health_claim(site: Build) -> None:
    reviews = json.loads((site.outdir / "claim-reviews.jsonld").read_text())
    health = health_claims(site)
    assert {r["identifier"] for r in reviews} == set(health)
    for review in reviews:
        claim = health[review["identifier"]]
        assert review["@type"] == "ClaimReview"
        assert review["reviewRating"]["alternateName"] == claim["verdict"]
        assert review["reviewRating"]["ratingExplanation"]
        assert review["itemReviewed"]["appearance"] and review["datePublished"]
        assert review["author"]["name"]
        page = soup(site.outdir / (claim["docname"] + ".html"))
        embedded = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
        assert review in embedded


def test_charts_and_diagrams_are_rendered_images(site: Build) -> None:
    dashboard = soup(site.outdir / "claims/dashboard.html")
    charts = dashboard.select(".ekb-chart img")
    assert len(charts) == 2
    for chart in charts:
        assert (site.outdir / "claims" / chart["src"]).resolve().read_text().lstrip().startswith("<?xml")
        assert "supported" in chart["alt"]
    for mechanism in site.of_type("mechanism").values():
        page = soup(site.outdir / (mechanism["docname"] + ".html"))
        diagram = page.select_one("div.graphviz object")
        assert diagram is not None, mechanism["id"]
        svg = ElementTree.parse((site.outdir / mechanism["docname"]).parent / diagram["data"]).getroot()
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        drawn = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")}
        assert mechanism["id"] in drawn and set(mechanism["mechanism_back"]) <= drawn, mechanism["id"]
