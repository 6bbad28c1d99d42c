"""sphinx-needs' needs.json, written as its needs builder writes it, with unchanged items' entries kept.

Why not sphinx-needs' own ``build_json``: it encodes every need on every build, through ``json.dump``'s
pure-Python encoder (3.3 s of a one-claim rebuild at 2,000 claims, profiled). Here a need on a stable
page (freshness.py) keeps its entry from the last build, and the others go through sphinx-needs' own
``NeedsList.add_need``, encoded in C (docs/performance.md). With the speed-ups off, sphinx-needs writes
the file itself; the tests compare both with the needs builder's.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_needs.api import get_needs_view

from ..compat import NeedItem, NeedsList, NeedsSphinxConfig, filter_needs_view
from ..publishing.exports import NEEDS_JSON_NAME
from .kept import KeptResults

# Each need's encoded needs.json entry, kept between builds beside the environment.
NEEDS_JSON_CACHE = "evidencekb-needs-json.pickle"
_NEEDS_SLOT = "\0needs\0"  # stands for the needs in the envelope; json escapes it, so no data can match it


def write_needs_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    config = NeedsSphinxConfig(app.config)
    version = app.config.version
    needs_list = NeedsList(app.env, app.outdir, app.confdir)

    def encoded(need: NeedItem) -> str:
        needs_list.add_need(version, need)
        return json.dumps(needs_list.needs_list["versions"][version]["needs"].pop(need["id"]), sort_keys=True)

    kept = KeptResults(app, NEEDS_JSON_CACHE)
    entries = {
        need["id"]: kept.get(need, partial(encoded, need))
        for need in filter_needs_view(get_needs_view(app), config, config.builder_filter)
    }
    needs_list.update_or_add_version(version)
    envelope: dict[str, Any] = cast(dict[str, Any], needs_list.needs_list["versions"][version])
    envelope.update(needs=_NEEDS_SLOT, needs_amount=len(entries))
    head, tail = needs_list.dump_json().split(json.dumps(_NEEDS_SLOT), 1)
    # written piece by piece, the bytes json.dumps(sort_keys=True) gives, without a second copy of the file in memory
    with Path(app.outdir, NEEDS_JSON_NAME).open("w", encoding="utf-8") as handle:
        handle.write(head + "{")
        handle.writelines(
            f"{', ' if i else ''}{json.dumps(need_id)}: {entries[need_id]}" for i, need_id in enumerate(sorted(entries))
        )
        handle.write("}" + tail)
    kept.save()


def use_sphinx_needs_writer(config: Config) -> None:
    """With the speed-ups off: sphinx-needs' own build_json writes the file (ubproject.toml switches it off)."""
    config.needs_build_json = True


def enable(app: Sphinx) -> None:
    app.connect("build-finished", write_needs_json)
