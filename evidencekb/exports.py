"""Exports written by every HTML build beside sphinx-needs' needs.json: the all-claims CSV and ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

from .model import NEED_ROLE, Needs, claim_coverage
from .quotes import split_quotes

CSV_NAME = "claims.csv"
JSONLD_NAME = "claim-reviews.jsonld"
CSV_COLUMNS = ("id", "title", "sources", "mechanism", "kind", "n_supporting", "n_contradicting", "n_inconclusive",
               "best_evidence", "status", "flag", "verdict", "certainty", "rated_down_for")
# The verdict on schema.org's numeric scale (1 worst .. 4 best); alternateName carries the word.
VERDICT_RATING = {"contradicted": 1, "not enough evidence": 2, "mixed": 3, "supported": 4}


def explanation(need: Mapping[str, Any], needs: Needs) -> str:
    """The maintainers' reasoning as plain text, with each linked item named by its title."""
    text = NEED_ROLE.sub(lambda m: needs[m.group(1)]["title"] if m.group(1) in needs else m.group(1), need.get("content") or "")
    return " ".join(text.replace("**", "").split())


def claim_review_data(app: Sphinx, need: Mapping[str, Any], needs: Needs) -> dict[str, Any]:
    sources = [needs[s] for s in need.get("sources") or [] if s in needs]
    appearances = [{"@type": "CreativeWork", "headline": s["title"], **({"url": s["appeared_at"]} if s.get("appeared_at") else {})}
                   for s in sources]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": need["id"],
        "url": app.builder.get_target_uri(need["docname"]) + "#" + need["id"],
        "claimReviewed": need["title"],
        "itemReviewed": {"@type": "Claim", "text": " … ".join(split_quotes(need.get("quote") or "")), "appearance": appearances},
        "author": {"@type": "Organization", "name": app.config.author},
        # The review is dated by the archiving of the pages it reviews: no build time enters an export.
        "datePublished": max((s.get("archived") or "" for s in sources), default=""),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": need.get("verdict"),
            "ratingValue": VERDICT_RATING.get(need.get("verdict") or "", 0),
            "worstRating": 1,
            "bestRating": 4,
            "ratingExplanation": explanation(need, needs) + f" Computed support status: {need.get('support')}.",
        },
    }


def as_script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' survives literally."""
    # compact: with an indent, json runs its pure-Python encoder (a second a build at 2,000 claims)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def claim_review(app: Sphinx, need: Mapping[str, Any], needs: Needs) -> str:
    return as_script_json(claim_review_data(app, need, needs))


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
    reviews = [claim_review(app, n, needs) for n in sorted(needs.values(), key=lambda n: n["id"])
               if n["type"] == "claim" and n.get("claim_kind") == "health claim"]
    # one review a line: a change to one claim is one changed line
    Path(app.outdir, JSONLD_NAME).write_text("[\n" + ",\n".join(reviews) + "\n]\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
