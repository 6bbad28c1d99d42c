"""The rule: a health claim's status, certainty and plain-language statement, read from its evidence links against
its question (model/question.py) and what each study compared (model/results.py), as GRADE reads a body of
evidence.

- An evidence item's **level** is relative to the claim: a trial in the claim's own population is direct
  (animal experiments for a claim about animals), one in another population indirect.
- A link **bears** on the claim only through a comparison the question asks (model/results.py,
  ``bears_on``); one that cannot is refused by the checks, and not counted.
- The claim's **certainty** is GRADE's arithmetic: the start of its best bearing item, one step down for
  each domain it was rated down for, two for a very serious one. Some domains are required: risk of bias
  where no supporting study had a sham arm (no blinding) in a claim about people; indirectness where the
  best evidence is in another population.
- The **statement** says it in GRADE's words: high "reduces", moderate "probably reduces", low "may
  reduce", very low "we are very uncertain whether…", none "no study we found has tested whether…".

The rule's tables are declared here once; docs/coverage-rules.md shows them through ``{coverage} rule-*``,
so the page and the code cannot drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .question import Question
from .results import bears_on, comparisons_made

Needs = Mapping[str, Mapping[str, Any]]
HEALTH_CLAIM = "health claim"
# The claim fields the build fills, in the order computed_values() returns them.
COMPUTED_FIELDS = (
    "support",
    "best_evidence",
    "flag",
    "statement",
    "question",
    "n_supporting",
    "n_contradicting",
    "n_inconclusive",
)


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
BEARING_LINKS = EVIDENCE_LINKS[:2]

# GRADE certainty, highest first.
CERTAINTIES = ("high", "moderate", "low", "very low")
SUPPORTING_CERTAINTIES = CERTAINTIES[:2]
SUPPORTING_CERTAINTY = "moderate or high"
DOWNGRADE_DOMAINS = ("risk of bias", "inconsistency", "indirectness", "imprecision", "publication bias")
VERY_SERIOUS = " (very serious)"
NO_EVIDENCE_START = "very low"

SYSTEMATIC = "systematic review in the claim's population"
RANDOMISED = "randomised trial or controlled experiment in the claim's population"
NON_RANDOMISED = "non-randomised or before-after study in the claim's population"
OTHER_POPULATION = "study in another population"
NARRATIVE = "narrative review or web article"
# Evidence levels, strongest first, with where each starts and what it must be rated down for.
LEVELS = {
    SYSTEMATIC: ("high", ""),
    RANDOMISED: ("high", "risk of bias, in a claim about people, where no supporting study had a sham arm"),
    NON_RANDOMISED: ("low", "risk of bias, in a claim about people, where no supporting study had a sham arm"),
    OTHER_POPULATION: (
        "high if randomised or systematic, else low",
        "indirectness (very serious) for animals or cells in a claim about people, or people in a claim "
        "about animals; indirectness for a mixed population",
    ),
    NARRATIVE: ("very low", ""),
}
LEVEL_NAMES = tuple(LEVELS)
STRONG_LEVELS = LEVEL_NAMES[:2]

STATUSES = ("supported", "contested", "weak", "unsupported")
FLAGGED = ("unsupported", "weak")
NOT_ASSESSED = "not assessed"
# Each status and when it applies, checked in this order.
STATUS_RULES = {
    "unsupported": "no evidence that bears on the claim's question supports it",
    "contested": "evidence contradicts it at a level at least as strong as its best support",
    "supported": f"a systematic review or a randomised trial in the claim's own population supports it, the claim's "
    f"certainty is {SUPPORTING_CERTAINTY}, and nothing as strong contradicts it",
    "weak": "anything else: support only at low or very low certainty, or only from a weaker design",
}

# The status in a reader's words: after a claim's title ("Acupuncture raises blood cell counts? Weak evidence"), on
# its sharing card, and as the rating the ClaimReview sends. One rating everywhere: the computed one.
STATUS_WORDS = {
    "supported": "Supported by evidence",
    "contested": "Contested evidence",
    "weak": "Weak evidence",
    "unsupported": "Not supported by evidence",
}
# The same on schema.org's numeric scale (worst 1, best 4): how well the claim stands on its evidence. Weak (some
# support, none against) stands better than contested (evidence against at least as strong as the support).
STATUS_RATING = {"unsupported": 1, "contested": 2, "weak": 3, "supported": 4}

# Which computed statuses agree with each maintainers' verdict.
AGREEING_STATUSES = {
    "supported": ("supported",),
    "mixed": ("contested", "weak"),
    "not enough evidence": ("unsupported", "weak"),
    "contradicted": ("contested", "unsupported"),
}

# The plain-language statement, in GRADE's words (Santesso et al. 2020), by what the evidence shows and how
# certain it is. {i}: the intervention; {does}: the outcome as "acupuncture reduces pain" takes it; {do}: as
# "acupuncture may reduce pain" does; {vs}: the comparison (" compared with sham acupuncture").
STATEMENTS = {
    "benefit": {
        "high": "{i} {does}{vs}",
        "moderate": "{i} probably {does}{vs}",
        "low": "{i} may {do}{vs}",
        "very low": "we are very uncertain whether {i} {does}{vs}",
    },
    "no benefit": {
        "high": "{i} does not {do}{vs}",
        "moderate": "{i} probably does not {do}{vs}",
        "low": "{i} may not {do}{vs}",
        "very low": "we are very uncertain whether {i} {does}{vs}",
    },
    "conflicting": {
        "high": "the studies disagree on whether {i} {does}{vs}",
        "moderate": "the studies disagree on whether {i} {does}{vs}",
        "low": "we are uncertain whether {i} {does}{vs}: the studies disagree",
        "very low": "we are very uncertain whether {i} {does}{vs}: the studies disagree",
    },
    "untested": {certainty: "no study we found has tested whether {i} {does}{vs}" for certainty in CERTAINTIES},
}
# What the evidence shows, by status.
SHOWS = {"supported": "benefit", "weak": "benefit", "contested": "conflicting", "unsupported": "no benefit"}


def with_article(level: str) -> str:
    return ("an " if level[0] in "aeiou" else "a ") + level


def same_population(evidence: Mapping[str, Any], question: Question) -> bool:
    population = evidence.get("population")
    if question.about_animals:
        return population == "animal"
    return population in ("human", "not applicable", None)


def evidence_level(evidence: Mapping[str, Any], question: Question) -> str:
    """The item's level for this claim: its design, direct in the claim's own population."""
    design = evidence.get("design")
    if design in ("narrative review", "web article"):
        return NARRATIVE
    if not same_population(evidence, question):
        return OTHER_POPULATION
    if design in ("systematic review", "authoritative summary"):
        return SYSTEMATIC
    if design == "RCT" or (design in ("animal", "in vitro") and "experiment" in comparisons_made(evidence)):
        return RANDOMISED
    return NON_RANDOMISED


def start_of(evidence: Mapping[str, Any], level: str) -> str:
    """Where a body of evidence led by this item starts: randomised and systematic evidence high, the rest low."""
    if level != OTHER_POPULATION:
        return LEVELS[level][0]
    direct_design = evidence_level(
        evidence, Question("", "animals" if evidence.get("population") == "animal" else "people", "", "", ())
    )
    return "high" if direct_design in STRONG_LEVELS else "low"


def _rank(level: str | None) -> int:
    """Higher is stronger; no evidence ranks below every level."""
    return -1 if level is None else len(LEVEL_NAMES) - LEVEL_NAMES.index(level)


@dataclass(frozen=True)
class Weighed:
    """One linked item, as the rule weighs it for a claim."""

    id: str
    link: str
    level: str
    start: str
    comparisons: frozenset[str]  # what the study compared (none stated: empty)

    @property
    def has_sham(self) -> bool:
        return "sham" in self.comparisons


def weighed(claim: Mapping[str, Any], needs: Needs) -> list[Weighed]:
    """The claim's supporting and contradicting items that bear on its question, strongest first."""
    question = Question.of(claim)
    found = []
    for link in BEARING_LINKS:
        for item_id in claim.get(link) or []:
            evidence = needs.get(item_id)
            if (
                evidence is None
                or evidence.get("type") != "evidence"
                or not bears_on(evidence, question.comparisons, link)
            ):
                continue
            level = evidence_level(evidence, question)
            found.append(
                Weighed(item_id, link, level, start_of(evidence, level), frozenset(comparisons_made(evidence)))
            )
    return sorted(found, key=lambda w: (-_rank(w.level), CERTAINTIES.index(w.start)))


