"""Reading and checking: what happens to a page as Sphinx reads it, and the checks run once every page is read.

Each finding is logged at the file and line at fault, so ``-W`` fails the build there.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import archives, checks, computed, navigation, releases, schemas, titles, writing


def setup(app: Sphinx) -> None:
    for module in (writing, titles, navigation, archives, computed, schemas, checks, releases):
        module.setup(app)
