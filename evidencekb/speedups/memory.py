"""Fewer passes of Python's cyclic garbage collector while Sphinx builds.

A build allocates millions of short-lived docutils nodes while the environment keeps hundreds of
thousands of objects alive; at CPython's default thresholds (700, 10, 10) the collector runs every
700 allocations. The first threshold is raised for the build, as mypy does for its own, and restored
when it ends (a caller may build again in the same process), before Sphinx loads the saved
environment. At exit the heap is frozen, so the interpreter's last collection does not walk the
environment object by object; before Sphinx forks a worker of a parallel build it is frozen too
(gc.freeze's documented use), so the worker's collections skip what it inherited. The figures are on
docs/performance.md.
"""

from __future__ import annotations

import atexit
import gc
import os

from sphinx.application import Sphinx

BUILD_THRESHOLDS = (10_000, 10, 10)
_process_hooks_installed = False


def _install_process_hooks() -> None:
    """Once per process, however many builds it runs (the tests run many in one)."""
    global _process_hooks_installed
    if not _process_hooks_installed:
        atexit.register(gc.freeze)
        os.register_at_fork(before=gc.freeze, after_in_parent=gc.unfreeze)
        _process_hooks_installed = True


def enable(app: Sphinx) -> None:
    default = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    # last, after the exports and sphinx-needs' own build-finished work
    app.connect("build-finished", lambda app, exception: gc.set_threshold(*default), priority=900)
    _install_process_hooks()
