"""What readers see of the knowledge base's life: its version on every page, a "What's new" page per release, each
claim's history, the claims whose appraisal is out of date, and who answers for it (the About and corrections page).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..model.history import REMOVED, ClaimChange, LinkChange, describe
from ..model.rows import ClaimCoverage
from ..model.rule import DIRECTIONS
from ..model.signoff import SIGNED
from ..publishing.feed import FEED_NAME
from ..reading.releases import Entry, History, Release, history
from .render import Cell, Html, ItemLinks, badge_html, paragraph, table

ABOUT_PAGE = "about"
WHATS_NEW_PAGE = "whats-new"
LINK_WORDS = {d.link: d.column.lower() for d in DIRECTIONS}  # for, against, inconclusive


def released(release: Release | None) -> str:
    return f"{release.version} ({release.date})" if release else "since the last release, not yet released"


def link_words(change: LinkChange) -> str:
    if change.before is None:
        return f"{change.evidence} added ({LINK_WORDS[change.after or '']})"
    if change.after is None:
        return f"{change.evidence} removed (was {LINK_WORDS[change.before]})"
    return f"{change.evidence} moved ({LINK_WORDS[change.before]} → {LINK_WORDS[change.after]})"


def what_changed(change: ClaimChange) -> str:
    """The change in a sentence for readers: the rating first, then the rest."""
    parts = [describe(change)]
    if change.links:
        parts.append("evidence: " + ", ".join(link_words(link) for link in change.links))
    return "; ".join(parts)


class ReleaseViews(ItemLinks):
    def __init__(self, app: Sphinx, docname: str, needs: Mapping[str, Mapping[str, Any]]) -> None:
        super().__init__(app, docname, needs)
        self.history: History = history(app)

    def claim_cell(self, change: ClaimChange, state: Mapping[str, Mapping[str, Any]]) -> Cell:
        if change.claim in self.needs:
            return self.anchor(change.claim)
        title = state.get(change.claim, {}).get("title", "")
        return f"{change.claim} {title}".strip()

    def changes_table(self, index: int, release: Release | None) -> list[nodes.Node]:
        changes = self.history.steps[index].changes
        before = self.history.releases[index - 1].needs if index > 0 else {}
        rows: list[list[Cell]] = []
        for claim_id, change in sorted(changes.items(), key=lambda c: (not c[1].status, c[0])):
            if change.how == "new" and index == 0:
                continue  # the first release: every claim is new
            reason = (release.because.get(claim_id) or release.other_changes) if release else ""
            status = change.status[1] if change.status and change.status[1] else ""
            rows.append(
                [
                    self.claim_cell(change, before if change.how == REMOVED else self.needs),
                    badge_html(status) if status else "–",
                    what_changed(change),
                    reason or "–",
                ]
            )
        if not rows and index == 0 and release:
            claims = sum(1 for n in release.needs.values() if n.get("type") == "claim")
            return [paragraph(f"The first release: {claims} claims recorded.")]
        if not rows:
            return [paragraph("No claim changed.")]
        caption = f"What changed in {release.version}" if release else "What changed since the last release"
        return [
            table(
                ["Claim", "Rated now", "What changed", "Why"],
                rows,
                caption=caption,
                classes=["ekb-changes"],
                scope=release.version if release else "unreleased",
            )
        ]

    def whats_new(self) -> list[nodes.Node]:
        """Each release, newest first: its date, what it changed in a sentence, and its claims' changes with why."""
        result: list[nodes.Node] = []
        unreleased = len(self.history.releases)
        if self.history.releases and self.history.steps[unreleased].changes:
            result.append(section_title("Not yet released"))
            result += self.changes_table(unreleased, None)
        for index in range(unreleased - 1, -1, -1):
            release = self.history.releases[index]
            result.append(section_title(f"{release.version}, {release.date}", release.version))
            result.append(paragraph(release.summary))
            result += self.changes_table(index, release)
        if not self.history.releases:
            result.append(paragraph("No release is recorded yet (make release; docs/releases.md)."))
        return result

    def appraisals(self) -> list[nodes.Node]:
        """The health claims whose sign-off is missing or no longer covers them."""
        rows = [
            [self.anchor(c.id), need.get("appraisal"), need.get("appraised_by") or "–", need.get("appraised_on") or "–"]
            for c in (ClaimCoverage.of(n) for n in self.needs.values() if n["type"] == "claim")
            if c.is_health_claim and (need := self.needs[c.id]).get("appraisal") != SIGNED
        ]
        if not rows:
            return [paragraph("Every health claim's appraisal is signed off as it stands.")]
        return [
            table(
                ["Claim", "Appraisal", "Last signed off by", "On"],
                sorted(rows, key=lambda r: str(r[0])),
                caption="Appraisals to sign again",
                classes=["ekb-appraisals"],
            )
        ]

    def about(self) -> list[nodes.Node]:
        config = self.app.config
        publisher = config.evidencekb_publisher or {"name": config.author}
        name = escape(publisher.get("name") or config.author)
        published_by = f'<a href="{escape(publisher["url"])}">{name}</a>' if publisher.get("url") else name
        reviewers: list[list[Cell]] = [[r["handle"], r.get("role", "")] for r in config.evidencekb_reviewers]
        report = config.evidencekb_corrections
        parts: list[nodes.Node] = [
            nodes.raw("", f"<p>Published by {published_by}.</p>", format="html"),
            table(
                ["Reviewer", "Role"],
                reviewers,
                caption="Who appraises and reviews the claims",
                classes=["ekb-reviewers"],
            )
            if reviewers
            else paragraph("No reviewer is declared (evidencekb_reviewers in conf.py)."),
        ]
        if report:
            parts.append(
                nodes.raw(
                    "",
                    f'<p class="ekb-report">To report an error: <a href="{escape(report)}">{escape(report)}</a>.</p>',
                    format="html",
                )
            )
        else:
            parts.append(
                paragraph(
                    "This copy of the knowledge base names no address for reports yet (evidencekb_corrections in "
                    "conf.py)."
                )
            )
        return parts

    def claim_history(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        entries = self.history.of(need["id"])
        latest = self.history.latest
        if not entries:
            since = f"unchanged since release {latest.version} ({latest.date})." if latest else "not yet released."
            return [paragraph(f"This claim is {since}")]
        items = "".join(f"<li>{entry_html(entry)}</li>" for entry in entries)
        return [nodes.raw("", f'<ul class="ekb-history">{items}</ul>', format="html")]


def entry_html(entry: Entry) -> str:
    change = entry.change
    when = released(entry.release)
    if change.how == "new":
        return (
            f"<strong>First recorded in {escape(entry.release.version)} ({escape(entry.release.date)})</strong>."
            if entry.release
            else "<strong>New</strong>, not yet in a release."
        )
    head = "Corrected" if change.status else "Changed"
    text = f"<strong>{head} in {escape(when)}</strong>: {escape(what_changed(change))}."
    return text + (f" Why: {escape(entry.reason)}" if entry.reason else "")


def section_title(text: str, anchor: str = "") -> nodes.Node:
    """A heading of the What's new page, in the page's outline (a rubric, since views add no sections)."""
    rubric = nodes.rubric(text=text, classes=["ekb-release"])
    if anchor:
        rubric["ids"].append(nodes.make_id(f"release {anchor}"))
    return rubric


def colophon(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Every page's foot: the version and its date, and where to read what changed and how to report an error."""
    if "body" not in context or "pathto" not in context:
        return
    latest = history(app).latest
    pathto = context["pathto"]
    version = f"Version {escape(app.config.release)}" + (f", released {escape(latest.date)}" if latest else "")
    links = [
        f'<a href="{escape(pathto(page))}">{text}</a>'
        for page, text in ((WHATS_NEW_PAGE, "What's new"), (ABOUT_PAGE, "About and corrections"))
        if page in app.env.found_docs
    ]
    context["body"] += Html(f'<p class="ekb-colophon">{version} · {" · ".join(links)}</p>')
    if latest and app.config.html_baseurl and "metatags" in context:  # where feed readers find the feed
        feed = posixpath.join(app.config.html_baseurl, FEED_NAME)
        title = escape(f"{app.config.html_title}: what changed")
        context["metatags"] += (
            f'\n<link rel="alternate" type="application/atom+xml" title="{title}" href="{escape(feed)}" />'
        )
