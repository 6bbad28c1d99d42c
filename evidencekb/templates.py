"""Compiled page templates kept between builds.

Every `sphinx-build` process compiled the theme's Jinja templates anew before writing the first
page: 0.10 to 0.14 s of a one-claim rebuild, whatever the site's size (docs/performance.md). Jinja's
own bytecode cache keeps them beside the doctrees; Jinja recompiles a template whose source changed
and ignores a cache written by another Jinja or Python version. Sphinx does not expose the option.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx


def keep_compiled_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)  # only the HTML builders render templates
    if templates is None:
        return
    directory = Path(app.doctreedir) / "jinja2"
    directory.mkdir(parents=True, exist_ok=True)
    templates.environment.bytecode_cache = FileSystemBytecodeCache(str(directory))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", keep_compiled_templates)
