"""Each kind of bad input fails the build with a message that names the file and the line at fault.

Every case edits one file of a copy of the real project and builds it with -W. The line at fault is the
edited line (the option's line), unless the case names another: the directive's line for an option left
out, the archived sentence's line for a sentence no claim quotes. Lines are found in the edited file, so the
cases hold whether or not an item file has a page heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import line_of, sphinx_build

ANXIETY = "claims/claims/clm_anxiety.md"
STRESS = "claims/claims/clm_lowers_stress.md"
BOOST = "claims/sources/src_boost.md"
BOOST_TEXT = "claims/sources/archive/001_65e268acd4483f00.txt"
HOMEOSTASIS = "claims/claims/clm_immune_homeostasis.md"
YANG = "claims/evidence/evd_yang_2021.md"


@dataclass(frozen=True)
class Defect:
    name: str
    file: str
    old: str
    new: str
    message: str
    location: str = ""  # file:line expected in the message; defaults to the edited line, or the directive's line
    line_of: str = ""  # or: the expected line is the first one of the edited file holding this text
    located_in: str = ""  # the file line_of reads, when the message is about another file than the edited one
    also: tuple[tuple[str, str], ...] = ()  # further (old, new) edits of the same file

    def apply(self, project: Path) -> None:
        path = project / self.file
        text = path.read_text() if path.exists() else ""
        for old, new in ((self.old, self.new), *self.also):
            assert old in text, f"{old!r} not in {self.file}"
            text = text.replace(old, new, 1)
        path.write_text(text)

    def expected_location(self, project: Path) -> str:
        if self.location:
            return self.location
        if self.line_of:
            file = self.located_in or self.file
            return f"{file}:{line_of(project / file, self.line_of)}"
        if not self.new or not self.old:
            return Defect(self.name, self.file, "", "", "", line_of=":::{").expected_location(project)  # the directive's
        text = (project / self.file).read_text()
        return f"{self.file}:{text[:text.index(self.new)].count(chr(10)) + 1}"


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
           "unknown outgoing link 'EVD_YANG_2099' in :supported_by: (did you mean 'EVD_YANG_2021'"),
    Defect("unknown mechanism", ANXIETY, ":mechanism: MEC_STRESS", ":mechanism: MEC_STRES",
           "unknown outgoing link 'MEC_STRES' in :mechanism: (did you mean 'MEC_STRESS'"),
    Defect("id breaks the pattern", ANXIETY, ":id: CLM_ANXIETY", ":id: CLM_anxiety-2", "CLM_anxiety-2",
           line_of=":::{claim}"),
    Defect("id with another type's prefix", ANXIETY, ":id: CLM_ANXIETY", ":id: EVD_ANXIETY",
           "must start with 'CLM_'"),
    Defect("missing required field", ANXIETY, ":claim_kind: health claim\n", "",
           '"claim_kind" is a required property'),
    Defect("health claim without verdict", ANXIETY, ":verdict: mixed\n", "", '"verdict" is a required property'),
    Defect("claim without mechanism", ANXIETY, ":mechanism: MEC_STRESS\n", "", '"mechanism" is a required property'),
    Defect("claim without source", ANXIETY, ":sources: SRC_BOOST\n", "", '"sources" is a required property'),
    Defect("unknown claim kind", ANXIETY, ":claim_kind: health claim", ":claim_kind: rumour", '"rumour" is not one of'),
    Defect("misspelt claim kind", ANXIETY, ":claim_kind: health claim", ":claim_kind: helth claim",
           "Did you mean:   'health claim'?"),
    Defect("unknown verdict", ANXIETY, ":verdict: mixed", ":verdict: probably", '"probably" is not one of'),
    Defect("certainty above what the linked designs allow", "claims/claims/clm_stimulates_or_suppresses.md",
           ":certainty: very low", ":certainty: moderate",
           "certainty 'moderate' is higher than its best linked evidence (an animal, cell or mixed-population study) allows"),
    Defect("certainty rated down without a domain", ANXIETY, ":rated_down_for: risk of bias, inconsistency\n", "",
           "certainty 'low' is below 'high', where its best linked evidence (a systematic review in humans) starts",
           line_of=":certainty:"),
    Defect("unknown certainty", ANXIETY, ":certainty: low", ":certainty: medium",
           "Allowed:        'high', 'moderate', 'low', 'very low'"),
    Defect("misspelt option name", ANXIETY, ":verdict: mixed", ":verdcit: mixed",
           "unknown option :verdcit: of a claim (did you mean 'verdict'?)"),
    Defect("unknown study design", YANG, ":design: systematic review", ":design: meta-study", '"meta-study" is not one of'),
    Defect("unknown population", YANG, ":population: human", ":population: people", '"people" is not one of'),
    Defect("claim supported by a mechanism", ANXIETY, ":supported_by: EVD_YANG_2021", ":supported_by: MEC_STRESS",
           "target need type 'mechanism' is not one of 'evidence'"),
    Defect("claim supported by a source", ANXIETY, ":supported_by: EVD_YANG_2021", ":supported_by: SRC_BOOST",
           "target need type 'source' is not one of 'evidence'"),
    Defect("computed status typed by hand", ANXIETY, ":verdict: mixed\n", ":support: supported\n:verdict: mixed\n",
           ":support: is computed by the build from the evidence links: remove it"),
    Defect("evidence count typed by hand", ANXIETY, ":verdict: mixed\n", ":n_supporting: 0\n:verdict: mixed\n",
           ":n_supporting: is computed by the build from the evidence links: remove it"),
    Defect("quote not in its source", ANXIETY, ":quote: Acupuncture has also been proved", ":quote: Acupuncture has also been proven",
           "closest passage: 'Acupuncture has also been proved to help with tension and anxiety'; "
           "the quote has 'proven'; the archive has 'proved'"),
    Defect("quote wrapped onto a second line, as the last option", STRESS,
           ":quote: Acupuncture treatments, for starters, lower stress || it relaxes you\n", "",
           "this line continues the option :quote: of the line above", line_of="lower stress || it relaxes you",
           also=(("\n\n**Why this verdict.**",
                  "\n:quote: Acupuncture treatments, for starters,\nlower stress || it relaxes you\n\n**Why this verdict.**"),)),
    Defect("quote wrapped onto a second line, before other options", STRESS, ":quote: Acupuncture treatments, for starters,",
           ":quote: Acupuncture treatments,\nfor starters,", "this line continues the option :quote: of the line above",
           line_of="for starters, lower stress"),
    Defect("passage quoted by two claims", STRESS, ":quote: Acupuncture treatments, for starters, lower stress",
           ":quote: Acupuncture treatments, for starters, lower stress || help with tension and anxiety",
           "'help with tension and anxiety' quotes a passage of SRC_BOOST that CLM_ANXIETY quotes already"),
    Defect("sentence quoted by no claim", BOOST_TEXT, "It is critical to have a strong immune system at all times of the year. ",
           "It is critical to have a strong immune system at all times of the year. Acupuncture cures colds. ",
           "sentence of SRC_BOOST quoted by no claim and not declared: 'Acupuncture cures colds.'",
           line_of="Acupuncture cures colds."),
    Defect("passage declared not a claim that is not in the text", BOOST, "heading: Acupuncture Technique",
           "heading: Acupuncture Techniques", "passage declared not a claim not found verbatim"),
    Defect("passage declared not a claim that a claim quotes", BOOST, "list marker: 1 .",
           "list marker: 1 . || heading: Acupuncture has also been proved to help with tension and anxiety",
           "passage declared not a claim is quoted by CLM_ANXIETY"),
    Defect("reason for a passage that is not a claim misspelt", BOOST, "list marker: 1 .", "list markers: 1 .",
           "reason 'list markers' of a passage declared not a claim is not one of"),
    Defect("raw HTML in a page heading", "docs/coverage-rules.md", "# How a claim's support", "# How a claim's <b>support</b>",
           "raw HTML '<b>' in a content file"),
    Defect("raw HTML in an item's title", ANXIETY, ":::{claim} Acupuncture has been proved",
           ":::{claim} Acupuncture <script>alert(1)</script> has been proved", "raw HTML '<script>' in a content file"),
    Defect("raw HTML in an option", ANXIETY, ":verdict: mixed", ":verdict: <em>mixed</em>", "raw HTML '<em>' in a content file"),
    Defect("raw HTML in a paragraph", ANXIETY, "**Why this verdict.**", '**Why <img src=x onerror="alert(1)">this verdict.**',
           "raw HTML '<img src=x onerror=\"alert(1)\">' in a content file"),
    Defect("raw HTML in a maintainers' page", "docs/messages.md", "# Build messages and how to fix them",
           "# Build messages <span>and how to fix them</span>", "raw HTML '<span>' in a content file"),
    Defect("malformed DOI", YANG, ":doi: 10.1186/", ":doi: doi:10.1186/", "does not match"),
    Defect("malformed PMID", YANG, ":pmid: 33516258", ":pmid: PMID33516258", "does not match"),
    Defect("malformed PMCID", YANG, ":pmcid: PMC7847562", ":pmcid: 7847562", "does not match"),
    Defect("same identifier on two items", YANG, ":doi: 10.1186/s12991-021-00327-5",
           ":doi: 10.1371/journal.pone.0236004", "is already used by EVD_WILD_2020"),
    Defect("reference number the list lacks", HOMEOSTASIS, ":source_refs: 1", ":source_refs: 7",
           "reference [7] is not in the reference list of SRC_BALANCE"),
    Defect("reference numbers of a claim quoting two numbered pages", BOOST, ":archive: 001_65e268acd4483f00.txt\n",
           ":archive: 001_65e268acd4483f00.txt\n:missing_refs: 1\n",
           "SRC_BALANCE, SRC_BOOST both number their references, so :source_refs: cannot say whose numbers it holds",
           located_in="claims/claims/clm_regulates_inflammation.md", line_of=":source_refs:"),
    Defect("evidence item no claim links to", "claims/evidence/evd_orphan_2020.md", "", ORPHAN_EVIDENCE,
           "no claim links to this evidence item", line_of=":::{evidence}"),
    Defect("duplicate id", "claims/claims/clm_anxiety_again.md", "",
           "# Again\n\n:::{claim} Again\n:id: CLM_ANXIETY\n:::\n", "A need with ID 'CLM_ANXIETY' already exists",
           line_of=":::{claim}"),
    Defect("file with the wrong extension", "claims/claims/clm_extra.rst", "", "A claim written in the wrong format.\n",
           "is not read by the build", location="claims/claims/clm_extra.rst:1"),
    Defect("file in no toctree", "claims/orphan-page.md", "", "# An orphan page\n",
           "document isn't included in any toctree", location="claims/orphan-page.md"),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_defect_fails_the_build_at_its_file_and_line(project: Path, defect: Defect) -> None:
    defect.apply(project)
    build = sphinx_build(project, project / "_build", "dummy")
    location = defect.expected_location(project)
    assert build.returncode != 0, build.output
    assert defect.message in build.output, build.output
    assert f"{location}:" in build.output, f"no message at {location}:\n{build.output}"


def test_unchanged_copy_builds(project: Path) -> None:
    """The defects above are the only cause of failure: the untouched copy passes."""
    build = sphinx_build(project, project / "_build", "dummy")
    assert build.returncode == 0, build.output
