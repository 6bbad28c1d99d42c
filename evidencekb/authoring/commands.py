"""The maintainer's loop, as commands (docs/authoring.md): archive a page (source), make a claim of a sentence or of a
part of one (claim), reuse a known claim for a new page (reuse), find the claims a sentence repeats (match),
list a page's sentences with their claims (sentences), rename an item everywhere (rename), write titles once.

Each returns the exit status; what it writes builds, but for the placeholders that the maintainer must replace
(model/templates.py), which the build names at their line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from packaging.version import Version

from ..model.history import RELEASES_NEEDS, describe, step
from ..model.quotes import ArchivedText, ArchiveError, Sentence, decoded, normalise, split_quotes
from ..model.sentences import accounts
from ..model.signoff import fingerprint
from ..model.suggest import did_you_mean
from ..model.templates import (
    CLAIM_TEXT,
    HEALTH_CLAIM_TEXT,
    REASON_TEXT,
    RELEASE_NOTE,
    RELEASE_TEXT,
    REVIEW_TEXT,
    SOURCE_TEXT,
)
from .matching import Candidate, Matcher
from .project import ID_PATTERN, PREFIXES, Item, Project, derived_id, directive, edit_item, item_file

HEALTH_CLAIM = "health claim"
HEADING = re.compile(r"^# (.+)$")
# The question's fields, by the argument (and make variable) that gives each.
QUESTION_ARGUMENTS = {
    "population_group": "--population (POPULATION=)",
    "population_kind": "--population-kind (POPULATION_KIND=)",
    "outcome": "--outcome (OUTCOME=)",
    "compared_with": "--compared-with (COMPARED_WITH=)",
    "last_searched": "--last-searched (LAST_SEARCHED=)",
}
SHOWN = 3  # candidates printed for a sentence


def fail(message: str, status: int = 2) -> int:
    print(message, file=sys.stderr)
    return status


def claim_texts(claim: Item) -> tuple[str, ...]:
    """What a claim is recognised by: its title, its quotes, its question's outcome and its other wordings."""
    outcome = [f"acupuncture may {claim.options['outcome']}"] if claim.options.get("outcome") else []
    return (
        claim.title,
        *split_quotes(claim.options.get("quote", "")),
        *outcome,
        *split_quotes(claim.options.get("worded_as", "")),
    )


def claim_matcher(project: Project) -> Matcher:
    return Matcher([Candidate(c.id, c.title, claim_texts(c)) for c in project.of_type("claim")])


def evidence_matcher(project: Project) -> Matcher:
    return Matcher(
        [Candidate(e.id, e.title, (e.title, e.options.get("finding", ""))) for e in project.of_type("evidence")]
    )


def print_candidates(matcher: Matcher, text: str, indent: str = "      ", limit: int = SHOWN) -> None:
    for match in matcher.ranked(text, limit):
        print(f"{indent}{match.id}  {match.score:.2f}  {match.title}  (matched: {match.matched!r})")


def print_sentences(
    project: Project, text: ArchivedText, source_options: dict[str, str], matcher: Matcher | None = None
) -> None:
    """Each sentence with the claims quoting it or why the source declares it none; with a matcher, the claims an
    unquoted one may repeat."""
    declared = {account.sentence: account.reason for account in accounts(source_options, text, {})}
    for sentence in text.sentences:
        quoting = project.quoting(sentence)
        print(f"{sentence.line:4d}  {sentence.text}")
        if quoting:
            print(f"      quoted by {', '.join(quoting)}")
        elif declared[sentence]:
            print(f"      declared not a claim: {declared[sentence]}")
        elif matcher is not None:
            print("      quoted by no claim; it may repeat (make reuse CLAIM=… to quote it from there):")
            print_candidates(matcher, sentence.text, "        ")
        else:
            print("      quoted by no claim")


def read_page(path: Path) -> str:
    """A page's text as it will be archived (UTF-8, LF line endings); ArchiveError names the first bad byte."""
    return decoded(path.read_bytes(), path)


