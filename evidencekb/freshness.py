"""Keep every computed view current on incremental builds.

Sphinx rewrites only the pages it re-read, so a table or panel that shows other pages' items would
go stale (as sphinx-needs' needtables do). After reading, this returns to Sphinx the pages to write
again: every page with a coverage view, and every item page whose neighbourhood in the needs graph
(the item and all it links to or is linked from) changed since the last build. The other pages are
stable: their items resolve as in the last build, so what was computed for them is kept (kept.py).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData

from . import kept
from .coverage import coverage_placeholder
from .model import mentioned_ids

LINK_FIELDS = ("sources", "mechanism", "supported_by", "contradicted_by", "listed_in")
# Not shown by any panel; the docname is, in every link to the item, so a move changes the digest.
VOLATILE = {"lineno", "lineno_content", "external_url", "sections", "section_name", "signature"}


def _coverage_docs(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, "evidencekb_coverage_docs"):
        env.evidencekb_coverage_docs = set()
    return env.evidencekb_coverage_docs


def record_coverage_doc(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(coverage_placeholder)):
        _coverage_docs(app.env).add(app.env.docname)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _coverage_docs(env).discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    _coverage_docs(env).update(_coverage_docs(other))


def record_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.evidencekb_read_docs = set(docnames)


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _digest(need: Mapping[str, Any]) -> str:
    shown = {k: v for k, v in dict(need).items() if k not in VOLATILE}
    return _hash(json.dumps(shown, sort_keys=True, default=str))


def need_digests(needs: Mapping[str, Mapping[str, Any]], previous: Mapping[str, str], read_docs: set[str]) -> dict[str, str]:
    """A digest of each need. A need on a page that was not read again is unchanged, so it keeps its
    previous digest: hashing all of them took most of this module's time on a one-page edit."""
    return {need_id: previous[need_id] if need_id in previous and need["docname"] and need["docname"] not in read_docs
            else _digest(need) for need_id, need in needs.items()}


def page_signatures(needs: Mapping[str, Mapping[str, Any]], digests: Mapping[str, str]) -> dict[str, str]:
    """Per page: a digest of everything its item panels can show.

    That is each item on the page, the items it links to or is linked from or names in its text, and,
    for each such claim, the items the claim links to (they decide its computed status). Read from the raw needs:
    resolving them here would freeze sphinx-needs' data before the environment is saved.
    """
    linked: dict[str, set[str]] = defaultdict(set)
    for need in needs.values():
        for target in (t for field in LINK_FIELDS for t in need.get(field) or []):
            linked[need["id"]].add(target)
            linked[target].add(need["id"])
    shown: dict[str, set[str]] = defaultdict(set)
    for need_id, need in needs.items():
        page = shown[need["docname"] or ""]
        page.add(need_id)
        page |= linked[need_id]
        page.update(mentioned_ids(need))
        for neighbour in linked[need_id]:
            if neighbour in needs and needs[neighbour]["type"] == "claim":
                page |= linked[neighbour]
    # each digest covers its item's links, so the sorted set of them is enough
    return {doc: _hash(" ".join(digests.get(item, item) for item in sorted(items))) for doc, items in shown.items() if doc}


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    needs_data = SphinxNeedsData(env)
    needs = needs_data.get_needs_mutable()
    read_docs = getattr(env, "evidencekb_read_docs", set())
    digests = need_digests(needs, getattr(env, "evidencekb_need_digests", {}), read_docs)
    signatures = page_signatures(needs, digests)
    previous: dict[str, str] = getattr(env, "evidencekb_signatures", {})
    env.evidencekb_need_digests, env.evidencekb_signatures = digests, signatures
    # a needextend changes items on other pages than its own, which the signatures do not see
    changed = set(signatures) if needs_data.get_or_create_extends() else {
        doc for doc, digest in signatures.items() if previous.get(doc) != digest}
    kept.begin_build(env, stable=set(signatures) - changed - read_docs)
    return sorted((changed | _coverage_docs(env)) & env.found_docs)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", record_coverage_doc)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-before-read-docs", record_read_docs)
    app.connect("env-updated", pages_to_rewrite)
