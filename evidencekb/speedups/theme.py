"""The HTML theme loaded with the extensions, so that a rebuild with no change reads no page again and
reports no configuration change.

Sphinx loads a theme only after comparing the configuration with the last build's; a theme's own option
(furo's ``pygments_dark_style``) is then missing from the comparison and every rebuild says "The
configuration has changed". Loaded at config-inited, the option is there in time. Builders without a theme
(needs, dummy) never call the theme's hooks: furo refuses to run in them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from ..compat import handlers_of, reconnect


def _in_html_builds(handler: Callable[..., Any]) -> Callable[..., Any]:
    def hook(app: Sphinx, *args: Any) -> Any:
        return handler(app, *args) if app.builder.format == "html" else None

    return hook


def enable(app: Sphinx) -> None:
    theme = app.config.html_theme
    if theme in app.extensions:
        return
    try:
        app.setup_extension(theme)
    except ExtensionError:  # a theme that is no importable extension: Sphinx reports it where it loads themes
        return
    for event, listener_id, handler, priority in list(handlers_of(app, lambda h: h.__module__.split(".")[0] == theme)):
        reconnect(app, event, listener_id, _in_html_builds(handler), priority)
