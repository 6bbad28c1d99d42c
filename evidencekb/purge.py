"""sphinx-needs' purge of a page's needs, run only for pages that hold needs.

Why: sphinx-needs scans every need for every page Sphinx purges, and Sphinx purges every page it reads,
so a build of a page per item took time in the square of the items (about 20 s of a 100 s build at
2,000 claims, docs/performance.md). The pages holding needs, needextends or needumls are recorded as
they are read; another page has nothing for sphinx-needs to remove.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.directives.need import purge_needs
from sphinx_needs.directives.needextend import Needextend
from sphinx_needs.directives.needuml import Needuml
from sphinx_needs.nodes import Need


def pages_with_needs(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, "evidencekb_pages_with_needs"):
        env.evidencekb_pages_with_needs = set()
    return env.evidencekb_pages_with_needs


def record_page(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(lambda node: isinstance(node, Need | Needextend | Needuml))):
        pages_with_needs(app.env).add(app.env.docname)


def purge_page(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    if docname in pages_with_needs(env):
        SphinxNeedsData(env).remove_doc(docname)
        pages_with_needs(env).discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    pages_with_needs(env).update(pages_with_needs(other))


def setup(app: Sphinx) -> None:
    for listener in list(app.events.listeners.get("env-purge-doc", [])):
        if listener.handler is purge_needs:
            app.disconnect(listener.id)
            app.connect("env-purge-doc", purge_page, priority=listener.priority)
    app.connect("doctree-read", record_page)
    app.connect("env-merge-info", merge_info)
