"""Each kind of bad input fails the build with a message that names the file and line.

Every case edits one file of a copy of the real project and builds it with -W.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import sphinx_build

ANXIETY = "claims/claims/clm_anxiety.md"
HOMEOSTASIS = "claims/claims/clm_immune_homeostasis.md"
YANG = "claims/evidence/evd_yang_2021.md"


@dataclass(frozen=True)
class Defect:
    name: str
    file: str
    old: str
    new: str
    message: str
    location: str = ""  # file:line expected in the message; defaults to the edited file at line 3

    def apply(self, project: Path) -> None:
        path = project / self.file
        text = path.read_text() if path.exists() else ""
        assert self.old in text, f"{self.old!r} not in {self.file}"
        path.write_text(text.replace(self.old, self.new, 1))


ORPHAN_EVIDENCE = """# An orphan

:::{evidence} An orphan
:id: EVD_ORPHAN_2020
:authors: Nobody N
:journal: Nowhere
:year: 2020
:pmid: 99999999
:design: RCT
:population: human
:certainty: low
:finding: A study nobody links to.
:seen_at: https://example.org/record
:::
"""

DEFECTS = [
    Defect("broken link", ANXIETY, ":supported_by: EVD_YANG_2021", ":supported_by: EVD_YANG_2099",
           "unknown outgoing link 'EVD_YANG_2099'"),
    Defect("unknown mechanism", ANXIETY, ":mechanism: MEC_STRESS", ":mechanism: MEC_MAGIC",
           "unknown outgoing link 'MEC_MAGIC'"),
    Defect("id breaks the pattern", ANXIETY, ":id: CLM_ANXIETY", ":id: CLM_anxiety-2", "CLM_anxiety-2"),
    Defect("id with another type's prefix", ANXIETY, ":id: CLM_ANXIETY", ":id: EVD_ANXIETY",
           "must start with 'CLM_'"),
    Defect("missing required field", ANXIETY, ":claim_kind: health claim\n", "",
           '"claim_kind" is a required property'),
    Defect("health claim without verdict", ANXIETY, ":verdict: mixed\n", "", '"verdict" is a required property'),
    Defect("claim without mechanism", ANXIETY, ":mechanism: MEC_STRESS\n", "", '"mechanism" is a required property'),
    Defect("claim without source", ANXIETY, ":sources: SRC_BOOST\n", "", '"sources" is a required property'),
    Defect("unknown claim kind", ANXIETY, ":claim_kind: health claim", ":claim_kind: rumour", '"rumour" is not one of'),
    Defect("unknown verdict", ANXIETY, ":verdict: mixed", ":verdict: probably", '"probably" is not one of'),
    Defect("unknown certainty", ANXIETY, ":certainty: low", ":certainty: medium", '"medium" is not one of'),
    Defect("unknown study design", YANG, ":design: systematic review", ":design: meta-study", '"meta-study" is not one of'),
    Defect("unknown population", YANG, ":population: human", ":population: people", '"people" is not one of'),
    Defect("claim supported by a mechanism", ANXIETY, ":supported_by: EVD_YANG_2021", ":supported_by: MEC_STRESS",
           "target need type 'mechanism' is not one of 'evidence'"),
    Defect("claim supported by a source", ANXIETY, ":supported_by: EVD_YANG_2021", ":supported_by: SRC_BOOST",
           "target need type 'source' is not one of 'evidence'"),
    Defect("computed status typed by hand", ANXIETY, ":verdict: mixed", ":verdict: mixed\n:support: supported",
           ":support: is computed by the build from the evidence links: remove it"),
    Defect("evidence count typed by hand", ANXIETY, ":verdict: mixed", ":verdict: mixed\n:n_supporting: 0",
           ":n_supporting: is computed by the build from the evidence links: remove it"),
    Defect("quote not in its source", ANXIETY, ":quote: Acupuncture has also been proved", ":quote: Acupuncture has also been proven",
           "quote not found verbatim"),
    Defect("malformed DOI", YANG, ":doi: 10.1186/", ":doi: doi:10.1186/", "does not match"),
    Defect("malformed PMID", YANG, ":pmid: 33516258", ":pmid: PMID33516258", "does not match"),
    Defect("malformed PMCID", YANG, ":pmcid: PMC7847562", ":pmcid: 7847562", "does not match"),
    Defect("same identifier on two items", YANG, ":doi: 10.1186/s12991-021-00327-5",
           ":doi: 10.1371/journal.pone.0236004", "is already used by EVD_WILD_2020"),
    Defect("reference number the list lacks", HOMEOSTASIS, ":source_refs: 1", ":source_refs: 7",
           "reference [7] is not in the reference list of SRC_BALANCE"),
    Defect("evidence item no claim links to", "claims/evidence/evd_orphan_2020.md", "", ORPHAN_EVIDENCE,
           "no claim links to this evidence item"),
    Defect("duplicate id", "claims/claims/clm_anxiety_again.md", "",
           "# Again\n\n:::{claim} Again\n:id: CLM_ANXIETY\n:::\n", "A need with ID 'CLM_ANXIETY' already exists"),
    Defect("file with the wrong extension", "claims/claims/clm_extra.rst", "", "A claim written in the wrong format.\n",
           "is not read by the build", location="claims/claims/clm_extra.rst:1"),
    Defect("file in no toctree", "claims/orphan-page.md", "", "# An orphan page\n",
           "document isn't included in any toctree", location="claims/orphan-page.md"),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_defect_fails_the_build_at_its_file_and_line(project: Path, defect: Defect) -> None:
    defect.apply(project)
    build = sphinx_build(project, project / "_build", "dummy")
    location = defect.location or f"{defect.file}:3"
    located = [line for line in build.output.splitlines() if location in line]
    assert build.returncode != 0, build.output
    assert defect.message in build.output, build.output
    assert located, f"no message at {location}:\n{build.output}"


def test_unchanged_copy_builds(project: Path) -> None:
    """The defects above are the only cause of failure: the untouched copy passes."""
    build = sphinx_build(project, project / "_build", "dummy")
    assert build.returncode == 0, build.output
