"""The machinery that makes a build fast, behind one setting: ``evidencekb_speedups`` (on by default).

Off (``-D evidencekb_speedups=0``, or ``EVIDENCEKB_SPEEDUPS=0`` in the environment), the build is the plain one:
sphinx-needs' own purge and needs.json writer, every page written on every build, nothing kept from the last
build, no parallel-read trimming, no garbage-collector tuning, the theme loaded where Sphinx loads it. The
tests build every kind of edit both ways and compare the result with a clean build (tests/test_speedups.py).
What each part saves is on docs/performance.md.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config

SETTING = "evidencekb_speedups"
ENVIRONMENT_VARIABLE = "EVIDENCEKB_SPEEDUPS"


def _default() -> bool:
    return os.environ.get(ENVIRONMENT_VARIABLE, "1").strip().lower() not in ("0", "false", "no", "off")


def enabled(config: Config) -> bool:
    return bool(getattr(config, SETTING, True))


def _enable(app: Sphinx, config: Config) -> None:
    # config-inited: every value is read, and nothing is compared with the last build or loaded from it yet.
    # The parts are imported here, not above: the stages below them import this package's kept results.
    from . import freshness, memory, needs_json, parallel, purge, theme

    if enabled(config):
        for part in (memory, theme, purge, parallel, freshness, needs_json):
            part.enable(app)
    else:
        needs_json.use_sphinx_needs_writer(config)
        app.connect("env-get-updated", freshness.every_page)


def setup(app: Sphinx) -> None:
    app.add_config_value(SETTING, _default(), "", types=[bool])
    # after sphinx-needs loads ubproject.toml (priority 10), before it resolves the configuration
    app.connect("config-inited", _enable, priority=20)
