"""Support status of a claim, computed from its evidence links and its GRADE certainty.

The rule's tables (levels, ceilings, statuses, verdict agreement) are declared here once;
docs/coverage-rules.md shows them through the ``coverage-rule`` directive (coverage.py), so the page
and the code cannot drift. The computed values are written into ordinary need fields before
sphinx-needs seals its data, so needtables, filters, schemas and needs.json see them like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

HEALTH_CLAIM = "health claim"
# The claim fields the build fills, in the order computed_values() returns them.
COMPUTED_FIELDS = ("support", "best_evidence", "flag", "n_supporting", "n_contradicting", "n_inconclusive")


@dataclass(frozen=True)
class Direction:
    """One direction of a claim-to-evidence link (SciFact's labels: supports, contradicts, not enough info)."""

    link: str  # the claim's option
    on_claim: str  # caption on the claim's page
    on_evidence: str  # caption on the evidence item's page
    column: str  # column head in the tables


DIRECTIONS = (
    Direction("supported_by", "Evidence for", "Supports", "For"),
    Direction("contradicted_by", "Evidence against", "Contradicts", "Against"),
    Direction("inconclusive", "Examined, inconclusive", "Examined, inconclusive for", "Inconclusive"),
)
EVIDENCE_LINKS = tuple(d.link for d in DIRECTIONS)

# GRADE certainty, highest first.
CERTAINTIES = ("high", "moderate", "low", "very low")
SUPPORTING_CERTAINTIES = CERTAINTIES[:2]
SUPPORTING_CERTAINTY = "moderate or high"
DOWNGRADE_DOMAINS = ("risk of bias", "inconsistency", "indirectness", "imprecision", "publication bias")

# Evidence levels, strongest first, each with the highest certainty a body of evidence at that level can
# reach (GRADE: randomised evidence starts high, observational low; animal, cell and mixed-population
# evidence is indirect for a claim about people, rated down twice; a narrative review has no method).
LEVELS = {
    "systematic review in humans": "high",
    "randomised trial in humans": "high",
    "non-randomised study in humans": "low",
    "animal, cell or mixed-population study": "low",
    "narrative review or web article": "very low",
}
LEVEL_NAMES = tuple(LEVELS)
STRONG_LEVELS = LEVEL_NAMES[:2]
NO_EVIDENCE_CEILING = "very low"

STATUSES = ("supported", "contested", "weak", "unsupported")
FLAGGED = ("unsupported", "weak")
NOT_ASSESSED = "not assessed"
# Each status and when it applies, checked in this order.
STATUS_RULES = {
    "unsupported": "no evidence supports the claim",
    "contested": "evidence contradicts it at a level at least as strong as its best support",
    "supported": f"a {STRONG_LEVELS[1]} or a {STRONG_LEVELS[0]} supports it, the claim's certainty is "
    f"{SUPPORTING_CERTAINTY}, and nothing as strong contradicts it",
    "weak": "anything else: support only at low or very low certainty, or only from a weaker design",
}

# Which computed statuses agree with each maintainers' verdict.
AGREEING_STATUSES = {
    "supported": ("supported",),
    "mixed": ("contested", "weak"),
    "not enough evidence": ("unsupported", "weak"),
    "contradicted": ("contested", "unsupported"),
}


def evidence_level(evidence: Mapping[str, Any]) -> str:
    design, population = evidence.get("design"), evidence.get("population")
    if design in ("narrative review", "web article"):
        return LEVEL_NAMES[4]
    if design in ("animal", "in vitro") or population in ("animal", "cells", "mixed"):
        return LEVEL_NAMES[3]
    if design in ("systematic review", "authoritative summary"):
        return LEVEL_NAMES[0]
    if design == "RCT":
        return LEVEL_NAMES[1]
    return LEVEL_NAMES[2]


def with_article(level: str) -> str:
    return ("an " if level[0] in "aeiou" else "a ") + level


def _rank(level: str | None) -> int:
    """Higher is stronger; no evidence ranks below every level."""
    return -1 if level is None else len(LEVEL_NAMES) - LEVEL_NAMES.index(level)


def best_level(ids: list[str], needs: Mapping[str, Mapping[str, Any]]) -> str | None:
    return max((evidence_level(needs[i]) for i in ids if i in needs), key=_rank, default=None)


def linked_evidence(claim: Mapping[str, Any]) -> list[str]:
    return [i for field in EVIDENCE_LINKS for i in claim.get(field) or []]


def certainty_ceiling(claim: Mapping[str, Any], needs: Mapping[str, Mapping[str, Any]]) -> tuple[str, str | None]:
    """(the highest certainty the claim's linked evidence allows, the level that sets it)."""
    best = best_level(linked_evidence(claim), needs)
    return (LEVELS[best] if best else NO_EVIDENCE_CEILING), best


def downgrades(claim: Mapping[str, Any]) -> str:
    return ", ".join(claim.get("rated_down_for") or []) or "no domain named"


def assess(claim: Mapping[str, Any], needs: Mapping[str, Mapping[str, Any]]) -> tuple[str, str, str]:
    """(status, best supporting level, flag reason) of one claim."""
    if claim.get("claim_kind") != HEALTH_CLAIM:
        return NOT_ASSESSED, "", ""
    support = best_level(claim.get("supported_by") or [], needs)
    against = best_level(claim.get("contradicted_by") or [], needs)
    if support is None:
        reason = "no supporting evidence"
        if against is not None:
            reason += f"; contradicted by {with_article(against)}"
        if n_inconclusive := len(claim.get("inconclusive") or []):
            reason += f"; {n_inconclusive} examined, inconclusive"
        return "unsupported", "", reason
    if against is not None and _rank(against) >= _rank(support):
        return "contested", support, f"contradicted by {with_article(against)}, as strong as its best support"
    if support not in STRONG_LEVELS:
        return "weak", support, f"best support is only {with_article(support)}"
    certainty = claim.get("certainty") or "very low"
    if certainty not in SUPPORTING_CERTAINTIES:
        return "weak", support, f"supporting evidence of {certainty} certainty (rated down for {downgrades(claim)})"
    return "supported", support, ""


def verdict_agrees(verdict: str | None, status: str) -> bool:
    return status == NOT_ASSESSED or status in AGREEING_STATUSES.get(verdict or "", ())


def computed_values(claim: Mapping[str, Any], needs: Mapping[str, Mapping[str, Any]]) -> tuple[Any, ...]:
    return (*assess(claim, needs), *(len(claim.get(field) or []) for field in EVIDENCE_LINKS))
