"""Nothing is lost, builds are reproducible, data is escaped everywhere, and the build stays offline."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from sphinx.util.parallel import make_chunks

from conftest import ROOT, Build, build_environment, copy_project, line_of, sphinx_build
from pages import linked_ids, soup, table_rows

DIRECTIVE_ID = re.compile(r"^:::\{(claim|evidence)\}.*\n(?::[a-z_]+:.*\n)*?:id: (\S+)", re.M)


def written_ids(kind: str) -> set[str]:
    return {m.group(2) for path in (ROOT / "claims").rglob("*.md") for m in DIRECTIVE_ID.finditer(path.read_text()) if m.group(1) == kind}


def test_nothing_is_lost_between_the_sources_and_every_output(site: Build) -> None:
    claims, evidence = written_ids("claim"), written_ids("evidence")
    assert len(claims) >= 30 and len(evidence) >= 20
    assert set(site.of_type("claim")) == claims
    assert set(site.of_type("evidence")) == evidence
    dashboard = soup(site.outdir / "claims/dashboard.html")
    assert {linked_ids(r[0])[0] for r in table_rows(dashboard, "ekb-claims")} == claims
    assert {linked_ids(r[0])[0] for r in table_rows(dashboard, "ekb-evidence")} == evidence
    with (site.outdir / "claims.csv").open(newline="") as handle:
        assert {row["id"] for row in csv.DictReader(handle)} == claims
    health = {k for k, v in site.of_type("claim").items() if v["claim_kind"] == "health claim"}
    assert {r["identifier"] for r in site.claim_reviews()} == health
    for claim_id in claims:
        assert (site.outdir / (site.needs[claim_id]["docname"] + ".html")).is_file()


def test_two_builds_of_the_same_commit_give_identical_exports(site: Build, tmp_path: Path) -> None:
    again = sphinx_build(ROOT, tmp_path / "html")
    assert again.returncode == 0, again.output
    for name in ("claims.csv", "claim-reviews.jsonl", "_images/ekb/status-by-mechanism.svg", "_images/ekb/status-by-sources.svg"):
        assert (again.outdir / name).read_bytes() == (site.outdir / name).read_bytes(), name
    assert again.needs_file_without_build_time() == site.needs_file_without_build_time()


HOSTILE = '<script>alert("x")</script> & <img src=x onerror="alert(1)">'
# Not markup (no tag is complete), but it would end a <script> element if written as it is.
SCRIPT_BREAKER = "</script & <3"


def test_markup_typed_in_content_stops_the_build_at_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    claim = project / "claims/claims/clm_anxiety.md"
    claim.write_text(claim.read_text()
                     .replace(":::{claim} Acupuncture has been proved to help with tension and anxiety", f":::{{claim}} Anxiety {HOSTILE}")
                     .replace(":quote: Acupuncture has also been proved", f":quote: {HOSTILE} || Acupuncture has also been proved"))
    mechanism = project / "claims/mechanisms/stress.md"
    mechanism.write_text(mechanism.read_text().replace("Stress and psychological state", f"Stress {HOSTILE}"))  # title, heading
    build = sphinx_build(project, project / "_build/html")
    assert build.returncode != 0
    for path, typed in ((claim, ":::{claim}"), (claim, ":quote:"), (mechanism, ":::{mechanism}")):
        location = f"{path.relative_to(project)}:{line_of(path, typed)}"
        assert f"{location}: WARNING: raw HTML '<script>' in a content file" in build.output, build.output


def test_text_from_the_archive_and_the_data_is_escaped_everywhere(tmp_path: Path) -> None:
    """An archived page may hold markup-like text: it is shown as text; so is text that would end a script element."""
    project = copy_project(tmp_path / "project")
    archive = project / "claims/sources/archive/001_65e268acd4483f00.txt"
    archive.write_text(archive.read_text() + f"\nA hostile sentence: {HOSTILE}.\n")
    claim = project / "claims/claims/clm_anxiety.md"
    claim.write_text(claim.read_text()  # the title, and the heading if any
                     .replace("Acupuncture has been proved to help with tension and anxiety", f"Anxiety {SCRIPT_BREAKER}")
                     .replace(":quote: Acupuncture has also been proved", ":quote: A hostile sentence: || Acupuncture has also been proved"))
    mechanism = project / "claims/mechanisms/stress.md"
    mechanism.write_text(mechanism.read_text().replace("Stress and psychological state", f"Stress {SCRIPT_BREAKER}"))
    build = sphinx_build(project, project / "_build/html")
    assert build.returncode == 0, build.output

    live_markup = ("<script>alert", "<img src=x", 'onerror="alert', "</script &")
    for page in build.outdir.rglob("*.html"):
        html = page.read_text()
        assert not any(m in html for m in live_markup), page
    claim_page = soup(build.outdir / "claims/claims/clm_anxiety.html")
    assert f"A hostile sentence: {HOSTILE}." in claim_page.select_one(".ekb-context").get_text()  # the quote in its context
    source_page = soup(build.outdir / "claims/sources/src_boost.html")
    assert f"A hostile sentence: {HOSTILE}." in [s.get_text() for s in source_page.select(".ekb-sentence")]
    assert SCRIPT_BREAKER in claim_page.get_text()
    reviews = (build.outdir / "claim-reviews.jsonl").read_text()
    assert "<" not in reviews and SCRIPT_BREAKER in reviews.encode().decode("unicode_escape")
    for script in claim_page.find_all("script", type="application/ld+json"):
        assert "</script" not in script.string.lower()
    for chart in (build.outdir / "_images/ekb").glob("*.svg"):
        assert "</script" not in chart.read_text()
    assert "&lt;/script &amp; &lt;3" in (build.outdir / "_images/ekb/status-by-mechanism.svg").read_text()
    for diagram in (build.outdir / "_images").glob("graphviz-*.svg"):
        assert "</script" not in diagram.read_text()


def test_the_build_never_reaches_the_network(tmp_path: Path) -> None:
    env = build_environment(PYTHONPATH=str(ROOT / "tests" / "offline"))
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('example.org', 80), 3)"],
                           env=env, capture_output=True, text=True)
    assert "network access refused by the offline test" in probe.stderr  # the guard is in force
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", str(ROOT), str(tmp_path / "html")],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in (tmp_path / "html").rglob("*.html"):
        page_soup = soup(page)
        # a canonical link names the page's published address; the browser loads nothing from it
        loaded = [tag for tag in page_soup.find_all(["script", "img", "link", "object", "iframe"]) if "canonical" not in tag.get("rel", [])]
        remote = [tag for tag in loaded
                  if re.match(r"(https?:)?//", tag.get("src") or tag.get("data") or (tag.get("href") if tag.name == "link" else "") or "")]
        assert not remote, (page, remote)


def test_a_parallel_build_passes_and_writes_the_same_exports(site: Build, tmp_path: Path) -> None:
    parallel = sphinx_build(ROOT, tmp_path / "html", "html", "-j", "2")
    assert parallel.returncode == 0 and "WARNING" not in parallel.output, parallel.output
    for name in ("claims.csv", "claim-reviews.jsonl"):
        assert (parallel.outdir / name).read_bytes() == (site.outdir / name).read_bytes(), name
    assert parallel.needs_file_without_build_time() == site.needs_file_without_build_time()


def test_a_parallel_build_fails_at_an_id_given_again_in_a_page_another_worker_reads(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    again = project / "claims/claims/zz_again.md"
    again.write_text(":::{claim} Again\n:id: CLM_ANXIETY\n:::\n")
    docnames = sorted(p.relative_to(project).with_suffix("").as_posix() for p in project.rglob("*.md") if "_build" not in p.parts)
    chunk_of = {doc: i for i, chunk in enumerate(make_chunks(docnames, 2)) for doc in chunk}
    assert chunk_of["claims/claims/clm_anxiety"] != chunk_of["claims/claims/zz_again"]  # read by two workers
    build = sphinx_build(project, project / "_build", "dummy", "-j", "2")
    assert build.returncode != 0
    # sphinx-needs' merge of the workers' needs reports it at whichever of the two pages it merges second
    assert re.search(r"(zz_again|clm_anxiety)\.md:1: WARNING: A need with ID CLM_ANXIETY already exists", build.output), build.output
