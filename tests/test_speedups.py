"""The speed-ups change how fast a build is, never what it writes: after each kind of edit, an incremental build,
with the speed-ups on and off, writes the site a clean build writes."""

from __future__ import annotations

import filecmp
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from building import Build, build, copy_root, rearchive
from pages import NOT_FOUND_PAGE, html_pages, soup

HIDDEN = ":::{mechanism} A hidden category\n:id: MEC_HIDDEN\n:hide:\n\nKept out of the pages.\n:::\n"
# Files a build writes that differ between any two builds: Sphinx's build record, sphinx-needs' time stamps and
# its report of how many items it validated, and how fast.
DIFFERING_BY_DESIGN = {".buildinfo", "needs.json", "schema_violations.json"}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def record_release(project: Path) -> None:
    """A release recorded as make release writes one, in which one claim was rated otherwise than it is now."""
    folder = project / "releases"
    folder.mkdir()
    claim = {"id": "CLM_CALMS_MIND", "type": "claim", "title": "Needling calms the mind", "support": "supported"}
    recorded = {"current_version": "0.1.0", "versions": {"0.1.0": {"needs": {"CLM_CALMS_MIND": claim}}}}
    (folder / "needs.json").write_text(json.dumps(recorded), encoding="utf-8")
    (folder / "0.1.0.toml").write_text('date = "2026-11-01"\nsummary = "The first."\n', encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "item text": lambda kb: edit(
        kb / "claims/claims/clm_calms_mind.md", "a sham-controlled", "a small sham-controlled"
    ),
    "item title": lambda kb: edit(
        kb / "claims/claims/clm_calms_mind.md", "Needling calms the mind", "Needling quiets the mind"
    ),
    "link": lambda kb: edit(
        kb / "claims/claims/clm_calms_mind.md", ":supported_by: EVD_SURVEY_CALM", ":inconclusive: EVD_SURVEY_CALM"
    ),
    "quote": lambda kb: edit(
        kb / "claims/claims/clm_calms_mind.md", ":quote: Our needles calm the mind", ":quote: calm the mind"
    ),
    "archive": lambda kb: rearchive(
        archive := next((kb / "claims/sources/archive").glob("001_*.txt")),
        archive.read_text().replace("Guard Your Health\n", "Guard Your Health\n\nGuard Your Health\n", 1),
    ),
    "hidden item": lambda kb: edit(kb / "claims/mechanisms/hidden.md", "Kept out of the pages.", "Still kept out."),
    "release recorded": lambda kb: record_release(kb),
    "item removed": lambda kb: (
        (kb / "claims/claims/clm_sleep_reports.md").unlink()
        or rearchive(
            archive := next((kb / "claims/sources/archive").glob("000_*.txt")),
            archive.read_text().replace("Many clinics report that patients sleep better.", ""),
        )
    ),
}


def linked_files(site: Path, left_over: set[str]) -> set[str]:
    """Every file a page of the site (less the pages left over) links to or loads, relative to the site."""
    linked = set()
    for page in (p for p in html_pages(site) if p.relative_to(site).as_posix() not in {*left_over, NOT_FOUND_PAGE}):
        for tag in soup(page).find_all(["a", "img", "object", "script", "link"]):
            target = urlsplit(tag.get("href") or tag.get("src") or tag.get("data") or "")
            if target.path and not target.scheme and not target.netloc:
                linked.add((page.parent / unquote(target.path)).resolve().relative_to(site.resolve()).as_posix())
    return linked


def differences(incremental: Path, clean: Path) -> list[str]:
    """The files two builds wrote differently, or only one wrote, less those that differ by design.

    Sphinx never deletes what an earlier build wrote: the page of a removed item, a diagram drawn for an older
    title. Such a file, which no page of the incremental site links, is no difference a reader meets."""
    found: list[str] = []
    comparison = filecmp.dircmp(incremental, clean, ignore=[*DIFFERING_BY_DESIGN])
    stack = [(comparison, Path())]
    while stack:
        current, at = stack.pop()
        found += [(at / name).as_posix() for name in current.left_only + current.right_only]
        found += [
            (at / name).as_posix()
            for name in filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)[1]
        ]
        stack += [(sub, at / name) for name, sub in current.subdirs.items()]
    left_over = {name for name in found if (incremental / name).exists() and not (clean / name).exists()}
    if "searchindex.js" in found and search_index(incremental) == search_index(clean):
        found.remove("searchindex.js")
    return sorted(set(found) - (left_over - linked_files(incremental, left_over)))


def search_index(site: Path) -> dict:
    """The search index, less the terms Sphinx keeps with no page after the last page holding them is removed."""
    script = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    for table in ("terms", "titleterms"):
        index[table] = {term: pages for term, pages in index[table].items() if pages != []}
    return index


def needs_json(site: Build) -> dict:
    data = site.needs_file_without_build_time()
    return json.loads(json.dumps(data, sort_keys=True))


def with_hidden_item(project: Path) -> Path:
    (project / "claims/mechanisms/hidden.md").write_text(HIDDEN)
    return project


@pytest.fixture(scope="module")
def clean_after(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """The site a clean build with no speed-up writes after each kind of edit (built once per kind)."""
    built: dict[str, Build] = {}

    def clean(kind: str) -> Build:
        if kind not in built:
            project = with_hidden_item(copy_root("kb", tmp_path_factory.mktemp("clean") / "kb"))
            EDITS[kind](project)
            built[kind] = build(project, speedups=False)
            assert built[kind].ok, built[kind].output
        return built[kind]

    return clean


@pytest.mark.parametrize("speedups", [True, False], ids=["speed-ups on", "speed-ups off"])
@pytest.mark.parametrize("kind", EDITS)
def test_an_incremental_build_after_an_edit_writes_what_a_clean_build_writes(
    kb: Path, clean_after: Callable[[str], Build], kind: str, speedups: bool
) -> None:
    first = build(with_hidden_item(kb), speedups=speedups)
    assert first.ok, first.warnings
    EDITS[kind](kb)
    incremental = build(kb, speedups=speedups)
    assert incremental.ok, incremental.warnings
    clean = clean_after(kind)
    assert differences(incremental.outdir, clean.outdir) == []
    assert needs_json(incremental) == needs_json(clean)


def test_a_page_whose_only_item_is_hidden_is_read_again_without_an_error(kb: Path) -> None:
    """sphinx-needs removes a hidden need's node from the doctree; its page still holds a need to purge."""
    assert build(with_hidden_item(kb)).ok
    EDITS["hidden item"](kb)
    again = build(kb)
    assert again.ok, again.warnings
    assert again.needs["MEC_HIDDEN"]["content"].strip() == "Still kept out."


def test_the_setting_turns_every_speed_up_off(kb: Path) -> None:
    """Off, sphinx-needs writes needs.json itself and nothing is kept beside the environment."""
    off = build(kb, speedups=False)
    assert off.ok, off.warnings
    doctrees = kb / "_build" / "doctrees"
    assert not list(doctrees.glob("evidencekb-*.pickle"))
    on = build(copy_root("kb", kb.parent / "on"))
    assert on.ok, on.warnings
    assert sorted(p.name for p in (kb.parent / "on/_build/doctrees").glob("evidencekb-*.pickle")) == [
        "evidencekb-needs-json.pickle",
        "evidencekb-schema-findings.pickle",
    ]