def add_source(project: Project, args: argparse.Namespace) -> int:
    try:
        text = read_page(Path(args.file))
    except ArchiveError as error:
        return fail(f"{error.path}:{error.line}: {error}")
    if archived := project.archived_as(text):
        path, source = archived
        return fail(
            f"this text is archived already as {path.name}"
            + (f", the text of {source.id}" if source else "")
            + ": one page is one source; quote its claims from there (make reuse)",
            1,
        )
    if args.appeared_at and (
        same := next(
            (
                s
                for s in project.of_type("source")
                if s.options.get("appeared_at", "").rstrip("/") == args.appeared_at.rstrip("/")
            ),
            None,
        )
    ):
        return fail(f"{same.id} appeared at {args.appeared_at} already: one page is one source", 1)
    name = project.next_archive_name(text)
    source_id = args.id or derived_id(PREFIXES["source"], args.title, project.items, most=3)
    if problem := id_problem(project, source_id, "source"):
        return fail(problem)
    project.archive.mkdir(parents=True, exist_ok=True)
    (project.archive / name).write_text(text, encoding="utf-8")
    path = item_file(project.folder("source"), source_id)
    options = {
        "id": source_id,
        "publisher_kind": args.kind,
        "archived": args.archived,
        "archive": name,
        "appeared_at": args.appeared_at,
        "not_claims": args.not_claims,
    }
    path.write_text(directive("source", args.title, options, SOURCE_TEXT), encoding="utf-8")
    print(f"archived the text as {(project.archive / name).relative_to(project.root)}")
    print(f"wrote {path.relative_to(project.root)} ({source_id}): write who published the page where it says TO WRITE")
    print(
        "its sentences, by line; quote each in a claim (make claim, or make reuse for a claim it repeats), "
        "or declare it in :not_claims:"
    )
    print_sentences(project, ArchivedText.load(project.archive / name), options, claim_matcher(project))
    return 0


def id_problem(project: Project, item_id: str, need_type: str) -> str:
    if not ID_PATTERN.match(item_id) or not item_id.startswith(PREFIXES[need_type] + "_"):
        return f"id {item_id!r} is not {PREFIXES[need_type]}_ followed by upper-case words joined by _"
    if item_id in project.items:
        return f"id {item_id} is taken by {project.items[item_id].path.relative_to(project.root)}"
    return ""


def find_sentence(project: Project, source: Item, line: int, number: int) -> Sentence | str:
    """The sentence starting on that line of the source's archive, or why there is none."""
    on_line = [s for s in project.archived_text(source).sentences if s.line == line]
    if not on_line or not 1 <= number <= len(on_line):
        listed = "".join(f"\n  SENTENCE={i}: {s.text}" for i, s in enumerate(on_line, start=1))
        return (
            f"line {line} of {source.options['archive']} starts {len(on_line)} sentence(s): give LINE, and SENTENCE "
            f"when a line starts several{listed}"
        )
    return on_line[number - 1]


def quoted_words(sentence: Sentence, part: str) -> str | None:
    """What a claim quotes of the sentence: all of it, or the part given (None: the part is not in it)."""
    if not part:
        return normalise(sentence.text)
    return normalise(part) if normalise(part) in normalise(sentence.text) else None


def get_source(project: Project, source_id: str) -> Item | str:
    source = project.items.get(source_id)
    if source is None or source.type != "source":
        return f"no source {source_id!r}; the sources are {', '.join(i.id for i in project.of_type('source'))}"
    return source


def source_and_sentence(project: Project, args: argparse.Namespace) -> tuple[Item, Sentence] | str:
    """The source and the sentence SOURCE, LINE and SENTENCE name, or why there is none."""
    source = get_source(project, args.source)
    if isinstance(source, str):
        return source
    sentence = find_sentence(project, source, args.line, args.sentence)
    return sentence if isinstance(sentence, str) else (source, sentence)


def add_claim(project: Project, args: argparse.Namespace) -> int:
    found = source_and_sentence(project, args)
    if isinstance(found, str):
        return fail(found)
    source, sentence = found
    question = {
        "population_group": args.population,
        "population_kind": args.population_kind,
        "outcome": args.outcome,
        "compared_with": args.compared_with,
        "last_searched": args.last_searched,
    }
    if args.kind == HEALTH_CLAIM and (
        missing := [text for name, text in QUESTION_ARGUMENTS.items() if not question[name]]
    ):
        return fail(
            f"a health claim asks a question, and says when its evidence was last searched: give {', '.join(missing)} "
            "(docs/data-model.md)"
        )
    quote = quoted_words(sentence, args.quote)
    if quote is None:
        return fail(f"QUOTE {args.quote!r} is not a part of the sentence: {sentence.text!r}")
    quoting = project.quoting(sentence)
    if quoting and not args.quote:
        return fail(
            f"this sentence is quoted by {', '.join(quoting)} already: one assertion is one claim. If it "
            f"repeats that claim for this page, make reuse CLAIM={quoting[0]} SOURCE={source.id} LINE={args.line}; "
            'if it makes a second assertion, quote the words that make it (QUOTE="…")',
            1,
        )
    claim_id = args.id or derived_id(PREFIXES["claim"], args.title, project.items)
    if problem := id_problem(project, claim_id, "claim"):
        return fail(problem)
    sharing = [
        c for c in quoting if any(overlap(quote, q) for q in split_quotes(project.items[c].options.get("quote", "")))
    ]
    options = {
        "id": claim_id,
        "sources": source.id,
        "quote": quote,
        "claim_kind": args.kind,
        "mechanism": args.mechanism,
        "shares_passage_with": ", ".join(sharing),
    }
    body = CLAIM_TEXT
    if args.kind == HEALTH_CLAIM:
        # no evidence linked yet: the verdict and certainty that a claim without evidence has
        options |= {**question, "verdict": "not enough evidence", "certainty": "very low"}
        body = HEALTH_CLAIM_TEXT
    path = item_file(project.folder("claim"), claim_id)
    path.write_text(directive("claim", args.title, options, body), encoding="utf-8")
    print(
        f"wrote {path.relative_to(project.root)} ({claim_id}), quoting line {sentence.line} of {source.options['archive']}"
        + (f", sharing the passage with {', '.join(sharing)}" if sharing else "")
    )
    print("claims it may repeat (if one does, remove this one and make reuse instead):")
    print_candidates(claim_matcher(project), sentence.text, "  ")
    print("evidence that may bear on it:")
    print_candidates(evidence_matcher(project), sentence.text, "  ")
    return 0


