"""The knowledge base as the authoring commands read and write it: its items, as their files write them, without a
build; ids and file names; archives; and the edit of one item's options in its file."""

from __future__ import annotations

import re
import runpy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sphinx.project import Project as SphinxProject

from ..model.quotes import ARCHIVE_NAME, ArchivedText, Sentence, normalise, split_quotes, text_hash
from ..reading.locations import OPTION

DIRECTIVE = re.compile(r"^:::\{(source|claim|mechanism|evidence)\}\s*(.*)$")
ID_PATTERN = re.compile(r"^(SRC|CLM|MEC|EVD)_[A-Z0-9]+(_[A-Z0-9]+)*$")
PREFIXES = {"source": "SRC", "claim": "CLM", "mechanism": "MEC", "evidence": "EVD"}
FOLDERS = {"source": "sources", "claim": "claims", "mechanism": "mechanisms", "evidence": "evidence"}
# Words that say nothing about what an item is about, left out of ids.
STOPWORDS = set(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "these",
        "this",
        "those",
        "to",
        "was",
        "were",
        "what",
        "which",
        "who",
        "will",
        "with",
        "your",
        "you",
        "acupuncture",
    ]
)


@dataclass(frozen=True)
class Item:
    """An item as its file writes it: enough to find ids, titles and quotes without building the site."""

    type: str
    id: str
    title: str
    options: dict[str, str]
    path: Path
    line: int  # of its directive, 1-based

    def values(self, option: str) -> list[str]:
        """A comma-separated option's values (links, lists)."""
        return [v.strip() for v in self.options.get(option, "").split(",") if v.strip()]


def read_items(root: Path) -> Iterator[Item]:
    for path in sorted(root.rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if (match := DIRECTIVE.match(line)) is None:
                continue
            options: dict[str, str] = {}
            for option_line in lines[number + 1 :]:
                if (option := OPTION.match(option_line)) is None:
                    break
                options[option.group(1)] = option_line[option.end() :].strip()
            if "id" in options:
                yield Item(match.group(1), options["id"], match.group(2).strip(), options, path, number + 1)


class Project:
    """The knowledge base's folders, as conf.py names them, and its items."""

    def __init__(self, root: Path) -> None:
        conf = runpy.run_path(str(root / "conf.py"))
        self.root = root
        self.content: Path = root / str(conf.get("evidencekb_content_dir", "claims"))
        self.archive: Path = root / str(conf.get("evidencekb_archive_dir", "claims/sources/archive"))
        self.releases: Path = root / str(conf.get("evidencekb_releases_dir", "releases"))
        self.reviewers = [str(r["handle"]) for r in conf.get("evidencekb_reviewers", [])]
        self.title = str(conf.get("project", ""))
        self.items = {item.id: item for item in read_items(self.content)}
        # the pages the build reads, found as Sphinx finds them
        pages = SphinxProject(root, conf.get("source_suffix", {".md": "markdown"}))
        self.pages = sorted(
            pages.doc2path(doc, absolute=True) for doc in pages.discover(conf.get("exclude_patterns", ()))
        )

    def of_type(self, need_type: str) -> list[Item]:
        return [item for item in self.items.values() if item.type == need_type]

    def folder(self, need_type: str) -> Path:
        return self.content / FOLDERS[need_type]

    def archived_text(self, source: Item) -> ArchivedText:
        return ArchivedText.load(self.archive / source.options["archive"])

    def quoting(self, sentence: Sentence) -> list[str]:
        """The claims, of any source, with a quote that lies in the sentence."""
        said = normalise(sentence.text)
        return sorted(
            claim.id
            for claim in self.of_type("claim")
            if any(normalise(quote) in said for quote in split_quotes(claim.options.get("quote", "")))
        )

    def archived_as(self, text: str) -> tuple[Path, Item | None] | None:
        """The archive holding this text already, and the source naming it."""
        digest = text_hash(text)
        for path in sorted(self.archive.glob("*.txt")):
            if (match := ARCHIVE_NAME.match(path.name)) and match["hash"] == digest:
                return path, next((s for s in self.of_type("source") if s.options.get("archive") == path.name), None)
        return None

    def next_archive_name(self, text: str) -> str:
        """The next number, and the first 16 hex digits of the text's SHA-256: NNN_<hash>.txt."""
        numbers = [int(m["number"]) for p in self.archive.glob("*.txt") if (m := ARCHIVE_NAME.match(p.name))]
        return f"{max(numbers, default=-1) + 1:03d}_{text_hash(text)}.txt"


def derived_id(prefix: str, title: str, taken: Iterable[str], most: int = 4) -> str:
    """PREFIX_ and the title's first significant words, upper case; a number is added when the id is taken."""
    significant = [w for w in re.findall(r"[A-Za-z0-9]+", title) if w.lower() not in STOPWORDS][:most]
    base = f"{prefix}_" + "_".join(w.upper() for w in significant or ["ITEM"])
    taken, candidate, number = set(taken), base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def item_file(folder: Path, item_id: str) -> Path:
    return folder / f"{item_id.lower()}.md"


def directive(need_type: str, title: str, options: dict[str, str], body: str) -> str:
    lines = [
        f":::{{{need_type}}} {title}",
        *(f":{name}: {value}" for name, value in options.items() if value),
        "",
        body,
        ":::",
        "",
    ]
    return "\n".join(lines)


def edit_item(item: Item, set_options: dict[str, str] | None = None, add_line: str = "") -> None:
    """Set options of one item in its file (an option it has is replaced on its line, a new one added after the
    others), and add a line to the start of its text."""
    lines = item.path.read_text(encoding="utf-8").split("\n")
    start = item.line  # the directive's line, 1-based: options start at index start
    end = start
    while end < len(lines) and OPTION.match(lines[end]):
        end += 1
    for name, value in (set_options or {}).items():
        for index in range(start, end):
            if (match := OPTION.match(lines[index])) and match.group(1) == name:
                lines[index] = f":{name}: {value}"
                break
        else:
            lines.insert(end, f":{name}: {value}")
            end += 1
    if add_line:
        while end < len(lines) and not lines[end].strip():
            end += 1
        lines[end:end] = [add_line, ""]
    item.path.write_text("\n".join(lines), encoding="utf-8")
