"""The archived text of a source: where it is, read once per version of the file, and a dependency of its page.

A source's page is read again when its archive changes (Sphinx's own dependency tracking), so its
sentences are checked and shown as they are now.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..compat import Need, needs_while_reading
from ..model.quotes import ArchivedText, ArchiveError


def archive_of(app: Sphinx, source: Mapping[str, Any]) -> Path:
    """The archived text of a source; the archive folder when the source names no file."""
    return Path(app.srcdir, app.config.evidencekb_archive_dir, source.get("archive") or "")


@lru_cache(maxsize=64)
def _load(path: str, mtime: float) -> ArchivedText | ArchiveError:
    try:
        return ArchivedText.load(Path(path))
    except ArchiveError as error:
        return error


def read_archive(app: Sphinx, source: Mapping[str, Any]) -> ArchivedText | ArchiveError | None:
    """The archived text of a source, read once per file version: the text, why it cannot be read, or None when
    the source names no file or the file is missing."""
    path = archive_of(app, source)
    return _load(str(path), path.stat().st_mtime) if source.get("archive") and path.is_file() else None


def archived_text(app: Sphinx, source: Mapping[str, Any]) -> ArchivedText | None:
    """The archived text of a source; None when it is missing or unreadable (the checks report why)."""
    text = read_archive(app, source)
    return text if isinstance(text, ArchivedText) else None


def note_archives(app: Sphinx, doctree: nodes.document) -> None:
    needs = needs_while_reading(app.env)
    for node in doctree.findall(Need):
        need = needs.get(node["ids"][0]) if node["ids"] else None
        if need is not None and need["type"] == "source" and need.get("archive"):
            app.env.note_dependency(str(archive_of(app, need)))


def setup(app: Sphinx) -> None:
    # before sphinx-needs takes hidden needs' nodes out of the doctree (doctree-read, priority 500)
    app.connect("doctree-read", note_archives, priority=400)
