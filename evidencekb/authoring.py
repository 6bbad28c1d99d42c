"""Authoring commands: add a source from a text file, add a claim from a sentence of a source, write titles once.

Run through make (docs/authoring.md): ``make source``, ``make claim``, ``make titles-once``. The files
written build with -W as they are; a maintainer then completes them (the reasoning, the evidence links).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import re
import runpy
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model.question import POPULATION_KINDS
from .model.quotes import ArchivedText, Sentence, normalise, split_quotes
from .reading.locations import OPTION

DIRECTIVE = re.compile(r"^:::\{(source|claim|mechanism|evidence)\}\s*(.*)$")
HEADING = re.compile(r"^# (.+)$")
# Words that say nothing about what an item is about, left out of ids and of the word overlap.
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
PREFIXES = {"source": "SRC", "claim": "CLM"}
HEALTH_CLAIM = "health claim"
# The question's fields, by the argument (and make variable) that gives each.
QUESTION_ARGUMENTS = {
    "population_group": "--population (POPULATION=)",
    "population_kind": "--population-kind (POPULATION_KIND=)",
    "outcome": "--outcome (OUTCOME=)",
    "compared_with": "--compared-with (COMPARED_WITH=)",
}
MIN_SHARED_WORDS = 2  # one shared word ("session", "immune") says little


@dataclass(frozen=True)
class Item:
    """An item as its file writes it: enough to find ids, titles and quotes without building the site."""

    type: str
    id: str
    title: str
    options: dict[str, str]
    path: Path


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
                yield Item(match.group(1), options["id"], match.group(2).strip(), options, path)


class Project:
    """The knowledge base's folders, as conf.py names them."""

    def __init__(self, root: Path) -> None:
        conf = runpy.run_path(str(root / "conf.py"))
        self.root = root
        self.content = root / conf.get("evidencekb_content_dir", "claims")
        self.archive = root / conf.get("evidencekb_archive_dir", "claims/sources/archive")
        self.items = {item.id: item for item in read_items(self.content)}

    def of_type(self, need_type: str) -> list[Item]:
        return [item for item in self.items.values() if item.type == need_type]

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


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 2}


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


def archive_name(archive: Path, text: str) -> str:
    """The next number, and the first 16 hex digits of the text's SHA-256: NNN_<hash>.txt."""
    numbers = [int(p.name[:3]) for p in archive.glob("[0-9][0-9][0-9]_*.txt")]
    return f"{max(numbers, default=-1) + 1:03d}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"


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


def print_sentences(project: Project, text: ArchivedText) -> None:
    for sentence in text.sentences:
        quoting = project.quoting(sentence)
        print(f"{sentence.line:4d}  {sentence.text}")
        print(f"      quoted by {', '.join(quoting)}" if quoting else "      quoted by no claim")


def add_source(project: Project, args: argparse.Namespace) -> int:
    text = Path(args.file).read_text(encoding="utf-8")
    name = archive_name(project.archive, text)
    source_id = derived_id(PREFIXES["source"], args.title, project.items, most=3)
    path = item_file(project.content / "sources", source_id)
    project.archive.mkdir(parents=True, exist_ok=True)
    (project.archive / name).write_text(text, encoding="utf-8")
    options = {
        "id": source_id,
        "publisher_kind": args.kind,
        "archived": args.archived,
        "archive": name,
        "appeared_at": args.appeared_at,
        "not_claims": args.not_claims,
    }
    path.write_text(
        directive(
            "source", args.title, options, "Who published the page, what it argues, what is known of where it appeared."
        ),
        encoding="utf-8",
    )
    print(f"archived the text as {(project.archive / name).relative_to(project.root)}")
    print(f"wrote {path.relative_to(project.root)} ({source_id})")
    print("its sentences, by line; quote each in a claim (make claim SOURCE=… LINE=…) or declare it in :not_claims:")
    print_sentences(project, ArchivedText.load(project.archive / name))
    return 0


def overlapping_items(
    project: Project, sentence: str, need_type: str, fields: tuple[str, ...]
) -> list[tuple[int, Item]]:
    said = words(sentence)

    def described(item: Item) -> set[str]:
        return words(" ".join([item.title, *(item.options.get(field, "") for field in fields)]))

    scored = [(len(said & described(item)), item) for item in project.of_type(need_type)]
    return sorted(
        ((score, item) for score, item in scored if score >= MIN_SHARED_WORDS), key=lambda pair: (-pair[0], pair[1].id)
    )[:5]


