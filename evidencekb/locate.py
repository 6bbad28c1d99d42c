"""Give sphinx-needs' schema messages the file and line of the need they are about.

sphinx-needs 9 logs schema violations with no location; a logging filter adds it,
so a maintainer sees ``claims/claims/x.md:3: ERROR: ...`` like every other message.
"""

from __future__ import annotations

import logging
import re

from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

_NEED_IN_MESSAGE = re.compile(r"^Need '([^']+)' has schema violations")
_SCHEMA_LOGGER = "sphinx.sphinx_needs.schema.process"


class NeedLocationFilter(logging.Filter):
    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        match = _NEED_IN_MESSAGE.match(str(record.msg))
        if match and not getattr(record, "location", None):
            need = SphinxNeedsData(self.app.env).get_needs_view().get(match.group(1))
            if need is not None and need["docname"]:
                record.location = (need["docname"], need["lineno"])
        return True


def setup(app: Sphinx) -> None:
    schema_logger = logging.getLogger(_SCHEMA_LOGGER)
    for old in [f for f in schema_logger.filters if isinstance(f, NeedLocationFilter)]:
        schema_logger.removeFilter(old)  # one Python process may build several projects (tests)
    schema_logger.addFilter(NeedLocationFilter(app))
