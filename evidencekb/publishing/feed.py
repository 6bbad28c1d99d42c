"""The Atom feed of changes, written with feedgen: an entry for each claim that a release changed, with what
changed and why, newest first, so that a reader or an aggregator that stored a review learns that it changed.

Atom wants absolute addresses for its ids and links, so a build without a base URL writes no feed (and says so
once, with the other absolute addresses it leaves out). Entries are dated by their release: no build time enters.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx

from ..compat import needs_view
from ..model.history import describe
from ..model.rows import ClaimCoverage
from ..reading.releases import history
from .site import absolute_url

FEED_NAME = "changes.atom"
# Only the newest entries: a feed is read for what is new, and the What's new page keeps the rest.
ENTRIES = 200


def _date(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC)


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.html_baseurl:
        return
    recorded = history(app)
    if not recorded.releases:
        return
    needs = needs_view(app)
    feed = FeedGenerator()
    home = absolute_url(app, app.config.root_doc) or ""
    feed.id(home + FEED_NAME)
    feed.title(f"{app.config.html_title}: what changed")
    feed.link(href=home, rel="alternate")
    feed.link(href=home + FEED_NAME, rel="self")
    feed.author({"name": (app.config.evidencekb_publisher or {}).get("name") or app.config.author})
    feed.language("en")
    feed.updated(_date(recorded.releases[-1].date))
    entries = []
    for index in range(1, len(recorded.releases)):  # the first release records every claim: nothing changed yet
        release = recorded.releases[index]
        for claim_id, change in sorted(recorded.steps[index].changes.items()):
            if change.how == "new":
                continue
            entries.append((release, claim_id, change))
    entries.sort(key=lambda e: (e[0].date, e[1]), reverse=True)
    for release, claim_id, change in reversed(entries[:ENTRIES]):  # feedgen puts the last added first
        need = needs.get(claim_id)
        page = absolute_url(app, need["docname"], claim_id) if need else home
        title = ClaimCoverage.of(need).headline if need else claim_id
        entry = feed.add_entry()
        entry.id(f"{page}@{release.version}" if page else claim_id)
        entry.title(f"{title}: {describe(change)}")
        entry.link(href=page)
        entry.updated(_date(release.date))
        reason = release.because.get(claim_id) or release.other_changes
        entry.summary(f"Release {release.version}: {describe(change)}." + (f" Why: {reason}" if reason else ""))
    feed.atom_file(str(Path(app.outdir, FEED_NAME)), pretty=True)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_feed)
