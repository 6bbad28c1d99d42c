"""Results computed for items in the last build, reused for the items on stable pages.

freshness.py finds the stable pages: not read again, and every item they show resolves as in the last
build. What was computed for their items (needs.json entries, schema findings) is then the same, so
it is kept beside the environment and read back. Only what saves at least 5% of a one-claim rebuild
at 2,000 claims is kept (docs/performance.md). With the speed-ups off, nothing is kept or read back.
"""

from __future__ import annotations

import pickle
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..envdata import store, stored
from ..model.rows import Fields

T = TypeVar("T")


def begin_build(env: BuildEnvironment, stable: set[str]) -> None:
    """Mark a new build, and the pages (not read again) whose items and neighbourhoods are as in the last one."""
    store(env, "previous_build", stored(env, "build", lambda: None))
    store(env, "build", uuid.uuid4().hex)
    store(env, "stable_docs", stable)


class KeptResults:
    """Results per item, kept from the last build for the items on stable pages.

    Each is kept beside the environment, marked with its build (the environment is saved before writing
    starts), so only a build whose environment this one loaded lends its results.
    """

    def __init__(self, app: Sphinx, filename: str, *, reuse: bool = True) -> None:
        from . import enabled  # the seam's setting

        self.env, self.path = app.env, Path(app.env.doctreedir, filename)
        self.active = enabled(app.config)
        kept = self._load() if reuse and self.active else None
        self.kept: dict[str, Any] = kept or {}
        self.stable: set[str] = stored(self.env, "stable_docs", set) if kept is not None else set()
        self.results: dict[str, Any] = {}

    def _load(self) -> dict[str, Any] | None:
        try:
            with self.path.open("rb") as handle:
                kept = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # unreadable, or written by other versions of the classes it holds: nothing is kept
        previous = stored(self.env, "previous_build", lambda: None)
        results: dict[str, Any] | None = kept.get("results")
        return results if previous is not None and kept.get("build") == previous else None

    def is_kept(self, need: Fields) -> bool:
        return need["docname"] in self.stable and need["id"] in self.kept

    def get(self, need: Fields, compute: Callable[[], T]) -> T:
        """The kept result for ``need``, or else ``compute()``; either way kept for the next build."""
        result: T = self.kept[need["id"]] if self.is_kept(need) else compute()
        self.results[need["id"]] = result
        return result

    def save(self) -> None:
        if self.active:
            with self.path.open("wb") as handle:
                pickle.dump(
                    {"build": getattr(self.env, "evidencekb_build", None), "results": self.results},
                    handle,
                    pickle.HIGHEST_PROTOCOL,
                )
