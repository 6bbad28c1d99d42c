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


# An archive's bytes, which a case file (UTF-8 text) cannot write.
CALM_ARCHIVE = "claims/sources/archive/000_19deee4162a4e4f0.txt"


def test_an_archive_that_is_not_utf8_fails_at_its_first_bad_byte(kb: Path) -> None:
    archive = kb / CALM_ARCHIVE
    text = archive.read_text(encoding="utf-8")
    archive.write_bytes(text.replace("white cells", "white c\u00e9lls").encode("latin-1"))
    offset = text.encode("latin-1").index(b"white c") + len("white c")
    line = text.count("\n", 0, text.index("white cells")) + 1
    messages = build(kb, kb / "_build" / "dummy", "dummy").messages()
    assert messages[0] == (
        f"{CALM_ARCHIVE}:{line}: WARNING: SRC_CALM: the archive 000_19deee4162a4e4f0.txt cannot be read: byte 0xe9 at "
        f"offset {offset} is not UTF-8: save the page's text as UTF-8 (an editor's 'save with encoding') and archive "
        "it again [evidencekb.content]"
    )
    assert len(messages) == 1, messages  # its claims' quotes are not reported besides


def test_an_archive_with_crlf_line_endings_reads_as_the_same_text(kb: Path) -> None:
    archive = kb / CALM_ARCHIVE
    before = build(kb, kb / "_build" / "before")
    archive.write_bytes(archive.read_bytes().replace(b"\n", b"\r\n"))
    after = build(kb, kb / "_build" / "after")
    assert before.ok and after.ok and after.messages() == [], after.messages()
    page = "claims/sources/src_calm.html"
    assert after.page(page) == before.page(page).replace("_build/before", "_build/after")
