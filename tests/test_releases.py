"""A living knowledge base (docs/releases.md): two releases of the fixture knowledge base with a rating changed, a link
moved, a claim renamed and one split between them, and what the What's new page, the claims' history, the feed and
the ClaimReviews say of it; and a claim's sign-off, which goes out of date when what it covered changes."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from building import BASE_URL, Build, build, copy_root, line_of
from pages import prose, soup, table_records, text

from evidencekb.authoring import main
from evidencekb.model.signoff import fingerprint

ATOM = "{http://www.w3.org/2005/Atom}"
TENSION = "claims/claims/clm_lowers_tension.md"
SPLIT_REASON = "Whether needling beats a sham for back pain is a question of its own."
RATING_REASON = "The fixture trial of stress turned out to compare needling with nothing that was blinded."


def author(project: Path, *args: str) -> tuple[int, str, str]:
    """An authoring command, as make runs it: its exit status and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project), *args])
    return code, out.getvalue(), err.getvalue()


def release(project: Path, version: str, date: str) -> Build:
    """make release: the site built, then its needs recorded under the version."""
    site = build(project)
    assert site.ok, site.warnings
    code, out, err = author(project, "release", version, "--date", date, "--needs", str(site.outdir / "needs.json"))
    assert code == 0, err
    assert out.startswith(f"recorded release {version} ")
    return site


def write_note(project: Path, version: str, summary: str, because: dict[str, str]) -> None:
    """What the maintainer writes where the note says TO WRITE."""
    note = project / "releases" / f"{version}.toml"
    text = note.read_text().replace("TO WRITE: what this release changed, in a sentence or two.", summary)
    for claim_id, reason in because.items():
        text = text.replace(f'{claim_id} = "TO WRITE: why it changed"', f"{claim_id} = {json.dumps(reason)}")
    note.write_text(text)


def change_the_fixture(project: Path) -> None:
    """Between the releases: a link moved (and so the rating), a claim renamed, one split from another."""
    tension = project / TENSION
    tension.write_text(
        tension.read_text()
        .replace(":supported_by: EVD_TRIAL_STRESS", ":inconclusive: EVD_TRIAL_STRESS")
        .replace(":verdict: mixed", ":verdict: not enough evidence")
        .replace(":certainty: low\n:rated_down_for: risk of bias, imprecision\n", ":certainty: very low\n")
    )
    assert author(project, "rename", "CLM_CALMS_MIND", "CLM_CALMS_THE_MIND")[0] == 0
    code, _, err = author(
        project, "claim", "SRC_CALM", "5", "--sentence", "2", "--quote", "better than rest alone", "--id",
        "CLM_BACK_PAIN_BEYOND_SHAM", "--title", "Needling eases back pain beyond a sham", "--kind", "health claim",
        "--mechanism", "MEC_BODY", "--population", "people with back pain", "--population-kind", "patients",
        "--outcome", "ease back pain", "--compared-with", "sham", "--last-searched", "2026-11-15",
    )  # fmt: skip
    assert code == 0, err
    split = project / "claims/claims/clm_back_pain_beyond_sham.md"
    split.write_text(
        split.read_text()
        .replace(":mechanism: MEC_BODY", ":mechanism: MEC_BODY\n:split_from: CLM_EASES_BACK_PAIN")
        .replace("TO WRITE: two to five sentences naming the evidence, and what each study compared and found for this "
                 "question.", "No sham-controlled study of back pain is linked.")
    )  # fmt: skip


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_root("kb", tmp_path_factory.mktemp("releases") / "kb")
    release(project, "0.1.0", "2026-11-01")
    write_note(project, "0.1.0", "The fixture's first appraisal.", {})
    change_the_fixture(project)
    release(project, "0.2.0", "2026-11-20")
    write_note(
        project,
        "0.2.0",
        "The stress trial re-read; a claim renamed, one split.",
        {"CLM_LOWERS_TENSION": RATING_REASON, "CLM_BACK_PAIN_BEYOND_SHAM": SPLIT_REASON},
    )
    site = build(project)
    assert site.ok, site.warnings
    return site


