"""The ``coverage`` directive: tables, headline and charts computed from the needs at write time.

A placeholder is read into the doctree and replaced when the page is written, from the needs as
they are then; freshness.py makes sure every page holding one is written on every build.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..compat import needs_view
from ..model import markup
from ..model.rows import (
    ClaimCoverage,
    FindingsRow,
    Needs,
    claim_coverage,
    findings_rows,
    members,
    of_type,
    reference_audit,
    tallies_by,
)
from ..model.rule import (
    AGREEING_STATUSES,
    CERTAINTIES,
    DIRECTIONS,
    LEVELS,
    NO_EVIDENCE_START,
    NOT_ASSESSED,
    SHOWS,
    STATEMENTS,
    STATUS_RATING,
    STATUS_RULES,
    STATUS_WORDS,
    STATUSES,
    SUPPORTING_CERTAINTY,
)
from ..model.suggest import did_you_mean
from ..publishing.exports import offered
from ..publishing.site import DATA_LICENCE_NAME, DATA_LICENCE_URL
from . import charts
from .evidence_map import evidence_map
from .releases import ReleaseViews
from .render import Cell, Html, ItemLinks, badge, badge_html, paragraph, table

FLAGGED_ANCHOR = "flagged-claims"
logger = logging.getLogger(__name__)
# GRADE's own notation, beside the word.
# A study's direction in a row of the summary of findings, never by colour alone.
LINK_SYMBOLS = {"supported_by": "✔ for", "contradicted_by": "✘ against"}
GRADE_SYMBOLS = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very low": "⊕◯◯◯"}


class coverage_placeholder(nodes.General, nodes.Element):
    """Where a coverage view goes; replaced at write time."""


class CoverageDirective(SphinxDirective):
    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}

    def run(self) -> list[nodes.Node]:
        return [self.placeholder()]

    def placeholder(self) -> coverage_placeholder:
        node = coverage_placeholder(kind=directives.choice(self.arguments[0], tuple(VIEWS)))
        self.set_source_info(node)
        return node


class BottomLineDirective(CoverageDirective):
    """``{bottom-line}``: what the evidence says, in two or three sentences computed from the claims, then the claims
    a reader most likely came for (``:featured:``, ids separated by commas), each by its title and rating."""

    required_arguments = 0
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"featured": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        self.arguments = ["bottom-line"]
        node = self.placeholder()
        node["featured"] = [i.strip() for i in self.options.get("featured", "").split(",") if i.strip()]
        # where a mistyped id is reported: the option's own line
        lines = self.block_text.splitlines()
        node["featured_line"] = self.lineno + next((n for n, line in enumerate(lines) if ":featured:" in line), 0)
        return [node]


class ExportsDirective(CoverageDirective):
    """``{exports}``: the files at the site's root, linked from this page with their formats and the data licence."""

    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        self.arguments = ["exports"]
        return super().run()


