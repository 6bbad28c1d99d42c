"""Shared fixtures: the fixture knowledge base built once, private copies of it to edit, and the real site.

Every test builds a project of its own (tests/roots/); the real content is read only by tests/test_content.py,
and only for what holds of any content.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from building import BASE_URL, ROOT, Build, build, copy_root

# make html's folders: the real-content tests read (and, if stale, refresh) the site it built
REAL_OUTDIR = ROOT / "_build" / "html"
REAL_DOCTREES = ROOT / "_build" / "doctrees"


@pytest.fixture(scope="session")
def kb_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture knowledge base (tests/roots/kb), built once with a base URL, as it is published."""
    project = copy_root("kb", tmp_path_factory.mktemp("kb") / "project")
    site = build(project, project / "_build" / "html", base_url=BASE_URL)
    assert site.ok, site.warnings
    return site


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A private copy of the fixture knowledge base, to edit."""
    return copy_root("kb", tmp_path / "kb")


@pytest.fixture
def root_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A private copy of any fixture project under tests/roots/."""
    return lambda name: copy_root(name, tmp_path / name)


@pytest.fixture(scope="session")
def real_site() -> Build:
    """The real knowledge base as make html builds it (no base URL, -W): brought up to date incrementally."""
    site = build(ROOT, REAL_OUTDIR, base_url=None, doctrees=REAL_DOCTREES)
    assert site.ok, site.warnings
    return site
