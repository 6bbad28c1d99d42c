"""The authoring commands write files that build with -W as they are (docs/authoring.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import build
from pages import soup

from evidencekb.authoring import main

PAGE = """Acupuncture for a Healthy Winter

Home | Services | Contact

Acupuncture strengthens the lungs before the cold months. Our needles calm the mind.

Book your session today!
"""
QUESTION = (
    "--population",
    "people in general",
    "--population-kind",
    "people",
    "--outcome",
    "strengthen the lungs",
    "--compared-with",
    "none",
)
NOT_CLAIMS = "heading: Acupuncture for a Healthy Winter || navigation: Home | Services | Contact"


def author(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add_winter_page(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    text = project.parent / "page.txt"
    text.write_text(PAGE)
    code, out, err = author(
        project,
        capsys,
        "source",
        str(text),
        "--title",
        "Acupuncture for a Healthy Winter",
        "--kind",
        "clinic page",
        "--archived",
        "2026-12-01",
        "--not-claims",
        NOT_CLAIMS,
    )
    assert code == 0, err
    return out


def test_the_source_command_archives_the_text_and_lists_its_sentences_with_their_claims(kb: Path, capsys) -> None:
    archives_before = set((kb / "claims/sources/archive").iterdir())
    printed = add_winter_page(kb, capsys)
    (archived,) = set((kb / "claims/sources/archive").iterdir()) - archives_before
    assert archived.read_text() == PAGE
    assert f"archived the text as claims/sources/archive/{archived.name}" in printed
    assert "wrote claims/sources/src_healthy_winter.md (SRC_HEALTHY_WINTER)" in printed
    assert "   5  Acupuncture strengthens the lungs before the cold months.\n      quoted by no claim" in printed
    assert "   5  Our needles calm the mind.\n      quoted by CLM_CALMS_MIND" in printed


def add_claim(
    project: Path, capsys: pytest.CaptureFixture[str], line: str, title: str, kind: str, mechanism: str, *more: str
) -> tuple[int, str, str]:
    return author(
        project,
        capsys,
        "claim",
        "SRC_HEALTHY_WINTER",
        line,
        "--title",
        title,
        "--kind",
        kind,
        "--mechanism",
        mechanism,
        *more,
    )


def test_a_source_and_its_claims_written_by_the_commands_build_with_warnings_as_errors(kb: Path, capsys) -> None:
    add_winter_page(kb, capsys)
    code, _, err = add_claim(
        kb, capsys, "5", "Acupuncture strengthens the lungs before winter", "health claim", "MEC_BODY", *QUESTION
    )
    assert code == 0, err
    code, _, err = add_claim(kb, capsys, "7", "Book a session now", "recommendation", "MEC_BACKGROUND")
    assert code == 0, err
    claim = (kb / "claims/claims/clm_strengthens_lungs_before_winter.md").read_text()
    assert claim.count("Acupuncture strengthens the lungs before winter") == 1  # the title, written once
    assert ":quote: Acupuncture strengthens the lungs before the cold months.\n" in claim
    assert ":population_group: people in general\n" in claim and ":compared_with: none\n" in claim
    # the page's second sentence on line 5 is CLM_CALMS_MIND's: quoting it from here too is one more source of that claim
    calm = kb / "claims/claims/clm_calms_mind.md"
    calm.write_text(calm.read_text().replace(":sources: SRC_GUARD", ":sources: SRC_GUARD, SRC_HEALTHY_WINTER"))

    site = build(kb)
    assert site.ok, site.warnings
    page = soup(site.outdir / "claims/claims/clm_strengthens_lungs_before_winter.html")
    assert page.select_one("h1").get_text().startswith("Acupuncture strengthens the lungs before winter")
    source = soup(site.outdir / "claims/sources/src_healthy_winter.html")
    assert "5 of 5 sentences accounted for (100%)" in source.select_one(".ekb-sentence-coverage").get_text()


def test_the_claim_command_refuses_a_sentence_a_claim_quotes_and_suggests_similar_items(kb: Path, capsys) -> None:
    add_winter_page(kb, capsys)
    code, _, err = add_claim(kb, capsys, "5", "Calm", "health claim", "MEC_STRESS", "--sentence", "2", *QUESTION)
    assert code == 1 and "quoted by CLM_CALMS_MIND already" in err
    code, _, err = add_claim(kb, capsys, "5", "Acupuncture strengthens the lungs", "health claim", "MEC_BODY")
    assert code == 2 and "a health claim asks a question: give --population (POPULATION=)" in err
    code, out, _ = add_claim(
        kb, capsys, "5", "Acupuncture strengthens the lungs", "health claim", "MEC_BODY", *QUESTION
    )
    assert code == 0 and "evidence sharing 2 words or more" in out


def test_titles_once_leaves_every_page_titled_as_before(kb: Path, tmp_path: Path, capsys) -> None:
    claim = kb / "claims/claims/clm_calms_mind.md"
    claim.write_text("# Needling calms the mind\n\n" + claim.read_text())  # a heading that repeats the title
    before = build(kb, tmp_path / "before")
    code, out, err = author(kb, capsys, "titles-once")
    assert code == 0, err
    assert out == "1 files now write their title once, in the directive\n"
    assert claim.read_text().startswith(":::{claim} Needling calms the mind\n")
    after = build(kb, tmp_path / "after")
    assert before.ok and after.ok, after.output
    for page in sorted((tmp_path / "before").rglob("*.html")):
        old, new = soup(page), soup(tmp_path / "after" / page.relative_to(tmp_path / "before"))
        assert (old.title.get_text(), [h.get_text() for h in old.select("h1")]) == (
            new.title.get_text(),
            [h.get_text() for h in new.select("h1")],
        ), page
