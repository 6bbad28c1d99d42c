"""An incremental build (no clean) reads again only the pages that changed, writes again every page showing
what changed, and reports every finding until it is fixed. (tests/test_speedups.py shows that what it writes
is what a clean build writes.)"""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

from building import Build, build, line_of
from pages import linked_ids, soup, table_records, text

CLAIM = "claims/claims/clm_lowers_tension.md"
CALM = "claims/claims/clm_calms_mind.md"  # contested: moving its one supporting item away leaves it unsupported


def doctree_stamps(project: Path) -> dict[str, int]:
    doctrees = project / "_build" / "doctrees"
    return {
        p.relative_to(doctrees).with_suffix("").as_posix(): p.stat().st_mtime_ns for p in doctrees.rglob("*.doctree")
    }


def first_build(project: Path) -> Build:
    result = build(project)
    assert result.ok, result.warnings
    return result


def rebuild(project: Path) -> tuple[Build, set[str]]:
    """An incremental build, and the pages it read again (the ones whose doctree it wrote anew)."""
    before = doctree_stamps(project)
    result = build(project)
    return result, {doc for doc, stamp in doctree_stamps(project).items() if before.get(doc) != stamp}


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))


def test_one_edited_claim_updates_every_view_and_export(kb: Path) -> None:
    before = first_build(kb)
    assert before.needs["CLM_CALMS_MIND"]["support"] == "contested"
    chart_before = (before.outdir / "_images/ekb/status-by-mechanism.svg").read_text()
    edit(kb, CALM, ":supported_by: EVD_SURVEY_CALM", ":inconclusive: EVD_SURVEY_CALM")

    after, read = rebuild(kb)
    assert after.ok, after.warnings
    assert read == {"claims/claims/clm_calms_mind"}
    assert after.needs["CLM_CALMS_MIND"]["support"] == "unsupported"
    dashboard = soup(after.outdir / "claims/dashboard.html")
    assert text(
        next(r for r in table_records(dashboard, "ekb-flagged") if "CLM_CALMS_MIND" in str(r))["Status"]
    ).endswith("unsupported")
    assert "unsupported 2" in text(soup(after.outdir / "index.html").select_one(".ekb-headline"))
    stress = soup(after.outdir / "claims/mechanisms/stress.html")
    assert "unsupported" in text(
        next(r for r in stress.select(".ekb-item table tbody tr") if "CLM_CALMS_MIND" in str(r))
    )
    survey = soup(after.outdir / "claims/evidence/evd_survey_calm.html")
    assert "Supports: no claim." in survey.get_text(" ")
    assert linked_ids(survey.select_one("table[id$='examined-inconclusive-for']")) == ["CLM_CALMS_MIND"]
    assert (after.outdir / "_images/ekb/status-by-mechanism.svg").read_text() != chart_before
    with (after.outdir / "claims.csv").open(newline="") as handle:
        assert {r["id"]: r["status"] for r in csv.DictReader(handle)}["CLM_CALMS_MIND"] == "unsupported"
    review = next(r for r in after.claim_reviews() if r["identifier"] == "CLM_CALMS_MIND")
    assert (review["reviewRating"]["ratingValue"], review["reviewRating"]["alternateName"]) == (
        1,
        "Not supported by evidence",
    )
    assert after.needs["EVD_SURVEY_CALM"]["supported_by_back"] == []


def test_a_schema_violation_is_reported_until_its_page_is_fixed(kb: Path) -> None:
    first_build(kb)
    edit(kb, CLAIM, ":verdict: mixed\n", "")
    message = f"{CLAIM}:{line_of(kb / CLAIM, ':::{claim}')}: ERROR: Need 'CLM_LOWERS_TENSION' has schema violations"

    broken, read = rebuild(kb)
    assert read == {"claims/claims/clm_lowers_tension"}
    assert message in "\n".join(broken.messages()), broken.output

    edit(kb, "claims/claims/clm_calms_mind.md", "A survey reports", "A fixture survey reports")
    elsewhere, read = rebuild(kb)
    assert read == {"claims/claims/clm_calms_mind"}
    assert message in "\n".join(elsewhere.messages()) and '"verdict" is a required property' in elsewhere.warnings

    edit(kb, CLAIM, ":certainty:", ":verdict: mixed\n:certainty:")
    fixed, read = rebuild(kb)
    assert read == {"claims/claims/clm_lowers_tension"} and fixed.ok, fixed.output


