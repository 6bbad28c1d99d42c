"""Checks across items that sphinx-needs' schemas cannot express.

Each item check yields messages about one item, reading only the item, its neighbours and the archived
texts; every message says what to do, and is logged at the item's file and line, so ``-W`` fails the
build there. One check reads across all items: that no identifier is used twice.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_needs.data import SphinxNeedsData

from .model import reference_audit
from .quotes import ArchivedText, reference_entries, split_quotes
from .status import CERTAINTIES, EVIDENCE_LINKS, HEALTH_CLAIM, certainty_ceiling, with_article

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


@dataclass(frozen=True)
class Context:
    """What an item check may read besides its item: every need, and the archived texts."""

    app: Sphinx
    needs: Mapping[str, Need]

    def archive(self, source_id: str) -> ArchivedText | None:
        return archived_text(self.app, self.needs[source_id]) if source_id in self.needs else None


def check_id_prefix(need: Need, ctx: Context) -> Iterator[str]:
    prefix = PREFIXES.get(need["type"])
    if prefix and not need["id"].startswith(prefix):
        yield f"id {need['id']!r} of a {need['type']} must start with {prefix!r}: rename it"


def check_archive(source: Need, ctx: Context) -> Iterator[str]:
    if source["type"] == "source" and source.get("archive") and not archive_of(ctx.app, source).is_file():
        yield (f"archive file {source['archive']!r} not found in {ctx.app.config.evidencekb_archive_dir}/: "
               "archive the page's text there, unchanged")


def check_quotes(claim: Need, ctx: Context) -> Iterator[str]:
    if claim["type"] != "claim" or not claim.get("quote"):
        return
    texts = [text for s in claim.get("sources") or [] if (text := ctx.archive(s))]
    if not texts:
        return  # no readable source: reported by the schema or the archive check
    for quote in split_quotes(claim["quote"]):
        if not any(text.contains(quote) for text in texts):
            yield (f"quote not found verbatim in the archived text of {', '.join(claim.get('sources') or [])}: {quote!r}; "
                   "copy it exactly from the archive (only typographic quotes and white space may differ)")


def check_reference_list(source: Need, ctx: Context) -> Iterator[str]:
    if source["type"] != "source" or not source.get("reference_list"):
        return
    try:
        entries = reference_entries(source["reference_list"])
    except ValueError as error:
        yield f"{error}: write each entry as its number, a full stop and the title as the page shows it"
        return
    archive = ctx.archive(source["id"])
    for number, title in entries.items():
        if archive and not archive.contains(title):
            yield f"reference [{number}] title not found verbatim in the archived text: {title!r}; copy it exactly"


def cited_numbers(source: Need, needs: Mapping[str, Need]) -> set[int]:
    """Reference numbers a source may be cited with: its list's, and those it records as missing."""
    return {row.number for row in reference_audit(source, needs)}


def check_reference_numbers(need: Need, ctx: Context) -> Iterator[str]:
    if need["type"] == "claim":
        sources, numbers, fix = need.get("sources") or [], need.get("source_refs") or [], (
            "correct the number, or record it in the source's :missing_refs: if the page cites it without listing it")
    elif need["type"] == "evidence" and need.get("listed_in"):
        sources, numbers, fix = need["listed_in"], [need["ref_number"]] if need.get("ref_number") else [], (
            "use the number the source's :reference_list: gives this publication")
    else:
        return
    known = set().union(*(cited_numbers(ctx.needs[s], ctx.needs) for s in sources if s in ctx.needs))
    for number in numbers:
        if number not in known:
            yield f"reference [{number}] is not in the reference list of {', '.join(sources)}: {fix}"


def check_has_identifier(need: Need, ctx: Context) -> Iterator[str]:
    # "at least one of" is an anyOf, which sphinx-needs' local schemas do not accept.
    if need["type"] == "evidence" and not any(need.get(field) for field in IDENTIFIERS):
        yield "an evidence item needs at least one identifier: add :doi:, :pmid:, :pmcid: or :url:"


def check_evidence_is_used(need: Need, ctx: Context) -> Iterator[str]:
    if need["type"] == "evidence" and not (need.get("listed_in") or any(need.get(f"{link}_back") for link in EVIDENCE_LINKS)):
        yield ("no claim links to this evidence item and no source lists it: "
               "link it from a claim (:supported_by:, :contradicted_by: or :inconclusive:) or remove it")


def check_certainty(claim: Need, ctx: Context) -> Iterator[str]:
    """GRADE: a body of evidence cannot be more certain than its best design allows, and each step down has a reason."""
    if claim["type"] != "claim" or claim.get("claim_kind") != HEALTH_CLAIM or claim.get("certainty") not in CERTAINTIES:
        return
    ceiling, level = certainty_ceiling(claim, ctx.needs)
    certainty = claim["certainty"]
    basis = f"its best linked evidence ({with_article(level)})" if level else "a claim with no linked evidence"
    if CERTAINTIES.index(certainty) < CERTAINTIES.index(ceiling):
        yield (f"certainty {certainty!r} is higher than {basis} allows ({ceiling!r} at most): "
               "lower :certainty: or link the evidence that justifies it")
    elif CERTAINTIES.index(certainty) > CERTAINTIES.index(ceiling) and not claim.get("rated_down_for"):
        yield (f"certainty {certainty!r} is below {ceiling!r}, where {basis} starts: "
               "name the GRADE domains it was rated down for in :rated_down_for:")


# Each reads its item, its neighbours and the archived texts.
ITEM_CHECKS: tuple[Callable[[Need, Context], Iterator[str]], ...] = (
    check_id_prefix, check_archive, check_quotes, check_reference_list, check_reference_numbers,
    check_has_identifier, check_evidence_is_used, check_certainty,
)


def check_unique_identifiers(needs: Mapping[str, Need]) -> Iterator[Problem]:
    """An identifier used by two evidence items."""
    users: dict[tuple[str, str], list[Need]] = defaultdict(list)
    for need in needs.values():
        if need["type"] == "evidence":
            for field in IDENTIFIERS:
                if value := need.get(field):
                    users[(field, value.lower())].append(need)
    for (field, _), items in users.items():
        first, *others = sorted(items, key=lambda n: (n["docname"] or "", n["lineno"] or 0))
        for need in others:
            yield need, (f"{field} {need[field]!r} is already used by {first['id']}: "
                         "one publication is one evidence item; link the existing item instead")


def unread_content_files(app: Sphinx) -> Iterator[Path]:
    """Files under the content folder, outside the archive, that the build does not read (wrong suffix or excluded)."""
    srcdir = Path(app.srcdir)
    archive = srcdir / app.config.evidencekb_archive_dir
    for folder, subfolders, files in os.walk(srcdir / app.config.evidencekb_content_dir):
        subfolders[:] = sorted(name for name in subfolders if Path(folder, name) != archive)
        prefix = Path(folder).relative_to(srcdir).as_posix()
        for name in sorted(files):
            stem, suffix = os.path.splitext(name)
            if suffix not in CONTENT_SUFFIXES or f"{prefix}/{stem}" not in app.env.found_docs:
                yield Path(folder, name)


def run_checks(app: Sphinx, *args: Any) -> None:
    needs = SphinxNeedsData(app.env).get_needs_view()
    ctx = Context(app, needs)
    problems = [(need, message) for need in needs.values() for check in ITEM_CHECKS for message in check(need, ctx)]
    problems += check_unique_identifiers(needs)
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
