"""Exports written by every HTML build beside needs.json: the all-claims CSV, the ClaimReviews and the data
model another sphinx-needs project needs to import needs.json; and the list of them the pages link."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import tomli_w
from sphinx.application import Sphinx
from sphinx.config import Config

from ..compat import NeedsSphinxConfig, needs_view
from ..model.history import RELEASES_NEEDS
from ..model.rows import claim_coverage, of_type
from ..model.rule import HEALTH_CLAIM
from .claimreview import claim_review
from .feed import FEED_NAME

NEEDS_JSON_NAME = "needs.json"

CSV_NAME = "claims.csv"
CLAIM_REVIEWS_NAME = "claim-reviews.jsonl"
MODEL_NAME = "needs-model.toml"
RELEASES_NAME = "releases-needs.json"
# What an importing project declares to accept the items; id rules, schema rules and build options stay ours.
MODEL_KEYS = ("types", "fields", "links")
# Link types sphinx-needs adds to every project's resolved links, the importing project's too.
EVERY_PROJECTS_LINKS = ("links", "parent_needs")
CSV_COLUMNS = (
    "id",
    "title",
    "sources",
    "mechanism",
    "kind",
    "n_supporting",
    "n_contradicting",
    "n_inconclusive",
    "best_evidence",
    "status",
    "flag",
    "verdict",
    "certainty",
    "rated_down_for",
    "question",
    "statement",
)


# What the site's root offers for download: file, format, what it holds (the exports directive lists them).
EXPORTS = (
    (
        CSV_NAME,
        "CSV (UTF-8, a header row)",
        "every claim with its sources, mechanism, evidence counts, computed status, question, plain-language statement and verdict",
    ),
    (
        CLAIM_REVIEWS_NAME,
        "JSON Lines: one schema.org ClaimReview (JSON-LD) a line",
        "the maintainers' review of every health claim, as fact-check aggregators read it",
    ),
    (NEEDS_JSON_NAME, "JSON, sphinx-needs' needs.json", "every item with its fields and links"),
    (MODEL_NAME, "TOML, read by sphinx-needs' needs_from_toml", "the need types, fields and links of needs.json"),
    (
        RELEASES_NAME,
        "JSON, sphinx-needs' needs.json, a version a release",
        "every item as each release of the knowledge base recorded it",
    ),
    (FEED_NAME, "Atom", "each claim a release changed, with what changed and why (with a base URL only)"),
)


def recorded_releases(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.evidencekb_releases_dir, RELEASES_NEEDS)


def offered(app: Sphinx) -> list[tuple[str, str, str]]:
    """The exports this build writes: the feed only with a base URL, the releases once one is recorded."""
    return [
        export
        for export in EXPORTS
        if (export[0] != FEED_NAME or (app.config.html_baseurl and recorded_releases(app).is_file()))
        and (export[0] != RELEASES_NAME or recorded_releases(app).is_file())
    ]


def published_model(config: Config) -> str:
    """The need types, fields and links as sphinx-needs resolved them from ubproject.toml, as a needs_from_toml file."""
    needs_config = NeedsSphinxConfig(config)
    model = {key: getattr(needs_config, key) for key in MODEL_KEYS}
    model["links"] = {name: link for name, link in model["links"].items() if name not in EVERY_PROJECTS_LINKS}
    header = (
        f"# The data model of {NEEDS_JSON_NAME} beside this file, written by the build from the project's ubproject.toml.\n"
        f'# Import both in conf.py: needs_from_toml = "{MODEL_NAME}" and needs_external_needs naming {NEEDS_JSON_NAME}.\n\n'
    )
    return header + tomli_w.dumps({"needs": model})


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    needs = needs_view(app)
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
    if recorded_releases(app).is_file():
        shutil.copyfile(recorded_releases(app), Path(app.outdir, RELEASES_NAME))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
