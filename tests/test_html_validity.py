"""Every page of the built site is valid HTML, as the Nu HTML checker (vnu.jar, from the vnu-jar npm package,
on the Java runtime the Makefile installs) reads it."""

from __future__ import annotations

import json
import subprocess

from conftest import ROOT, Build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_nu_checker_finds_no_error_on_any_page(site: Build) -> None:
    pages = sorted(str(p) for p in site.outdir.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) > 100
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]  # vnu writes its report to standard error
    errors = [f"{m.get('url', '').rsplit('/html/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not errors, errors[:20]
    assert result.returncode == 0, result.stderr
