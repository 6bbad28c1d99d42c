"""Builds are reproducible, text from the content and the archives is escaped everywhere, the build stays
offline, and a parallel build gives what a serial one gives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from building import ROOT, Build, build, build_environment, copy_root, rearchive, sphinx_build
from pages import html_pages, soup
from sphinx.util.parallel import make_chunks

HOSTILE = '<script>alert("x")</script> & <img src=x onerror="alert(1)">'
# Not markup (no tag is complete), but it would end a <script> element if written as it is.
SCRIPT_BREAKER = "</script & <3"


def test_two_builds_of_the_same_project_give_identical_exports(kb_site: Build, tmp_path: Path) -> None:
    again = build(kb_site.srcdir, tmp_path / "html")
    assert again.ok, again.warnings
    for name in (
        "claims.csv",
        "claim-reviews.jsonl",
        "_images/ekb/status-by-mechanism.svg",
        "_images/ekb/status-by-sources.svg",
    ):
        assert (again.outdir / name).read_bytes() == (kb_site.outdir / name).read_bytes(), name
    assert again.needs_file_without_build_time() == kb_site.needs_file_without_build_time()


def test_text_from_the_archive_and_the_data_is_escaped_everywhere(kb: Path) -> None:
    """An archived page may hold markup-like text: it is shown as text; so is text that would end a script element."""
    archive = next((kb / "claims/sources/archive").glob("001_*.txt"))
    rearchive(archive, archive.read_text() + f"\nA hostile sentence: {HOSTILE}.\n")
    claim = kb / "claims/claims/clm_calms_mind.md"
    claim.write_text(
        claim.read_text()
        .replace(":::{claim} Needling calms the mind", f":::{{claim}} Calm {SCRIPT_BREAKER}")
        .replace(":quote: Our needles calm the mind", ":quote: Our needles calm the mind || A hostile sentence:")
    )
    mechanism = kb / "claims/mechanisms/stress.md"
    mechanism.write_text(mechanism.read_text().replace("Calm and stress", f"Calm {SCRIPT_BREAKER}"))
    site = build(kb)
    assert site.ok, site.warnings

    live_markup = ("<script>alert", "<img src=x", 'onerror="alert', "</script &")
    for page in html_pages(site.outdir):
        assert not any(m in page.read_text() for m in live_markup), page
    claim_page = soup(site.outdir / "claims/claims/clm_calms_mind.html")
    assert f"A hostile sentence: {HOSTILE}." in [block.get_text() for block in claim_page.select(".ekb-context p")]
    source_page = soup(site.outdir / "claims/sources/src_guard.html")
    assert f"A hostile sentence: {HOSTILE}." in [s.get_text() for s in source_page.select(".ekb-sentence")]
    assert SCRIPT_BREAKER in claim_page.get_text()
    reviews = (site.outdir / "claim-reviews.jsonl").read_text()
    assert "<" not in reviews and SCRIPT_BREAKER in reviews.encode().decode("unicode_escape")
    for script in claim_page.find_all("script", type="application/ld+json"):
        assert "</script" not in script.string.lower()
    assert "&lt;/script &amp; &lt;3" in (site.outdir / "_images/ekb/status-by-mechanism.svg").read_text()
    for image in [*(site.outdir / "_images/ekb").glob("*.svg"), *(site.outdir / "_images").glob("graphviz-*.svg")]:
        assert "</script" not in image.read_text(), image


def test_the_build_never_reaches_the_network(kb: Path, tmp_path: Path) -> None:
    env = build_environment(PYTHONPATH=str(ROOT / "tests" / "offline"))
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('example.org', 80), 3)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert "network access refused by the offline test" in probe.stderr  # the guard is in force
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", str(kb), str(tmp_path / "html")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for page in html_pages(tmp_path / "html"):
        # a canonical link names the page's published address; the browser loads nothing from it
        loaded = [
            tag
            for tag in soup(page).find_all(["script", "img", "link", "object", "iframe"])
            if "canonical" not in tag.get("rel", [])
        ]
        remote = [
            tag
            for tag in loaded
            if re.match(
                r"(https?:)?//",
                tag.get("src") or tag.get("data") or (tag.get("href") if tag.name == "link" else "") or "",
            )
        ]
        assert not remote, (page, remote)


def test_a_parallel_build_passes_and_writes_the_same_exports(kb_site: Build, tmp_path: Path) -> None:
    parallel = sphinx_build(kb_site.srcdir, tmp_path / "html", "html", "-j", "2", "-d", str(tmp_path / "doctrees"))
    assert parallel.returncode == 0 and "WARNING" not in parallel.output, parallel.output
    for name in ("claims.csv", "claim-reviews.jsonl"):
        assert (parallel.outdir / name).read_bytes() == (kb_site.outdir / name).read_bytes(), name
    assert parallel.needs_file_without_build_time() == kb_site.needs_file_without_build_time()


def test_a_parallel_build_fails_at_an_id_given_again_in_a_page_another_worker_reads(tmp_path: Path) -> None:
    project = copy_root("kb", tmp_path / "kb")
    (project / "docs/zz_again.md").write_text(":::{claim} Again\n:id: CLM_CALMS_MIND\n:::\n")
    docnames = sorted(p.relative_to(project).with_suffix("").as_posix() for p in project.rglob("*.md"))
    chunk_of = {doc: i for i, chunk in enumerate(make_chunks(docnames, 2)) for doc in chunk}
    assert chunk_of["claims/claims/clm_calms_mind"] != chunk_of["docs/zz_again"]  # read by two workers
    result = sphinx_build(project, project / "_build", "dummy", "-j", "2")
    assert result.returncode != 0
    # sphinx-needs' merge of the workers' needs reports it at whichever of the two pages it merges second
    assert re.search(
        r"(zz_again|clm_calms_mind)\.md:1: WARNING: A need with ID CLM_CALMS_MIND already exists", result.output
    ), result.output
