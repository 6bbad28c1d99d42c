"""Exports written by every HTML build: needs.json, the all-claims CSV and ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx_needs.config import NeedsSphinxConfig
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.filter_common import filter_needs_view
from sphinx_needs.needsfile import NeedsList

from .kept import KeptResults
from .model import NEED_ROLE, Needs, claim_coverage
from .quotes import split_quotes

NEEDS_JSON_NAME = "needs.json"
# Each need's encoded needs.json entry, kept between builds beside the environment.
NEEDS_JSON_CACHE = "evidencekb-needs-json.pickle"
_NEEDS_SLOT = "\0needs\0"  # stands for the needs in the envelope; json escapes it, so no data can match it
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


def write_needs_json(app: Sphinx, exception: Exception | None) -> None:
    """sphinx-needs' needs.json, as its needs builder writes it.

    Why not sphinx-needs' own ``build_json``: it encodes every need on every build, through ``json.dump``'s
    pure-Python encoder. Here a need on a stable page (freshness.py) keeps its entry from the last build,
    and the others go through sphinx-needs' own ``NeedsList.add_need``, encoded in C.
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
    app.connect("build-finished", write_needs_json)
    app.connect("build-finished", write_exports)