def test_make_release_records_the_needs_of_every_release_and_the_version(two_releases: Build) -> None:
    recorded = json.loads((two_releases.srcdir / "releases/needs.json").read_text())
    assert sorted(recorded["versions"]) == ["0.1.0", "0.2.0"] and recorded["current_version"] == "0.2.0"
    assert "CLM_CALMS_MIND" in recorded["versions"]["0.1.0"]["needs"]
    assert "CLM_CALMS_THE_MIND" in recorded["versions"]["0.2.0"]["needs"]
    assert (two_releases.srcdir / "VERSION").read_text() == "0.2.0\n"
    assert json.loads((two_releases.outdir / "releases-needs.json").read_text()) == recorded
    colophon = soup(two_releases.outdir / "claims/claims/clm_calms_the_mind.html").select_one(".ekb-colophon")
    assert text(colophon) == "Version 0.2.0, released 2026-11-20 · What's new · About and corrections"


def test_the_what_s_new_page_lists_each_change_with_its_reason(two_releases: Build) -> None:
    rows = {
        text(row["Claim"]): {column: text(cell) for column, cell in row.items()}
        for row in table_records(soup(two_releases.outdir / "whats-new.html"), "ekb-changes")
    }
    assert rows["Acupuncture lowers stress"] == {
        "Claim": "Acupuncture lowers stress",
        "Rated now": "⚑ unsupported",
        "What changed": "rated unsupported, was weak; certainty very low, was low; 1 evidence link changed; evidence: "
        "EVD_TRIAL_STRESS moved (for → inconclusive)",
        "Why": RATING_REASON,
    }
    assert rows["Needling calms the mind"]["What changed"] == "renamed from CLM_CALMS_MIND"
    assert rows["Needling eases back pain beyond a sham"]["What changed"].startswith("split from CLM_EASES_BACK_PAIN")
    assert rows["Needling eases back pain beyond a sham"]["Why"] == SPLIT_REASON
    assert "The stress trial re-read; a claim renamed, one split." in prose(
        soup(two_releases.outdir / "whats-new.html").article
    )


def test_a_claim_s_page_shows_its_history_through_its_old_name(two_releases: Build) -> None:
    history = soup(two_releases.outdir / "claims/claims/clm_lowers_tension.html").select_one(".ekb-history")
    assert [prose(item) for item in history.select("li")] == [
        "Corrected in 0.2.0 (2026-11-20): rated unsupported, was weak; certainty very low, was low; 1 evidence link "
        f"changed; evidence: EVD_TRIAL_STRESS moved (for → inconclusive). Why: {RATING_REASON}",
        "First recorded in 0.1.0 (2026-11-01).",
    ]
    renamed = soup(two_releases.outdir / "claims/claims/clm_calms_the_mind.html").select_one(".ekb-history")
    assert [prose(item) for item in renamed.select("li")] == [
        "Changed in 0.2.0 (2026-11-20): renamed from CLM_CALMS_MIND.",
        "First recorded in 0.1.0 (2026-11-01).",
    ]


def test_the_feed_carries_each_change_of_the_last_release(two_releases: Build) -> None:
    feed = ElementTree.parse(two_releases.outdir / "changes.atom").getroot()
    entries = {entry.findtext(f"{ATOM}title"): entry for entry in feed.iter(f"{ATOM}entry")}
    title = "Acupuncture lowers stress? Not supported by evidence: rated unsupported, was weak; certainty very low, was low; 1 evidence link changed"
    assert title in entries, list(entries)
    entry = entries[title]
    assert entry.findtext(f"{ATOM}updated").startswith("2026-11-20")
    assert (
        entry.find(f"{ATOM}link").get("href") == f"{BASE_URL}claims/claims/clm_lowers_tension.html#CLM_LOWERS_TENSION"
    )
    assert RATING_REASON in entry.findtext(f"{ATOM}summary")
    page = soup(two_releases.outdir / "index.html")
    assert page.find("link", rel="alternate", type="application/atom+xml")["href"] == f"{BASE_URL}changes.atom"


def test_a_claim_review_is_dated_by_the_release_that_last_changed_it(two_releases: Build) -> None:
    reviews = {r["identifier"]: r for r in two_releases.claim_reviews()}
    assert reviews["CLM_LOWERS_TENSION"]["dateModified"] == "2026-11-20"
    assert reviews["CLM_MORE_WHITE_CELLS"]["dateModified"] == "2026-11-01"  # unchanged since its first release
    assert reviews["CLM_LOWERS_TENSION"]["author"] == {
        "@type": "Organization",
        "name": "Evidence knowledge base maintainers",
        "url": BASE_URL,
    }


