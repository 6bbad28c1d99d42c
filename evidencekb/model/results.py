"""What a study compared, and what it found in each comparison: an evidence item's result fields.

An item has one field per comparison it made (``vs_sham``, ``vs_no_treatment``, ``vs_usual_care``,
``before_after``, ``experiment``), each written ``N studies; N participants; the effect as reported``:
``13 trials; 3,025 patients; SMD -0.17 (95% CI -0.26 to -0.08) for pain``. A review covering several
comparisons sets several fields. The rule reads them against a claim's question (model/rule.py); the summary
of findings shows them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .question import BENEFIT_COMPARISONS, SHAM

# Each result field, with the comparison it records and how a reader names it.
RESULT_FIELDS = {
    "vs_sham": (SHAM, "against sham acupuncture"),
    "vs_no_treatment": ("no treatment", "against no treatment or a waiting list"),
    "vs_usual_care": ("usual care", "against usual care, or added to it"),
    "before_after": ("before-after", "before and after, without a control group"),
    "experiment": ("experiment", "an animal or cell experiment against controls"),
}
NOT_REPORTED = "not reported"
_COUNT = re.compile(
    r"^(?:(?P<n>[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*) (?P<unit>[A-Za-z][A-Za-z -]*[A-Za-z])|not reported|not applicable)$"
)
SEPARATOR = "; "


@dataclass(frozen=True)
class Result:
    """One comparison of a study, as its record reports it."""

    field: str
    comparison: str
    studies: str  # '13 trials', 'not reported'
    participants: str  # '3,025 patients', 'not reported', 'not applicable'
    effect: str

    @property
    def describes(self) -> str:
        return RESULT_FIELDS[self.field][1]

    def count(self, part: str) -> int | None:
        """The number in the studies or the participants part ('13 trials' → 13), None where it is not reported."""
        match = _COUNT.match(getattr(self, part))
        return int(match["n"].replace(",", "")) if match and match["n"] else None


def parse(field: str, value: str) -> Result:
    """A result field's value; raises ValueError saying what is wrong with it."""
    parts = value.split(SEPARATOR, 2)
    if len(parts) != 3:
        raise ValueError(
            f"the result {value!r} has {len(parts)} part(s): write 'N studies; N participants; the effect'"
        )
    studies, participants, effect = (part.strip() for part in parts)
    for name, part, example in (("studies", studies, "13 trials"), ("participants", participants, "3,025 patients")):
        if not _COUNT.match(part):
            raise ValueError(
                f"the number of {name} {part!r} is not a count and a word ({example!r}) nor 'not reported'"
            )
    if len(effect) < 3:
        raise ValueError(
            "the effect is missing: write it as the record reports it, with its interval where it gives one"
        )
    return Result(field, RESULT_FIELDS[field][0], studies, participants, effect)


def results(evidence: Mapping[str, Any]) -> list[Result]:
    """The item's results, one per comparison it made (a malformed one is reported by the checks, and left out)."""
    found = []
    for field in RESULT_FIELDS:
        if value := evidence.get(field):
            try:
                found.append(parse(field, value))
            except ValueError:
                continue
    return found


def comparisons_made(evidence: Mapping[str, Any]) -> set[str]:
    return {result.comparison for result in results(evidence)}


def bears_on(evidence: Mapping[str, Any], question_comparisons: tuple[str, ...], direction: str) -> bool:
    """Whether a study's result can support or contradict a question that names these comparisons.

    A question with no comparison (a mechanism) takes any result. An item that states no comparison (a
    narrative review, a web article) is weighed by its level alone. A question about what the needling does
    takes only a result against sham; a question of benefit takes a win over sham as a (conservative) win over
    nothing, but only a result against no treatment or usual care, or no change before and after, as one
    against it: a null result against sham says the needles' placement may not matter, not that patients do
    not improve.
    """
    made = comparisons_made(evidence)
    if not question_comparisons or not made:
        return True
    if SHAM in question_comparisons:
        return SHAM in made
    accepted = {*BENEFIT_COMPARISONS, "before-after"} | ({SHAM} if direction == "supported_by" else set())
    return bool(made & accepted)
