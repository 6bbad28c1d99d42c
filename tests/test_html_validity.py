"""Every page of the built sites is valid HTML, as the Nu HTML checker (vnu.jar, from the vnu-jar npm package, on
the Java runtime the Makefile installs) reads it: the fixture's pages and the real content's, in one run."""

from __future__ import annotations

import json
import subprocess

import pytest
from building import ROOT, Build
from pages import html_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.browser
@pytest.mark.xdist_group("real_site")  # one worker builds and reads make html's folder
def test_the_nu_checker_finds_no_error_on_any_page(kb_site: Build, real_site: Build) -> None:
    pages = [str(p) for site in (kb_site, real_site) for p in html_pages(site.outdir)]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True
    )
    messages = json.loads(result.stderr)["messages"]  # vnu writes its report to standard error
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not errors, errors[:20]
    assert result.returncode == 0, result.stderr
