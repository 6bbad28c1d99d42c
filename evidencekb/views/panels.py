"""How each item is shown: its head, the maintainers' text, its fields and panels computed from the needs graph.

Written here rather than in every content file, so a maintainer writes only the need. The item replaces
sphinx-needs' own rendering (a layout table per need, about 1.4 ms each, a seventh of a 6,000-item build):
the fields and panels below are what a reader needs, written as HTML where no later step reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..compat import Need, needs_view, replace_need_functions
from ..model import markup
from ..model.quotes import ArchivedText, split_quotes
from ..model.results import results
from ..model.rows import (
    ClaimCoverage,
    Tally,
    computed_once,
    coverage_of,
    findings_rows,
    of_type,
    on_page,
    reference_audit,
)
from ..model.rule import DIRECTIONS, STATUSES
from ..model.sentences import Account, Coverage, accounts
from ..model.signoff import SIGNED, UNSIGNED
from ..publishing.claimreview import claim_review
from ..reading.archives import archived_text
from . import diagrams
from .evidence_map import evidence_map
from .releases import ReleaseViews
from .render import Cell, Html, ItemLinks, badge, badge_html, joined, panel, paragraph, table

IDENTIFIER_LINKS = {
    "doi": "https://doi.org/{}",
    "pmid": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "pmcid": "https://pmc.ncbi.nlm.nih.gov/articles/{}/",
    "url": "{}",
}


# An item's own fields, by type, as the reader reads them; values naming other items become links.
FACTS = {
    "source": (("publisher_kind", "Publisher"), ("archived", "Archived"), ("appeared_at", "Appeared at")),
    "claim": (
        ("claim_kind", "Kind"),
        ("mechanism", "Mechanism"),
        ("sources", "Sources"),
        ("source_refs", "Reference numbers the source attached"),
    ),
    "evidence": (
        ("authors", "Authors"),
        ("journal", "Journal"),
        ("year", "Year"),
        ("design", "Design"),
        ("population", "Population"),
        ("certainty", "Certainty"),
        ("finding", "Finding"),
        ("listed_in", "Listed in"),
    ),
}


def external(text: str, uri: str) -> nodes.reference:
    return nodes.reference("", text, refuri=uri)


class Panels(ItemLinks):
    def evidence_table(self, ids: list[str], caption: str, scope: str) -> nodes.Node:
        if not ids:
            return paragraph(f"{caption}: none linked.")
        rows = [
            [
                self.anchor(i),
                e.get("design"),
                e.get("population"),
                e.get("year"),
                e.get("certainty"),
                Html(markup.to_html(e.get("finding") or "")),
            ]
            for i in ids
            if (e := self.needs.get(i))
        ]
        return table(
            ["Evidence", "Design", "Population", "Year", "Certainty", "Finding"], rows, caption=caption, scope=scope
        )

    def breadcrumb(self, need: Mapping[str, Any]) -> str:
        """Where the item belongs: the start page, its type's index page (it is in no navigation tree), the item."""
        env = self.app.env
        index = f"{need['docname'].rsplit('/', 1)[0]}/index"
        links = [f'<a href="{escape(self.page_uri(self.app.config.root_doc))}">Start</a>']
        if index in env.titles and index != need["docname"]:
            links.append(f'<a href="{escape(self.page_uri(index))}">{escape(env.titles[index].astext())}</a>')
        return (
            f'<nav class="ekb-breadcrumb" aria-label="Breadcrumb">{" › ".join(links)} › '
            f'<span aria-current="page">{escape(need["title"])}</span></nav>'
        )

    def head(self, need: Mapping[str, Any]) -> nodes.raw:
        return nodes.raw(
            "",
            self.breadcrumb(need) + f'<p class="ekb-head"><span class="ekb-type">{escape(need["type_name"])}</span> '
            f'<strong>{escape(need["title"])}</strong> <a class="reference internal ekb-id" '
            f'href="#{escape(need["id"])}">{escape(need["id"])}</a></p>',
            format="html",
        )

    def facts(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        rows = []
        for field, label in FACTS.get(need["type"], ()):
            value = need.get(field)
            if value in (None, "", []):
                continue
            values = value if isinstance(value, list) else [value]
            shown = (
                self.anchor(v) if isinstance(v, str) and v in self.needs else markup.to_html(str(v)) for v in values
            )
            rows.append(f"<dt>{escape(label)}</dt><dd>{', '.join(shown)}</dd>")
        return [nodes.raw("", f'<dl class="ekb-facts">{"".join(rows)}</dl>', format="html")] if rows else []

    # -- claim
    def bottom_line(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        """What a health claim's page opens with: its badge and what the evidence says, then the question asked."""
        c = ClaimCoverage.of(need)
        if not c.is_health_claim:
            return []
        said = paragraph(badge(c.status), " ", nodes.strong(text=c.statement))
        said["classes"].append("ekb-bottom-line")
        asked = paragraph(f"The question: {c.question} Certainty of the evidence (GRADE): {c.certainty_text}.")
        asked["classes"].append("ekb-question")
        return [said, asked]

    def claim(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        c = ClaimCoverage.of(need)
        status = paragraph("Status: ", badge(c.status))
        if c.is_health_claim:
            status += nodes.Text(
                f" · certainty of the evidence (GRADE): {c.certainty_text} · best evidence: "
                f"{c.best_evidence or 'none'} · maintainers' verdict: {c.verdict}"
            )
            if not c.verdict_agrees:
                status += nodes.Text(
                    " · the computed status and the verdict disagree (the verdict's reasons: “Why this verdict” above)"
                )
            status += nodes.Text(f" · evidence last searched: {need.get('last_searched') or 'not recorded'}")
            status += nodes.Text(f" · {signoff_words(need)}")
        status["classes"].append("ekb-status")
        parts: list[nodes.Node] = [status]
        if c.flag:
            parts.append(paragraph(f"Why: {c.flag}."))
        parts.append(panel("The quote in its context", *self.contexts(need)))
        if c.is_health_claim:
            parts.append(panel("Summary of findings", self.findings(need)))
        if c.is_health_claim or any(need.get(d.link) for d in DIRECTIONS):
            parts.append(
                panel(
                    "Evidence",
                    *(self.evidence_table(need.get(d.link) or [], d.on_claim, need["id"]) for d in DIRECTIONS),
                )
            )
        if need.get("source_refs"):
            parts.append(panel("What the source cited for it", *self.cited(need)))
        parts.append(panel("History", *ReleaseViews(self.app, self.docname, self.needs).claim_history(need)))
        if c.is_health_claim:
            review = claim_review(self.app, need, self.needs)
            parts.append(nodes.raw("", f'<script type="application/ld+json">{review}</script>', format="html"))
        return parts

    def findings(self, need: Mapping[str, Any]) -> nodes.Node:
        """The claim's rows of the summary of findings: per comparison, the studies and what they found."""
        rows: list[list[Cell]] = []
        for row in findings_rows(need, self.needs):
            studies = [
                f"{escape(f.evidence['id'])} ({'for' if f.link == 'supported_by' else 'against'}): "
                + (
                    escape(f"{f.result.studies}, {f.result.participants}: ") + markup.to_html(f.result.effect)
                    if f.result
                    else "comparison not stated"
                )
                for f in row.findings
            ]
            rows.append(
                [
                    row.label,
                    Html("<br>".join(studies)) if studies else "no study",
                    row.statement,
                    badge_html(row.status),
                ]
            )
        return table(
            ["Compared with", "Studies and what they found", "What the evidence says", "Status"],
            rows,
            caption="Summary of findings",
            scope=need["id"],
        )

    def contexts(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        texts = [(s, archived_text(self.app, self.needs[s])) for s in need.get("sources") or [] if s in self.needs]
        blocks: list[nodes.Node] = []
        for quote in split_quotes(need.get("quote") or ""):
            found = next(((s, ctx) for s, text in texts if text and (ctx := text.context(quote))), None)
            if found is None:
                continue  # reported by the quote check
            source_id, (before, match, after) = found
            block = nodes.block_quote(classes=["ekb-context"])
            block += paragraph(before, nodes.strong(text=match), after)
            block += nodes.attribution("", "", self.link(source_id))
            blocks.append(block)
        return blocks

    def cited(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        rows = []
        for source_id in need.get("sources") or []:
            audit = (
                {r.number: r for r in reference_audit(self.needs[source_id], self.needs)}
                if source_id in self.needs
                else {}
            )
            for number in need.get("source_refs") or []:
                if (row := audit.get(number)) is not None:
                    rows.append(
                        [
                            f"[{number}]",
                            row.title_as_cited or "–",
                            self.anchor(row.evidence["id"]) if row.evidence else "–",
                            "; ".join(row.findings) or "–",
                        ]
                    )
        return [table(["No.", "Title as the page shows it", "Publication", "Findings"], rows)]

    # -- evidence
    def evidence(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        identifiers = [
            external(
                f"{field.upper()} {need[field]}" if field != "url" else need[field],
                IDENTIFIER_LINKS[field].format(need[field]),
            )
            for field in IDENTIFIER_LINKS
            if need.get(field)
        ]
        seen = [external(uri, uri) for uri in (need.get("seen_at") or "").split(", ") if uri]
        parts: list[nodes.Node] = [
            paragraph("Identifiers: ", joined(identifiers), ". Verified in: ", joined(seen), "."),
        ]
        compared = results(need)
        parts.append(
            table(
                ["What it compared", "Studies", "Participants", "Effect as reported"],
                [[r.describes, r.studies, r.participants, Html(markup.to_html(r.effect))] for r in compared],
                caption="What it compared and found",
                scope=need["id"],
            )
            if compared
            else paragraph(
                "What it compared: not stated in the record (a review or summary without a comparison of its own)."
            )
        )
        for direction in DIRECTIONS:
            ids, caption = need.get(f"{direction.link}_back") or [], direction.on_evidence
            rows = [[self.anchor(i), badge_html(self.needs[i].get("support") or "")] for i in ids if i in self.needs]
            parts.append(
                table(["Claim", "Its status"], rows, caption=caption, scope=need["id"])
                if rows
                else paragraph(f"{caption}: no claim.")
            )
        for source_id in need.get("listed_in") or []:
            entries = [
                r
                for r in reference_audit(self.needs[source_id], self.needs)
                if r.evidence and r.evidence["id"] == need["id"]
            ]
            for row in entries:
                parts.append(
                    panel(
                        "As the source cites it",
                        paragraph(
                            f"[{row.number}] “{row.title_as_cited}” in ",
                            self.link(source_id),
                            ". ",
                            ("Findings: " + "; ".join(row.findings) + ".") if row.findings else "Cited accurately.",
                        ),
                    )
                )
        return parts

    # -- mechanism
    def mechanism(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        claims = coverage_of(self.needs, need.get("mechanism_back") or [])
        rows: list[list[Cell]] = [
            [self.anchor(c.id), c.kind, badge_html(c.status), c.n_supporting, c.n_contradicting, c.n_inconclusive]
            for c in claims
        ]
        tally = Tally.of(need["title"], claims)
        summary = paragraph(
            f"{len(claims)} claims, {tally.total} health claims: "
            + ", ".join(f"{tally.counts[s]} {s}" for s in STATUSES)
            + f" ({tally.per_cent_supported} supported)."
        )
        return [
            panel(
                "Claims in this category",
                summary,
                table(["Claim", "Kind", "Status", *(d.column for d in DIRECTIONS)], rows),
            ),
            panel("Evidence map", nodes.raw("", evidence_map(self, need["title"], claims, titled=True), format="html")),
            panel(
                "Traceability: claim, mechanism, evidence",
                *diagrams.traceability(self.needs, need, claims, self.uri, self.docname),
            ),
        ]

    # -- source
    def source(self, need: Mapping[str, Any]) -> list[nodes.Node]:
        claims = coverage_of(self.needs, need.get("sources_back") or [])
        tally = Tally.of(need["title"], claims)
        parts: list[nodes.Node] = [
            panel(
                "Scorecard",
                paragraph(
                    f"{len(claims)} claims, {tally.total} health claims: ",
                    *[p for s in STATUSES for p in (badge(s), f" {tally.counts[s]}  ")],
                    f"({tally.per_cent_supported} supported).",
                ),
                table(
                    ["Claim", "Kind", "Status", "Verdict"],
                    [[self.anchor(c.id), c.kind, badge_html(c.status), c.verdict or "–"] for c in claims],
                ),
            )
        ]
        audit = reference_audit(need, self.needs)
        if audit:
            rows = [
                [
                    f"[{r.number}]",
                    r.title_as_cited or "(absent from the list)",
                    self.anchor(r.evidence["id"]) if r.evidence else "–",
                    r.evidence.get("design") if r.evidence else "–",
                    "; ".join(r.findings) or "–",
                ]
                for r in audit
            ]
            parts.append(
                panel(
                    "Audit of the page's own references",
                    table(["No.", "Title as the page shows it", "Publication", "Design", "Findings"], rows),
                )
            )
        text = archived_text(self.app, need)
        if text is not None:
            accounted = computed_once(self.needs, ("accounts", need["id"]), lambda: accounts(need, text, self.needs))
            coverage = paragraph(f"Sentence coverage: {Coverage.of(accounted).describe()}")
            coverage["classes"].append("ekb-sentence-coverage")
            parts.append(panel("The page's text, sentence by sentence", coverage, *self.sentences(text, accounted)))
        return parts

    def sentences(self, text: ArchivedText, rows: list[Account]) -> list[nodes.Node]:
        """The archived text, a paragraph per paragraph of it, each sentence marked by its claims or why it is none."""
        paragraphs: list[nodes.paragraph] = []
        for index, account in enumerate(rows):
            sentence = account.sentence
            if index == 0 or "\n\n" in text.text[rows[index - 1].sentence.end : sentence.start]:
                paragraphs.append(nodes.paragraph(classes=["ekb-archived"]))
            else:
                paragraphs[-1] += nodes.Text(" ")
            kind = "quoted" if account.claims else "not-claim" if account.reason else "unaccounted"
            paragraphs[-1] += nodes.inline(text=sentence.text, classes=["ekb-sentence", f"ekb-{kind}"])
            mark = nodes.inline(classes=["ekb-mark"])
            mark += nodes.Text(" [")
            mark += (
                joined(
                    [
                        nodes.reference(
                            "", c, refuri=self.uri(self.needs[c]), internal=True, reftitle=self.needs[c]["title"]
                        )
                        for c in account.claims
                    ]
                )
                if account.claims
                else nodes.Text(account.reason or "not accounted for")
            )
            mark += nodes.Text("]")
            paragraphs[-1] += mark
        return list(paragraphs)

    def item(self, node: Need, need: Mapping[str, Any]) -> nodes.container:
        replace_need_functions(node, self.app.env, need)  # the [[...]] functions sphinx-needs allows in text
        body = nodes.container(classes=["ekb-body"])
        body.extend(list(node.children))
        box = nodes.container(ids=[need["id"]], classes=["ekb-item", f"ekb-{need['type']}"])
        box += self.head(need)
        box.extend(self.bottom_line(need) if need["type"] == "claim" else [])
        box += body
        box.extend(self.facts(need))
        builder = getattr(self, need["type"], None)
        box.extend(builder(need) if builder else [])
        return box


def signoff_words(need: Mapping[str, Any]) -> str:
    """Who answers for the appraisal: 'appraisal signed off by … on …', or that it is out of date or unsigned."""
    state = need.get("appraisal") or UNSIGNED
    if state == UNSIGNED:
        return "appraisal not signed off"
    signed = f"signed off by {need.get('appraised_by')} on {need.get('appraised_on')}"
    return f"appraisal {signed}" if state == SIGNED else f"appraisal out of date (last {signed}): to be signed again"


def render_items(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    needs = needs_view(app)
    panels = Panels(app, docname, needs)
    items = list(doctree.findall(Need))
    for node in items:
        need = needs.get(node["ids"][0])
        if need is None or need["docname"] != docname or need["hide"]:
            continue  # left to sphinx-needs, which removes it
        node.parent.replace(node, panels.item(node, need))
        if len(items) == 1:
            title_with_rating(app, doctree, docname, need)


def rate_page_titles(app: Sphinx, builder: Any) -> None:
    """A health claim's page is titled by the claim as a question with its rating, wherever its title shows (the
    browser's title, search results, sharing cards, the inventory): never the bare claim, as if it were fact. Set
    for every page before any is written, since the rating is known only once every page is read, and a page an
    incremental build does not write is still listed with its title."""
    needs = needs_view(app)
    titles, longtitles = app.env.titles, app.env.longtitles
    for claim in of_type(needs, "claim"):
        page, headline = claim["docname"], ClaimCoverage.of(claim).headline
        # a page of one claim, titled by it (reading/titles.py): a page with a heading of its own keeps it
        alone = len(on_page(needs, page)) == 1 and page in titles and titles[page].astext() == claim["title"]
        if alone and headline != claim["title"]:
            titles[page] = longtitles[page] = nodes.title(headline, headline)


def title_with_rating(app: Sphinx, doctree: nodes.document, docname: str, need: Mapping[str, Any]) -> None:
    """The page's heading says what its title says (rate_page_titles)."""
    heading = next(iter(doctree.findall(nodes.title)), None)
    title = app.env.titles[docname].astext() if docname in app.env.titles else need["title"]
    if heading is not None and heading.astext() == need["title"] and title != need["title"]:
        heading.children = [nodes.Text(title)]


def setup(app: Sphinx) -> None:
    # Before sphinx-needs renders the need nodes that are left (priority 500).
    app.connect("doctree-resolved", render_items, priority=400)
    app.connect("write-started", rate_page_titles)
