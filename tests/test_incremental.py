"""After editing one claim, an incremental build (no clean) shows current tables, counts, charts and exports."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

from conftest import Build, line_of, sphinx_build
from pages import linked_ids, soup, table_rows, text

CLAIM = "claims/claims/clm_anxiety.md"  # weak: removing its support leaves it unsupported
ANXIETY_SUPPORT = ":supported_by: EVD_YANG_2021, EVD_JIANG_2025, EVD_BAE_2014\n"


def build(project: Path) -> Build:
    result = sphinx_build(project, project / "_build" / "html")
    assert result.returncode == 0, result.output
    return result


def doctree_stamps(project: Path) -> dict[str, int]:
    doctrees = project / "_build" / "html" / ".doctrees"
    return {p.relative_to(doctrees).with_suffix("").as_posix(): p.stat().st_mtime_ns for p in doctrees.rglob("*.doctree")}


def rebuild(project: Path) -> tuple[Build, set[str]]:
    """An incremental build, and the pages it read again (the ones whose doctree it wrote anew)."""
    before = doctree_stamps(project)
    result = sphinx_build(project, project / "_build" / "html")
    return result, {doc for doc, stamp in doctree_stamps(project).items() if before.get(doc) != stamp}


def retitle_claim(project: Path, start: str) -> None:
    """Gives CLAIM a title starting with ``start`` instead of "Acupuncture has been proved"."""
    path = project / CLAIM
    path.write_text(path.read_text().replace("Acupuncture has been proved", start))  # the title, and the heading if any


def rebuild_after_editing_another_page(project: Path) -> Build:
    """Edits a claim page other than CLAIM's and rebuilds; the rebuild reads that page only."""
    other = project / "claims/claims/clm_lowers_stress.md"
    other.write_text(other.read_text() + "\nAn edited page.\n")
    result, read = rebuild(project)
    assert read == {"claims/claims/clm_lowers_stress"}
    return result


def test_one_edited_claim_updates_every_view_without_a_clean_build(project: Path, tmp_path: Path) -> None:
    before = build(project)
    assert before.needs["CLM_ANXIETY"]["support"] == "weak"
    chart_before = (before.outdir / "_images/ekb/status-by-mechanism.svg").read_text()

    path = project / CLAIM
    path.write_text(path.read_text().replace(ANXIETY_SUPPORT, ""))
    # An evidence item no claim links to fails the build, so the edit also links them elsewhere as inconclusive.
    other = project / "claims/claims/clm_lowers_stress.md"
    other.write_text(other.read_text().replace(":verdict:", ANXIETY_SUPPORT.replace("supported_by", "inconclusive") + ":verdict:"))

    after, read = rebuild(project)
    assert after.returncode == 0, after.output
    assert read == {"claims/claims/clm_anxiety", "claims/claims/clm_lowers_stress"}
    assert after.needs["CLM_ANXIETY"]["support"] == "unsupported"

    # dashboard: flagged list, all-claims table, headline
    flagged = {linked_ids(r[0])[0]: text(r[3]) for r in table_rows(soup(after.outdir / "claims/dashboard.html"), "ekb-flagged")}
    assert flagged["CLM_ANXIETY"].endswith("unsupported")
    rows = {linked_ids(r[0])[0]: r for r in table_rows(soup(after.outdir / "claims/dashboard.html"), "ekb-claims")}
    assert text(rows["CLM_ANXIETY"][9]).endswith("unsupported")
    unsupported = sum(c["support"] == "unsupported" for c in after.of_type("claim").values())
    assert f"unsupported {unsupported}" in text(soup(after.outdir / "index.html").select_one(".ekb-headline"))
    # the mechanism page, the evidence page that no longer supports it, the chart, the exports
    stress = soup(after.outdir / "claims/mechanisms/stress.html")
    anxiety_row = next(r for r in stress.select(".ekb-item table tbody tr") if "CLM_ANXIETY" in str(r))
    assert "unsupported" in text(anxiety_row)
    yang = soup(after.outdir / "claims/evidence/evd_yang_2021.html")
    assert "Supports: no claim." in yang.get_text(" ")
    assert "CLM_LOWERS_STRESS" in str(yang.select_one("table[id$='examined-inconclusive-for']"))
    assert (after.outdir / "_images/ekb/status-by-mechanism.svg").read_text() != chart_before
    with (after.outdir / "claims.csv").open(newline="") as handle:
        assert {r["id"]: r["status"] for r in csv.DictReader(handle)}["CLM_ANXIETY"] == "unsupported"
    reviews = after.claim_reviews()
    assert "unsupported" in next(r for r in reviews if r["identifier"] == "CLM_ANXIETY")["reviewRating"]["ratingExplanation"]
    # needs.json shows the item on an untouched page as it is now
    assert after.needs["EVD_YANG_2021"]["supported_by_back"] == []
    needs_builder = sphinx_build(project, tmp_path / "needs-builder", "needs")
    assert after.needs_file_without_build_time() == needs_builder.needs_file_without_build_time()


