"""Sphinx extension of the evidence knowledge base: checks, computed status, coverage, exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import (
    accessible,
    checks,
    coverage,
    diagrams,
    exports,
    freshness,
    locations,
    memory,
    navigation,
    panels,
    parallel,
    publishing,
    purge,
    schemas,
    status,
    theme,
    titles,
    writing,
)

__version__ = "0.1.0"
# The layout of what the extension keeps in Sphinx's environment (pages with needs, kept results, ...):
# Sphinx reads every page again when it differs from the saved environment's. Raise it when that layout changes.
ENV_VERSION = 1
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
    theme.load_theme_early(app)
    app.connect("builder-inited", diagrams.require_dot)
    app.connect("config-inited", _add_static)
    for module in (memory, status, schemas, checks, coverage, navigation, panels, freshness, exports, publishing, accessible, purge,
                   parallel, writing, titles, locations):
        module.setup(app)
    return {"version": __version__, "env_version": ENV_VERSION, "parallel_read_safe": True, "parallel_write_safe": True}
