"""Each kind of bad input fails the build with the exact messages a maintainer reads: file, line, text.

Every case is a file under tests/defects/, in the manner of MyST-Parser's fixtures: what the mistake is,
then the files of the fixture knowledge base (tests/roots/kb) as the case writes them, then the exact block
of messages the build gives, each at its file and line. Sections are separated by a line holding one full
stop; a file's section starts with its path and holds its whole new text (an empty one deletes the file).
A new case is a new file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from building import build

CASES = Path(__file__).parent / "defects"
SEPARATOR = "\n.\n"


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    files: dict[str, str]
    expected: str

    @classmethod
    def read(cls, path: Path) -> Case:
        description, *sections, expected = path.read_text(encoding="utf-8").removesuffix("\n.\n").split(SEPARATOR)
        files = {}
        for section in sections:
            name, _, text = section.partition("\n")
            files[name.strip()] = text + "\n" if text else ""
        return cls(path.stem, description.strip(), files, expected.strip())

    def apply(self, project: Path) -> None:
        for name, text in self.files.items():
            path = project / name
            if text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            else:
                path.unlink()


CASE_FILES = sorted(CASES.glob("*.txt"))


def test_every_case_file_reads_as_a_case() -> None:
    assert CASE_FILES
    for path in CASE_FILES:
        case = Case.read(path)
        assert case.description and case.files and case.expected, path.name


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_the_build_gives_the_case_s_messages(kb: Path, path: Path) -> None:
    case = Case.read(path)
    case.apply(kb)
    result = build(kb, kb / "_build" / "dummy", "dummy")
    assert "\n".join(result.messages()) == case.expected


def test_the_unchanged_fixture_builds_without_a_message(kb: Path) -> None:
    """The cases' edits are the only cause of their messages."""
    result = build(kb, kb / "_build" / "dummy", "dummy")
    assert result.messages() == []
