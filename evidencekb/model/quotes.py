"""Verbatim text of sources: a claim's quotes and a source's reference list, checked against the archive.

An archived text is split into sentences by pysbd (a maintained rule-based splitter, not a home-made
regex); a quote is found in the text with only typographic quotes and white space normalised, and
mapped back to the sentences it lies in.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pysbd
from rapidfuzz import fuzz

QUOTE_SEPARATOR = "||"
# An archive's file name: its number, and the first 16 hexadecimal digits of its text's SHA-256.
ARCHIVE_NAME = re.compile(r"^(?P<number>\d{3})_(?P<hash>[0-9a-f]{16})\.txt$")


class ArchiveError(ValueError):
    """An archive that cannot be read as text: where, and why."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line = path, line


def decoded(data: bytes, path: Path) -> str:
    """UTF-8 text with its line endings as LF (CRLF and CR are normalised); ArchiveError at the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ArchiveError(
            path,
            line,
            f"byte 0x{data[error.start]:02x} at offset {error.start} is not UTF-8: "
            "save the page's text as UTF-8 (an editor's 'save with encoding') and archive it again",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Only typographic quotes and white space are normalised; every other character must match.
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


def _spaced(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC))


def normalise(text: str) -> str:
    return _spaced(text).strip()


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


def overlapping(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two (start, end) spans of a text share a character."""
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an archived text: where it is (offsets into the text, its first line) and what it says."""

    start: int
    end: int
    line: int
    text: str

    def overlaps(self, start: int, end: int) -> bool:
        return overlapping((start, end), (self.start, self.end))

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


@dataclass(frozen=True)
class Near:
    """The passage of an archive closest to a quote that is not in it, and the words that differ."""

    passage: str
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    def describe(self) -> str:
        parts = [f"closest passage: {self.passage!r}"]
        if self.missing:
            parts.append(f"the quote has {', '.join(map(repr, self.missing))}")
        if self.extra:
            parts.append(f"the archive has {', '.join(map(repr, self.extra))}")
        return "; ".join(parts)


@dataclass(frozen=True)
class ArchivedText:
    """The verbatim text of one source, as archived in the repository."""

    path: Path
    text: str

    @classmethod
    def load(cls, path: Path) -> ArchivedText:
        """The archived text, its line endings normalised; raises ArchiveError on a byte that is not UTF-8."""
        return cls(path, decoded(path.read_bytes(), path))

    @property
    def hash(self) -> str:
        return text_hash(self.text)

    @property
    def named_hash(self) -> str | None:
        """The hash the file's name records (NNN_<hash>.txt), None for a name of another form."""
        match = ARCHIVE_NAME.match(self.path.name)
        return match["hash"] if match else None

    @cached_property
    def _normalised_with_offsets(self) -> tuple[str, tuple[int, ...]]:
        """The normalised text, and for each of its characters the offset of the character it came from."""
        chars: list[str] = []
        offsets: list[int] = []
        translated = self.text.translate(_TYPOGRAPHIC)
        for match in re.finditer(r"\S+", translated):
            if chars:
                chars.append(" ")
                offsets.append(match.start() - 1)
            chars.extend(match.group())
            offsets.extend(range(match.start(), match.end()))
        return "".join(chars), tuple(offsets)

    @cached_property
    def normalised(self) -> str:
        return self._normalised_with_offsets[0]

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.normalised

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """Every place the quote stands in the text, as (start, end) offsets of the archived text."""
        text, offsets = self._normalised_with_offsets
        wanted = normalise(quote)
        found, start = [], text.find(wanted) if wanted else -1
        while start >= 0:
            found.append((offsets[start], offsets[start + len(wanted) - 1] + 1))
            start = text.find(wanted, start + 1)
        return found

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of the text, in order, without the white space around them."""
        sentences = []
        for span in _SEGMENTER.segment(self.text):
            stripped = span.sent.strip()
            if not stripped:
                continue
            start = span.start + span.sent.index(stripped)
            sentences.append(Sentence(start, start + len(stripped), self.line_of(start), stripped))
        return tuple(sentences)

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [s.end for s in self.sentences]

    def sentences_in(self, start: int, end: int) -> list[Sentence]:
        """The sentences overlapping (start, end): found by bisection, a source may hold thousands."""
        found = []
        for sentence in self.sentences[bisect.bisect_right(self._sentence_ends, start) :]:
            if sentence.start >= end:
                break
            found.append(sentence)
        return found

    def sentences_quoted(self, quote: str) -> list[Sentence]:
        """The distinct sentences a quote stands in, wherever it stands: more than one and the quote is ambiguous."""
        found = {s.start: s for start, end in self.spans(quote) for s in self.sentences_in(start, end)}
        return [found[start] for start in sorted(found)]

    def context(self, quote: str) -> tuple[str, str, str] | None:
        """The sentence(s) holding the quote, as (before, quote, after), for readers to see it in place."""
        spans = self.spans(quote)
        if not spans:
            return None
        start, end = spans[0]
        around = self.sentences_in(start, end)
        first, last = around[0].start, around[-1].end
        return (
            _spaced(self.text[first:start]).lstrip(),
            normalise(self.text[start:end]),
            _spaced(self.text[end:last]).rstrip(),
        )

    def nearest(self, quote: str) -> Near:
        """The passage of the text most like a quote that is not in it (fuzzy match), and the words that differ."""
        wanted, text = normalise(quote), self.normalised
        alignment = fuzz.partial_ratio_alignment(wanted, text)
        start, end = (alignment.dest_start, alignment.dest_end) if alignment else (0, 0)
        while start > 0 and text[start - 1].isalnum():  # widened to whole words
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        passage = text[start:end]
        ours, theirs = _WORD.findall(wanted), _WORD.findall(passage)
        missing, extra = [], []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
            if tag != "equal":
                missing += ours[i1:i2]
                extra += theirs[j1:j2]
        return Near(passage, tuple(missing), tuple(extra))
