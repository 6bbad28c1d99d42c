"""The releases of the knowledge base, as ``make release`` records them, and their checks.

``releases/needs.json`` holds the needs of every release in sphinx-needs' own format (one entry a version under
``versions``), so any sphinx-needs tool reads it; ``releases/<version>.toml`` is the maintainers' note on a
release: its date, what it changed in a sentence, and why each claim changed (``[because]``; a change without its
own reason takes ``other_changes``). A claim whose rating changed needs its own reason; every other change but a new
claim, a new name or a page found to repeat a claim needs one of the two. The history the pages show is computed
from them and from the build's needs (model/history.py): what changed from release to release, and since the last.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version
from sphinx.application import Sphinx
from sphinx.util import logging

from ..compat import needs_view
from ..model.history import RELEASES_NEEDS, ClaimChange, Step, describe, lineage, step
from ..model.rows import Needs, computed_once
from ..model.suggest import did_you_mean
from ..model.templates import PLACEHOLDERS

logger = logging.getLogger(__name__)

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    summary: str
    other_changes: str
    because: Mapping[str, str]
    needs: Needs
    note: Path


@dataclass(frozen=True)
class Entry:
    """One change of a claim's history: in which release (None: since the last, not yet released), and why."""

    release: Release | None
    change: ClaimChange
    reason: str


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...]  # oldest first
    steps: tuple[Step, ...]  # into each release from the one before, then from the last release into the build

    def of(self, claim_id: str) -> list[Entry]:
        """The claim's changes, newest first, through the claims it continues (renamed, merged, split)."""
        found = []
        for index, change in lineage(claim_id, self.steps):
            release = self.releases[index] if index < len(self.releases) else None
            reason = (release.because.get(change.claim) or release.other_changes) if release else ""
            found.append(Entry(release, change, reason))
        return found

    @property
    def latest(self) -> Release | None:
        return self.releases[-1] if self.releases else None

    @property
    def unreleased(self) -> Step:
        return self.steps[-1]


def folder(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.evidencekb_releases_dir)


@lru_cache(maxsize=4)
def _read(path: str, mtimes: tuple[float, ...]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """releases/needs.json's versions, and each note's data, read once per version of the files."""
    root = Path(path)
    needs_file = root / RELEASES_NEEDS
    versions = json.loads(needs_file.read_text(encoding="utf-8"))["versions"] if needs_file.is_file() else {}
    notes = {}
    for note in sorted(root.glob("*.toml")):
        try:
            notes[note.stem] = tomllib.loads(note.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            notes[note.stem] = {"error": str(error)}
    return versions, notes


def read_releases(app: Sphinx) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    root = folder(app)
    files = sorted(root.glob("*")) if root.is_dir() else []
    return _read(str(root), tuple(f.stat().st_mtime for f in files))


def _version_key(version: str) -> tuple[int, Version | str]:
    try:
        return 0, Version(version)
    except InvalidVersion:
        return 1, version


def releases(app: Sphinx) -> tuple[Release, ...]:
    versions, notes = read_releases(app)
    found = []
    for version in sorted(versions, key=_version_key):
        note = notes.get(version, {})
        found.append(
            Release(
                version,
                str(note.get("date", "")),
                str(note.get("summary", "")),
                str(note.get("other_changes", "")),
                {k: str(v) for k, v in (note.get("because") or {}).items()},
                versions[version].get("needs", {}),
                folder(app) / f"{version}.toml",
            )
        )
    return tuple(found)


def history(app: Sphinx) -> History:
    """The history of this build: its releases, and the build's needs after the last."""
    needs = needs_view(app)

    def compute() -> History:
        recorded = releases(app)
        states: list[Needs] = [{}, *(r.needs for r in recorded), needs]
        return History(recorded, tuple(step(a, b) for a, b in pairwise(states)))

    return computed_once(needs, "history", compute)


def _line_of(note: Path, key: str) -> int:
    pattern = re.compile(rf"^\s*(\[{re.escape(key)}\]|\"?{re.escape(key)}\"?\s*=)")  # a table's header or a key
    lines = note.read_text(encoding="utf-8").splitlines() if note.is_file() else []
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 1)


def _warn(message: str, path: Path, line: int = 1) -> None:
    logger.warning(message, location=f"{path}:{line}", type="evidencekb", subtype="release")


def check_releases(app: Sphinx, *args: Any) -> None:
    """Every release has its note, dated; every change that needs a reason has one; no placeholder is left."""
    versions, notes = read_releases(app)
    recorded = history(app)
    root = folder(app)
    for version in sorted(set(notes) - set(versions)):
        _warn(
            f"release {version} has a note but no needs in {RELEASES_NEEDS}: record it with make release",
            root / f"{version}.toml",
        )
    for index, release in enumerate(recorded.releases):
        note = release.note
        data = notes.get(release.version)
        if data is None:
            _warn(
                f"release {release.version} has no note: write {note.name} (make release writes one)",
                root / RELEASES_NEEDS,
            )
            continue
        if "error" in data:
            _warn(f"{note.name} is not TOML: {data['error']}", note)
            continue
        if not DATE.match(release.date):
            _warn(f"release {release.version}: date = {release.date!r} is not YYYY-MM-DD", note, _line_of(note, "date"))
        for number, line in enumerate(note.read_text(encoding="utf-8").splitlines(), start=1):
            for placeholder, instead in PLACEHOLDERS.items():
                if placeholder in line:
                    _warn(
                        f"a placeholder of the authoring commands is still here ({placeholder!r}): {instead}",
                        note,
                        number,
                    )
        changes = recorded.steps[index].changes
        for claim_id in sorted(set(release.because) - set(changes)):
            _warn(
                f"{claim_id} under [because] did not change in release {release.version}"
                f"{did_you_mean(claim_id, changes)}: remove it, or correct the id",
                note,
                _line_of(note, claim_id),
            )
        for claim_id, change in sorted(changes.items()):
            if change.status and claim_id not in release.because:
                _warn(
                    f"{claim_id} was rated {change.status[1] or 'removed'} in release {release.version}, "
                    f'{change.status[0]} before: say why under [because] ({claim_id} = "…")',
                    note,
                    _line_of(note, "because"),
                )
            elif change.needs_reason and claim_id not in release.because and not release.other_changes:
                _warn(
                    f"{claim_id} changed in release {release.version} ({describe(change)}): say why under "
                    f"[because], or for every such change in other_changes",
                    note,
                    _line_of(note, "because"),
                )


def signature(app: Sphinx) -> tuple[tuple[str, float, int], ...]:
    """What the releases' files are now: every page shows the last release's date and a claim's page its history, so
    an incremental build writes every page again when it differs (speedups/freshness.py)."""
    root = folder(app)
    files = sorted(root.glob("*")) if root.is_dir() else []
    return tuple((f.name, f.stat().st_mtime, f.stat().st_size) for f in files)


def setup(app: Sphinx) -> None:
    app.add_config_value("evidencekb_releases_dir", "releases", "env", types=[str])
    app.connect("write-started", check_releases)
