"""Keep every computed view current on incremental builds.

Sphinx rewrites only the pages it read again, so a page that shows other pages' items (a title, a
status badge) would go stale, as sphinx-needs' needtables do. After reading, this returns to Sphinx the
other pages to write again: every page with a coverage view, and every page that shows an item living
on a page that was read again or removed. What a page shows is its items, the items they link to or are
linked from or name in their text, and for each such claim the items the claim links to (they decide
its computed status). The other pages are stable: what was computed for their items is kept (kept.py).
With the speed-ups off, every page is written on every build instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from ..compat import has_needextends, needs_while_reading
from ..envdata import store, stored
from ..model.rows import mentioned_ids
from ..reading import releases
from ..views.coverage import coverage_placeholder
from . import kept

LINK_FIELDS = (
    "sources",
    "mechanism",
    "supported_by",
    "contradicted_by",
    "inconclusive",
    "listed_in",
    "shares_passage_with",
)


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


def stale_pages(shown: Mapping[str, Set[str]], changed_items: Set[str], every_page_is_stale: bool) -> set[str]:
    """The pages showing an item that changed (every page, when a needextend may change items anywhere)."""
    return set(shown) if every_page_is_stale else {page for page, items in shown.items() if items & changed_items}


class Freshness(EnvironmentCollector):
    """Which pages an incremental build writes again: kept in the environment per page, like Sphinx's own collectors."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """Called for every page read again or removed: its items may have changed."""
        _set(env, "coverage_docs").discard(docname)
        _set(env, "changed_docs").add(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        _set(env, "coverage_docs").update(_set(other, "coverage_docs") & docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """A page with a coverage view is written on every build."""
        if any(True for _ in doctree.findall(coverage_placeholder)):
            _set(app.env, "coverage_docs").add(app.env.docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        # Read from the raw needs: resolving them here would freeze sphinx-needs' data before the environment is saved.
        needs = needs_while_reading(env)
        changed_docs = _set(env, "changed_docs")
        previous: dict[str, str] = stored(env, "doc_of", dict)
        doc_of = {need_id: need["docname"] for need_id, need in needs.items() if need["docname"]}
        store(env, "doc_of", doc_of)
        # the items on changed pages, now and in the last build (an item renamed or removed)
        changed = {i for i, doc in doc_of.items() if doc in changed_docs}
        changed |= {i for i, doc in previous.items() if doc in changed_docs}
        shown = shown_items(needs)
        # a page that showed an item now removed shows it no more: it is stale by what it showed in the last build
        shown_before: dict[str, set[str]] = stored(env, "shown", dict)
        store(env, "shown", shown)
        stale = stale_pages(shown, changed, has_needextends(env)) | stale_pages(shown_before, changed, False)
        # a release recorded or its note edited: every page's foot and every claim's history change
        recorded = releases.signature(app)
        if stored(env, "releases", tuple) != recorded:
            store(env, "releases", recorded)
            stale = set(env.found_docs)
        kept.begin_build(env, stable=set(shown) - stale - changed_docs)
        changed_docs.clear()
        return sorted((stale | _set(env, "coverage_docs")) & env.found_docs)


def _set(env: BuildEnvironment, name: str) -> set[str]:
    return stored(env, name, set)


def every_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """With the speed-ups off: every page is written again."""
    return sorted(env.found_docs)


def enable(app: Sphinx) -> None:
    app.add_env_collector(Freshness)