def test_a_release_note_says_why_each_change_was_made_or_the_build_fails_at_it(kb: Path) -> None:
    release(kb, "0.1.0", "2026-11-01")
    write_note(kb, "0.1.0", "First.", {})
    change_the_fixture(kb)
    release(kb, "0.2.0", "2026-11-20")
    note = kb / "releases/0.2.0.toml"
    placeholders = [m for m in build(kb, kb / "_build/dummy", "dummy").messages() if "releases/0.2.0.toml" in m]
    assert [m.split(": WARNING: ")[0] for m in placeholders] == [
        f"releases/0.2.0.toml:{line_of(note, 'TO WRITE: what this release')}",
        f"releases/0.2.0.toml:{line_of(note, 'CLM_BACK_PAIN_BEYOND_SHAM = ')}",
        f"releases/0.2.0.toml:{line_of(note, 'CLM_LOWERS_TENSION = ')}",
    ]
    write_note(kb, "0.2.0", "Second.", {"CLM_BACK_PAIN_BEYOND_SHAM": SPLIT_REASON})
    note.write_text(re.sub(r"(?m)^CLM_LOWERS_TENSION = .*\n", "", note.read_text()))
    messages = build(kb, kb / "_build/dummy", "dummy").messages()
    assert messages == [
        f"releases/0.2.0.toml:{line_of(note, '[because]')}: WARNING: CLM_LOWERS_TENSION was rated unsupported in "
        'release 0.2.0, weak before: say why under [because] (CLM_LOWERS_TENSION = "…") [evidencekb.release]'
    ]
    code, _, err = author(kb, "release", "0.1.5", "--needs", str(kb / "_build/html/needs.json"))
    assert code == 2 and err == "release 0.1.5 must come after the last one (0.2.0)\n"


def test_a_sign_off_covers_the_claim_as_it_was_signed_and_goes_out_of_date_when_it_changes(kb: Path) -> None:
    code, out, err = author(
        kb, "sign", "CLM_LOWERS_TENSION,CLM_CALMS_MIND", "--by", "maintainers", "--date", "2026-11-05"
    )
    assert code == 0, err
    assert (
        out
        == "CLM_LOWERS_TENSION signed off by maintainers on 2026-11-05\nCLM_CALMS_MIND signed off by maintainers on 2026-11-05\n"
    )
    signed = build(kb)
    assert signed.ok, signed.warnings
    assert signed.needs["CLM_LOWERS_TENSION"]["appraisal"] == "signed off"
    page = text(soup(signed.outdir / "claims/claims/clm_lowers_tension.html").select_one(".ekb-status"))
    assert "appraisal signed off by maintainers on 2026-11-05" in page
    to_sign = {
        text(r["Claim"]): text(r["Appraisal"])
        for r in table_records(soup(signed.outdir / "claims/dashboard.html"), "ekb-appraisals")
    }
    assert to_sign == {
        "Acupuncture eases back pain": "not signed off",
        "Acupuncture raises white-cell counts": "not signed off",
    }

    evidence = kb / "claims/evidence/evd_trial_stress.md"  # what a linked study found is re-read
    evidence.write_text(evidence.read_text().replace("3 points lower", "2 points lower"))
    changed = build(kb)
    assert changed.needs["CLM_LOWERS_TENSION"]["appraisal"] == "appraisal out of date"
    assert changed.needs["CLM_CALMS_MIND"]["appraisal"] == "signed off"
    page = text(soup(changed.outdir / "claims/claims/clm_lowers_tension.html").select_one(".ekb-status"))
    assert "appraisal out of date (last signed off by maintainers on 2026-11-05): to be signed again" in page
    code, _, err = author(kb, "sign", "CLM_LOWERS_TENSION", "--by", "maintainer")
    assert code == 2 and err.startswith("'maintainer' is not a reviewer of this project (did you mean 'maintainers'?)")


def test_the_fingerprint_is_the_same_from_the_markdown_options_and_from_the_built_needs() -> None:
    as_built = {
        "quote": "Our needles calm the mind",
        "compared_with": ["sham"],
        "supported_by": ["EVD_A"],
        "rated_down_for": ["risk of bias", "inconsistency"],
        "certainty": "low",
        "verdict": "mixed",
    }
    as_written = {
        "quote": "Our needles  calm the mind",
        "compared_with": "sham",
        "supported_by": "EVD_A",
        "rated_down_for": "inconsistency, risk of bias",
        "certainty": "low",
        "verdict": "mixed",
    }
    evidence = {"EVD_A": {"design": "RCT", "population": "human", "vs_sham": "1 trial; 40 adults; no difference"}}
    assert fingerprint(as_built, evidence) == fingerprint(as_written, evidence)
    assert fingerprint(as_built, evidence) != fingerprint(
        {**as_built, "supported_by": [], "contradicted_by": ["EVD_A"]}, evidence
    )
