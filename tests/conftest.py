"""Shared fixtures: the real site built once, and copies of the project to break on purpose."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("conf.py", "ubproject.toml", "index.md", "claims", "docs")
# Where the test builds say the site is published (conf.py reads it from the environment).
BASE_URL = "https://kb.example.org/acupuncture/"
BASE_URL_VARIABLES = ("EVIDENCEKB_BASEURL", "READTHEDOCS_CANONICAL_URL")


@dataclass
class Build:
    srcdir: Path
    outdir: Path
    returncode: int
    output: str

    @cached_property
    def needs(self) -> dict[str, dict[str, Any]]:
        data = json.loads((self.outdir / "needs.json").read_text())
        return data["versions"][data["current_version"]]["needs"]

    def needs_file_without_build_time(self) -> dict[str, Any]:
        """needs.json less the build time sphinx-needs stamps in it ("created")."""
        data = json.loads((self.outdir / "needs.json").read_text())
        data.pop("created")
        for version in data["versions"].values():
            version.pop("created")
        return data

    def claim_reviews(self) -> list[dict[str, Any]]:
        """The ClaimReview export: JSON Lines, one review a line."""
        return [json.loads(line) for line in (self.outdir / "claim-reviews.jsonl").read_text(encoding="utf-8").splitlines()]

    def of_type(self, need_type: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.needs.items() if v["type"] == need_type}

    def page(self, relative: str) -> str:
        return (self.outdir / relative).read_text(encoding="utf-8")


def build_environment(base_url: str | None = BASE_URL, **extra: str) -> dict[str, str]:
    """The environment of a build: this machine's, with the site's address set to ``base_url`` (None: unset)."""
    env = {k: v for k, v in os.environ.items() if k not in BASE_URL_VARIABLES}
    return {**env, **({"EVIDENCEKB_BASEURL": base_url} if base_url else {}), **extra}


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html", *options: str, base_url: str | None = BASE_URL,
                 quiet: bool = True) -> Build:
    # --no-color: tests read messages as text, and CI forces colour codes into them
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going", "--no-color", *(["-q"] if quiet else []), *options,
         str(srcdir), str(outdir)],
        capture_output=True, text=True, cwd=srcdir, env=build_environment(base_url),
    )
    return Build(srcdir, outdir, result.returncode, result.stdout + result.stderr)


def line_of(path: Path, text: str) -> int:
    """The number of the first line of the file holding ``text``: where a message about it points."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line)


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real knowledge base, built as `make html` builds it."""
    build = sphinx_build(ROOT, tmp_path_factory.mktemp("site") / "html")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the real project, to edit."""
    return copy_project(tmp_path / "project")
