"""Sphinx extension of the evidence knowledge base: checks, computed status, coverage, exports.

The stages of a claim's path are subpackages (docs/architecture.md): ``model`` (the data model's logic, no
Sphinx), ``reading`` (reading and checks), ``views`` (pages and tables), ``publishing`` (the web's files and
the exports) and ``speedups`` (the machinery that makes builds fast, behind one setting). ``compat`` holds every
internal of Sphinx and sphinx-needs they use; ``authoring`` the maintainers' commands (not loaded by Sphinx).
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import publishing, reading, speedups, views

__version__ = version("evidencekb")


def code_fingerprint() -> int:
    """A number that changes with the extension's code. What the extension keeps in Sphinx's environment (per-page
    findings, kept results, ...) was computed by the code that saved it: Sphinx reads every page again when the
    saved environment's env_version differs, so an edited check or view never reports a stale result."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


ENV_VERSION = code_fingerprint()
STATIC = Path(__file__).parent / "static"


def _add_static(app: Sphinx, config: Config) -> None:
    # At config-inited, before Sphinx compares the configuration with the last build's: edited any later,
    # every rebuild would report "The configuration has changed" and read every page again.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
    config.html_favicon = config.html_favicon or str(STATIC / "favicon.svg")
    app.add_css_file("evidencekb.css")
    app.add_js_file("evidencekb.js", defer="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("evidencekb_archive_dir", "claims/sources/archive", "env", types=[str])
    app.add_config_value("evidencekb_content_dir", "claims", "env", types=[str])
    # Who answers for the knowledge base (docs/releases.md): the publishing organisation ({"name", "url"}; the
    # project's author and address when empty), its reviewers ({"handle", "role"} each, the handles a sign-off
    # names) and where to report an error (an address or an issue tracker).
    app.add_config_value("evidencekb_publisher", {}, "", types=[dict])
    app.add_config_value("evidencekb_reviewers", [], "", types=[list])
    app.add_config_value("evidencekb_corrections", "", "", types=[str])
    app.connect("config-inited", _add_static)
    for stage in (speedups, reading, views, publishing):
        stage.setup(app)
    return {"version": __version__, "env_version": ENV_VERSION, "parallel_read_safe": True, "parallel_write_safe": True}
