"""The coverage rule: its whole truth table and the certainty ceilings (tests/test_views.py shows its tables on a page)."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from evidencekb.model.rule import CERTAINTIES, NO_EVIDENCE_CEILING, assess
from evidencekb.reading.checks import Context, check_certainty

TRUTH_TABLE = Path(__file__).parent / "fixtures" / "status-truth-table.tsv"
POPULATION = {"animal": "animal", "narrative review": "not applicable"}


def evidence(design: str) -> dict[str, str]:
    return {"type": "evidence", "design": design, "population": POPULATION.get(design, "human")}


def claim(support: str, against: str, certainty: str, inconclusive: str = "none") -> tuple[dict, dict]:
    needs = {
        f"EVD_{d}": evidence(design)
        for d, design in (("FOR", support), ("AGAINST", against), ("EXAMINED", inconclusive))
        if design != "none"
    }
    links = {
        "supported_by": ["EVD_FOR"] if support != "none" else [],
        "contradicted_by": ["EVD_AGAINST"] if against != "none" else [],
        "inconclusive": ["EVD_EXAMINED"] if inconclusive != "none" else [],
    }
    return {"type": "claim", "claim_kind": "health claim", "certainty": certainty, **links}, needs


def truth_table() -> list[dict[str, str]]:
    with TRUTH_TABLE.open() as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def test_the_truth_table_covers_every_combination() -> None:
    designs = ["systematic review", "RCT", "non-randomised", "animal", "narrative review", "none"]
    combinations = {(r["support"], r["against"], r["certainty"]) for r in truth_table()}
    assert combinations == set(itertools.product(designs, designs, CERTAINTIES))


@pytest.mark.parametrize("row", truth_table(), ids=lambda r: f"{r['support']}|{r['against']}|{r['certainty']}")
def test_the_rule_gives_the_truth_table_s_status(row: dict[str, str]) -> None:
    status, _, reason = assess(*claim(row["support"], row["against"], row["certainty"]))
    assert status == row["status"]
    assert bool(reason) == (status != "supported")  # every status but supported says why
    # evidence that settles nothing never changes the status
    assert (
        assess(*claim(row["support"], row["against"], row["certainty"], inconclusive="systematic review"))[0] == status
    )


def test_a_weak_claim_names_its_certainty_and_the_domains_it_was_rated_down_for() -> None:
    item, needs = claim("RCT", "none", "low")
    item["rated_down_for"] = ["risk of bias", "imprecision"]
    assert assess(item, needs) == (
        "weak",
        "randomised trial in humans",
        "supporting evidence of low certainty (rated down for risk of bias, imprecision)",
    )


@pytest.mark.parametrize(
    ("design", "ceiling"),
    [
        ("systematic review", "high"),
        ("RCT", "high"),
        ("non-randomised", "low"),
        ("animal", "low"),
        ("narrative review", "very low"),
        ("none", NO_EVIDENCE_CEILING),
    ],
)
def test_a_certainty_above_the_best_design_s_ceiling_is_refused(design: str, ceiling: str) -> None:
    for certainty in CERTAINTIES:
        item, needs = claim("none", "none", certainty, inconclusive=design)
        item.update(id="CLM_X", rated_down_for=["imprecision"])
        messages = [f.message for f in check_certainty(item, Context(None, needs))]  # type: ignore[arg-type]
        above = CERTAINTIES.index(certainty) < CERTAINTIES.index(ceiling)
        assert bool(messages) == above, (certainty, messages)
        if above:
            assert f"({ceiling!r} at most)" in messages[0]


def test_a_certainty_below_the_ceiling_must_name_its_domains() -> None:
    item, needs = claim("RCT", "none", "low")
    (finding,) = check_certainty(item, Context(None, needs))  # type: ignore[arg-type]
    assert "below 'high'" in finding.message and ":rated_down_for:" in finding.message
    assert finding.option == "certainty"  # reported at the :certainty: line
    item["rated_down_for"] = ["risk of bias"]
    assert not list(check_certainty(item, Context(None, needs)))  # type: ignore[arg-type]