def best_level(items: Sequence[Weighed], link: str) -> str | None:
    return next((w.level for w in items if w.link == link), None)


def domain_steps(domains: Sequence[str]) -> int:
    return sum(2 if domain.endswith(VERY_SERIOUS) else 1 for domain in domains)


def domain_name(domain: str) -> str:
    return domain.removesuffix(VERY_SERIOUS)


@dataclass(frozen=True)
class Certainty:
    """The certainty GRADE's arithmetic gives a claim, how, and the domains its evidence requires."""

    expected: str
    start: str
    basis: Weighed | None
    steps: int
    required: tuple[tuple[str, str], ...]  # (domain as it must be written, why)


def certainty_of(claim: Mapping[str, Any], needs: Needs) -> Certainty:
    items = weighed(claim, needs)
    basis = items[0] if items else None
    start = basis.start if basis else NO_EVIDENCE_START
    domains = list(claim.get("rated_down_for") or [])
    steps = domain_steps(domains)
    expected = CERTAINTIES[min(len(CERTAINTIES) - 1, CERTAINTIES.index(start) + steps)]
    required: list[tuple[str, str]] = []
    question = Question.of(claim)
    if basis is not None and basis.level == OTHER_POPULATION:
        mixed = needs[basis.id].get("population") == "mixed"
        required.append(
            (
                "indirectness" if mixed else "indirectness (very serious)",
                f"its best evidence ({basis.id}) is in another population than the claim's",
            )
        )
    supporting = [w for w in items if w.link == "supported_by"]
    if (
        supporting
        and not question.about_animals
        and start != NO_EVIDENCE_START
        and not any(w.has_sham for w in supporting)
    ):
        required.append(("risk of bias", "no supporting study compared with sham, so none was blinded"))
    return Certainty(expected, start, basis, steps, tuple(required))