def overlap(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    return bool(a and b) and (a in b or b in a)


def reuse_claim(project: Project, args: argparse.Namespace) -> int:
    """A known claim, quoted from one more page: the source and the words added, its reasoning flagged for review."""
    claim = project.items.get(args.claim)
    if claim is None or claim.type != "claim":
        return fail(f'no claim {args.claim!r}: make match TEXT="…" finds the claims a sentence repeats')
    found = source_and_sentence(project, args)
    if isinstance(found, str):
        return fail(found)
    source, sentence = found
    quote = quoted_words(sentence, args.quote)
    if quote is None:
        return fail(f"QUOTE {args.quote!r} is not a part of the sentence: {sentence.text!r}")
    sources = claim.values("sources")
    edit_item(
        claim,
        {
            "sources": ", ".join(dict.fromkeys([*sources, source.id])),
            "quote": " || ".join([claim.options["quote"], quote]) if claim.options.get("quote") else quote,
        },
        add_line=REVIEW_TEXT.format(source=source.id) if source.id not in sources else "",
    )
    print(
        f"{claim.id} now quotes line {sentence.line} of {source.options['archive']} ({source.id}): review its question, "
        f"links and reasoning where {claim.path.relative_to(project.root)} says TO REVIEW"
    )
    return 0


def match(project: Project, args: argparse.Namespace) -> int:
    print_candidates(claim_matcher(project), args.text, "", args.limit)
    return 0


def evaluate_matcher(project: Project, args: argparse.Namespace) -> int:
    """The matcher's hit rate on a labelled file: lines 'CLM_ID<TAB>sentence' (NONE for a sentence repeating none)."""
    matcher, first, top3, total, missed = claim_matcher(project), 0, 0, 0, []
    for line in Path(args.labels).read_text(encoding="utf-8").splitlines():
        label, _, sentence = line.partition("\t")
        if not sentence or label == "NONE":
            continue
        ranked = [m.id for m in matcher.ranked(sentence, 3)]
        total += 1
        first += ranked[:1] == [label]
        top3 += label in ranked
        if label not in ranked:
            missed.append(f"  {label}: {sentence!r} -> {', '.join(ranked)}")
    if not total:
        return fail(f"no labelled sentence in {args.labels}")
    print(
        f"{total} restatements: first {first} ({100 * first / total:.0f}%), among the first three {top3} "
        f"({100 * top3 / total:.0f}%)"
    )
    print("\n".join(["not among the first three:", *missed]) if missed else "every one among the first three")
    return 0


def list_sentences(project: Project, args: argparse.Namespace) -> int:
    source = get_source(project, args.source)
    if isinstance(source, str):
        return fail(source)
    print_sentences(project, project.archived_text(source), source.options, claim_matcher(project))
    return 0


def rename(project: Project, args: argparse.Namespace) -> int:
    """An item's id changed everywhere: its file and page, every link and mention, the old id kept in former_ids."""
    item = project.items.get(args.old)
    if item is None:
        return fail(f"no item {args.old!r}")
    if problem := id_problem(project, args.new, item.type):
        return fail(problem)
    former = [*item.values("former_ids"), args.old]
    edit_item(item, {"id": args.new, "former_ids": ", ".join(former)})
    new_path = item_file(item.path.parent, args.new)
    item.path.rename(new_path)
    mention = re.compile(rf"(?<![A-Z0-9_]){re.escape(args.old)}(?![A-Z0-9_])")
    changed = 0
    # every page the build reads, and the matcher's labelled sets (docs/matcher/), which name claims by id
    pages = {new_path if page == item.path else page for page in project.pages}
    for path in sorted({*pages, *(project.root / "docs").rglob("*.tsv")}):
        text = path.read_text(encoding="utf-8")
        lines = [line if line.startswith(":former_ids:") else mention.sub(args.new, line) for line in text.split("\n")]
        if (renamed := "\n".join(lines)) != text:
            path.write_text(renamed, encoding="utf-8")
            changed += 1
    print(
        f"renamed {args.old} to {args.new}: {new_path.relative_to(project.root)}, {changed} file(s) naming it; the old "
        "page's address leads to the new one, and needs.json records the old id in former_ids"
    )
    return 0


def titles_once(project: Project, args: argparse.Namespace) -> int:
    """Removes each item file's page heading where it repeats the directive's title: the title is then written once."""
    changed = 0
    for item in project.items.values():
        lines = item.path.read_text(encoding="utf-8").split("\n")
        heading = HEADING.match(lines[0]) if len(lines) > 2 else None
        if heading and heading.group(1).strip() == item.title and not lines[1].strip():
            item.path.write_text("\n".join(lines[2:]), encoding="utf-8")
            changed += 1
    print(f"{changed} files now write their title once, in the directive")
    return 0


def sign(project: Project, args: argparse.Namespace) -> int:
    """A reviewer signs health claims off: their handle, the date, and the fingerprint of what they appraised."""
    if args.by not in project.reviewers:
        return fail(
            f"{args.by!r} is not a reviewer of this project{did_you_mean(args.by, project.reviewers)}: the reviewers "
            "are declared in conf.py (evidencekb_reviewers)"
        )
    evidence = {item.id: item.options for item in project.of_type("evidence")}
    for claim_id in [i.strip() for i in args.claims.split(",") if i.strip()]:
        claim = project.items.get(claim_id)
        if claim is None or claim.type != "claim" or claim.options.get("claim_kind") != HEALTH_CLAIM:
            return fail(f"no health claim {claim_id!r}{did_you_mean(claim_id, project.items)}")
        edit_item(
            claim,
            {
                "appraised_by": args.by,
                "appraised_on": args.date,
                "appraisal_fingerprint": fingerprint(claim.options, evidence),
            },
        )
        print(f"{claim_id} signed off by {args.by} on {args.date}")
    return 0


def release(project: Project, args: argparse.Namespace) -> int:
    """The knowledge base as it stands, recorded as a release: its needs, its version, and a note to write."""
    built = json.loads(Path(args.needs).read_text(encoding="utf-8"))
    needs = {
        need_id: {key: value for key, value in need.items() if value not in (None, "", [], {})}
        for need_id, need in built["versions"][built["current_version"]]["needs"].items()
    }
    recorded_file = project.releases / RELEASES_NEEDS
    recorded = json.loads(recorded_file.read_text(encoding="utf-8")) if recorded_file.is_file() else {"versions": {}}
    earlier = sorted(recorded["versions"], key=Version)
    if args.version in recorded["versions"] or (earlier and Version(args.version) <= Version(earlier[-1])):
        return fail(f"release {args.version} must come after the last one ({earlier[-1] if earlier else 'none'})")
    recorded.update({"created": f"{args.date}T00:00:00", "current_version": args.version, "project": project.title})
    recorded["versions"][args.version] = {
        "created": f"{args.date}T00:00:00",
        "creator": built["versions"][built["current_version"]].get("creator", {}),
        "needs_amount": len(needs),
        "needs": needs,
    }
    project.releases.mkdir(parents=True, exist_ok=True)
    recorded_file.write_text(
        json.dumps(recorded, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    previous = recorded["versions"][earlier[-1]]["needs"] if earlier else {}
    changes = step(previous, needs).changes
    because = [
        f'# {describe(change)}\n{claim_id} = "{REASON_TEXT}"'
        for claim_id, change in sorted(changes.items())
        if change.needs_reason and earlier
    ]
    note = project.releases / f"{args.version}.toml"
    note.write_text(
        RELEASE_NOTE.format(version=args.version, date=args.date, summary=RELEASE_TEXT, because="\n".join(because)),
        encoding="utf-8",
    )
    (project.root / "VERSION").write_text(args.version + "\n", encoding="utf-8")
    print(
        f"recorded release {args.version} ({len(needs)} items) in {recorded_file.relative_to(project.root)}; "
        f"{len(because)} changes to explain: write why where {note.relative_to(project.root)} says TO WRITE"
    )
    return 0
