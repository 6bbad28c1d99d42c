"""Another sphinx-needs project imports needs.json with the published data model and nothing else: the lines
docs/publishing.md gives, built with -W, showing a needtable of unsupported claims and a needflow."""

from __future__ import annotations

import re
import shutil
import tomllib
from xml.etree import ElementTree

import pytest
from building import ROOT, Build, build
from pages import soup

DOCS = ROOT / "docs" / "publishing.md"
SECTION = "## Importing the items into another project"


def consumer_lines(language: str) -> str:
    """The code block in ``language`` of the docs' import section: what a consumer copies."""
    section = DOCS.read_text(encoding="utf-8").split(SECTION, 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"```{language}\n(.*?)```", section, re.S)
    assert match is not None, f"no {language} block in {SECTION!r}"
    return match.group(1)


@pytest.fixture(scope="module")
def site(kb_site: Build) -> Build:
    return kb_site


@pytest.fixture(scope="module")
def consumer(site: Build, tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp("consumer")
    for name in ("needs.json", "needs-model.toml"):
        shutil.copy(site.outdir / name, project / name)
    conf = consumer_lines("python")
    # the diagram tool as this project's conf.py sets it: graphviz-pure beside the interpreter, which draws SVG
    conf += (
        '\nimport sys\nfrom pathlib import Path\ngraphviz_dot = str(Path(sys.executable).with_name("graphviz-pure"))\n'
        'graphviz_output_format = "svg"\n'
    )
    (project / "conf.py").write_text(conf, encoding="utf-8")
    (project / "index.rst").write_text(
        "Claims imported from the knowledge base\n=======================================\n\n" + consumer_lines("rst"),
        encoding="utf-8",
    )
    result = build(project, project / "_build/html", base_url=None, speedups=None)
    assert result.returncode == 0, result.output
    return result


def test_the_consumer_builds_with_warnings_as_errors(consumer: Build) -> None:
    assert consumer.ok, consumer.warnings


def test_the_needtable_lists_the_unsupported_claims(consumer: Build, site: Build) -> None:
    table = soup(consumer.outdir / "index.html").select_one("table[id^=needtable]")
    assert table is not None
    ids = {row.find("td").get_text(strip=True) for row in table.select("tbody tr")}
    unsupported = {i for i, n in site.of_type("claim").items() if n["support"] == "unsupported"}
    assert unsupported and ids == unsupported
    for link in table.select("tbody tr td:first-child a"):
        assert link["href"].startswith("https://example.org/acupuncture-claims/claims/claims/"), link["href"]


def test_the_needflow_draws_the_mechanism_and_its_claims(consumer: Build, site: Build) -> None:
    diagram = soup(consumer.outdir / "index.html").select_one("figure[id^=needflow] img")
    assert diagram is not None
    svg = ElementTree.parse(consumer.outdir / diagram["src"]).getroot()
    drawn = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    stress_claims = [n for n in site.of_type("claim").values() if n["mechanism"] == ["MEC_STRESS"]]
    assert stress_claims
    for need in [site.needs["MEC_STRESS"], *stress_claims]:
        assert need["id"] in drawn, need["id"]


def test_the_published_model_is_the_projects_own(site: Build) -> None:
    """Generated from what sphinx-needs read from ubproject.toml: it follows every change to the data model."""
    published = tomllib.loads((site.outdir / "needs-model.toml").read_text(encoding="utf-8"))["needs"]
    declared = tomllib.loads((ROOT / "ubproject.toml").read_text(encoding="utf-8"))["needs"]
    assert set(published) == {"types", "fields", "links"}
    for key in published:
        assert published[key] == declared[key], key
