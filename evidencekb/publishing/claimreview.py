"""The schema.org ClaimReview of a health claim, with the fields fact-check aggregators read (Google's
ClaimReview documentation): embedded in the claim's page and written, one a line, to the export."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx

from ..model.markup import plain
from ..model.quotes import split_quotes
from ..model.rows import NEED_ROLE, Needs
from ..model.rule import STATUS_RATING, STATUS_WORDS, verdict_agrees
from ..reading.releases import history
from .site import DATA_LICENCE_URL, absolute_url


def explanation(need: Mapping[str, Any], needs: Needs) -> str:
    """The maintainers' reasoning as plain text, with each linked item named by its title."""
    text = NEED_ROLE.sub(
        lambda m: needs[m.group(1)]["title"] if m.group(1) in needs else m.group(1), need.get("content") or ""
    )
    return " ".join(plain(text).replace("**", "").split())


def appraisal(need: Mapping[str, Any], needs: Needs) -> str:
    """The plain-language statement, the reasoning, the GRADE certainty with what it was rated down for, and the
    maintainers' verdict, as theirs, where it differs from the computed rating."""
    certainty = f"Certainty of the evidence (GRADE): {need.get('certainty')}"
    if need.get("rated_down_for"):
        certainty += ", rated down for " + ", ".join(need["rated_down_for"])
    text = f"{need.get('statement')} {explanation(need, needs)} {certainty}."
    if not verdict_agrees(need.get("verdict"), need.get("support") or ""):
        text += f" The maintainers' own verdict differs: {need.get('verdict')}."
    return text


def publisher(source: Mapping[str, Any]) -> dict[str, str] | None:
    """The organisation that published a source: the site its address names; unknown without an address."""
    if not source.get("appeared_at"):
        return None
    address = urlsplit(source["appeared_at"])
    return {
        "@type": "Organization",
        "name": address.hostname or address.netloc,
        "url": f"{address.scheme}://{address.netloc}/",
    }


def appearance(app: Sphinx, source: Mapping[str, Any]) -> dict[str, Any]:
    """Where the claim appeared: the source's own address where known, and its archived text on this site."""
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": source["title"]}
    optional = {
        "url": source.get("appeared_at"),
        "archivedAt": absolute_url(app, source["docname"], source["id"]),
        "datePublished": source.get("published"),
        "author": publisher(source),
    }
    work.update((key, value) for key, value in optional.items() if value)
    return work


def first_source(sources: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The earliest published of the claim's sources; where no date is known, the first the claim lists."""
    return min(sources, key=lambda s: (not s.get("published"), s.get("published") or ""))


def publishing_organisation(app: Sphinx) -> dict[str, str]:
    """The organisation the project's configuration declares as its publisher (evidencekb_publisher)."""
    publisher = app.config.evidencekb_publisher or {}
    url = publisher.get("url") or app.config.html_baseurl
    return {
        "@type": "Organization",
        "name": publisher.get("name") or app.config.author,
        **({"url": url} if url else {}),
    }


def last_modified(app: Sphinx, claim_id: str) -> str:
    """The date of the last release that changed the claim (or first recorded it); none before its first release."""
    return max((e.release.date for e in history(app).of(claim_id) if e.release is not None), default="")


def claim_review_data(app: Sphinx, need: Mapping[str, Any], needs: Needs, modified: str = "") -> dict[str, Any]:
    """The review; ``modified`` the date of the last release that changed the claim (dateModified)."""
    sources = [needs[s] for s in need.get("sources") or [] if s in needs]
    claim: dict[str, Any] = {
        "@type": "Claim",
        "text": " … ".join(split_quotes(need.get("quote") or "")),
        "appearance": [appearance(app, s) for s in sources],
    }
    if sources:
        first = first_source(sources)
        claim["firstAppearance"] = appearance(app, first)
        claim.update(
            (key, value)
            for key, value in (("author", publisher(first)), ("datePublished", first.get("published")))
            if value
        )
    review: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview", "identifier": need["id"]}
    if (page := absolute_url(app, need["docname"])) is not None:
        review.update({"@id": f"{page}#{need['id']}", "url": page})
    review.update(
        {
            "claimReviewed": need["title"],
            "itemReviewed": claim,
            "author": publishing_organisation(app),
            # The review is dated by the archiving of the pages it reviews and by the releases that changed it: no
            # build time enters an export.
            "datePublished": max((s.get("archived") or "" for s in sources), default=""),
            **({"dateModified": modified} if modified else {}),
            "license": DATA_LICENCE_URL,
            "reviewRating": {
                "@type": "Rating",
                "alternateName": STATUS_WORDS[need["support"]],
                "ratingValue": STATUS_RATING[need["support"]],
                "worstRating": 1,
                "bestRating": 4,
                "ratingExplanation": appraisal(need, needs),
            },
        }
    )
    return review


def as_script_json(data: Any) -> str:
    """JSON on one line that is safe inside a <script> element: no '<', '>' or '&' survives literally."""
    # compact: with an indent, json runs its pure-Python encoder (a second a build at 2,000 claims)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def claim_review(app: Sphinx, need: Mapping[str, Any], needs: Needs) -> str:
    return as_script_json(claim_review_data(app, need, needs, last_modified(app, need["id"])))
