"""Building a project in the tests: a fixture project of the tests' own (tests/roots/), copied, or the real one.

A build runs in the test's own process (sphinx.testing's app, which isolates what Sphinx registers in
docutils), so each costs the build and not a new interpreter; a test that needs a process of its own (a
parallel build, the authoring commands, the network guard) starts one with ``sphinx_build``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

from evidencekb.model.quotes import text_hash

ROOT = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).parent / "roots"
# The project's configuration, declared once at the repository's root: every fixture builds with it.
CONFIGURATION = ("conf.py", "ubproject.toml", "VERSION")
# Where the test builds say the site is published (conf.py reads it from the environment).
BASE_URL = "https://kb.example.org/acupuncture/"
BASE_URL_VARIABLES = ("EVIDENCEKB_BASEURL", "READTHEDOCS_CANONICAL_URL")
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Build:
    srcdir: Path
    outdir: Path
    warnings: str
    status: str = ""
    returncode: int = field(default=0)

    @property
    def ok(self) -> bool:
        """What -W would say: no warning, no error."""
        return self.returncode == 0 and not self.warnings.strip()

    @property
    def output(self) -> str:
        return self.status + self.warnings

    def messages(self) -> list[str]:
        """Each warning or error, its location relative to the project, its continuation lines kept with it."""
        found: list[str] = []
        for line in self.warnings.splitlines():
            line = line.replace(f"{self.srcdir}/", "")
            if found and (line.startswith(" ") or not line.strip()):
                found[-1] += "\n" + line
            elif line.strip():
                found.append(line)
        return [message.rstrip() for message in found]

    @cached_property
    def needs(self) -> dict[str, dict[str, Any]]:
        data = json.loads((self.outdir / "needs.json").read_text())
        needs: dict[str, dict[str, Any]] = data["versions"][data["current_version"]]["needs"]
        return needs

    def needs_file_without_build_time(self) -> dict[str, Any]:
        """needs.json less the build time sphinx-needs stamps in it ("created")."""
        data: dict[str, Any] = json.loads((self.outdir / "needs.json").read_text())
        data.pop("created")
        for version in data["versions"].values():
            version.pop("created")
        return data

    def claim_reviews(self) -> list[dict[str, Any]]:
        """The ClaimReview export: JSON Lines, one review a line."""
        lines = (self.outdir / "claim-reviews.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def of_type(self, need_type: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.needs.items() if v["type"] == need_type}

    def page(self, relative: str) -> str:
        return (self.outdir / relative).read_text(encoding="utf-8")


def copy_root(name: str, destination: Path) -> Path:
    """A private copy of a fixture project, with the repository's configuration unless the root brings its own."""
    shutil.copytree(ROOTS / name, destination)
    for item in CONFIGURATION:
        if not (destination / item).exists():
            shutil.copy2(ROOT / item, destination / item)
    return destination


@contextlib.contextmanager
def published_at(base_url: str | None) -> Iterator[None]:
    """The environment conf.py reads the site's address from, for the duration of a build."""
    saved = {name: os.environ.pop(name) for name in BASE_URL_VARIABLES if name in os.environ}
    if base_url:
        os.environ["EVIDENCEKB_BASEURL"] = base_url
    try:
        yield
    finally:
        os.environ.pop("EVIDENCEKB_BASEURL", None)
        os.environ.update(saved)


def build(
    srcdir: Path,
    outdir: Path | None = None,
    builder: str = "html",
    *,
    base_url: str | None = BASE_URL,
    speedups: bool | None = True,
    doctrees: Path | None = None,
    **overrides: Any,
) -> Build:
    """Build in this process, as sphinx-build would, and collect the messages."""
    outdir = outdir or srcdir / "_build" / builder
    status, warning = StringIO(), StringIO()
    with published_at(base_url):
        app = SphinxTestApp(
            builder,
            srcdir=srcdir,
            builddir=outdir.parent,
            # speedups=None: a project without the extension (an importing project) has no such setting
            confoverrides={**({} if speedups is None else {"evidencekb_speedups": speedups}), **overrides},
            status=status,
            warning=warning,
        )
        # sphinx.testing names the output folder after the builder: point it where the caller asked
        app.outdir = outdir
        app.builder.outdir = outdir
        if doctrees is not None:
            app.doctreedir = app.builder.doctreedir = app.env.doctreedir = doctrees
        try:
            app.build()
            returncode = 1 if app.statuscode else 0
        finally:
            app.cleanup()
    return Build(srcdir, outdir, _COLOUR.sub("", warning.getvalue()), _COLOUR.sub("", status.getvalue()), returncode)


def build_environment(base_url: str | None = BASE_URL, **extra: str) -> dict[str, str]:
    """The environment of a build in its own process: this one's, with the site's address set to ``base_url``."""
    env = {k: v for k, v in os.environ.items() if k not in BASE_URL_VARIABLES}
    return {**env, **({"EVIDENCEKB_BASEURL": base_url} if base_url else {}), **extra}


def sphinx_build(
    srcdir: Path, outdir: Path, builder: str = "html", *options: str, base_url: str | None = BASE_URL, **extra_env: str
) -> Build:
    """sphinx-build in a process of its own, with -W as make html runs it."""
    # --no-color: tests read messages as text, and CI forces colour codes into them
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-W",
            "--keep-going",
            "--no-color",
            "-q",
            *options,
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        cwd=srcdir,
        env=build_environment(base_url, **extra_env),
    )
    return Build(srcdir, outdir, result.stderr, result.stdout, result.returncode)


def rearchive(archive: Path, text: str) -> Path:
    """An archived page replaced by a new version of its text, as make source names one (same number, the new
    text's hash), and its source pointed at it: the build checks an archive's text against its name."""
    new = archive.with_name(f"{archive.name[:3]}_{text_hash(text)}.txt")
    archive.unlink()
    new.write_text(text, encoding="utf-8")
    for source in (archive.parents[1]).glob("*.md"):
        source.write_text(source.read_text(encoding="utf-8").replace(archive.name, new.name), encoding="utf-8")
    return new


def line_of(path: Path, text: str) -> int:
    """The number of the first line of the file holding ``text``: where a message about it points."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line)