class Views(ItemLinks):
    """Builds the coverage views of one page."""

    def __init__(self, app: Sphinx, docname: str, needs: Needs) -> None:
        super().__init__(app, docname, needs)
        self.claims = claim_coverage(needs)

    def headline(self) -> list[nodes.Node]:
        health = [c for c in self.claims if c.is_health_claim]
        counts = {s: sum(c.status == s for c in health) for s in STATUSES}
        flagged = counts["weak"] + counts["unsupported"]
        summary = paragraph(
            nodes.strong(
                text=f"{counts['supported']} of {len(health)} health claims are supported by evidence of "
                f"{SUPPORTING_CERTAINTY} certainty (GRADE)."
            ),
            f" {len(self.claims)} claims from {len(of_type(self.needs, 'source'))} sources, "
            f"{len(health)} of them health claims: ",
            *[part for s in STATUSES for part in (badge(s), f" {counts[s]}", "; " if s != STATUSES[-1] else ". ")],
        )
        summary["classes"].append("ekb-headline")
        dashboard = self.page_uri("claims/dashboard")
        more = paragraph(
            f"{flagged} health claims are flagged as unsupported or weak: ",
            nodes.reference("", "see the flagged list", refuri=f"{dashboard}#{FLAGGED_ANCHOR}", internal=True),
            f". {len(self.claims) - len(health)} background statements, opinions and recommendations are {NOT_ASSESSED}.",
        )
        return [summary, more]

    def bottom_line(self, featured: list[str]) -> list[nodes.Node]:
        health = [c for c in self.claims if c.is_health_claim]
        supported = [c for c in health if c.status == "supported"]
        said: list[Cell] = [
            nodes.strong(
                text=f"In short: {count_words(len(supported), 'none')} of the {len(health)} health claims "
                f"{'is' if len(supported) < 2 else 'are'} supported by evidence of {SUPPORTING_CERTAINTY} certainty"
                + (": " if supported else ". ")
            )
        ]
        for index, c in enumerate(supported):
            said += [
                self.link(c.id, lower_first(c.statement.rstrip("."))),
                "; " if index < len(supported) - 1 else ". ",
            ]
        by_mechanism = {m["id"]: m for m in of_type(self.needs, "mechanism")}
        supported_about = sorted({c.mechanism for c in supported if c.mechanism in by_mechanism})
        others = {c.mechanism for c in health if c.mechanism in by_mechanism} - set(supported_about)
        if supported_about and others:
            about = listed([lower_first(by_mechanism[m]["title"]) for m in supported_about], "and")
            which = "It is" if len(supported) == 1 else "Both are" if len(supported) == 2 else "All are"
            said.append(
                f"{which} about {about}: no claim about the "
                f"{'other mechanism' if len(others) == 1 else f'other {len(others)} mechanisms'} the pages invoke is "
                "supported. "
            )
        rest = {s: sum(c.status == s for c in health) for s in STATUSES if s != "supported"}
        said.append(
            f"Of the other {len(health) - len(supported)} claims, {rest['weak']} "
            f"{'rests' if rest['weak'] == 1 else 'rest'} on weak evidence (low or very "
            f"low certainty), {rest['contested']} on evidence that conflicts, and {rest['unsupported']} on none that "
            "supports them."
        )
        bottom = paragraph(*said)
        bottom["classes"].append("ekb-bottom-line")
        nodes_out: list[nodes.Node] = [bottom]
        claims = [c for c in featured if c in self.needs]
        if claims:
            most_read: list[Cell] = ["What the pages claim most plainly, and how it stands: "]
            for index, claim_id in enumerate(claims):
                most_read += [
                    self.link(claim_id, ClaimCoverage.of(self.needs[claim_id]).headline),
                    "; " if index < len(claims) - 1 else ".",
                ]
            nodes_out.append(paragraph(*most_read))
        return nodes_out

    def _claim_row(self, c: ClaimCoverage) -> list[Any]:
        verdict = c.verdict if c.verdict_agrees or not c.verdict else f"≠ {c.verdict}"
        return [
            self.anchor(c.id),
            badge_html(c.status),
            c.certainty or "–",
            c.n_supporting,
            c.n_contradicting,
            c.n_inconclusive,
            verdict or "–",
            self.anchor(c.mechanism),
            self.anchors(c.sources, by_id=True),
        ]

    def findings(self) -> list[nodes.Node]:
        """A summary of findings, as Cochrane writes one: a row per health claim and comparison, with what the
        evidence says, the certainty, and each study with its participants and the effect it reported. The claim
        and its rating come first, where a narrow screen shows them."""
        rows: list[list[Cell]] = []
        for c in (c for c in self.claims if c.is_health_claim):
            for row in findings_rows(self.needs[c.id], self.needs):
                rows.append(
                    [
                        Html(f'{self.anchor(c.id)}<br><span class="ekb-compared">{escape(row.label)}</span>'),
                        badge_html(row.status),
                        row.statement,
                        f"{GRADE_SYMBOLS.get(c.certainty, '')} {c.certainty}"
                        + (f"; rated down for {', '.join(c.rated_down_for)}" if c.rated_down_for else ""),
                        self.studies_cell(row),
                    ]
                )
        headers = [
            "Claim, compared with",
            "Status",
            "What the evidence says",
            "Certainty (GRADE)",
            "Studies and effects",
        ]
        return [table(headers, rows, caption="Summary of findings", classes=["ekb-findings"])]

    def studies_cell(self, row: FindingsRow) -> Html | str:
        """Each study of the row, by its direction: its studies and participants in this comparison, and its effect."""
        parts = [
            f"{LINK_SYMBOLS[f.link]} {self.anchor(f.evidence['id'], f.evidence['id'])}: "
            + (
                escape(f"{f.result.studies} ({f.result.participants}): ") + markup.to_html(f.result.effect)
                if f.result
                else "comparison not stated"
            )
            for f in row.findings
        ]
        return Html("<br>".join(parts)) if parts else "no study"

    def claims_table(self) -> list[nodes.Node]:
        headers = [
            "Claim",
            "Status",
            "Certainty",
            *(d.column for d in DIRECTIONS),
            "Maintainers' verdict",
            "Mechanism",
            "Sources",
        ]
        rows = [self._claim_row(c) for c in self.claims]
        return [table(headers, rows, caption="All claims", classes=["ekb-claims"])]

    def flagged(self) -> list[nodes.Node]:
        rows = [
            [
                self.anchor(c.id),
                badge_html(c.status),
                c.flag,
                self.anchor(c.mechanism),
                self.anchors(c.sources, by_id=True),
            ]
            for c in self.claims
            if c.flagged
        ]
        return [
            table(
                ["Claim", "Status", "Why flagged", "Mechanism", "Sources"],
                rows,
                caption="Flagged claims",
                classes=["ekb-flagged"],
            )
        ]

    def disagreements(self) -> list[nodes.Node]:
        rows = [
            [self.anchor(c.id), badge_html(c.status), c.verdict, c.flag or "–"]
            for c in self.claims
            if c.is_health_claim and not c.verdict_agrees
        ]
        if not rows:
            return [paragraph("The computed status agrees with the maintainers' verdict on every health claim.")]
        return [
            table(
                ["Claim", "Computed status", "Maintainers' verdict", "Rule's reason"],
                rows,
                caption="Where the rule and the maintainers disagree",
                classes=["ekb-disagreements"],
            )
        ]

    def _tally_rows(self, key: str, groups: list[Any]) -> list[list[Any]]:
        rows = []
        for group, tally in zip(groups, tallies_by(self.claims, groups, key), strict=True):
            rows.append(
                [
                    self.anchor(group["id"]),
                    len(members(self.claims, group["id"], key)),
                    tally.total,
                    *[tally.counts[s] for s in STATUSES],
                    tally.per_cent_supported,
                ]
            )
        return rows

    def mechanisms(self) -> list[nodes.Node]:
        headers = ["Mechanism", "Claims", "Health claims", *(s.capitalize() for s in STATUSES), "% supported"]
        return [
            table(
                headers,
                self._tally_rows("mechanism", of_type(self.needs, "mechanism")),
                caption="Health claims by mechanism",
                classes=["ekb-mechanisms"],
            )
        ]

    def sources(self) -> list[nodes.Node]:
        sources = of_type(self.needs, "source")
        headers = [
            "Source",
            "Claims",
            "Health claims",
            *(s.capitalize() for s in STATUSES),
            "% supported",
            "Reference findings",
        ]
        rows = [
            [*row, sum(len(r.findings) for r in reference_audit(src, self.needs))]
            for row, src in zip(self._tally_rows("sources", sources), sources, strict=True)
        ]
        return [table(headers, rows, caption="Scorecard by source", classes=["ekb-sources"])]

    def _evidence_row(self, e: Mapping[str, Any]) -> list[Any]:
        return [
            self.anchor(e["id"]),
            e.get("design"),
            e.get("population"),
            e.get("year"),
            e.get("certainty"),
            *(self.anchors(e[f"{d.link}_back"], by_id=True) if e.get(f"{d.link}_back") else "–" for d in DIRECTIONS),
        ]

    def evidence(self) -> list[nodes.Node]:
        items = of_type(self.needs, "evidence")
        rows = [self._evidence_row(e) for e in items]
        result: list[nodes.Node] = [
            table(
                ["Evidence", "Design", "Population", "Year", "Certainty", *(d.on_evidence for d in DIRECTIONS)],
                rows,
                caption="Evidence and the claims it bears on",
                classes=["ekb-evidence"],
            )
        ]
        idle = [e for e in items if not e.get("supported_by_back")]
        result.append(
            paragraph(
                f"{len(idle)} evidence items support no claim (they contradict claims, settle nothing for "
                "the claims they were examined for, or are a source's reference that does not support what "
                "it is cited for): ",
                self.anchors([e["id"] for e in idle]) if idle else "none",
                ".",
            )
        )
        return result

    def item_index(self, need_type: str) -> list[nodes.Node]:
        """Every item of a type, each linked to its own page: the way readers reach items (navigation.py)."""
        rows: list[list[Cell]]
        if need_type == "claim":
            headers = ["Claim", "Kind", "Status", "Source"]
            rows = [
                [self.anchor(c.id), c.kind, badge_html(c.status), self.anchors(c.sources, by_id=True)]
                for c in self.claims
            ]
        elif need_type == "evidence":
            headers = ["Evidence", "Authors", "Year", "Design", "Population"]
            rows = [
                [self.anchor(e["id"]), e.get("authors"), e.get("year"), e.get("design"), e.get("population")]
                for e in of_type(self.needs, "evidence")
            ]
        else:
            headers = ["Source" if need_type == "source" else "Mechanism", "Claims"]
            back = "sources_back" if need_type == "source" else "mechanism_back"
            rows = [[self.anchor(n["id"]), len(n.get(back) or [])] for n in of_type(self.needs, need_type)]
        return [table(headers, rows, caption=f"All {len(rows)} {need_type} items", classes=["ekb-index"])]

    def evidence_maps(self) -> list[nodes.Node]:
        """An evidence map per mechanism with health claims, its marks without titles: small multiples to compare."""
        maps: list[nodes.Node] = []
        for mechanism in of_type(self.needs, "mechanism"):
            claims = [c for c in members(self.claims, mechanism["id"], "mechanism") if c.is_health_claim]
            if claims:
                maps.append(paragraph(nodes.strong("", "", self.link(mechanism["id"]))))
                maps.append(nodes.raw("", evidence_map(self, mechanism["title"], claims, titled=False), format="html"))
        return maps

    def chart(self, key: str) -> list[nodes.Node]:
        groups = of_type(self.needs, "mechanism" if key == "mechanism" else "source")
        return [
            charts.status_chart(
                self.app,
                self.docname,
                f"status-by-{key}",
                tallies_by(self.claims, groups, key),
                f"Health claims by {key}, stacked by computed status",
            )
        ]

    def exports(self) -> list[nodes.Node]:
        """The exports as a table of links from this page to the site's root, with their formats and the data licence."""
        page = self.app.builder.get_target_uri(self.docname)
        rows = [
            [
                Html(f'<a class="reference download" href="{escape(relative_uri(page, name))}">{escape(name)}</a>'),
                file_format,
                holds,
            ]
            for name, file_format, holds in offered(self.app)
        ]
        licence = nodes.reference("", DATA_LICENCE_NAME, refuri=DATA_LICENCE_URL)
        return [
            table(["File", "Format", "What it holds"], rows, classes=["ekb-exports"]),
            paragraph(
                "The data are published under the ",
                licence,
                " licence: reuse them with credit to this "
                "knowledge base. The quotations in them remain their publishers' and are reproduced for review.",
            ),
        ]

    def build(self, node: nodes.Element) -> list[nodes.Node]:
        if featured := node.get("featured"):
            for claim_id in featured:
                if claim_id not in self.needs:
                    logger.warning(
                        f"unknown claim {claim_id!r} in :featured:{did_you_mean(claim_id, self.needs)}: correct the "
                        "id, or remove it",
                        location=(self.docname, node["featured_line"]),
                        type="evidencekb",
                        subtype="content",
                    )
            return self.bottom_line(featured)
        return VIEWS[node["kind"]](self)


