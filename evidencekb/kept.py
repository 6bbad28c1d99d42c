"""Results computed for items in the last build, reused for the items on stable pages.

freshness.py finds the stable pages: not read again, and every item they show resolves as in the last
build. What was computed for their items (needs.json entries, schema and check findings, dashboard
rows, ClaimReview lines) is then the same, so it is kept beside the environment and read back.
"""

from __future__ import annotations

import pickle
import uuid
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def begin_build(env: BuildEnvironment, stable: set[str]) -> None:
    """Mark a new build, and the pages (not read again) whose items and neighbourhoods are as in the last one."""
    env.evidencekb_previous_build, env.evidencekb_build = getattr(env, "evidencekb_build", None), uuid.uuid4().hex
    env.evidencekb_stable_docs = stable


def builder_settings(app: Sphinx) -> tuple[str, str]:
    """The context of results holding links: they depend on the builder and its settings (file suffixes)."""
    return app.builder.name, getattr(getattr(app.builder, "build_info", None), "config_hash", "")


def stable_docs(env: BuildEnvironment) -> set[str]:
    return getattr(env, "evidencekb_stable_docs", set())


class KeptResults:
    """Results per item, kept from the last build for the items on stable pages.

    Each is kept beside the environment, marked with its build (the environment is saved before writing
    starts), so only a build whose environment this one loaded lends its results. ``context`` is what
    else they depend on (an archive file, the builder's settings): when it differs, nothing is kept.
    A result is looked up by ``key``, the item's id unless one page's results need more.
    """

    def __init__(self, env: BuildEnvironment, filename: str, context: Hashable = None, *, reuse: bool = True) -> None:
        self.env, self.path, self.context = env, Path(env.doctreedir, filename), context
        kept = self._load() if reuse else None
        self.kept: dict[Hashable, Any] = kept or {}
        self.stable = stable_docs(env) if kept is not None else set()
        self.results: dict[Hashable, Any] = {}

    def _load(self) -> dict[Hashable, Any] | None:
        try:
            with self.path.open("rb") as handle:
                kept = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # unreadable, or written by other versions of the classes it holds: nothing is kept
        previous = getattr(self.env, "evidencekb_previous_build", None)
        if previous is None or kept.get("build") != previous or kept.get("context") != self.context:
            return None
        return kept.get("results")

    def is_kept(self, need: Mapping[str, Any], key: Hashable = None) -> bool:
        return need["docname"] in self.stable and (need["id"] if key is None else key) in self.kept

    def get(self, need: Mapping[str, Any], compute: Callable[[], Any], key: Hashable = None) -> Any:
        """The kept result for ``need``, or else ``compute()``; either way kept for the next build."""
        key = need["id"] if key is None else key
        result = self.kept[key] if self.is_kept(need, key) else compute()
        self.results[key] = result
        return result

    def save(self) -> None:
        with self.path.open("wb") as handle:
            pickle.dump({"build": self.env.evidencekb_build, "context": self.context, "results": self.results},
                        handle, pickle.HIGHEST_PROTOCOL)
