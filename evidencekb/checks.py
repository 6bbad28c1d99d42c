"""Checks across items that sphinx-needs' schemas cannot express.

Each check yields (need, message); every message says what to do, and is logged at the
need's file and line, so ``-W`` fails the build there.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_needs.data import SphinxNeedsData

from .model import reference_audit
from .quotes import ArchivedText, reference_entries, split_quotes

logger = logging.getLogger(__name__)

Need = Mapping[str, Any]
Problem = tuple[Need, str]

PREFIXES = {"source": "SRC_", "claim": "CLM_", "mechanism": "MEC_", "evidence": "EVD_"}
IDENTIFIERS = ("doi", "pmid", "pmcid", "url")
CONTENT_SUFFIXES = {".md"}


def archive_of(app: Sphinx, source: Need) -> Path:
    return Path(app.srcdir, app.config.evidencekb_archive_dir, source.get("archive") or "")


@lru_cache(maxsize=64)
def _load(path: str, mtime: float) -> ArchivedText:
    return ArchivedText.load(Path(path))


def archived_text(app: Sphinx, source: Need) -> ArchivedText | None:
    """The archived text of a source, read once per file version; None when the file is missing."""
    path = archive_of(app, source)
    return _load(str(path), path.stat().st_mtime) if source.get("archive") and path.is_file() else None


def load_archives(app: Sphinx, needs: Mapping[str, Need]) -> dict[str, ArchivedText]:
    """The archived text of every source whose archive file exists, by source id."""
    texts = {need["id"]: archived_text(app, need) for need in needs.values() if need["type"] == "source"}
    return {source_id: text for source_id, text in texts.items() if text is not None}


def check_id_prefixes(needs: Mapping[str, Need]) -> Iterator[Problem]:
    for need in needs.values():
        prefix = PREFIXES.get(need["type"])
        if prefix and not need["id"].startswith(prefix):
            yield need, f"id {need['id']!r} of a {need['type']} must start with {prefix!r}: rename it"


def check_archives(app: Sphinx, needs: Mapping[str, Need]) -> Iterator[Problem]:
    for need in needs.values():
        if need["type"] == "source" and need.get("archive") and not archive_of(app, need).is_file():
            yield need, (
                f"archive file {need['archive']!r} not found in {app.config.evidencekb_archive_dir}/: "
                "archive the page's text there, unchanged"
            )


def check_quotes(needs: Mapping[str, Need], archives: Mapping[str, ArchivedText]) -> Iterator[Problem]:
    for claim in needs.values():
        if claim["type"] != "claim" or not claim.get("quote"):
            continue
        texts = [archives[s] for s in claim.get("sources") or [] if s in archives]
        if not texts:
            continue  # no readable source: reported by the schema or the archive check
        for quote in split_quotes(claim["quote"]):
            if not any(text.contains(quote) for text in texts):
                names = ", ".join(claim.get("sources") or [])
                yield claim, (
                    f"quote not found verbatim in the archived text of {names}: {quote!r}; "
                    "copy it exactly from the archive (only typographic quotes and white space may differ)"
                )


def check_reference_lists(needs: Mapping[str, Need], archives: Mapping[str, ArchivedText]) -> Iterator[Problem]:
    for source in needs.values():
        if source["type"] != "source" or not source.get("reference_list"):
            continue
        try:
            entries = reference_entries(source["reference_list"])
        except ValueError as error:
            yield source, f"{error}: write each entry as its number, a full stop and the title as the page shows it"
            continue
        archive = archives.get(source["id"])
        for number, title in entries.items():
            if archive and not archive.contains(title):
                yield source, f"reference [{number}] title not found verbatim in the archived text: {title!r}; copy it exactly"


def cited_numbers(source: Need, needs: Mapping[str, Need]) -> set[int]:
    """Reference numbers a source may be cited with: its list's, and those it records as missing."""
    return {row.number for row in reference_audit(source, needs)}