# The rule's own tables, written from model/rule.py so that docs/coverage-rules.md cannot drift from the code.


def rule_levels() -> list[nodes.Node]:
    rows = [
        [f"{rank}. {level}", start, required or "–"]
        for rank, (level, (start, required)) in enumerate(LEVELS.items(), 1)
    ]
    rows.append(["no evidence that bears on the claim's question", NO_EVIDENCE_START, "–"])
    return [
        table(
            ["Evidence level, strongest first", "Starts at", "Must be rated down for"],
            rows,
            caption="Evidence levels, where they start, and what they require",
            classes=["ekb-rule-levels"],
        )
    ]


def rule_statements() -> list[nodes.Node]:
    """GRADE's plain-language statements, by what the evidence shows and its certainty."""
    example = {"i": "acupuncture", "does": "reduces pain", "do": "reduce pain", "vs": " compared with sham acupuncture"}
    rows = [
        [shows, *(STATEMENTS[shows][certainty].format(**example) for certainty in CERTAINTIES)] for shows in STATEMENTS
    ]
    return [
        table(
            ["The evidence shows", *CERTAINTIES],
            rows,
            caption="Plain-language statements",
            classes=["ekb-rule-statements"],
        ),
        paragraph(
            "What the evidence shows, by the computed status: ",
            "; ".join(f"{status}: {shows}" for status, shows in SHOWS.items()),
            "; and 'untested' where no study bears on the question.",
        ),
    ]


