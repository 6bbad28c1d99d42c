"""The ClaimReview of each health claim, read as fact-check aggregators read it: by a JSON-LD extractor (extruct)
over the built pages, against Google's ClaimReview fields."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import extruct
import pytest
from building import BASE_URL, Build, build

from evidencekb.publishing.claimreview import claim_review_data

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def embedded(site: Build, need: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON-LD items of the need's page; extruct raises on any it cannot read (errors="strict")."""
    page = site.outdir / f"{need['docname']}.html"
    data = extruct.extract(
        page.read_text(encoding="utf-8"),
        base_url=f"{BASE_URL}{need['docname']}.html",
        syntaxes=["json-ld"],
        errors="strict",
    )
    return data["json-ld"]


def health_claims(site: Build) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in site.of_type("claim").items() if v["claim_kind"] == "health claim"}


@pytest.fixture
def site(kb_site: Build) -> Build:
    return kb_site


def test_every_health_claim_page_carries_one_review_at_its_own_absolute_address(site: Build) -> None:
    claims = health_claims(site)
    assert len(claims) == 4
    for claim_id, claim in claims.items():
        (review,) = embedded(site, claim)
        page_url = f"{BASE_URL}{claim['docname']}.html"
        assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org", claim_id
        assert review["url"] == page_url, claim_id
        assert review["@id"] == f"{page_url}#{claim_id}", claim_id
        assert (site.outdir / f"{claim['docname']}.html").is_file()
        assert review["claimReviewed"] == claim["title"]


def test_other_claims_carry_no_review(site: Build) -> None:
    for claim_id, claim in site.of_type("claim").items():
        if claim["claim_kind"] != "health claim":
            assert embedded(site, claim) == [], claim_id


# The one rating of each fixture health claim: the computed status, in words and on schema.org's scale.
RATINGS = {
    "CLM_EASES_BACK_PAIN": (4, "Supported by evidence"),
    "CLM_LOWERS_TENSION": (3, "Weak evidence"),
    "CLM_CALMS_MIND": (2, "Contested evidence"),
    "CLM_MORE_WHITE_CELLS": (1, "Not supported by evidence"),
}


def test_the_rating_is_the_computed_one_with_the_statement_first(site: Build) -> None:
    claims = health_claims(site)
    assert set(claims) == set(RATINGS)
    for claim_id, claim in claims.items():
        (review,) = embedded(site, claim)
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert (rating["worstRating"], rating["bestRating"]) == (1, 4)
        assert (rating["ratingValue"], rating["alternateName"]) == RATINGS[claim_id]
        explanation = rating["ratingExplanation"]
        assert explanation.startswith(claim["statement"] + " Why this verdict."), claim_id
        assert f"Certainty of the evidence (GRADE): {claim['certainty']}" in explanation
        assert all(domain in explanation for domain in claim.get("rated_down_for") or [])
        assert "verdict" not in explanation.split("Certainty of the evidence")[1], claim_id  # all four agree


def test_a_maintainers_verdict_that_differs_is_named_as_theirs_and_never_sent_as_the_rating(kb) -> None:
    claim = kb / "claims/claims/clm_lowers_tension.md"
    claim.write_text(claim.read_text().replace(":verdict: mixed", ":verdict: supported"))
    site = build(kb)
    (review,) = [r for r in site.claim_reviews() if r["identifier"] == "CLM_LOWERS_TENSION"]
    assert (review["reviewRating"]["ratingValue"], review["reviewRating"]["alternateName"]) == (3, "Weak evidence")
    assert review["reviewRating"]["ratingExplanation"].endswith("The maintainers' own verdict differs: supported.")


def test_the_review_names_its_author_date_and_licence(site: Build) -> None:
    for claim_id, claim in health_claims(site).items():
        (review,) = embedded(site, claim)
        assert review["author"] == {
            "@type": "Organization",
            "name": "Evidence knowledge base maintainers",
            "url": BASE_URL,
        }
        assert DATE.match(review["datePublished"]), claim_id
        assert review["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_reviewed_claim_appears_in_its_sources_archived_on_this_site(site: Build) -> None:
    for claim_id, claim in health_claims(site).items():
        (review,) = embedded(site, claim)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["text"], claim_id
        sources = [site.needs[s] for s in claim["sources"]]
        assert [a["headline"] for a in item["appearance"]] == [s["title"] for s in sources]
        for work, source in zip(item["appearance"], sources, strict=True):
            assert work["archivedAt"] == f"{BASE_URL}{source['docname']}.html#{source['id']}", claim_id
            assert work.get("url") == source.get("appeared_at"), claim_id
        assert item["firstAppearance"] in item["appearance"], claim_id
        first = next(s for s in sources if s["title"] == item["firstAppearance"]["headline"])
        if first.get("appeared_at"):
            assert item["author"]["@type"] == "Organization" and item["author"]["url"] in first["appeared_at"]
        else:
            assert "author" not in item, claim_id  # the publisher is not known


def test_the_export_holds_the_reviews_the_pages_carry_one_a_line(site: Build) -> None:
    reviews = site.claim_reviews()
    claims = health_claims(site)
    assert [r["identifier"] for r in reviews] == sorted(claims)
    for review in reviews:
        assert embedded(site, claims[review["identifier"]]) == [review]


# -- which source is the first appearance, and what a date adds (the real sources show no publication date)


def review_of(sources: dict[str, dict[str, Any]], base_url: str = BASE_URL) -> dict[str, Any]:
    app = SimpleNamespace(
        config=SimpleNamespace(html_baseurl=base_url, author="The maintainers", evidencekb_publisher={}),
        builder=SimpleNamespace(get_target_uri=lambda docname: f"{docname}.html"),
    )
    claim = {
        "id": "CLM_X",
        "docname": "claims/claims/clm_x",
        "title": "X",
        "quote": "x",
        "sources": list(sources),
        "verdict": "mixed",
        "certainty": "low",
        "support": "weak",
        "content": "Why.",
    }
    return claim_review_data(app, claim, {"CLM_X": claim, **sources})


def source(source_id: str, **fields: str) -> dict[str, Any]:
    return {
        "id": source_id,
        "docname": f"claims/sources/{source_id.lower()}",
        "title": source_id,
        "archived": "2026-11-21",
        **fields,
    }


@pytest.mark.parametrize(
    "published_a, published_b, first",
    [
        (None, None, "SRC_A"),  # no date known: the first the claim lists
        (None, "2021-03-01", "SRC_B"),  # a known date comes before an unknown one
        ("2022-05-01", "2021-03-01", "SRC_B"),  # the earlier date
    ],
)
def test_the_first_appearance_is_the_earliest_published_source(
    published_a: str | None, published_b: str | None, first: str
) -> None:
    sources = {
        "SRC_A": source("SRC_A", **({"published": published_a} if published_a else {})),
        "SRC_B": source(
            "SRC_B", appeared_at="https://news.example.com/b", **({"published": published_b} if published_b else {})
        ),
    }
    item = review_of(sources)["itemReviewed"]
    assert item["firstAppearance"]["headline"] == first
    assert item.get("datePublished") == sources[first].get("published")
    assert ("author" in item) == (first == "SRC_B")  # only SRC_B's address names its publisher


def test_without_a_base_url_the_review_carries_no_relative_address() -> None:
    review = review_of({"SRC_A": source("SRC_A")}, base_url="")
    assert "url" not in review and "@id" not in review and "url" not in review["author"]
    assert "archivedAt" not in review["itemReviewed"]["appearance"][0]
