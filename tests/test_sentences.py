"""Every sentence of every archived page is accounted for, and each source page shows how."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Build, sphinx_build
from pages import linked_ids, soup

from evidencekb.quotes import ArchivedText
from evidencekb.sentences import accounts

SOURCE_PAGES = ("claims/sources/src_balance.html", "claims/sources/src_boost.html")
BALANCE = "claims/sources/src_balance.md"


@pytest.mark.parametrize("page", SOURCE_PAGES)
def test_both_seed_pages_show_full_sentence_coverage(site: Build, page: str) -> None:
    shown = soup(site.outdir / page)
    coverage = shown.select_one(".ekb-sentence-coverage").get_text(" ")
    sentences = shown.select(".ekb-sentence")
    assert f"{len(sentences)} of {len(sentences)} sentences accounted for (100%)" in coverage, coverage
    assert not shown.select(".ekb-unaccounted")


def test_each_sentence_is_marked_by_the_claims_quoting_it_or_why_it_is_none(site: Build) -> None:
    shown = soup(site.outdir / "claims/sources/src_boost.html")
    marks = {s.get_text(): s.find_next_sibling(class_="ekb-mark") for s in shown.select(".ekb-sentence")}
    assert linked_ids(marks["4. Acupuncture has been shown to be useful in relieving pain and illness symptoms."]) == ["CLM_RELIEVES_PAIN"]
    assert marks["Acupuncture Technique"].get_text() == " [heading]"
    assert marks["1 ."].get_text() == " [list marker]"


def test_a_misnamed_archive_is_reported_once_at_its_source_and_nowhere_else(project: Path) -> None:
    source = project / BALANCE
    source.write_text(source.read_text().replace(":archive: 000_298965e2277035ce.txt", ":archive: 000_298965e2277035cf.txt"))
    build = sphinx_build(project, project / "_build", "dummy")
    assert build.returncode != 0
    line = source.read_text().splitlines().index(":archive: 000_298965e2277035cf.txt") + 1
    assert (f"{BALANCE}:{line}: WARNING: SRC_BALANCE: archive file '000_298965e2277035cf.txt' not found in "
            "claims/sources/archive/ (did you mean '000_298965e2277035ce.txt'?)") in build.output, build.output
    assert build.output.count("WARNING") == 1, build.output  # a claim quoting it and another source is not reported


def test_two_claims_may_quote_the_same_passage_when_they_declare_it(project: Path) -> None:
    stress = project / "claims/claims/clm_lowers_stress.md"
    stress.write_text(stress.read_text().replace(" || it relaxes you\n", " || it relaxes you || help with tension and anxiety\n"
                                                 ":shares_passage_with: CLM_ANXIETY\n"))
    build = sphinx_build(project, project / "_build", "dummy")
    assert build.returncode == 0, build.output


def test_a_declared_passage_accounts_only_for_the_whole_sentences_it_holds() -> None:
    text = ArchivedText(Path("page.txt"), "Home | Contact\nThe Title\n\nAcupuncture cures all. It is old.\n")
    source = {"id": "SRC_X", "not_claims": "navigation: Home | Contact The || heading: The Title || heading: Acupuncture cures"}
    rows = {a.sentence.text: (a.sentence.line, a.reason) for a in accounts(source, text, {})}
    assert rows == {"Home | Contact": (1, "navigation"), "The Title": (2, "heading"),
                    "Acupuncture cures all.": (4, ""), "It is old.": (4, "")}