def rule_statuses() -> list[nodes.Node]:
    return [
        table(
            ["Status", "When (checked in this order)"],
            [[badge_html(s), when] for s, when in STATUS_RULES.items()],
            caption="Computed status",
            classes=["ekb-rule-statuses"],
        )
    ]


def rule_agreement() -> list[nodes.Node]:
    rows = [[verdict, ", ".join(statuses)] for verdict, statuses in AGREEING_STATUSES.items()]
    return [
        table(
            ["Maintainers' verdict", "Computed statuses that agree with it"],
            rows,
            caption="When a verdict and a status agree",
            classes=["ekb-rule-agreement"],
        )
    ]


def rule_ratings() -> list[nodes.Node]:
    rows: list[list[Cell]] = [[badge_html(status), STATUS_WORDS[status], STATUS_RATING[status]] for status in STATUSES]
    return [
        table(
            ["Computed status", "In words (titles, cards, ClaimReview alternateName)", "ClaimReview ratingValue (1-4)"],
            rows,
            caption="One rating everywhere",
            classes=["ekb-rule-ratings"],
        )
    ]


def count_words(count: int, zero: str) -> str:
    return zero if count == 0 else str(count)


def lower_first(title: str) -> str:
    """A title inside a sentence: its first word in lower case, unless it is an acronym ('NK cells')."""
    first, _, rest = title.partition(" ")
    return title if first.isupper() else f"{first.lower()} {rest}".rstrip()


