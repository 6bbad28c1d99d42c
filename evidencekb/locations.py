"""Where an item's option is written, so that a message points at the option's line, not at the directive's.

sphinx-needs records the line of the directive only; the options follow it, one a line, until the first
line that is not an option. sphinx-needs' own message about a link's target type is moved there too.
"""

from __future__ import annotations

import logging as logging_module
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_needs.data import SphinxNeedsData

OPTION = re.compile(r"^:([A-Za-z_][\w-]*):(?=\s|$)")


@lru_cache(maxsize=512)
def _lines(path: str, mtime: float) -> tuple[str, ...]:
    return tuple(Path(path).read_text(encoding="utf-8").splitlines())


def file_lines(path: Path) -> tuple[str, ...]:
    """The lines of a file, read once per version of it."""
    return _lines(str(path), path.stat().st_mtime) if path.is_file() else ()


def option_lines(lines: tuple[str, ...], directive_line: int) -> dict[str, int]:
    """The options of the directive written at ``directive_line`` (1-based), each with the line it is on."""
    found: dict[str, int] = {}
    for number in range(directive_line + 1, len(lines) + 1):
        match = OPTION.match(lines[number - 1])
        if not match:
            break
        found.setdefault(match.group(1), number)
    return found


def option_line(app: Sphinx, need: Mapping[str, Any], option: str | None) -> int:
    """The line of ``option`` of the need, or the directive's line when the option is not written."""
    line = need["lineno"] or 0
    if option and need["docname"] and line:
        line = option_lines(file_lines(Path(app.env.doc2path(need["docname"]))), line).get(option, line)
    return line


def location(app: Sphinx, need: Mapping[str, Any], option: str | None = None) -> tuple[str, int] | None:
    """Where a message about the need's option goes: (docname, line), as Sphinx's logger takes it."""
    return (need["docname"], option_line(app, need, option)) if need["docname"] else None


class LinkMessagesAtTheirOption(logging_module.Filter):
    """Moves sphinx-needs' message about a link (a target of the wrong type) from the directive's line to the option's."""

    LINK = re.compile(r"^Need '([^']+)' link .*? in field '([^']+)'")

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging_module.LogRecord) -> bool:
        match = self.LINK.match(str(record.msg))
        need = SphinxNeedsData(self.app.env).get_needs_mutable().get(match.group(1)) if match else None
        if need is not None and getattr(record, "location", None):
            record.location = location(self.app, need, match.group(2))
        return True


def setup(app: Sphinx) -> None:
    logging.getLogger("sphinx_needs.directives.need").logger.addFilter(LinkMessagesAtTheirOption(app))
