"""The question a health claim asks, as GRADE frames one: its population, the comparison it implies, its outcome.

A claim's question is written in its fields (``population_group``, ``population_kind``, ``outcome``,
``compared_with``, and ``intervention`` where it is narrower than acupuncture) and read as one sentence:
"In people with chronic pain, does acupuncture reduce pain compared with no treatment or usual care?" The
comparison says what kind of claim it is: about what the needling itself does (against sham), about a benefit
(against no treatment or usual care), or about a mechanism (no comparison).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_INTERVENTION = "acupuncture"
SHAM = "sham"
BENEFIT_COMPARISONS = ("no treatment", "usual care")
NO_COMPARISON = "none"
COMPARISONS = (SHAM, *BENEFIT_COMPARISONS, NO_COMPARISON)
# How each comparison is named after "compared with".
COMPARED_WITH = {SHAM: "sham acupuncture", "no treatment": "no treatment", "usual care": "usual care"}
# Who a claim is about; evidence in another population is indirect.
POPULATION_KINDS = {"people": "people in general", "patients": "a patient group", "animals": "animals"}
QUESTION_FIELDS = ("population_group", "population_kind", "outcome", "compared_with")

# The kinds of question, each as a claim asks it.
KINDS = {
    "specific effect": "whether the needling itself matters, beyond the ritual",
    "benefit": "whether patients benefit",
    "mechanism": "about a mechanism or a measurement, with no comparison",
}


def kind_of(comparison: str) -> str:
    """The kind of question a comparison belongs to."""
    if comparison == SHAM:
        return "specific effect"
    return "benefit" if comparison in BENEFIT_COMPARISONS else "mechanism"


def third_person(verb: str) -> str:
    """The verb as 'acupuncture …' takes it: reduce → reduces, relieve → relieves, have → has, carry → carries."""
    irregular = {"have": "has", "do": "does", "be": "is", "go": "goes"}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


@dataclass(frozen=True)
class Question:
    population_group: str
    population_kind: str
    intervention: str
    outcome: str  # a verb phrase in the infinitive: "reduce chronic pain"
    compared_with: tuple[str, ...]

    @classmethod
    def of(cls, claim: Mapping[str, Any]) -> Question:
        return cls(
            population_group=claim.get("population_group") or "",
            population_kind=claim.get("population_kind") or "",
            intervention=claim.get("intervention") or DEFAULT_INTERVENTION,
            outcome=claim.get("outcome") or "",
            compared_with=tuple(claim.get("compared_with") or ()),
        )

    @property
    def complete(self) -> bool:
        return bool(self.population_group and self.population_kind and self.outcome and self.compared_with)

    @property
    def comparisons(self) -> tuple[str, ...]:
        """The comparisons the question names; none for a mechanism."""
        return tuple(c for c in self.compared_with if c != NO_COMPARISON)

    @property
    def kind(self) -> str:
        if SHAM in self.comparisons:
            return "specific effect"
        return "benefit" if self.comparisons else "mechanism"

    @property
    def mixes_kinds(self) -> bool:
        """Sham and a benefit comparison in one question, or "none" beside a comparison: two questions in one."""
        return len({kind_of(c) for c in self.compared_with}) > 1

    @property
    def about_animals(self) -> bool:
        return self.population_kind == "animals"

    def comparison_phrase(self, comparisons: Sequence[str] | None = None) -> str:
        """' compared with no treatment or usual care', or '' for a question with no comparison."""
        named = [COMPARED_WITH[c] for c in (self.comparisons if comparisons is None else comparisons)]
        return f" compared with {' or '.join(named)}" if named else ""

    def sentence(self) -> str:
        """The question as one sentence."""
        return f"In {self.population_group}, does {self.intervention} {self.outcome}{self.comparison_phrase()}?"

    def predicate(self, slightly: bool = False) -> tuple[str, str]:
        """The outcome as 'acupuncture …' takes it, and as 'acupuncture may …' does: (reduces pain, reduce pain)."""
        verb, _, rest = self.outcome.partition(" ")
        tail = (f" {rest}" if rest else "") + (" slightly" if slightly else "")
        return f"{third_person(verb)}{tail}", f"{verb}{tail}"
