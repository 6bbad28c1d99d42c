"""The rule (evidencekb/model/rule.py) on plain dicts: its status truth table, GRADE's certainty arithmetic, the
links it refuses, and the plain-language statements. tests/test_views.py shows its tables on a page."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from evidencekb.model.question import Question, third_person
from evidencekb.model.results import bears_on, parse
from evidencekb.model.rule import CERTAINTIES, assess, certainty_of, statement

FIXTURES = Path(__file__).parent / "fixtures"
POPULATION = {"animal": "animal", "animal before-after": "animal", "narrative review": "not applicable"}
DESIGN = {"animal before-after": "animal"}
RESULT = {
    "animal": ("experiment", "2 experiments; 40 mice; more cells"),
    "animal before-after": ("before_after", "1 study; 8 goats; more mRNA after than before"),
}


def table(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open() as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def evidence(design: str, sham: bool = False) -> dict[str, str]:
    item = {"type": "evidence", "design": DESIGN.get(design, design), "population": POPULATION.get(design, "human")}
    if design in RESULT:
        item[RESULT[design][0]] = RESULT[design][1]
    if sham:
        item["vs_sham"] = "1 trial; 40 patients; less pain than with sham"
    return item


def claim(
    support: str,
    against: str,
    certainty: str,
    inconclusive: str = "none",
    population: str = "people",
    sham: bool = False,
    **fields: object,
) -> tuple[dict, dict]:
    needs = {
        f"EVD_{d}": evidence(design, sham)
        for d, design in (("FOR", support), ("AGAINST", against), ("EXAMINED", inconclusive))
        if design != "none"
    }
    links = {
        "supported_by": ["EVD_FOR"] if support != "none" else [],
        "contradicted_by": ["EVD_AGAINST"] if against != "none" else [],
        "inconclusive": ["EVD_EXAMINED"] if inconclusive != "none" else [],
    }
    question = {
        "population_group": "mice" if population == "animals" else "people in general",
        "population_kind": population,
        "outcome": "reduce pain",
        "compared_with": ["none"],
    }
    return {
        "id": "CLM_X",
        "type": "claim",
        "claim_kind": "health claim",
        "certainty": certainty,
        **question,
        **links,
        **fields,
    }, needs


def test_the_status_truth_table_covers_every_combination() -> None:
    designs = ["systematic review", "RCT", "non-randomised", "animal", "narrative review", "none"]
    combinations = {(r["support"], r["against"], r["certainty"]) for r in table("status-truth-table.tsv")}
    assert combinations == set(itertools.product(designs, designs, CERTAINTIES))


@pytest.mark.parametrize(
    "row", table("status-truth-table.tsv"), ids=lambda r: f"{r['support']}|{r['against']}|{r['certainty']}"
)
def test_the_rule_gives_the_truth_table_s_status(row: dict[str, str]) -> None:
    status, _, reason = assess(*claim(row["support"], row["against"], row["certainty"]))
    assert status == row["status"]
    assert bool(reason) == (status != "supported")  # every status but supported says why
    # evidence that settles nothing never changes the status
    assert (
        assess(*claim(row["support"], row["against"], row["certainty"], inconclusive="systematic review"))[0] == status
    )


@pytest.mark.parametrize(
    "row", table("certainty-truth-table.tsv"), ids=lambda r: f"{r['best']}|{r['population']}|{r['rated_down_for']}"
)
def test_the_certainty_is_the_start_rated_down_a_step_per_domain(row: dict[str, str]) -> None:
    support, against = (row["best"], "none") if row["link"] == "supported_by" else ("none", row["best"])
    item, needs = claim(
        support,
        against,
        "high",
        population=row["population"],
        sham=row["sham"] == "yes",
        rated_down_for=[d.strip() for d in row["rated_down_for"].split(",") if d.strip()],
    )
    grade = certainty_of(item, needs)
    assert grade.expected == row["certainty"]
    assert "; ".join(domain for domain, _ in grade.required) == row["required"]


def test_a_study_bears_on_a_question_only_through_a_comparison_it_asks() -> None:
    sham_null = {"vs_sham": "1 trial; 40 patients; no difference from sham"}
    waiting_list = {"vs_no_treatment": "1 trial; 60 adults; less stress than on the waiting list"}
    benefit, specific, mechanism = ("no treatment", "usual care"), ("sham",), ()
    assert bears_on(sham_null, specific, "contradicted_by")
    assert not bears_on(sham_null, benefit, "contradicted_by")  # patients may still improve
    assert bears_on(sham_null, benefit, "supported_by")  # a win over sham is a win over nothing, conservatively
    assert not bears_on(waiting_list, specific, "supported_by")  # an unblinded win says nothing of the needling
    assert bears_on(waiting_list, mechanism, "contradicted_by")
    assert bears_on({"design": "narrative review"}, specific, "supported_by")  # no comparison stated


def test_a_result_is_written_studies_participants_effect() -> None:
    result = parse("vs_sham", "13 trials; 3,025 patients; SMD -0.17 (95% CI -0.26 to -0.08)")
    assert (result.comparison, result.count("studies"), result.count("participants")) == ("sham", 13, 3025)
    assert parse("experiment", "not reported; not applicable; more cells").count("participants") is None
    with pytest.raises(ValueError, match="has 2 part"):
        parse("vs_sham", "13 trials; SMD -0.17")
    with pytest.raises(ValueError, match="the number of participants 'many' is not a count"):
        parse("vs_sham", "13 trials; many; SMD -0.17")


@pytest.mark.parametrize(
    ("status", "certainty", "tested", "expected"),
    [
        (
            "supported",
            "high",
            True,
            "In people with back pain, acupuncture eases back pain compared with sham acupuncture.",
        ),
        (
            "supported",
            "moderate",
            True,
            "In people with back pain, acupuncture probably eases back pain compared with sham acupuncture.",
        ),
        (
            "weak",
            "low",
            True,
            "In people with back pain, acupuncture may ease back pain compared with sham acupuncture.",
        ),
        (
            "weak",
            "very low",
            True,
            "In people with back pain, we are very uncertain whether acupuncture eases back pain compared with sham acupuncture.",
        ),
        (
            "unsupported",
            "moderate",
            True,
            "In people with back pain, acupuncture probably does not ease back pain compared with sham acupuncture.",
        ),
        (
            "contested",
            "low",
            True,
            "In people with back pain, we are uncertain whether acupuncture eases back pain "
            "compared with sham acupuncture: the studies disagree.",
        ),
        (
            "unsupported",
            "very low",
            False,
            "In people with back pain, no study we found has tested whether acupuncture eases back pain compared with sham acupuncture.",
        ),
    ],
)
def test_the_statement_is_in_grade_s_words(status: str, certainty: str, tested: bool, expected: str) -> None:
    item = {
        "claim_kind": "health claim",
        "population_group": "people with back pain",
        "population_kind": "patients",
        "outcome": "ease back pain",
        "compared_with": ["sham"],
    }
    assert statement(item, status, certainty, tested=tested) == expected


def test_a_small_effect_reads_slightly_and_a_narrower_intervention_is_named() -> None:
    item = {
        "claim_kind": "health claim",
        "population_group": "people with chronic pain",
        "population_kind": "patients",
        "outcome": "reduce pain",
        "compared_with": ["sham"],
        "magnitude": "small",
        "intervention": "electroacupuncture",
    }
    assert statement(item, "supported", "moderate") == (
        "In people with chronic pain, electroacupuncture probably reduces pain slightly compared with sham acupuncture."
    )
    assert Question.of(item).sentence() == (
        "In people with chronic pain, does electroacupuncture reduce pain compared with sham acupuncture?"
    )


@pytest.mark.parametrize(
    ("verb", "third"),
    [
        ("reduce", "reduces"),
        ("relieve", "relieves"),
        ("have", "has"),
        ("carry", "carries"),
        ("boost", "boosts"),
        ("reach", "reaches"),
        ("stay", "stays"),
        ("fix", "fixes"),
    ],
)
def test_the_outcome_s_verb_agrees_with_its_subject(verb: str, third: str) -> None:
    assert third_person(verb) == third


def test_a_question_with_sham_and_a_benefit_comparison_is_two_questions() -> None:
    assert Question.of({"compared_with": ["sham", "no treatment"]}).mixes_kinds
    assert Question.of({"compared_with": ["none", "usual care"]}).mixes_kinds
    assert not Question.of({"compared_with": ["no treatment", "usual care"]}).mixes_kinds