def check_reference_numbers(needs: Mapping[str, Need]) -> Iterator[Problem]:
    for need in needs.values():
        if need["type"] == "claim":
            sources, numbers, fix = need.get("sources") or [], need.get("source_refs") or [], (
                "correct the number, or record it in the source's :missing_refs: if the page cites it without listing it")
        elif need["type"] == "evidence" and need.get("listed_in"):
            sources, numbers, fix = need["listed_in"], [need["ref_number"]] if need.get("ref_number") else [], (
                "use the number the source's :reference_list: gives this publication")
        else:
            continue
        known = set().union(*(cited_numbers(needs[s], needs) for s in sources if s in needs))
        for number in numbers:
            if number not in known:
                yield need, f"reference [{number}] is not in the reference list of {', '.join(sources)}: {fix}"


def check_unique_identifiers(needs: Mapping[str, Need]) -> Iterator[Problem]:
    first_seen: dict[tuple[str, str], str] = {}
    for need in sorted(needs.values(), key=lambda n: (n["docname"] or "", n["lineno"] or 0)):
        if need["type"] != "evidence":
            continue
        for field in IDENTIFIERS:
            value = need.get(field)
            if not value:
                continue
            key = (field, value.lower())
            if key in first_seen:
                yield need, (
                    f"{field} {value!r} is already used by {first_seen[key]}: "
                    "one publication is one evidence item; link the existing item instead"
                )
            else:
                first_seen[key] = need["id"]


def check_has_identifier(needs: Mapping[str, Need]) -> Iterator[Problem]:
    # "at least one of" is an anyOf, which sphinx-needs' local schemas do not accept.
    for need in needs.values():
        if need["type"] == "evidence" and not any(need.get(field) for field in IDENTIFIERS):
            yield need, "an evidence item needs at least one identifier: add :doi:, :pmid:, :pmcid: or :url:"


def check_evidence_is_used(needs: Mapping[str, Need]) -> Iterator[Problem]:
    for need in needs.values():
        if need["type"] != "evidence":
            continue
        if not (need.get("supported_by_back") or need.get("contradicted_by_back") or need.get("listed_in")):
            yield need, (
                "no claim links to this evidence item and no source lists it: "
                "link it from a claim (:supported_by: or :contradicted_by:) or remove it"
            )


def unread_content_files(app: Sphinx) -> Iterator[Path]:
    """Files under the content folder that the build does not read (wrong suffix or excluded)."""
    content = Path(app.srcdir, app.config.evidencekb_content_dir)
    archive = Path(app.srcdir, app.config.evidencekb_archive_dir)
    for path in sorted(content.rglob("*")):
        if not path.is_file() or path.is_relative_to(archive):
            continue
        docname = path.relative_to(app.srcdir).with_suffix("").as_posix()
        if path.suffix not in CONTENT_SUFFIXES or docname not in app.env.found_docs:
            yield path


def run_checks(app: Sphinx, *args: Any) -> None:
    needs = SphinxNeedsData(app.env).get_needs_view()
    archives = load_archives(app, needs)
    problems = [
        *check_id_prefixes(needs),
        *check_archives(app, needs),
        *check_quotes(needs, archives),
        *check_reference_lists(needs, archives),
        *check_reference_numbers(needs),
        *check_has_identifier(needs),
        *check_unique_identifiers(needs),
        *check_evidence_is_used(needs),
    ]
    for need, message in problems:
        logger.warning(f"{need['id']}: {message}", location=(need["docname"], need["lineno"]),
                       type="evidencekb", subtype="content")
    for path in unread_content_files(app):
        logger.warning(
            f"{path.relative_to(app.srcdir)} is not read by the build: content files must be Markdown (.md) "
            "under a toctree; rename it or move it out of the content folder",
            location=f"{path}:1", type="evidencekb", subtype="unread_file",
        )


def setup(app: Sphinx) -> None:
    # write-started: every need is read and resolved; warnings here still fail -W.
    app.connect("write-started", run_checks)
