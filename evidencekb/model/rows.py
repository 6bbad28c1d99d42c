"""Read-only views over the needs that the coverage tables, panels, charts and exports share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from .question import COMPARED_WITH, Question
from .quotes import reference_entries
from .results import RESULT_FIELDS, Result, results
from .rule import FLAGGED, HEALTH_CLAIM, STATUS_WORDS, STATUSES, assess_items, statement, verdict_agrees, weighed

Needs = Mapping[str, Mapping[str, Any]]


class Fields(Protocol):
    """A need's fields by name: a sphinx-needs NeedItem in a build, a dict in the model's tests."""

    def __getitem__(self, key: str, /) -> Any: ...


# An item named in a need's text ({need}`ID`), shown by its title.
NEED_ROLE = re.compile(r"\{need\}`([^`]+)`")
T = TypeVar("T")


_per_needs: tuple[Needs, dict[Hashable, Any]] | None = None


def computed_once(needs: Needs, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per build's needs: the dashboard, the start page, the panels and the exports all read them."""
    global _per_needs
    if _per_needs is None or _per_needs[0] is not needs:
        _per_needs = (needs, {})
    results = _per_needs[1]
    if key not in results:
        results[key] = compute()
    return cast(T, results[key])


def mentioned_ids(need: Mapping[str, Any]) -> list[str]:
    return NEED_ROLE.findall(need.get("content") or "")


def on_page(needs: Needs, docname: str) -> list[Mapping[str, Any]]:
    """The needs a page holds: looked up per page written, so grouped once."""

    def by_page() -> dict[str, list[Mapping[str, Any]]]:
        pages: dict[str, list[Mapping[str, Any]]] = {}
        for need in needs.values():
            pages.setdefault(need["docname"] or "", []).append(need)
        return pages

    return computed_once(needs, "by page", by_page).get(docname, [])


def of_type(needs: Needs, need_type: str) -> list[Mapping[str, Any]]:
    return computed_once(
        needs,
        ("of_type", need_type),
        lambda: sorted((n for n in needs.values() if n["type"] == need_type), key=lambda n: n["id"]),
    )


@dataclass(frozen=True)
class ClaimCoverage:
    id: str
    title: str
    sources: tuple[str, ...]
    mechanism: str
    kind: str
    n_supporting: int
    n_contradicting: int
    n_inconclusive: int
    best_evidence: str
    status: str
    flag: str
    verdict: str
    certainty: str
    rated_down_for: tuple[str, ...]
    statement: str
    question: str

    @classmethod
    def of(cls, claim: Mapping[str, Any]) -> ClaimCoverage:
        return cls(
            id=claim["id"],
            title=claim["title"],
            sources=tuple(claim.get("sources") or ()),
            mechanism=(claim.get("mechanism") or [""])[0],
            kind=claim.get("claim_kind") or "",
            n_supporting=len(claim.get("supported_by") or []),
            n_contradicting=len(claim.get("contradicted_by") or []),
            n_inconclusive=len(claim.get("inconclusive") or []),
            best_evidence=claim.get("best_evidence") or "",
            status=claim.get("support") or "",
            flag=claim.get("flag") or "",
            verdict=claim.get("verdict") or "",
            certainty=claim.get("certainty") or "",
            rated_down_for=tuple(claim.get("rated_down_for") or ()),
            statement=claim.get("statement") or "",
            question=claim.get("question") or "",
        )

    @property
    def certainty_text(self) -> str:
        """The GRADE certainty with the domains it was rated down for: 'low (risk of bias, imprecision)'."""
        if not self.certainty:
            return ""
        return self.certainty + (f" (rated down for {', '.join(self.rated_down_for)})" if self.rated_down_for else "")

    @property
    def direction(self) -> str:
        """Which way the evidence that bears on the claim points: the rows of the evidence map."""
        if self.n_supporting and self.n_contradicting:
            return "both ways"
        return "for" if self.n_supporting else "against" if self.n_contradicting else "none bears"

    @property
    def headline(self) -> str:
        """The claim as a question with its rating, as a page title reads: "Acupuncture lowers stress? Weak evidence".
        A claim read as fact would be the bare title; only a rated health claim has a rating to add."""
        if not self.is_health_claim or self.status not in STATUS_WORDS:
            return self.title
        return f"{self.title.rstrip('.?! ')}? {STATUS_WORDS[self.status]}"

    @property
    def summary(self) -> str:
        """What the page says first, as its description: the rating and the plain-language statement."""
        return f"{STATUS_WORDS[self.status]}. {self.statement}" if self.headline != self.title else ""

    @property
    def is_health_claim(self) -> bool:
        return self.kind == HEALTH_CLAIM

    @property
    def flagged(self) -> bool:
        return self.status in FLAGGED

    @property
    def verdict_agrees(self) -> bool:
        return verdict_agrees(self.verdict, self.status)


# The rows of the evidence map, the strongest case for a claim first.
EVIDENCE_DIRECTIONS = ("for", "both ways", "against", "none bears")


