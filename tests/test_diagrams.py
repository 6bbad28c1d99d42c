"""The traceability diagram of a large category stays readable and says what it leaves out."""

from __future__ import annotations

from evidencekb.model.rows import ClaimCoverage
from evidencekb.views.diagrams import MOST_CLAIMS, traceability

MECHANISM = {"id": "MEC_X", "type": "mechanism", "title": "A category"}


def category(size: int, flagged: int) -> tuple[dict, list[ClaimCoverage]]:
    needs = {"MEC_X": MECHANISM}
    for i in range(size):
        status = "unsupported" if i >= size - flagged else "supported"
        needs[f"CLM_{i}"] = {
            "id": f"CLM_{i}",
            "type": "claim",
            "title": f"Claim {i}",
            "support": status,
            "claim_kind": "health claim",
            "mechanism": ["MEC_X"],
            "sources": ["SRC_A"],
        }
    return needs, [ClaimCoverage.of(n) for n in needs.values() if n["type"] == "claim"]


def drawn_claims(code: str) -> set[str]:
    return {line.split('"')[1] for line in code.splitlines() if line.startswith('"CLM_') and "->" not in line}


def test_a_large_category_draws_at_most_the_limit_flagged_claims_first_and_says_so() -> None:
    needs, claims = category(MOST_CLAIMS + 10, flagged=5)
    diagram, note = traceability(needs, MECHANISM, claims, lambda n: f"#{n['id']}", "page")
    drawn = drawn_claims(diagram["code"])
    assert len(drawn) == MOST_CLAIMS
    assert {f"CLM_{i}" for i in range(MOST_CLAIMS + 5, MOST_CLAIMS + 10)} <= drawn
    assert note.astext() == (
        f"The diagram draws {MOST_CLAIMS} of the {MOST_CLAIMS + 10} claims, the flagged ones first; "
        "the table above lists them all."
    )
    assert f": {MOST_CLAIMS} claims," in diagram["alt"]


def test_a_small_category_draws_every_claim_without_a_note() -> None:
    needs, claims = category(3, flagged=1)
    (diagram,) = traceability(needs, MECHANISM, claims, lambda n: f"#{n['id']}", "page")
    assert drawn_claims(diagram["code"]) == {"CLM_0", "CLM_1", "CLM_2"}