def test_an_archive_changed_in_place_is_reported_once_with_the_claims_it_affects_until_restored(kb: Path) -> None:
    first_build(kb)
    archive = next((kb / "claims/sources/archive").glob("001_*.txt"))
    original = archive.read_text()
    archive.write_text(original.replace("Our needles calm the mind.", "Our needles soothe the mind."))
    source = "claims/sources/src_guard.md"
    message = f"{source}:{line_of(kb / source, ':archive:')}: WARNING: SRC_GUARD: the archived page changed"

    broken, read = rebuild(kb)
    assert read == {"claims/sources/src_guard"}  # the source page depends on its archive
    (found,) = broken.messages()  # once: no quote or sentence message besides it
    assert found.startswith(message) and found.endswith(
        "Claims whose quotes it no longer holds: CLM_CALMS_MIND [evidencekb.content]"
    )

    edit(kb, "claims/claims/clm_eases_back_pain.md", "A fixture review", "A review")
    elsewhere, _ = rebuild(kb)
    assert "\n".join(elsewhere.messages()).startswith(message)  # until it is fixed

    archive.write_text(original)
    fixed, _ = rebuild(kb)
    assert fixed.ok, fixed.warnings


def test_an_item_moved_to_another_file_is_linked_at_its_new_page(kb: Path) -> None:
    first_build(kb)
    (kb / "claims/evidence/evd_trial_calm.md").rename(kb / "claims/evidence/evd_trial_calm_moved.md")
    moved, read = rebuild(kb)
    assert moved.ok, moved.warnings
    assert "claims/claims/clm_calms_mind" not in read  # the claim page is written again without being read
    links = {
        a["href"] for a in soup(moved.outdir / "claims/claims/clm_calms_mind.html").select("a[href$='#EVD_TRIAL_CALM']")
    }
    assert links == {"../evidence/evd_trial_calm_moved.html#EVD_TRIAL_CALM"}


def test_a_page_naming_an_item_in_its_text_shows_the_item_s_new_title(kb: Path) -> None:
    """A {need} reference in a claim's text is shown by the item's title, in the page and in the ClaimReview."""
    edit(
        kb,
        "claims/claims/clm_eases_back_pain.md",
        "A fixture review found",
        "As with {need}`CLM_CALMS_MIND`, a fixture review found",
    )
    first_build(kb)
    edit(kb, "claims/claims/clm_calms_mind.md", "Needling calms the mind", "Needling was said to calm the mind")
    rebuilt, read = rebuild(kb)
    assert rebuilt.ok and read == {"claims/claims/clm_calms_mind"}, rebuilt.warnings
    page = text(soup(rebuilt.outdir / "claims/claims/clm_eases_back_pain.html").select_one(".ekb-claim .ekb-body"))
    assert "Needling was said" in page  # sphinx-needs shortens a long title in the text
    review = next(r for r in rebuilt.claim_reviews() if r["identifier"] == "CLM_EASES_BACK_PAIN")
    assert "Needling was said to calm the mind" in review["reviewRating"]["ratingExplanation"]


def test_a_rebuild_with_no_change_reports_no_configuration_change_and_reads_no_page(kb: Path) -> None:
    first_build(kb)
    before = doctree_stamps(kb)
    again = build(kb)
    assert again.ok, again.warnings
    assert "loading pickled environment" in again.status  # the rebuild started from the last build's environment
    assert "configuration has changed" not in again.status, again.status
    assert "updating environment: 0 added, 0 changed, 0 removed" in again.status, again.status
    assert doctree_stamps(kb) == before


def test_an_environment_saved_by_another_layout_of_the_extension_is_read_again_whole(kb: Path) -> None:
    """An environment pickled by another version of the extension's records is discarded on its version number."""
    first_build(kb)
    saved = kb / "_build" / "doctrees" / "environment.pickle"
    env = pickle.loads(saved.read_bytes())
    env.version["evidencekb"] -= 1  # as an older extension saved it
    saved.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    result, read = rebuild(kb)
    assert result.ok, result.warnings
    assert read == set(doctree_stamps(kb))  # every page