def claim_coverage(needs: Needs) -> tuple[ClaimCoverage, ...]:
    return computed_once(
        needs, "claim_coverage", lambda: tuple(ClaimCoverage.of(claim) for claim in of_type(needs, "claim"))
    )


def coverage_of(needs: Needs, claim_ids: Iterable[str]) -> list[ClaimCoverage]:
    """The coverage of these claims, from the build's shared rows."""
    by_id = computed_once(needs, "coverage_by_id", lambda: {c.id: c for c in claim_coverage(needs)})
    return [by_id[i] for i in claim_ids if i in by_id]


@dataclass(frozen=True)
class Tally:
    """Health claims of a group, by status."""

    label: str
    counts: Counter[str]

    @classmethod
    def of(cls, label: str, claims: Iterable[ClaimCoverage]) -> Tally:
        return cls(label, Counter(c.status for c in claims if c.is_health_claim))

    @property
    def total(self) -> int:
        return sum(self.counts[s] for s in STATUSES)

    @property
    def per_cent_supported(self) -> str:
        return f"{100 * self.counts['supported'] / self.total:.0f}%" if self.total else "n/a"


def members(claims: Iterable[ClaimCoverage], group_id: str, key: str) -> list[ClaimCoverage]:
    """The claims of one mechanism (key='mechanism') or of one source (key='sources')."""
    return [c for c in claims if group_id in (c.sources if key == "sources" else (c.mechanism,))]


def tallies_by(claims: Sequence[ClaimCoverage], groups: Iterable[Mapping[str, Any]], key: str) -> list[Tally]:
    return [Tally.of(group["title"], members(claims, group["id"], key)) for group in groups]


@dataclass(frozen=True)
class ReferenceAudit:
    """One entry of a source's own reference list, beside the publication it points to."""

    number: int
    title_as_cited: str
    evidence: Mapping[str, Any] | None
    missing: bool

    @property
    def findings(self) -> list[str]:
        if self.missing:
            return ["cited in the text but absent from the list"]
        if self.evidence is None:
            return ["publication not identified"]
        found = []
        real = self.evidence["title"].rstrip(".").lower()
        if real != self.title_as_cited.rstrip(".").lower():
            found.append(
                "title shown differs from the real title"
                if not real.startswith(self.title_as_cited.lower())
                else "title cut short"
            )
        if self.evidence.get("design") in ("narrative review", "web article"):
            found.append(f"a {self.evidence['design']}, not a trial or systematic review")
        return found


def reference_audit(source: Mapping[str, Any], needs: Needs) -> list[ReferenceAudit]:
    try:
        listed = reference_entries(source.get("reference_list") or "")
    except ValueError:
        listed = {}  # the build reports the malformed list
    # the back links name the evidence listed in this source: no scan over all needs
    listed_items = (needs[e] for e in source.get("listed_in_back") or [] if e in needs)
    by_number = {e["ref_number"]: e for e in listed_items}
    rows = [ReferenceAudit(n, title, by_number.get(n), False) for n, title in listed.items()]
    rows += [ReferenceAudit(n, "", None, True) for n in source.get("missing_refs") or []]
    return sorted(rows, key=lambda r: r.number)


@dataclass(frozen=True)
class Finding:
    """One study's result in one row of a summary of findings: its link, and what it reported there."""

    evidence: Mapping[str, Any]
    link: str
    result: Result | None  # None: the study states no comparison


@dataclass(frozen=True)
class FindingsRow:
    """A row of the summary of findings, as Cochrane writes one: a claim and one comparison."""

    claim: Mapping[str, Any]
    comparison: str  # a question's comparison, a result field's, or "" where the studies state none
    findings: tuple[Finding, ...]
    status: str
    statement: str

    @property
    def label(self) -> str:
        if self.comparison in COMPARED_WITH:
            return COMPARED_WITH[self.comparison]
        described = {comparison: text for comparison, text in RESULT_FIELDS.values()}
        return described.get(self.comparison, "comparison not stated")


def findings_rows(claim: Mapping[str, Any], needs: Needs) -> list[FindingsRow]:
    """The claim's rows: each comparison its question asks, then each other comparison its bearing studies made."""
    question = Question.of(claim)
    items = weighed(claim, needs)
    made = [
        c for c, _ in RESULT_FIELDS.values() if any(c in w.comparisons for w in items) and c not in question.comparisons
    ]
    comparisons = [*question.comparisons, *made] + (
        [""] if any(not w.comparisons for w in items) or (not items and not question.comparisons) else []
    )
    certainty = claim.get("certainty") or "very low"
    rows = []
    for comparison in comparisons:
        row_items = [w for w in items if (comparison in w.comparisons if comparison else not w.comparisons)]
        found = tuple(
            Finding(needs[w.id], w.link, next((r for r in results(needs[w.id]) if r.comparison == comparison), None))
            for w in row_items
        )
        status, _, _ = assess_items(row_items, certainty)
        asked = [comparison] if comparison in COMPARED_WITH else []
        rows.append(
            FindingsRow(
                claim, comparison, found, status, statement(claim, status, certainty, asked, tested=bool(row_items))
            )
        )
    return rows