def assess(claim: Mapping[str, Any], needs: Needs) -> tuple[str, str, str]:
    """(status, best supporting level, flag reason) of one claim."""
    if claim.get("claim_kind") != HEALTH_CLAIM:
        return NOT_ASSESSED, "", ""
    return assess_items(
        weighed(claim, needs),
        claim.get("certainty") or "very low",
        len(claim.get("inconclusive") or []),
        claim.get("rated_down_for") or [],
    )


def assess_items(
    items: Sequence[Weighed], certainty: str, n_inconclusive: int = 0, rated_down_for: Sequence[str] = ()
) -> tuple[str, str, str]:
    support, against = best_level(items, "supported_by"), best_level(items, "contradicted_by")
    if support is None:
        reason = "no supporting evidence"
        if against is not None:
            reason += f"; contradicted by {with_article(against)}"
        if n_inconclusive:
            reason += f"; {n_inconclusive} examined, inconclusive"
        return "unsupported", "", reason
    if against is not None and _rank(against) >= _rank(support):
        return "contested", support, f"contradicted by {with_article(against)}, as strong as its best support"
    if support not in STRONG_LEVELS:
        return "weak", support, f"best support is only {with_article(support)}"
    if certainty not in SUPPORTING_CERTAINTIES:
        domains = ", ".join(rated_down_for) or "no domain named"
        return "weak", support, f"supporting evidence of {certainty} certainty (rated down for {domains})"
    return "supported", support, ""


def statement(
    claim: Mapping[str, Any], status: str, certainty: str, comparisons: Sequence[str] | None = None, tested: bool = True
) -> str:
    """The claim's plain-language statement (or a comparison's, for a row of the summary of findings)."""
    if claim.get("claim_kind") != HEALTH_CLAIM or certainty not in CERTAINTIES:
        return ""  # a certainty outside GRADE's four is reported by the schema
    question = Question.of(claim)
    shows = SHOWS[status] if tested else "untested"
    does, do = question.predicate(slightly=claim.get("magnitude") == "small" and shows == "benefit")
    core = STATEMENTS[shows][certainty].format(
        i=question.intervention, does=does, do=do, vs=question.comparison_phrase(comparisons)
    )
    sentence = f"In {question.population_group}, {core}."
    return sentence[0].upper() + sentence[1:]


def verdict_agrees(verdict: str | None, status: str) -> bool:
    return status == NOT_ASSESSED or status in AGREEING_STATUSES.get(verdict or "", ())


def computed_values(claim: Mapping[str, Any], needs: Needs) -> tuple[Any, ...]:
    status, best, flag = assess(claim, needs)
    is_health_claim = claim.get("claim_kind") == HEALTH_CLAIM
    tested = bool(weighed(claim, needs))
    question = Question.of(claim)
    return (
        status,
        best,
        flag,
        statement(claim, status, claim.get("certainty") or "very low", tested=tested) if is_health_claim else "",
        question.sentence() if is_health_claim and question.complete else "",
        *(len(claim.get(field) or []) for field in EVIDENCE_LINKS),
    )
