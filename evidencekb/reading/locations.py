"""Where an item's option is written, so that a message points at the option's line, not at the directive's.

sphinx-needs records the line of the directive only; the options follow it, one a line, until the first
line that is not an option.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from ..model.rows import Fields

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


def option_line(app: Sphinx, need: Fields, option: str | None) -> int:
    """The line of ``option`` of the need, or the directive's line when the option is not written."""
    line = need["lineno"] or 0
    if option and need["docname"] and line:
        line = option_lines(file_lines(Path(app.env.doc2path(need["docname"]))), line).get(option, line)
    return line


def location(app: Sphinx, need: Fields, option: str | None = None) -> tuple[str, int] | None:
    """Where a message about the need's option goes: (docname, line), as Sphinx's logger takes it."""
    return (need["docname"], option_line(app, need, option)) if need["docname"] else None
