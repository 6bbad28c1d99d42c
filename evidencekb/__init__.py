"""Sphinx extension of the evidence knowledge base: checks, computed status, coverage, exports."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import checks, locate, status

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("evidencekb_archive_dir", "claims/sources/archive", "env", types=[str])
    app.add_config_value("evidencekb_content_dir", "claims", "env", types=[str])
    status.setup(app)
    locate.setup(app)
    checks.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
