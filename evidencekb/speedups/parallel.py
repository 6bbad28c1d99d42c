"""The workers of a parallel read send back only the needs they read.

Why: Sphinx forks each reading worker from the main process, which holds every need merged so far, and
the worker pickles its whole environment back to be merged; with sphinx-needs' needs in it, each pickle
grew with the pages read before, and ``-j auto`` read more slowly than one process (docs/performance.md).
A worker drops the needs it inherited before it reads its first page: the main process holds them, and
sphinx-needs' merge still fails the build on an id that two workers' pages both give (at whichever page it
merges second; a serial build names the later page).
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.api import del_need

from ..compat import needs_while_reading

# The process whose needs are the build's: the main one, or in a worker, the worker once it has dropped them.
# A module global, which a forked worker inherits, rather than state saved with the environment.
_owner = os.getpid()


def note_main_process(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    global _owner
    _owner = os.getpid()


def drop_inherited_needs(app: Sphinx, docname: str, source: list[str]) -> None:
    global _owner
    if _owner == os.getpid():
        return
    _owner = os.getpid()
    for need_id, need in list(needs_while_reading(app.env).items()):
        if not need["is_external"]:  # loaded once, by the main process
            del_need(app, need_id)


def enable(app: Sphinx) -> None:
    app.connect("env-before-read-docs", note_main_process)
    app.connect("source-read", drop_inherited_needs, priority=0)