def add_claim(project: Project, args: argparse.Namespace) -> int:
    source = project.items.get(args.source)
    if source is None or source.type != "source":
        print(
            f"no source {args.source!r}; the sources are {', '.join(i.id for i in project.of_type('source'))}",
            file=sys.stderr,
        )
        return 2
    on_line = [s for s in project.archived_text(source).sentences if s.line == args.line]
    if not on_line or not 1 <= args.sentence <= len(on_line):
        print(
            f"line {args.line} of {source.options['archive']} starts {len(on_line)} sentence(s): "
            "give LINE, and SENTENCE when a line starts several",
            file=sys.stderr,
        )
        for index, sentence in enumerate(on_line, start=1):
            print(f"  SENTENCE={index}: {sentence.text}", file=sys.stderr)
        return 2
    sentence = on_line[args.sentence - 1]
    question = {
        "population_group": args.population,
        "population_kind": args.population_kind,
        "outcome": args.outcome,
        "compared_with": args.compared_with,
    }
    if args.kind == HEALTH_CLAIM and (missing := [name for name, value in question.items() if not value]):
        print(
            f"a health claim asks a question: give {', '.join(QUESTION_ARGUMENTS[name] for name in missing)} "
            "(docs/data-model.md)",
            file=sys.stderr,
        )
        return 2
    if quoting := project.quoting(sentence):
        print(f"this sentence is quoted by {', '.join(quoting)} already: one assertion is one claim", file=sys.stderr)
        return 1
    claim_id = derived_id(PREFIXES["claim"], args.title, project.items)
    path = item_file(project.content / "claims", claim_id)
    options = {
        "id": claim_id,
        "sources": source.id,
        "quote": normalise(sentence.text),
        "claim_kind": args.kind,
        "mechanism": args.mechanism,
    }
    body = "What the claim says, in the maintainers' words."
    if args.kind == HEALTH_CLAIM:
        # no evidence linked yet: the verdict and certainty that a claim without evidence has
        options |= {**question, "verdict": "not enough evidence", "certainty": "very low"}
        body = "**Why this verdict.** No evidence is linked yet."
    path.write_text(directive("claim", args.title, options, body), encoding="utf-8")
    print(
        f"wrote {path.relative_to(project.root)} ({claim_id}), quoting line {sentence.line} of {source.options['archive']}"
    )
    for label, need_type, fields in (("claims", "claim", ("quote",)), ("evidence", "evidence", ("finding",))):
        similar = overlapping_items(project, sentence.text, need_type, fields)
        print(
            f"{label} sharing {MIN_SHARED_WORDS} words or more with the sentence (shared words, id, title):"
            + ("" if similar else " none")
        )
        for score, item in similar:
            print(f"  {score:2d}  {item.id}  {item.title}")
    return 0


def titles_once(project: Project, args: argparse.Namespace) -> int:
    """Removes each item file's page heading where it repeats the directive's title: the title is then written once."""
    changed = 0
    for item in project.items.values():
        lines = item.path.read_text(encoding="utf-8").split("\n")
        if (
            len(lines) > 2
            and (heading := HEADING.match(lines[0]))
            and heading.group(1).strip() == item.title
            and not lines[1].strip()
        ):
            item.path.write_text("\n".join(lines[2:]), encoding="utf-8")
            changed += 1
    print(f"{changed} files now write their title once, in the directive")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evidencekb.authoring", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project's folder (where conf.py is)")
    commands = parser.add_subparsers(dest="command", required=True)
    source = commands.add_parser("source", help="archive a page's text and write its source item")
    source.add_argument("file", help="the page's text, as a UTF-8 text file")
    source.add_argument("--title", required=True, help="the page's title as it shows it")
    source.add_argument("--kind", required=True, help="publisher_kind: clinic blog, clinic page, health website, …")
    source.add_argument("--archived", default=datetime.date.today().isoformat(), help="date archived (default today)")
    source.add_argument("--appeared-at", default="", help="the page's address, if known")
    source.add_argument(
        "--not-claims", default="", help="passages that assert nothing: 'heading: …' || 'navigation: …'"
    )
    source.set_defaults(run=add_source)
    claim = commands.add_parser("claim", help="write a claim quoting one sentence of a source")
    claim.add_argument("source", help="the source's id (SRC_…)")
    claim.add_argument("line", type=int, help="the line of the archived text where the sentence starts")
    claim.add_argument("--sentence", type=int, default=1, help="which sentence starting on that line (default 1)")
    claim.add_argument("--title", required=True, help="the claim in your words, as its page title")
    claim.add_argument("--kind", required=True, help="health claim, background statement, opinion or recommendation")
    claim.add_argument("--mechanism", required=True, help="the mechanism's id (MEC_…)")
    claim.add_argument("--population", default="", help="a health claim's population: 'people with chronic pain'")
    claim.add_argument(
        "--population-kind", default="", choices=["", *POPULATION_KINDS], help="people, patients or animals"
    )
    claim.add_argument("--outcome", default="", help="what it claims, completing 'does acupuncture …?': 'reduce pain'")
    claim.add_argument(
        "--compared-with", default="", help="sham; no treatment, usual care; or none (docs/data-model.md)"
    )
    claim.set_defaults(run=add_claim)
    titles = commands.add_parser("titles-once", help="remove page headings that repeat the item's title")
    titles.set_defaults(run=titles_once)
    args = parser.parse_args(argv)
    run: Callable[[Project, argparse.Namespace], int] = args.run
    return run(Project(args.root.resolve()), args)


if __name__ == "__main__":
    sys.exit(main())
