"""Exports written by every HTML build: needs.json, the all-claims CSV, the ClaimReviews and the data model
another sphinx-needs project needs to import needs.json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

import tomli_w
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx_needs.config import NeedsSphinxConfig
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.filter_common import filter_needs_view
from sphinx_needs.needsfile import NeedsList

from .claimreview import claim_review
from .kept import KeptResults
from .model import claim_coverage, of_type
from .publishing import DATA_LICENCE_NAME, DATA_LICENCE_URL
from .render import Html, paragraph, table
from .status import HEALTH_CLAIM

NEEDS_JSON_NAME = "needs.json"
# Each need's encoded needs.json entry, kept between builds beside the environment.
NEEDS_JSON_CACHE = "evidencekb-needs-json.pickle"
_NEEDS_SLOT = "\0needs\0"  # stands for the needs in the envelope; json escapes it, so no data can match it
CSV_NAME = "claims.csv"
CLAIM_REVIEWS_NAME = "claim-reviews.jsonl"
MODEL_NAME = "needs-model.toml"
# What an importing project declares to accept the items; id rules, schema rules and build options stay ours.
MODEL_KEYS = ("types", "fields", "links")
# Link types sphinx-needs adds to every project's resolved links, the importing project's too.
EVERY_PROJECTS_LINKS = ("links", "parent_needs")
CSV_COLUMNS = ("id", "title", "sources", "mechanism", "kind", "n_supporting", "n_contradicting", "n_inconclusive",
               "best_evidence", "status", "flag", "verdict", "certainty", "rated_down_for")


# What the site's root offers for download: file, format, what it holds (the exports directive lists them).
EXPORTS = (
    (CSV_NAME, "CSV (UTF-8, a header row)", "every claim with its sources, mechanism, evidence counts, computed status and verdict"),
    (CLAIM_REVIEWS_NAME, "JSON Lines: one schema.org ClaimReview (JSON-LD) a line",
     "the maintainers' review of every health claim, as fact-check aggregators read it"),
    (NEEDS_JSON_NAME, "JSON, sphinx-needs' needs.json", "every item with its fields and links"),
    (MODEL_NAME, "TOML, read by sphinx-needs' needs_from_toml", "the need types, fields and links of needs.json"),
)


class ExportsDirective(SphinxDirective):
    """The exports as a table of links from this page to the site's root, with their formats and the data licence."""

    def run(self) -> list[nodes.Node]:
        page = self.env.app.builder.get_target_uri(self.env.docname)
        rows = [[Html(f'<a class="reference download" href="{escape(relative_uri(page, name))}">{escape(name)}</a>'), file_format, holds]
                for name, file_format, holds in EXPORTS]
        licence = nodes.reference("", DATA_LICENCE_NAME, refuri=DATA_LICENCE_URL)
        return [table(["File", "Format", "What it holds"], rows, classes=["ekb-exports"]),
                paragraph("The data are published under the ", licence, " licence: reuse them with credit to this "
                          "knowledge base. The quotations in them remain their publishers' and are reproduced for review.")]


def published_model(config: Config) -> str:
    """The need types, fields and links as sphinx-needs resolved them from ubproject.toml, as a needs_from_toml file."""
    needs_config = NeedsSphinxConfig(config)
    model = {key: getattr(needs_config, key) for key in MODEL_KEYS}
    model["links"] = {name: link for name, link in model["links"].items() if name not in EVERY_PROJECTS_LINKS}
    header = (f"# The data model of {NEEDS_JSON_NAME} beside this file, written by the build from the project's ubproject.toml.\n"
              f'# Import both in conf.py: needs_from_toml = "{MODEL_NAME}" and needs_external_needs naming {NEEDS_JSON_NAME}.\n\n')
    return header + tomli_w.dumps({"needs": model})


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    needs = SphinxNeedsData(app.env).get_needs_view()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in claim_coverage(needs):
        writer.writerow(["; ".join(v) if isinstance(v, tuple) else v for v in (getattr(row, c) for c in CSV_COLUMNS)])
    Path(app.outdir, CSV_NAME).write_text(out.getvalue(), encoding="utf-8")
    # JSON Lines: one ClaimReview (a JSON-LD document of its own) a line, so a change to one claim is one changed line
    reviews = [claim_review(app, n, needs) for n in of_type(needs, "claim") if n.get("claim_kind") == HEALTH_CLAIM]
    Path(app.outdir, CLAIM_REVIEWS_NAME).write_text("".join(f"{r}\n" for r in reviews), encoding="utf-8")
    Path(app.outdir, MODEL_NAME).write_text(published_model(app.config), encoding="utf-8")


def write_needs_json(app: Sphinx, exception: Exception | None) -> None:
    """sphinx-needs' needs.json, as its needs builder writes it.

    Why not sphinx-needs' own ``build_json``: it encodes every need on every build, through ``json.dump``'s
    pure-Python encoder (3.3 s of a one-claim rebuild at 2,000 claims, profiled). Here a need on a stable
    page (freshness.py) keeps its entry from the last build, and the others go through sphinx-needs' own
    ``NeedsList.add_need``, encoded in C (docs/performance.md).
    """
    if exception is not None or app.builder.format != "html":
        return
    config = NeedsSphinxConfig(app.config)
    version = app.config.version
    needs_list = NeedsList(app.env, app.outdir, app.confdir)

    def encoded(need: Mapping[str, Any]) -> str:
        needs_list.add_need(version, need)
        return json.dumps(needs_list.needs_list["versions"][version]["needs"].pop(need["id"]), sort_keys=True)

    kept = KeptResults(app.env, NEEDS_JSON_CACHE)
    entries = {need["id"]: kept.get(need, lambda need=need: encoded(need))
               for need in filter_needs_view(SphinxNeedsData(app.env).get_needs_view(), config, config.builder_filter)}
    needs_list.update_or_add_version(version)
    needs_list.needs_list["versions"][version].update(needs=_NEEDS_SLOT, needs_amount=len(entries))
    head, tail = needs_list.dump_json().split(json.dumps(_NEEDS_SLOT), 1)
    # written piece by piece, the bytes json.dumps(sort_keys=True) gives, without a second copy of the file in memory
    with Path(app.outdir, NEEDS_JSON_NAME).open("w", encoding="utf-8") as handle:
        handle.write(head + "{")
        handle.writelines(f"{', ' if i else ''}{json.dumps(need_id)}: {entries[need_id]}"
                          for i, need_id in enumerate(sorted(entries)))
        handle.write("}" + tail)
    kept.save()


def setup(app: Sphinx) -> None:
    app.add_directive("exports", ExportsDirective)
    app.connect("build-finished", write_needs_json)
    app.connect("build-finished", write_exports)
