"""The authoring commands write files that build with -W as they are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import sphinx_build
from pages import soup

PAGE = """Acupuncture for a Healthy Winter

Home | Services | Contact

Acupuncture strengthens the lungs before the cold months. Acupuncture has also been proved to help with tension and anxiety.

Book your session today!
"""
NOT_CLAIMS = "heading: Acupuncture for a Healthy Winter || navigation: Home | Services | Contact"


def author(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evidencekb.authoring", "--root", str(project), *args],
                          capture_output=True, text=True)


def add_winter_page(project: Path) -> str:
    text = project.parent / "page.txt"
    text.write_text(PAGE)
    added = author(project, "source", str(text), "--title", "Acupuncture for a Healthy Winter", "--kind", "clinic page",
                   "--archived", "2026-12-01", "--not-claims", NOT_CLAIMS)
    assert added.returncode == 0, added.stderr
    return added.stdout


def test_the_source_command_archives_the_text_and_lists_its_sentences_with_their_claims(project: Path) -> None:
    printed = add_winter_page(project)
    archived = sorted((project / "claims/sources/archive").glob("002_*.txt"))
    assert len(archived) == 1 and archived[0].read_text() == PAGE
    assert "wrote claims/sources/src_healthy_winter.md (SRC_HEALTHY_WINTER)" in printed
    assert "   5  Acupuncture strengthens the lungs before the cold months.\n      quoted by no claim" in printed
    assert "   5  Acupuncture has also been proved to help with tension and anxiety.\n      quoted by CLM_ANXIETY" in printed


def test_a_source_and_its_claims_written_by_the_commands_build_with_warnings_as_errors(project: Path) -> None:
    add_winter_page(project)
    claims = [("5", "1", "Acupuncture strengthens the lungs before winter", "health claim", "MEC_INFECTION_RESISTANCE"),
              ("7", "1", "Book a session now", "recommendation", "MEC_BACKGROUND")]
    for line, sentence, title, kind, mechanism in claims:
        added = author(project, "claim", "SRC_HEALTHY_WINTER", line, "--sentence", sentence, "--title", title,
                       "--kind", kind, "--mechanism", mechanism)
        assert added.returncode == 0, added.stderr
    claim = (project / "claims/claims/clm_strengthens_lungs_before_winter.md").read_text()
    assert claim.count("Acupuncture strengthens the lungs before winter") == 1  # the title, written once
    assert ":quote: Acupuncture strengthens the lungs before the cold months.\n" in claim
    # the page's second sentence on line 5 is CLM_ANXIETY's: quoting it from here too is one more source of that claim
    anxiety = project / "claims/claims/clm_anxiety.md"
    anxiety.write_text(anxiety.read_text().replace(":sources: SRC_BOOST", ":sources: SRC_BOOST, SRC_HEALTHY_WINTER"))

    build = sphinx_build(project, project / "_build/html")
    assert build.returncode == 0, build.output
    page = soup(project / "_build/html/claims/claims/clm_strengthens_lungs_before_winter.html")
    assert page.select_one("h1").get_text().startswith("Acupuncture strengthens the lungs before winter")
    source = soup(project / "_build/html/claims/sources/src_healthy_winter.html")
    assert "5 of 5 sentences accounted for (100%)" in source.select_one(".ekb-sentence-coverage").get_text()


def test_the_claim_command_refuses_a_sentence_a_claim_quotes_and_suggests_similar_items(project: Path) -> None:
    add_winter_page(project)
    again = author(project, "claim", "SRC_HEALTHY_WINTER", "5", "--sentence", "2", "--title", "Anxiety",
                   "--kind", "health claim", "--mechanism", "MEC_STRESS")
    assert again.returncode == 1 and "quoted by CLM_ANXIETY already" in again.stderr
    added = author(project, "claim", "SRC_HEALTHY_WINTER", "5", "--title", "Acupuncture strengthens the lungs",
                   "--kind", "health claim", "--mechanism", "MEC_INFECTION_RESISTANCE")
    assert "evidence sharing 2 words or more" in added.stdout


def test_titles_once_leaves_every_page_titled_as_before(project: Path, tmp_path: Path) -> None:
    before = sphinx_build(project, tmp_path / "before")
    migrated = author(project, "titles-once")
    assert migrated.returncode == 0, migrated.stderr
    anxiety = (project / "claims/claims/clm_anxiety.md").read_text()
    assert anxiety.startswith(":::{claim} Acupuncture has been proved to help with tension and anxiety\n")
    after = sphinx_build(project, tmp_path / "after")
    assert before.returncode == after.returncode == 0, after.output
    for page in sorted((tmp_path / "before").rglob("*.html")):
        old, new = soup(page), soup(tmp_path / "after" / page.relative_to(tmp_path / "before"))
        assert (old.title.get_text(), [h.get_text() for h in old.select("h1")]) == \
               (new.title.get_text(), [h.get_text() for h in new.select("h1")]), page
