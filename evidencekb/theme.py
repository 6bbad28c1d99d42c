"""The HTML theme loaded with the extensions, so that a rebuild with no change reports no configuration change.

Sphinx loads a theme only after comparing the configuration with the last build's; a theme's own option
(furo's ``pygments_dark_style``) is then missing from the comparison and every rebuild says "The
configuration has changed". Loaded here, the option is there in time. Builders without a theme (needs,
dummy) never call the theme's hooks: furo refuses to run in them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


def _in_html_builds(handler: Callable[..., Any]) -> Callable[..., Any]:
    def hook(app: Sphinx, *args: Any) -> Any:
        return handler(app, *args) if app.builder.format == "html" else None
    return hook


def load_theme_early(app: Sphinx) -> None:
    theme = app.config.html_theme
    if theme in app.extensions:
        return
    try:
        app.setup_extension(theme)
    except ExtensionError:  # a theme that is no importable extension: Sphinx reports it where it loads themes
        return
    for event, listeners in app.events.listeners.items():
        for listener in [entry for entry in listeners if entry.handler.__module__.split(".")[0] == theme]:
            app.disconnect(listener.id)
            app.connect(event, _in_html_builds(listener.handler), priority=listener.priority)