def test_a_schema_violation_is_reported_until_its_page_is_fixed(project: Path) -> None:
    """An untouched page's finding is still reported on the next build."""
    build(project)
    path = project / CLAIM
    path.write_text(path.read_text().replace(":verdict: mixed\n", ""))
    message = f'{CLAIM}:{line_of(path, ":::{claim}")}: ERROR: Need \'CLM_ANXIETY\' has schema violations'

    broken, read = rebuild(project)
    assert read == {"claims/claims/clm_anxiety"}
    assert broken.returncode != 0 and message in broken.output, broken.output

    elsewhere = rebuild_after_editing_another_page(project)
    assert elsewhere.returncode != 0 and message in elsewhere.output, elsewhere.output
    assert '"verdict" is a required property' in elsewhere.output

    path.write_text(path.read_text().replace(":certainty:", ":verdict: mixed\n:certainty:", 1))
    fixed, read = rebuild(project)
    assert read == {"claims/claims/clm_anxiety"}
    assert fixed.returncode == 0 and "schema violations" not in fixed.output, fixed.output


def test_an_item_moved_to_another_file_is_linked_at_its_new_page(project: Path) -> None:
    build(project)
    old = project / "claims/evidence/evd_yang_2021.md"
    old.rename(project / "claims/evidence/evd_yang_moved.md")
    moved, read = rebuild(project)
    assert moved.returncode == 0, moved.output
    assert "claims/claims/clm_anxiety" not in read  # the claim page is written again without being read
    links = {a["href"] for a in soup(moved.outdir / "claims/claims/clm_anxiety.html").select("a[href$='#EVD_YANG_2021']")}
    assert links == {"../evidence/evd_yang_moved.html#EVD_YANG_2021"}


def test_the_dashboard_after_an_edit_is_the_dashboard_of_a_clean_build(project: Path, tmp_path: Path) -> None:
    """The retitled claim's row and the rows of the evidence naming it are new, the others as a clean build writes them."""
    build(project)
    retitle_claim(project, "Acupuncture was said to be proved")
    rebuilt, read = rebuild(project)
    assert rebuilt.returncode == 0 and read == {"claims/claims/clm_anxiety"}, rebuilt.output
    clean = sphinx_build(project, tmp_path / "clean")
    assert clean.returncode == 0, clean.output

    def tables(site: Build) -> list[str]:
        return [str(t) for t in soup(site.outdir / "claims/dashboard.html").select("table.ekb-table")]

    assert "Acupuncture was said to be proved" in " ".join(tables(rebuilt))
    assert tables(rebuilt) == tables(clean)


def test_a_quote_is_checked_again_when_its_archive_changes_and_reported_until_fixed(project: Path) -> None:
    build(project)
    archive = project / "claims/sources/archive/001_65e268acd4483f00.txt"
    original = archive.read_text()
    archive.write_text(original.replace("proved to help with tension", "proven to help with tension"))
    message = f"{CLAIM}:{line_of(project / CLAIM, ':quote:')}: WARNING: CLM_ANXIETY: quote not found verbatim"

    broken, read = rebuild(project)
    assert read == {"claims/sources/src_boost"}  # the source page depends on its archive
    assert broken.returncode != 0 and message in broken.output, broken.output

    elsewhere = rebuild_after_editing_another_page(project)
    assert elsewhere.returncode != 0 and message in elsewhere.output, elsewhere.output

    archive.write_text(original)
    fixed, _ = rebuild(project)
    assert fixed.returncode == 0 and "quote not found" not in fixed.output, fixed.output


def test_a_page_naming_an_item_in_its_text_shows_the_item_s_new_title(project: Path) -> None:
    """A {need} reference in a claim's text is shown by the item's title, in the page and in the ClaimReview."""
    naming = project / "claims/claims/clm_blood_circulation.md"  # another source, mechanism and evidence
    naming.write_text(naming.read_text().replace("Nothing shows a lasting", "As with {need}`CLM_ANXIETY`, nothing shows a lasting"))
    build(project)
    retitle_claim(project, "Needling was said to be proved")
    rebuilt, read = rebuild(project)
    assert rebuilt.returncode == 0 and read == {"claims/claims/clm_anxiety"}, rebuilt.output
    page = text(soup(rebuilt.outdir / "claims/claims/clm_blood_circulation.html").select_one(".ekb-claim .ekb-body"))
    assert "Needling was said" in page  # sphinx-needs shortens the title
    reviews = rebuilt.claim_reviews()
    review = next(r for r in reviews if r["identifier"] == "CLM_BLOOD_CIRCULATION")
    assert "Needling was said to be proved" in review["reviewRating"]["ratingExplanation"]


def test_a_rebuild_with_no_change_reports_no_configuration_change_and_reads_no_page(project: Path) -> None:
    build(project)
    before = doctree_stamps(project)
    again = sphinx_build(project, project / "_build" / "html", quiet=False)
    assert again.returncode == 0, again.output
    assert "loading pickled environment" in again.output  # the rebuild started from the last build's environment
    assert "configuration has changed" not in again.output, again.output
    assert "updating environment: 0 added, 0 changed, 0 removed" in again.output, again.output
    assert doctree_stamps(project) == before


def test_an_environment_saved_by_an_older_layout_of_the_extension_is_read_again_whole(project: Path) -> None:
    """An environment pickled before the extension kept its pages with needs: reusing it would leave an
    edited page's old needs in place (an id "already exists"); Sphinx discards it on the version."""
    build(project)
    saved = project / "_build" / "html" / ".doctrees" / "environment.pickle"
    env = pickle.loads(saved.read_bytes())
    env.version.pop("evidencekb")  # as saved before the extension declared the layout of its data
    del env.evidencekb_pages_with_needs
    saved.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    claim = project / CLAIM
    claim.write_text(claim.read_text().replace("**Why this verdict.**", "**Why this verdict.** Edited.", 1))
    result, read = rebuild(project)
    assert result.returncode == 0, result.output
    assert read == set(doctree_stamps(project))  # every page
