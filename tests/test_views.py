"""What a reader sees on the fixture knowledge base (tests/roots/kb): each view with the values the fixture's
items give, and every invariant of any content."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from building import Build, build
from invariants import EVERY_INVARIANT
from pages import linked_ids, prose, soup, table_records, table_rows, text

# The status each fixture claim has, by what its evidence is (tests/roots/kb/claims/).
STATUS = {
    "CLM_EASES_BACK_PAIN": "supported",  # a systematic review in people, against no treatment: moderate
    "CLM_LOWERS_TENSION": "weak",  # one unblinded trial, low certainty
    "CLM_CALMS_MIND": "contested",  # a sham-controlled trial against, a non-randomised comparison with sham for
    "CLM_MORE_WHITE_CELLS": "unsupported",  # only mice, and inconclusive
    "CLM_SLEEP_REPORTS": "not assessed",
    "CLM_BOOK_BEFORE_DECEMBER": "not assessed",
    "CLM_WINTER_COLDS": "not assessed",
    "CLM_STRONG_IMMUNITY": "not assessed",
}


@pytest.mark.parametrize("invariant", EVERY_INVARIANT, ids=lambda f: f.__name__)
def test_the_fixture_keeps_every_invariant(kb_site: Build, invariant: Callable[[Build], None]) -> None:
    invariant(kb_site)


def test_each_claim_has_the_status_its_evidence_gives(kb_site: Build) -> None:
    assert {claim_id: claim["support"] for claim_id, claim in kb_site.of_type("claim").items()} == STATUS


def test_the_flagged_list_names_the_weak_and_unsupported_claims_with_their_reasons(kb_site: Build) -> None:
    rows = table_records(soup(kb_site.outdir / "claims/dashboard.html"), "ekb-flagged")
    assert {linked_ids(row["Claim"])[0]: text(row["Why flagged"]) for row in rows} == {
        "CLM_LOWERS_TENSION": "supporting evidence of low certainty (rated down for risk of bias, imprecision)",
        "CLM_MORE_WHITE_CELLS": "no supporting evidence; 1 examined, inconclusive",
    }


def test_the_headline_says_how_many_health_claims_are_supported(kb_site: Build) -> None:
    headline = text(soup(kb_site.outdir / "index.html").select_one(".ekb-headline"))
    assert headline.startswith("1 of 4 health claims are supported by evidence of moderate or high certainty (GRADE).")
    assert "8 claims from 2 sources, 4 of them health claims" in headline


def test_the_summary_of_findings_has_a_row_per_claim_and_comparison(kb_site: Build) -> None:
    rows = [
        {column: text(cell) for column, cell in row.items()}
        for row in table_records(soup(kb_site.outdir / "claims/dashboard.html"), "ekb-findings")
    ]
    assert [row["Claim, compared with"] for row in rows] == [
        "Needling calms the mind sham acupuncture",
        "Acupuncture eases back pain no treatment",
        "Acupuncture eases back pain usual care",
        "Acupuncture lowers stress no treatment",
        "Acupuncture lowers stress usual care",
        "Acupuncture raises white-cell counts comparison not stated",
    ]
    assert rows[1] == {
        "Claim, compared with": "Acupuncture eases back pain no treatment",
        "Status": "✔ supported",
        "What the evidence says": "In people with back pain, acupuncture probably eases back pain compared with no "
        "treatment.",
        "Certainty (GRADE)": "⊕⊕⊕◯ moderate; rated down for risk of bias",
        "Studies and effects": "✔ for EVD_REVIEW_PAIN : 12 trials (1,200 participants): pain 12 points lower on a "
        "100-point scale (95% CI 8 to 16 lower)",
    }
    assert rows[2]["Studies and effects"].startswith("✔ for EVD_NEEDLING_TRIAL : 1 trial (80 participants): ")
    assert rows[0]["What the evidence says"] == (
        "In people in general, we are uncertain whether acupuncture calms the mind compared with sham "
        "acupuncture: the studies disagree."
    )
    assert rows[4]["Studies and effects"].startswith("✔ for EVD_TRIAL_STRESS : 1 trial (60 adults): ")
    assert rows[5]["Studies and effects"] == "no study"
    assert rows[5]["What the evidence says"] == (
        "In people in general, no study we found has tested whether acupuncture raises white-cell counts."
    )


def test_a_claim_page_opens_with_what_the_evidence_says_and_the_question(kb_site: Build) -> None:
    item = soup(kb_site.outdir / "claims/claims/clm_eases_back_pain.html").select_one(".ekb-claim")
    first = item.select_one(".ekb-head").find_next_sibling("p")
    assert "ekb-bottom-line" in first["class"]
    assert prose(first) == (
        "✔ supported In people with back pain, acupuncture probably eases back pain compared with "
        "no treatment or usual care."
    )
    assert prose(item.select_one(".ekb-question")) == (
        "The question: In people with back pain, does acupuncture ease back pain compared with no treatment or usual "
        "care? Certainty of the evidence (GRADE): moderate (rated down for risk of bias)."
    )


def test_an_evidence_page_says_what_the_study_compared_and_found(kb_site: Build) -> None:
    item = soup(kb_site.outdir / "claims/evidence/evd_trial_calm.html").select_one(".ekb-evidence")
    (row,) = [
        [text(c) for c in r.find_all("td")] for r in item.select("table[id$='what-it-compared-and-found'] tbody tr")
    ]
    assert row == [
        "against sham acupuncture",
        "1 trial",
        "120 adults",
        "no difference in calm scores (mean difference 0.2, 95% CI -1.1 to 1.5)",
    ]


def test_a_source_page_marks_each_sentence_by_its_claim_or_why_it_is_none(kb_site: Build) -> None:
    page = soup(kb_site.outdir / "claims/sources/src_calm.html")
    marks = {s.get_text(): s.find_next_sibling(class_="ekb-mark") for s in page.select(".ekb-sentence")}
    assert linked_ids(marks["Acupuncture lowers stress within a few sessions."]) == ["CLM_LOWERS_TENSION"]
    assert marks["Needles for a Calm Winter"].get_text() == " [heading]"
    assert marks["Home | About | Book"].get_text() == " [navigation]"
    assert marks["1. A fixture trial of needling for back pain"].get_text() == " [reference list]"
    assert "8 of 8 sentences accounted for (100%): 4 quoted by claims, 4 declared not claims." in text(
        page.select_one(".ekb-sentence-coverage")
    )


def test_a_claim_page_shows_its_quote_in_context_its_evidence_and_status(kb_site: Build) -> None:
    item = soup(kb_site.outdir / "claims/claims/clm_calms_mind.html").select_one(".ekb-claim")
    assert text(item.select_one(".ekb-status")).startswith("Status: ⚖ contested")
    assert prose(item.select_one(".ekb-context")) == "Our needles calm the mind. —Guard Your Health"
    tables = {table["id"]: [linked_ids(row) for row in table.select("tbody tr")] for table in item.select("table")}
    assert tables == {
        "ekb-clm-calms-mind-summary-of-findings": [[]],
        "ekb-clm-calms-mind-evidence-for": [["EVD_SURVEY_CALM"]],
        "ekb-clm-calms-mind-evidence-against": [["EVD_TRIAL_CALM"]],
    }
    facts = {
        dt.get_text(): dd for dt, dd in zip(item.select("dl.ekb-facts dt"), item.select("dl.ekb-facts dd"), strict=True)
    }
    assert linked_ids(facts["Mechanism"]) == ["MEC_STRESS"] and linked_ids(facts["Sources"]) == ["SRC_GUARD"]


def test_an_evidence_page_links_its_identifiers_and_the_record_they_were_seen_in(kb_site: Build) -> None:
    item = soup(kb_site.outdir / "claims/evidence/evd_review_pain.html").select_one(".ekb-evidence")
    links = {a.get_text(): a["href"] for a in item.select("a.reference.external")}
    assert links == {
        "DOI 10.5555/7731.2020": "https://doi.org/10.5555/7731.2020",
        "https://example.org/records/1": "https://example.org/records/1",
    }
    assert "Supports" in text(item) and "CLM_EASES_BACK_PAIN" in str(item)


def test_an_evidence_item_from_a_source_s_reference_list_shows_how_the_source_cites_it(kb_site: Build) -> None:
    item = soup(kb_site.outdir / "claims/evidence/evd_needling_trial.html").select_one(".ekb-evidence")
    assert "[1] “A fixture trial of needling for back pain” in Needles for a Calm Winter. Cited accurately." in prose(
        item
    )


def test_a_mechanism_page_draws_its_claims_and_their_evidence(kb_site: Build) -> None:
    page = soup(kb_site.outdir / "claims/mechanisms/stress.html")
    diagram = page.select_one("div.graphviz object")
    svg = ElementTree.parse(kb_site.outdir / "claims/mechanisms" / diagram["data"]).getroot()
    drawn = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")}
    assert {
        "MEC_STRESS",
        "CLM_LOWERS_TENSION",
        "CLM_CALMS_MIND",
        "EVD_TRIAL_STRESS",
        "EVD_SURVEY_CALM",
        "EVD_TRIAL_CALM",
    } <= drawn
    assert diagram["aria-label"] == (
        "Traceability diagram of Calm and stress: 2 claims, 3 evidence items; "
        "supporting links solid, contradicting links dashed."
    )


def test_the_charts_are_images_that_say_what_they_show(kb_site: Build) -> None:
    charts = soup(kb_site.outdir / "claims/dashboard.html").select(".ekb-chart img")
    assert [chart["alt"].split(".")[0] for chart in charts] == [
        "Health claims by mechanism, stacked by computed status",
        "Health claims by sources, stacked by computed status",
    ]
    for chart in charts:
        assert (kb_site.outdir / "claims" / chart["src"]).resolve().read_text().lstrip().startswith("<?xml")
    assert "Calm and stress: 0 supported, 1 contested, 1 weak, 0 unsupported" in charts[0]["alt"]


def test_the_index_pages_list_every_item_of_their_type(kb_site: Build) -> None:
    for folder, need_type in (
        ("sources", "source"),
        ("mechanisms", "mechanism"),
        ("claims", "claim"),
        ("evidence", "evidence"),
    ):
        rows = table_rows(soup(kb_site.outdir / f"claims/{folder}/index.html"), "ekb-index")
        assert {linked_ids(row[0])[0] for row in rows} == set(kb_site.of_type(need_type)), folder


def test_the_views_stay_out_of_the_search_index_so_a_search_leads_to_the_item(kb_site: Build) -> None:
    script = (kb_site.outdir / "searchindex.js").read_text()
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    # "December" is in one claim's title, which the dashboard and the claims' index list too
    found = set()
    for table in ("terms", "titleterms"):
        pages = index[table].get("decemb", [])
        found |= {index["docnames"][i] for i in (pages if isinstance(pages, list) else [pages])}
    # the claim's page, and the source page whose archived text holds the sentence
    assert found == {"claims/claims/clm_book_before_december", "claims/sources/src_guard"}


def test_two_claims_may_quote_the_same_passage_when_they_declare_it(kb) -> None:
    claim = kb / "claims/claims/clm_eases_back_pain.md"
    claim.write_text(
        claim.read_text().replace(
            ":quote: It also eases back pain better than rest alone",
            ":quote: It also eases back pain better than rest alone || lowers stress\n"
            ":shares_passage_with: CLM_LOWERS_TENSION",
        )
    )
    assert build(kb, kb / "_build/dummy", "dummy").messages() == []


def test_a_link_in_an_item_s_fields_or_text_is_a_link_on_its_page_and_its_text_elsewhere(kb: Path) -> None:
    evidence = kb / "claims/evidence/evd_trial_stress.md"
    evidence.write_text(
        evidence.read_text()
        .replace("with usual care.", "with usual care ([trial report](https://example.org/report)).")
        .replace("(95% CI 0.5 to 5.5)", "(95% CI 0.5 to 5.5; [table 2](https://example.org/report#t2))")
    )
    claim = kb / "claims/claims/clm_lowers_tension.md"
    claim.write_text(claim.read_text().replace(":::\n", "See [the register](https://example.org/register).\n:::\n"))
    site = build(kb)
    assert site.ok, site.warnings
    for page in ("claims/evidence/evd_trial_stress.html", "claims/claims/clm_lowers_tension.html"):
        item = soup(site.outdir / page).select_one(".ekb-item")
        links = {a.get_text(): a["href"] for a in item.select("a.reference.external")}
        assert links.get("trial report") == "https://example.org/report", page
        assert "](" not in item.get_text(), page
        assert "](" not in soup(site.outdir / page).find("meta", attrs={"name": "description"})["content"], page
    evidence_page = soup(site.outdir / "claims/evidence/evd_trial_stress.html").select_one(".ekb-item")
    assert {a.get_text(): a["href"] for a in evidence_page.select("a.reference.external")}["table 2"] == (
        "https://example.org/report#t2"
    )
    (review,) = [r for r in site.claim_reviews() if r["identifier"] == "CLM_LOWERS_TENSION"]
    assert "See the register." in review["reviewRating"]["ratingExplanation"]
    assert "](" not in json.dumps(site.claim_reviews())


def test_the_start_page_opens_with_the_answer_computed_from_the_claims(kb_site: Build) -> None:
    page = soup(kb_site.outdir / "index.html")
    answer, featured = page.select("article p")[:2]
    assert prose(answer) == (
        "In short: 1 of the 4 health claims is supported by evidence of moderate or high certainty: in people with "
        "back pain, acupuncture probably eases back pain compared with no treatment or usual care. It is about pain "
        "and the body's defences: no claim about the other mechanism the pages invoke is supported. Of the other 3 "
        "claims, 1 rests on weak evidence (low or very low certainty), 1 on evidence that conflicts, and 1 on none "
        "that supports them."
    )
    assert linked_ids(answer) == ["CLM_EASES_BACK_PAIN"]
    assert prose(featured) == (
        "What the pages claim most plainly, and how it stands: Needling calms the mind? Contested evidence; "
        "Acupuncture raises white-cell counts? Not supported by evidence."
    )
    assert linked_ids(featured) == ["CLM_CALMS_MIND", "CLM_MORE_WHITE_CELLS"]


def test_a_health_claim_s_page_is_titled_and_described_by_its_rating(kb_site: Build) -> None:
    page = soup(kb_site.outdir / "claims/claims/clm_lowers_tension.html")
    assert page.title.get_text().startswith("Acupuncture lowers stress? Weak evidence")
    assert page.h1.get_text().removesuffix("¶") == "Acupuncture lowers stress? Weak evidence"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Weak evidence. In people under stress, acupuncture may lower stress compared with no treatment or usual care."
    )
    background = soup(kb_site.outdir / "claims/claims/clm_sleep_reports.html")
    assert background.h1.get_text().removesuffix("¶") == "Clinics report better sleep"  # not rated, not a question


def test_a_mechanism_s_evidence_map_places_each_claim_by_direction_and_certainty(kb_site: Build) -> None:
    page = soup(kb_site.outdir / "claims/mechanisms/stress.html")
    (evidence_map,) = page.select("table.ekb-map")
    columns = [text(th) for th in evidence_map.select("thead th")][1:]
    placed = {
        (text(row.th), columns[index]): linked_ids(cell)
        for row in evidence_map.select("tbody tr")
        for index, cell in enumerate(row.find_all("td"))
        if linked_ids(cell)
    }
    assert placed == {
        ("Evidence for", "low"): ["CLM_LOWERS_TENSION"],
        ("Evidence both ways", "low"): ["CLM_CALMS_MIND"],
    }
    mark = evidence_map.select_one("a.ekb-map-mark")
    assert mark["title"] == "Acupuncture lowers stress? Weak evidence (1 bearing study)"
    dashboard_marks = soup(kb_site.outdir / "claims/dashboard.html").select("table.ekb-map a.ekb-map-mark")
    assert {a["href"].rsplit("#", 1)[1] for a in dashboard_marks} == {
        claim_id for claim_id, status in STATUS.items() if status != "not assessed"
    }
    assert all(a["aria-label"] == a["title"] for a in dashboard_marks)  # marks without a title still say what they are
