"""Verbatim text of sources: a claim's quotes and a source's reference list, checked against the archive."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

QUOTE_SEPARATOR = "||"

# Only typographic quotes and white space are normalised; every other character must match.
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


_REFERENCE_ENTRY = re.compile(r"^(\d+)\. (.+)$")


def split_quotes(value: str) -> list[str]:
    """The parts of a multi-valued text field (a claim's quotes, a reference list): separated by ``||``."""
    return [part.strip() for part in value.split(QUOTE_SEPARATOR) if part.strip()]


def reference_entries(value: str) -> dict[int, str]:
    """A source's ``reference_list`` as number -> title; raises ValueError on an entry that is not 'N. Title'."""
    entries: dict[int, str] = {}
    for part in split_quotes(value):
        match = _REFERENCE_ENTRY.match(part)
        if not match:
            raise ValueError(f"reference list entry {part!r} is not of the form 'N. Title'")
        entries[int(match.group(1))] = match.group(2)
    return entries


@dataclass(frozen=True)
class ArchivedText:
    """The verbatim text of one source, as archived in the repository."""

    path: Path
    text: str

    @classmethod
    def load(cls, path: Path) -> ArchivedText:
        return cls(path, path.read_text(encoding="utf-8"))

    @cached_property
    def normalised(self) -> str:
        return normalise(self.text)

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.normalised

    def context(self, quote: str) -> tuple[str, str, str] | None:
        """The sentence(s) holding the quote, as (before, quote, after), for readers to see it in place."""
        text, wanted = self.normalised, normalise(quote)
        start = text.find(wanted)
        if start < 0:
            return None
        end = start + len(wanted)
        bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
        first = max(b for b in bounds if b <= start)
        last = min(b for b in bounds if b >= end)
        return text[first:start], wanted, text[end:last].rstrip()
