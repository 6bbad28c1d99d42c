"""The real content builds cleanly and every item of the data model reaches needs.json."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import ROOT, Build, sphinx_build

DIRECTIVE = re.compile(r"^:::\{(source|claim|mechanism|evidence)\}", re.M)


def test_real_content_builds_with_warnings_as_errors(site: Build) -> None:
    assert site.returncode == 0
    assert "WARNING" not in site.output and "ERROR" not in site.output, site.output


def test_needs_json_holds_every_item_written_in_the_sources(site: Build) -> None:
    written = Counter(m.group(1) for path in (ROOT / "claims").rglob("*.md") for m in DIRECTIVE.finditer(path.read_text()))
    exported = Counter(need["type"] for need in site.needs.values())
    assert exported == written
    assert set(written) == {"source", "claim", "mechanism", "evidence"}


def test_needs_json_is_written_beside_the_html(site: Build) -> None:
    assert (site.outdir / "needs.json").is_file()
    assert (site.outdir / "index.html").is_file()


def test_needs_json_beside_the_html_is_the_needs_builders_file(site: Build, tmp_path_factory: pytest.TempPathFactory) -> None:
    needs_builder = sphinx_build(ROOT, tmp_path_factory.mktemp("needs-builder"), "needs")
    assert needs_builder.returncode == 0, needs_builder.output
    assert site.needs_file_without_build_time() == needs_builder.needs_file_without_build_time()


def test_claims_carry_the_data_model(site: Build) -> None:
    claims = site.of_type("claim")
    for claim_id, claim in claims.items():
        assert claim["quote"] and claim["claim_kind"], claim_id
        assert len(claim["mechanism"]) == 1 and site.needs[claim["mechanism"][0]]["type"] == "mechanism", claim_id
        assert claim["sources"] and all(site.needs[s]["type"] == "source" for s in claim["sources"]), claim_id
        assert claim["n_supporting"] == len(claim["supported_by"]), claim_id
        assert claim["n_contradicting"] == len(claim["contradicted_by"]), claim_id
        if claim["claim_kind"] == "health claim":
            assert claim["verdict"] and claim["certainty"], claim_id
            assert claim["support"] in {"supported", "contested", "weak", "unsupported"}, claim_id
        else:
            assert claim["support"] == "not assessed", claim_id


def test_evidence_items_carry_an_identifier_and_where_it_was_seen(site: Build) -> None:
    for evidence_id, evidence in site.of_type("evidence").items():
        assert any(evidence.get(f) for f in ("doi", "pmid", "pmcid", "url")), evidence_id
        assert evidence["seen_at"].startswith("http"), evidence_id
        assert evidence["design"] and evidence["population"] and evidence["certainty"], evidence_id


def test_the_first_source_records_its_missing_reference(site: Build) -> None:
    assert site.needs["SRC_BALANCE"]["missing_refs"] == [5]
    listed = {e["ref_number"] for e in site.of_type("evidence").values() if "SRC_BALANCE" in e.get("listed_in", [])}
    assert listed == {1, 2, 3, 4}
