"""sphinx-needs' purge of a page's needs, run only for pages that hold needs.

Why: sphinx-needs scans every need for every page Sphinx purges, and Sphinx purges every page it reads,
so a build of a page per item took time in the square of the items (docs/performance.md). The pages
holding needs, needextends or needumls are taken from sphinx-needs' own data once a build, before the
first purge; another page has nothing for sphinx-needs to remove. They are read from the data, not from
the doctrees: a page whose needs are all hidden has no need node left in its doctree.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..compat import pages_with_needs, purge_needs, replace_handler

# For the build under way, per environment: the pages that held needs when it started.
_holding: WeakKeyDictionary[BuildEnvironment, set[str]] = WeakKeyDictionary()


def note_pages(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """env-get-outdated comes before any page is purged."""
    _holding[env] = pages_with_needs(env)
    return []


def purge_page(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    holding = _holding.get(env)
    if holding is None or docname in holding:  # a purge outside a read: sphinx-needs' own scan
        purge_needs(app, env, docname)


def enable(app: Sphinx) -> None:
    replace_handler(app, "env-purge-doc", purge_needs, purge_page)
    app.connect("env-get-outdated", note_pages)