def listed(words: list[str], conjunction: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


# Each view a {coverage} directive names, and how it is built.
VIEWS: dict[str, Callable[[Views], list[nodes.Node]]] = {
    "bottom-line": lambda views: views.bottom_line([]),
    "headline": Views.headline,
    "findings": Views.findings,
    "claims": Views.claims_table,
    "flagged": Views.flagged,
    "disagreements": Views.disagreements,
    "mechanisms": Views.mechanisms,
    "sources": Views.sources,
    "evidence": Views.evidence,
    "evidence-maps": Views.evidence_maps,
    "chart-mechanisms": lambda views: views.chart("mechanism"),
    "chart-sources": lambda views: views.chart("sources"),
    "index-sources": lambda views: views.item_index("source"),
    "index-mechanisms": lambda views: views.item_index("mechanism"),
    "index-claims": lambda views: views.item_index("claim"),
    "index-evidence": lambda views: views.item_index("evidence"),
    "exports": Views.exports,
    "rule-levels": lambda views: rule_levels(),
    "rule-statuses": lambda views: rule_statuses(),
    "rule-statements": lambda views: rule_statements(),
    "rule-agreement": lambda views: rule_agreement(),
    "rule-ratings": lambda views: rule_ratings(),
    "whats-new": lambda views: ReleaseViews(views.app, views.docname, views.needs).whats_new(),
    "appraisals": lambda views: ReleaseViews(views.app, views.docname, views.needs).appraisals(),
    "about": lambda views: ReleaseViews(views.app, views.docname, views.needs).about(),
}


def replace_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(coverage_placeholder))
    if not placeholders:
        return
    views = Views(app, docname, needs_view(app))
    for node in placeholders:
        built = views.build(node)
        for view in built:
            # The whole view, not only its tables (render.table), stays out of Sphinx's search index: its lists
            # and captions name items too, and a search should lead to the items' own pages.
            if isinstance(view, nodes.Element):
                view["classes"].append("no-search")
        node.replace_self(built)


def setup(app: Sphinx) -> None:
    app.add_node(coverage_placeholder)
    app.add_directive("coverage", CoverageDirective)
    app.add_directive("exports", ExportsDirective)
    app.add_directive("bottom-line", BottomLineDirective)
    app.connect("doctree-resolved", replace_placeholders)
