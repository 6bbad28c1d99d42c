"""A search for an evidence item's DOI, PMID or PMCID finds the item's page.

Sphinx's search splits a DOI into numbers, which it does not index, but matches a whole query to the search
index's entries. The entries are kept per page from the needs as they are read, and given to the search index
on every build: Sphinx's own index entries come from the pages a build writes, so an incremental build would
lose those of every page it does not write again.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from ..compat import Need, add_search_index_entries, needs_while_reading
from ..envdata import stored

SEARCHABLE_IDENTIFIERS = ("doi", "pmid", "pmcid")


def _entries(env: BuildEnvironment) -> dict[str, list[tuple[str, str]]]:
    """Per page: (identifier in lower case, the item's id)."""
    return stored(env, "search_entries", dict)


class IdentifierEntries(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _entries(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        _entries(env).update({doc: found for doc, found in _entries(other).items() if doc in docnames})

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        needs = needs_while_reading(app.env)
        found = [
            (str(need[field]).lower(), need["id"])
            for node in doctree.findall(Need)
            if node["ids"]
            if (need := needs.get(node["ids"][0])) is not None
            for field in SEARCHABLE_IDENTIFIERS
            if need.get(field)
        ]
        if found:
            _entries(app.env)[app.env.docname] = found


def give_to_the_search_index(app: Sphinx) -> list[Any]:
    """html-collect-pages: after every page is written, before the search index is dumped."""
    add_search_index_entries(app.env, _entries(app.env))
    return []  # no page of its own


def setup(app: Sphinx) -> None:
    app.add_env_collector(IdentifierEntries)
    app.connect("html-collect-pages", give_to_the_search_index)
