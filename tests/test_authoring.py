"""The maintainer's loop as commands (docs/authoring.md): each command's output and files, and the build's word on
what they leave to write."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import build, line_of
from pages import soup

from evidencekb.authoring import main

PAGE = """Acupuncture for a Healthy Winter

Home | Services | Contact

Acupuncture strengthens the lungs before the cold months. Our needles calm the mind.

Book your session today!
"""
NOT_CLAIMS = "heading: Acupuncture for a Healthy Winter || navigation: Home | Services | Contact"
QUESTION = (
    "--population",
    "people in general",
    "--population-kind",
    "people",
    "--outcome",
    "strengthen the lungs",
    "--compared-with",
    "none",
    "--last-searched",
    "2026-12-01",
)
SOURCE_FILE = "claims/sources/src_healthy_winter.md"


def author(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add_winter_page(project: Path, capsys: pytest.CaptureFixture[str], text: str | bytes = PAGE, *more: str) -> str:
    page = project.parent / "page.txt"
    page.write_bytes(text.encode() if isinstance(text, str) else text)
    code, out, err = author(
        project,
        capsys,
        "source",
        str(page),
        "--title",
        "Acupuncture for a Healthy Winter",
        "--kind",
        "clinic page",
        "--archived",
        "2026-12-01",
        "--not-claims",
        NOT_CLAIMS,
        *more,
    )
    assert code == 0, err
    return out


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


def write_the_texts(path: Path) -> None:
    """What a maintainer writes where the templates say TO WRITE."""
    text = path.read_text()
    text = text.replace(
        "**Why this verdict.** TO WRITE: two to five sentences naming the evidence, and what each study "
        "compared and found for this question.",
        "**Why this verdict.** No study has looked at it yet.",
    )
    text = text.replace(
        "TO WRITE: who published the page, what it argues, what is known of where it appeared.",
        "A clinic's winter page, written for the tests.",
    )
    path.write_text(text.replace("TO WRITE: what the claim says, in the maintainers' words.", "The page's advice."))


def messages_of(project: Path) -> list[str]:
    return build(project, project / "_build/dummy", "dummy", base_url=None).messages()


def test_the_source_command_archives_the_text_and_lists_its_sentences_with_the_claims_they_may_repeat(
    kb, capsys
) -> None:
    archives_before = set((kb / "claims/sources/archive").iterdir())
    printed = add_winter_page(kb, capsys)
    (archived,) = set((kb / "claims/sources/archive").iterdir()) - archives_before
    assert archived.read_text() == PAGE and archived.name.startswith("002_")
    assert f"archived the text as claims/sources/archive/{archived.name}" in printed
    assert f"wrote {SOURCE_FILE} (SRC_HEALTHY_WINTER)" in printed
    assert "   5  Our needles calm the mind.\n      quoted by CLM_CALMS_MIND\n" in printed
    after = printed.split("   5  Acupuncture strengthens the lungs before the cold months.\n", 1)[1]
    assert after.startswith(
        "      quoted by no claim; it may repeat (make reuse CLAIM=… to quote it from there):\n        CLM_"
    )


def test_the_same_page_is_archived_once(kb, capsys) -> None:
    add_winter_page(kb, capsys, PAGE, "--appeared-at", "https://clinic.example.org/winter")
    again = kb.parent / "again.txt"
    again.write_text(PAGE)
    code, _, err = author(kb, capsys, "source", str(again), "--title", "Again", "--kind", "clinic page")
    assert (
        code == 1
        and err.startswith("this text is archived already as 002_")
        and "the text of SRC_HEALTHY_WINTER" in err
    )
    again.write_text(PAGE + "\nNew at the end.\n")
    code, _, err = author(
        kb,
        capsys,
        "source",
        str(again),
        "--title",
        "Again",
        "--kind",
        "clinic page",
        "--appeared-at",
        "https://clinic.example.org/winter/",
    )
    assert (
        code == 1
        and err == "SRC_HEALTHY_WINTER appeared at https://clinic.example.org/winter/ already: one page is one source\n"
    )


def test_a_page_that_is_not_utf8_is_refused_at_its_first_bad_byte_and_line_endings_are_normalised(kb, capsys) -> None:
    page = kb.parent / "latin1.txt"
    page.write_bytes(PAGE.replace("calm", "cälm").encode("latin-1"))
    code, _, err = author(kb, capsys, "source", str(page), "--title", "Latin", "--kind", "clinic page")
    assert code == 2 and err.startswith(f"{page}:5: byte 0xe4 at offset ") and "save the page's text as UTF-8" in err
    add_winter_page(kb, capsys, PAGE.replace("\n", "\r\n").encode())
    (archived,) = (kb / "claims/sources/archive").glob("002_*.txt")
    assert archived.read_bytes() == PAGE.encode()  # archived with LF, its name the hash of that text


def test_a_source_and_its_claims_written_by_the_commands_name_what_is_left_to_write_then_build(kb, capsys) -> None:
    add_winter_page(kb, capsys)
    code, out, err = add_claim(
        kb, capsys, "5", "Acupuncture strengthens the lungs before winter", "health claim", "MEC_BODY", *QUESTION
    )
    assert code == 0, err
    assert out.startswith(
        "wrote claims/claims/clm_strengthens_lungs_before_winter.md (CLM_STRENGTHENS_LUNGS_BEFORE_WINTER), "
        "quoting line 5 of 002_"
    )
    assert code == add_claim(kb, capsys, "7", "Book a session now", "recommendation", "MEC_BACKGROUND")[0] == 0
    claim = kb / "claims/claims/clm_strengthens_lungs_before_winter.md"
    text = claim.read_text()
    assert text.count("Acupuncture strengthens the lungs before winter") == 1  # the title, written once
    assert ":quote: Acupuncture strengthens the lungs before the cold months.\n" in text
    assert ":population_group: people in general\n" in text and ":compared_with: none\n" in text
    code, _, _ = author(kb, capsys, "reuse", "CLM_CALMS_MIND", "SRC_HEALTHY_WINTER", "5", "--sentence", "2")
    assert code == 0

    placeholders = [m for m in messages_of(kb) if "a placeholder of the authoring commands is still here" in m]
    assert [m.split(": WARNING:")[0] for m in placeholders] == [
        f"claims/claims/clm_book_session_now.md:{line_of(kb / 'claims/claims/clm_book_session_now.md', 'TO WRITE')}",
        f"claims/claims/clm_calms_mind.md:{line_of(kb / 'claims/claims/clm_calms_mind.md', 'TO REVIEW')}",
        f"claims/claims/clm_strengthens_lungs_before_winter.md:{line_of(claim, 'TO WRITE')}",
        f"{SOURCE_FILE}:{line_of(kb / SOURCE_FILE, 'TO WRITE')}",
    ]
    for path in (claim, kb / "claims/claims/clm_book_session_now.md", kb / SOURCE_FILE):
        write_the_texts(path)
    calm = kb / "claims/claims/clm_calms_mind.md"
    calm.write_text("\n".join(line for line in calm.read_text().split("\n") if "TO REVIEW" not in line))

    site = build(kb)
    assert site.ok, site.warnings
    assert (
        soup(site.outdir / "claims/claims/clm_strengthens_lungs_before_winter.html")
        .select_one("h1")
        .get_text()
        .startswith("Acupuncture strengthens the lungs before winter")
    )
    assert (
        "5 of 5 sentences accounted for (100%)"
        in soup(site.outdir / "claims/sources/src_healthy_winter.html").select_one(".ekb-sentence-coverage").get_text()
    )
    assert site.needs["CLM_CALMS_MIND"]["sources"] == ["SRC_GUARD", "SRC_HEALTHY_WINTER"]


def test_a_sentence_a_claim_quotes_is_refused_whole_but_a_second_assertion_in_it_may_be_quoted(kb, capsys) -> None:
    add_winter_page(kb, capsys)
    code, _, err = add_claim(kb, capsys, "5", "Calm", "health claim", "MEC_STRESS", "--sentence", "2", *QUESTION)
    assert code == 1 and err.startswith(
        "this sentence is quoted by CLM_CALMS_MIND already: one assertion is one claim. "
        "If it repeats that claim for this page, make reuse CLAIM=CLM_CALMS_MIND"
    )
    code, out, err = add_claim(
        kb,
        capsys,
        "5",
        "Needles work",
        "health claim",
        "MEC_STRESS",
        "--sentence",
        "2",
        "--quote",
        "Our needles",
        "--id",
        "CLM_NEEDLES_WORK",
        *QUESTION,
    )
    assert code == 0, err
    assert "sharing the passage with CLM_CALMS_MIND" in out.split("\n")[0]
    text = (kb / "claims/claims/clm_needles_work.md").read_text()
    assert ":quote: Our needles\n" in text and ":shares_passage_with: CLM_CALMS_MIND\n" in text
    code, _, err = add_claim(kb, capsys, "5", "Lungs", "health claim", "MEC_BODY", "--quote", "the liver", *QUESTION)
    assert code == 2 and err.startswith("QUOTE 'the liver' is not a part of the sentence")
    code, _, err = add_claim(kb, capsys, "5", "Lungs", "health claim", "MEC_BODY", "--id", "CLM_CALMS_MIND", *QUESTION)
    assert code == 2 and err == "id CLM_CALMS_MIND is taken by claims/claims/clm_calms_mind.md\n"
    code, _, err = add_claim(kb, capsys, "5", "Lungs", "health claim", "MEC_BODY")
    assert code == 2 and err.startswith(
        "a health claim asks a question, and says when its evidence was last searched: give --population "
        "(POPULATION=), --population-kind"
    )


def test_rename_changes_an_id_everywhere_and_keeps_the_old_one(kb, capsys) -> None:
    code, out, err = author(kb, capsys, "rename", "CLM_CALMS_MIND", "CLM_CALMS_THE_MIND")
    assert code == 0, err
    assert out.startswith("renamed CLM_CALMS_MIND to CLM_CALMS_THE_MIND: claims/claims/clm_calms_the_mind.md,")
    assert not (kb / "claims/claims/clm_calms_mind.md").exists()
    text = (kb / "claims/claims/clm_calms_the_mind.md").read_text()
    assert ":id: CLM_CALMS_THE_MIND\n" in text and ":former_ids: CLM_CALMS_MIND\n" in text
    site = build(kb)
    assert site.ok, site.warnings
    assert site.needs["CLM_CALMS_THE_MIND"]["former_ids"] == ["CLM_CALMS_MIND"]
    redirect = soup(site.outdir / "claims/claims/clm_calms_mind.html")
    assert redirect.find("link", rel="canonical")["href"] == "clm_calms_the_mind.html#CLM_CALMS_THE_MIND"
    # a link to the old id, typed later, is answered with the new one
    trial = kb / "claims/claims/clm_lowers_tension.md"
    trial.write_text(
        trial.read_text().replace(
            ":mechanism: MEC_STRESS", ":mechanism: MEC_STRESS\n:shares_passage_with: CLM_CALMS_MIND"
        )
    )
    assert "'CLM_CALMS_MIND' in :shares_passage_with: was renamed 'CLM_CALMS_THE_MIND': use the new id" in "\n".join(
        messages_of(kb)
    )


def test_match_and_sentences_list_what_a_maintainer_decides_by(kb, capsys) -> None:
    code, out, _ = author(kb, capsys, "match", "after a few visits your stress levels come down", "--limit", "2")
    assert code == 0
    first, second = out.splitlines()
    assert first.startswith("CLM_LOWERS_TENSION  0.") and "Acupuncture lowers stress  (matched: " in first
    assert second.startswith("CLM_")
    code, out, _ = author(kb, capsys, "sentences", "SRC_GUARD")
    assert code == 0 and "   3  Our needles calm the mind.\n      quoted by CLM_CALMS_MIND\n" in out


def test_titles_once_leaves_every_page_titled_as_before(kb: Path, tmp_path: Path, capsys) -> None:
    claim = kb / "claims/claims/clm_calms_mind.md"
    claim.write_text("# Needling calms the mind\n\n" + claim.read_text())  # a heading that repeats the title
    before = build(kb, tmp_path / "before")
    code, out, err = author(kb, capsys, "titles-once")
    assert code == 0, err
    assert out == "1 files now write their title once, in the directive\n"
    assert claim.read_text().startswith(":::{claim} Needling calms the mind\n")
    after = build(kb, tmp_path / "after")
    assert before.ok and after.ok, after.warnings
    for page in sorted((tmp_path / "before").rglob("*.html")):
        old, new = soup(page), soup(tmp_path / "after" / page.relative_to(tmp_path / "before"))
        assert (old.title.get_text(), [h.get_text() for h in old.select("h1")]) == (
            new.title.get_text(),
            [h.get_text() for h in new.select("h1")],
        ), page
