"""Results computed for items in the last build, reused for the items on stable pages.

freshness.py finds the stable pages: not read again, and every item they show resolves as in the last
build. What was computed for their items (needs.json entries, schema findings) is then the same, so
it is kept beside the environment and read back. Only what saves at least 5% of a one-claim rebuild
at 2,000 claims is kept (docs/performance.md).
"""

from __future__ import annotations

import pickle
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment


def begin_build(env: BuildEnvironment, stable: set[str]) -> None:
    """Mark a new build, and the pages (not read again) whose items and neighbourhoods are as in the last one."""
    env.evidencekb_previous_build, env.evidencekb_build = getattr(env, "evidencekb_build", None), uuid.uuid4().hex
    env.evidencekb_stable_docs = stable


class KeptResults:
    """Results per item, kept from the last build for the items on stable pages.

    Each is kept beside the environment, marked with its build (the environment is saved before writing
    starts), so only a build whose environment this one loaded lends its results.
    """

    def __init__(self, env: BuildEnvironment, filename: str, *, reuse: bool = True) -> None:
        self.env, self.path = env, Path(env.doctreedir, filename)
        kept = self._load() if reuse else None
        self.kept: dict[str, Any] = kept or {}
        self.stable: set[str] = getattr(env, "evidencekb_stable_docs", set()) if kept is not None else set()
        self.results: dict[str, Any] = {}

    def _load(self) -> dict[str, Any] | None:
        try:
            with self.path.open("rb") as handle:
                kept = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # unreadable, or written by other versions of the classes it holds: nothing is kept
        previous = getattr(self.env, "evidencekb_previous_build", None)
        return kept.get("results") if previous is not None and kept.get("build") == previous else None

    def is_kept(self, need: Mapping[str, Any]) -> bool:
        return need["docname"] in self.stable and need["id"] in self.kept

    def get(self, need: Mapping[str, Any], compute: Callable[[], Any]) -> Any:
        """The kept result for ``need``, or else ``compute()``; either way kept for the next build."""
        result = self.kept[need["id"]] if self.is_kept(need) else compute()
        self.results[need["id"]] = result
        return result

    def save(self) -> None:
        with self.path.open("wb") as handle:
            pickle.dump({"build": self.env.evidencekb_build, "results": self.results}, handle, pickle.HIGHEST_PROTOCOL)
