"""Keep every computed view current on incremental builds.

Sphinx rewrites only the pages it read again, so a page that shows other pages' items (a title, a
status badge) would go stale, as sphinx-needs' needtables do. After reading, this returns to Sphinx the
other pages to write again: every page with a coverage view, and every page that shows an item living
on a page that was read again or removed. What a page shows is its items, the items they link to or are
linked from or name in their text, and for each such claim the items the claim links to (they decide
its computed status). The other pages are stable: what was computed for their items is kept (kept.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.nodes import Need

from . import kept
from .checks import archive_of
from .coverage import coverage_placeholder
from .model import mentioned_ids

LINK_FIELDS = ("sources", "mechanism", "supported_by", "contradicted_by", "inconclusive", "listed_in")


def _docs(env: BuildEnvironment, name: str) -> set[str]:
    if not hasattr(env, name):
        setattr(env, name, set())
    return getattr(env, name)


def record_dependencies(app: Sphinx, doctree: nodes.document) -> None:
    """Pages with a coverage view are written on every build; a source's page is read again when its archive changes."""
    if any(True for _ in doctree.findall(coverage_placeholder)):
        _docs(app.env, "evidencekb_coverage_docs").add(app.env.docname)
    needs = SphinxNeedsData(app.env).get_needs_mutable()
    for node in doctree.findall(Need):
        need = needs.get(node["ids"][0]) if node["ids"] else None
        if need is not None and need["type"] == "source" and need.get("archive"):
            app.env.note_dependency(str(archive_of(app, need)))


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Called for every page read again or removed: its items may have changed."""
    _docs(env, "evidencekb_coverage_docs").discard(docname)
    _docs(env, "evidencekb_changed_docs").add(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    _docs(env, "evidencekb_coverage_docs").update(_docs(other, "evidencekb_coverage_docs"))


def record_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _docs(env, "evidencekb_changed_docs").update(docnames)


def shown_items(needs: Mapping[str, Mapping[str, Any]]) -> dict[str, set[str]]:
    """Per page: the ids of every item its panels can show."""
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
    shown.pop("", None)
    return shown


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    needs_data = SphinxNeedsData(env)
    # Read from the raw needs: resolving them here would freeze sphinx-needs' data before the environment is saved.
    needs = needs_data.get_needs_mutable()
    changed_docs = _docs(env, "evidencekb_changed_docs")
    previous_docs: dict[str, str] = getattr(env, "evidencekb_doc_of", {})
    env.evidencekb_doc_of = {need_id: need["docname"] for need_id, need in needs.items() if need["docname"]}
    # the items on changed pages, now and in the last build (an item renamed or removed)
    changed = {i for i, doc in env.evidencekb_doc_of.items() if doc in changed_docs}
    changed |= {i for i, doc in previous_docs.items() if doc in changed_docs}
    shown = shown_items(needs)
    # a needextend changes items on other pages than its own
    stale = set(shown) if needs_data.get_or_create_extends() else {doc for doc, items in shown.items() if items & changed}
    kept.begin_build(env, stable=set(shown) - stale - changed_docs)
    changed_docs.clear()
    return sorted((stale | _docs(env, "evidencekb_coverage_docs")) & env.found_docs)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", record_dependencies)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-before-read-docs", record_read_docs)
    app.connect("env-updated", pages_to_rewrite)
