"""Checks across items that sphinx-needs' schemas cannot express.

Each item check yields findings about one item, reading only the item, its neighbours and the archived
texts; every message says what to do, and is logged at the line of the option at fault (or of the
archived sentence), so ``-W`` fails the build there. One check reads across all items: that no
identifier is used twice.
"""

from __future__ import annotations

import datetime
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.util import logging

from ..compat import link_target_types, needs_view
from ..model.question import KINDS, Question
from ..model.quotes import ArchivedText, ArchiveError, overlapping, reference_entries, split_quotes
from ..model.results import RESULT_FIELDS, bears_on, parse, results
from ..model.rows import computed_once, reference_audit
from ..model.rule import (
    BEARING_LINKS,
    CERTAINTIES,
    EVIDENCE_LINKS,
    HEALTH_CLAIM,
    certainty_of,
    domain_name,
    with_article,
)
from ..model.sentences import NOT_CLAIM_REASONS, accounts, declarations, quoting_claims
from ..model.signoff import SIGNOFF_FIELDS
from ..model.suggest import did_you_mean
from .archives import archive_of, archived_text, read_archive
from .locations import location, option_line

logger = logging.getLogger(__name__)

Need = Mapping[str, Any]


class Finding(NamedTuple):
    """A message about an item, at the line of ``option`` (the directive's when None), or at ``at`` ('path:line')."""

    message: str
    option: str | None = None
    at: str | None = None


PREFIXES = {"source": "SRC_", "claim": "CLM_", "mechanism": "MEC_", "evidence": "EVD_"}
IDENTIFIERS = ("doi", "pmid", "pmcid", "url")
CONTENT_SUFFIXES = {".md"}


@dataclass(frozen=True)
class Context:
    """What an item check may read besides its item: every need, and the archived texts."""

    app: Sphinx
    needs: Mapping[str, Need]

    def archive(self, source_id: str) -> ArchivedText | None:
        return archived_text(self.app, self.needs[source_id]) if source_id in self.needs else None

    def repeated_sources(self) -> set[str]:
        """The sources whose archived text an earlier source has already."""
        return computed_once(
            self.needs,
            "repeated sources",
            lambda: {source["id"] for source, _ in check_unique_sources(self) if _.option == "archive"},
        )

    def renamed(self) -> dict[str, str]:
        """Each former id (former_ids) with the id its item has now."""
        return computed_once(
            self.needs,
            "renamed",
            lambda: {old: need["id"] for need in self.needs.values() for old in need.get("former_ids") or []},
        )

    def target_types(self, need_type: str) -> dict[str, frozenset[str]]:
        return computed_once(
            self.needs, ("target types", need_type), lambda: link_target_types(self.app.env, need_type)
        )


def check_id_prefix(need: Need, ctx: Context) -> Iterator[Finding]:
    prefix = PREFIXES.get(need["type"])
    if prefix and not need["id"].startswith(prefix):
        yield Finding(f"id {need['id']!r} of a {need['type']} must start with {prefix!r}: rename it", "id")


def check_links(need: Need, ctx: Context) -> Iterator[Finding]:
    """A link to an id no item has (sphinx-needs' own message names neither the option's line nor the closest ids)."""
    for field in (key[: -len("_back")] for key in need if key.endswith("_back")):
        for target in need.get(field) or []:
            if target in ctx.needs:
                continue
            if renamed := ctx.renamed().get(target):
                yield Finding(f"{target!r} in :{field}: was renamed {renamed!r}: use the new id", field)
                continue
            yield Finding(
                f"unknown outgoing link {target!r} in :{field}:{did_you_mean(target, ctx.needs)}: "
                "correct the id, or add the missing item",
                field,
            )


def check_link_targets(need: Need, ctx: Context) -> Iterator[Finding]:
    """A link to an item of a type the link does not take (a claim "supported by" a mechanism)."""
    for field, allowed in ctx.target_types(need["type"]).items():
        for target in need.get(field) or []:
            other = ctx.needs.get(target.split(".", 1)[0])
            if other is not None and other["type"] not in allowed:
                yield Finding(
                    f"{target!r} in :{field}: is a {other['type']}, but :{field}: links to "
                    f"{' or '.join(sorted(allowed))}: link an item of that type",
                    field,
                )


def check_archive(source: Need, ctx: Context) -> Iterator[Finding]:
    """The archive is there, is UTF-8 text, and holds the text its name's hash records: an archive is never edited."""
    if source["type"] != "source" or not source.get("archive"):
        return
    if not archive_of(ctx.app, source).is_file():
        archived = sorted(p.name for p in archive_of(ctx.app, {}).glob("*.txt"))
        yield Finding(
            f"archive file {source['archive']!r} not found in {ctx.app.config.evidencekb_archive_dir}/"
            f"{did_you_mean(source['archive'], archived)}: archive the page's text there, unchanged, "
            "or correct the name",
            "archive",
        )
        return
    text = read_archive(ctx.app, source)
    if isinstance(text, ArchiveError):
        yield Finding(f"the archive {source['archive']} cannot be read: {text}", at=f"{text.path}:{text.line}")
    elif isinstance(text, ArchivedText) and text.named_hash is None:
        yield Finding(
            f"archive file name {source['archive']!r} is not NNN_<hash>.txt: rename it "
            f"{source['archive'][:3] if source['archive'][:3].isdigit() else '000'}_{text.hash}.txt "
            "(make source names archives so)",
            "archive",
        )
    elif isinstance(text, ArchivedText) and text.named_hash != text.hash:
        lost = sorted(
            claim["id"]
            for claim in quoting_claims(source, ctx.needs)
            if any(not text.contains(q) for q in split_quotes(claim.get("quote") or ""))
        )
        yield Finding(
            f"the archived page changed: the text of {source['archive']} has the hash {text.hash}, its name records "
            f"{text.named_hash}. An archive is never edited: restore it (git checkout), or, if the page changed where "
            f"it appeared, archive the new text as a new source (make source) and reuse the claims that still hold. "
            f"Claims whose quotes it no longer holds: {', '.join(lost) or 'none'}",
            "archive",
        )


def archive_changed(ctx: Context, source_id: str) -> bool:
    """A source whose archive no longer matches its name, or repeats an earlier source's text: reported once, at the
    source, and its claims' quotes and its sentences are not checked besides."""
    text = ctx.archive(source_id)
    changed = text is not None and text.named_hash is not None and text.named_hash != text.hash
    return changed or source_id in ctx.repeated_sources()


def check_quotes(claim: Need, ctx: Context) -> Iterator[Finding]:
    if claim["type"] != "claim" or not claim.get("quote"):
        return
    sources = [s for s in claim.get("sources") or [] if s in ctx.needs]
    texts = [text for s in sources if (text := ctx.archive(s)) is not None]
    if not texts or len(texts) < len(sources) or any(archive_changed(ctx, s) for s in sources):
        return  # a source without a readable archive, or whose archive changed: reported once, at the source
    for quote in split_quotes(claim["quote"]):
        if not any(text.contains(quote) for text in texts):
            nearest = min((text.nearest(quote) for text in texts), key=lambda near: len(near.missing) + len(near.extra))
            yield Finding(
                f"quote not found verbatim in the archived text of {', '.join(sources)}: {quote!r}; "
                f"{nearest.describe()}; copy it exactly from the archive "
                "(only typographic quotes and white space may differ)",
                "quote",
            )
            continue
        for source_id, text in zip(sources, texts, strict=True):
            found = text.sentences_quoted(quote)
            if len(found) > 1:
                listed = "; ".join(f"line {s.line}: {s.text!r}" for s in found)
                yield Finding(
                    f"quote {quote!r} is found in {len(found)} sentences of {source_id}, so it quotes them all: {listed}. "
                    "Quote more words, to make it one",
                    "quote",
                )


def check_shared_passages(claim: Need, ctx: Context) -> Iterator[Finding]:
    """One assertion, one claim: a passage quoted by an earlier claim fails at the later one, unless they declare it."""
    if claim["type"] != "claim":
        return
    for source_id in claim.get("sources") or []:
        text = ctx.archive(source_id)
        if text is None:
            continue
        quoted_twice = computed_once(
            ctx.needs,
            ("quoted twice", source_id),
            partial(passages_quoted_twice, ctx.needs[source_id], text, ctx.needs),
        )
        for earlier, quote in quoted_twice.get(claim["id"], {}).items():
            yield Finding(
                f"{quote!r} quotes a passage of {source_id} that {earlier} quotes already: one "
                f"assertion is one claim, so merge the two; if the same words make two assertions, "
                f"add :shares_passage_with: {earlier}",
                "quote",
            )


def passages_quoted_twice(source: Need, text: ArchivedText, needs: Mapping[str, Need]) -> dict[str, dict[str, str]]:
    """For each claim quoting a passage that an earlier claim quotes, undeclared: the earlier claim's id and the quote.

    One sweep over the quotes in text order, so that a source quoted by thousands of claims costs no pairs."""
    quoted = sorted(
        (
            (span, quote, claim)
            for claim in quoting_claims(source, needs)
            for quote in split_quotes(claim.get("quote") or "")
            if len(text.sentences_quoted(quote)) <= 1  # an ambiguous quote is reported as such, not as shared
            for span in text.spans(quote)
        ),
        key=lambda q: q[0],
    )
    found: dict[str, dict[str, str]] = {}
    still_open: list[tuple[tuple[int, int], str, Need]] = []
    for span, quote, claim in quoted:
        still_open = [q for q in still_open if q[0][1] > span[0]]
        for _, other_quote, other in still_open:
            if other["id"] == claim["id"] or other["id"] in shared_with(claim):
                continue
            earlier, later, later_quote = (
                (other, claim, quote) if _order(other) < _order(claim) else (claim, other, other_quote)
            )
            found.setdefault(later["id"], {}).setdefault(earlier["id"], later_quote)
        still_open.append((span, quote, claim))
    return found


def shared_with(claim: Need) -> set[str]:
    return set(claim.get("shares_passage_with") or []) | set(claim.get("shares_passage_with_back") or [])


def _order(need: Need) -> tuple[str, int, str]:
    return need["docname"] or "", need["lineno"] or 0, need["id"]


def check_reference_list(source: Need, ctx: Context) -> Iterator[Finding]:
    if source["type"] == "source" and archive_changed(ctx, source["id"]):
        return  # reported once, as the archived page changed
    if source["type"] != "source" or not source.get("reference_list"):
        return
    try:
        entries = reference_entries(source["reference_list"])
    except ValueError as error:
        yield Finding(
            f"{error}: write each entry as its number, a full stop and the title as the page shows it", "reference_list"
        )
        return
    archive = ctx.archive(source["id"])
    for number, title in entries.items():
        if archive and not archive.contains(title):
            yield Finding(
                f"reference [{number}] title not found verbatim in the archived text: {title!r}; "
                f"{archive.nearest(title).describe()}; copy it exactly",
                "reference_list",
            )


def check_not_claims(source: Need, ctx: Context) -> Iterator[Finding]:
    """A source's declared passages: each a known reason and verbatim text that no claim quotes."""
    if source["type"] == "source" and archive_changed(ctx, source["id"]):
        return  # reported once, as the archived page changed
    if source["type"] != "source" or not source.get("not_claims"):
        return
    try:
        declared = declarations(source)
    except ValueError as error:
        yield Finding(
            f"{error}: write each entry as its reason, a colon and the passage, separated by ' || '", "not_claims"
        )
        return
    archive = ctx.archive(source["id"])
    quoted = (
        []
        if archive is None
        else [
            (claim["id"], span)
            for claim in quoting_claims(source, ctx.needs)
            for quote in split_quotes(claim.get("quote") or "")
            for span in archive.spans(quote)
        ]
    )
    for declaration in declared:
        if declaration.reason not in NOT_CLAIM_REASONS:
            yield Finding(
                f"reason {declaration.reason!r} of a passage declared not a claim is not one of "
                f"{', '.join(map(repr, NOT_CLAIM_REASONS))}{did_you_mean(declaration.reason, NOT_CLAIM_REASONS)}: "
                "a passage that asserts something is a claim",
                "not_claims",
            )
        if archive is None:
            continue
        if not archive.contains(declaration.passage):
            yield Finding(
                f"passage declared not a claim not found verbatim in the archived text: {declaration.passage!r}; "
                f"{archive.nearest(declaration.passage).describe()}; copy it exactly",
                "not_claims",
            )
            continue
        spans = archive.spans(declaration.passage)
        if claims := sorted({claim_id for claim_id, span in quoted if any(overlapping(span, s) for s in spans)}):
            yield Finding(
                f"passage declared not a claim is quoted by {', '.join(claims)}: {declaration.passage!r}; "
                "remove it from :not_claims:",
                "not_claims",
            )


def check_sentences(source: Need, ctx: Context) -> Iterator[Finding]:
    """Every sentence of the archived text is quoted by a claim or declared not a claim, at the archive's line."""
    if source["type"] == "source" and archive_changed(ctx, source["id"]):
        return  # reported once, as the archived page changed
    archive = ctx.archive(source["id"]) if source["type"] == "source" else None
    if archive is None:
        return
    for account in computed_once(ctx.needs, ("accounts", source["id"]), lambda: accounts(source, archive, ctx.needs)):
        if not account.accounted:
            yield Finding(
                f"sentence of {source['id']} quoted by no claim and not declared: {account.sentence.text!r}; "
                f"quote it in a claim (make claim SOURCE={source['id']} LINE={account.sentence.line}), or, if it "
                f"asserts nothing, declare it in :not_claims: of {source['id']} as 'heading: …', "
                "'navigation: …' or 'list marker: …'",
                at=f"{archive.path}:{account.sentence.line}",
            )


def cited_numbers(source: Need, needs: Mapping[str, Need]) -> set[int]:
    """Reference numbers a source may be cited with: its list's, and those it records as missing."""
    return {row.number for row in reference_audit(source, needs)}


def check_reference_numbers(need: Need, ctx: Context) -> Iterator[Finding]:
    if need["type"] == "claim":
        option, sources, numbers, fix = (
            "source_refs",
            need.get("sources") or [],
            need.get("source_refs") or [],
            ("correct the number, or record it in the source's :missing_refs: if the page cites it without listing it"),
        )
    elif need["type"] == "evidence" and need.get("listed_in"):
        option, sources, numbers, fix = (
            "ref_number",
            need["listed_in"],
            [need["ref_number"]] if need.get("ref_number") else [],
            ("use the number the source's :reference_list: gives this publication"),
        )
    else:
        return
    numbered = {s: cited_numbers(ctx.needs[s], ctx.needs) for s in sources if s in ctx.needs}
    numbered = {s: known for s, known in numbered.items() if known}
    if numbers and len(numbered) > 1:
        # one list of numbers for two pages' references would not say which page's reference each is
        yield Finding(
            f"{', '.join(sorted(numbered))} both number their references, so :{option}: cannot say whose "
            "numbers it holds: split the claim, one per source",
            option,
        )
        return
    known = set().union(*numbered.values())
    for number in numbers:
        if number not in known:
            yield Finding(f"reference [{number}] is not in the reference list of {', '.join(sources)}: {fix}", option)


def check_has_identifier(need: Need, ctx: Context) -> Iterator[Finding]:
    # "at least one of" is an anyOf, which sphinx-needs' local schemas do not accept.
    if need["type"] == "evidence" and not any(need.get(field) for field in IDENTIFIERS):
        yield Finding("an evidence item needs at least one identifier: add :doi:, :pmid:, :pmcid: or :url:")


def check_evidence_is_used(need: Need, ctx: Context) -> Iterator[Finding]:
    if need["type"] == "evidence" and not (
        need.get("listed_in") or any(need.get(f"{link}_back") for link in EVIDENCE_LINKS)
    ):
        yield Finding(
            "no claim links to this evidence item and no source lists it: "
            "link it from a claim (:supported_by:, :contradicted_by: or :inconclusive:) or remove it"
        )


def check_question(claim: Need, ctx: Context) -> Iterator[Finding]:
    """One claim, one question: a specific effect (against sham), a benefit, or a mechanism, never two at once."""
    if claim["type"] == "claim" and claim.get("claim_kind") == HEALTH_CLAIM and Question.of(claim).mixes_kinds:
        yield Finding(
            f"compared_with {', '.join(claim['compared_with'])} asks two questions: whether the needling itself matters "
            "(sham) and whether patients benefit (no treatment, usual care), or a comparison beside none. Split the "
            "claim in two, one question each, sharing the passage (:shares_passage_with:)",
            "compared_with",
        )


def check_results(evidence: Need, ctx: Context) -> Iterator[Finding]:
    """Each result field reads as 'N studies; N participants; the effect'."""
    if evidence["type"] != "evidence":
        return
    for field in RESULT_FIELDS:
        if value := evidence.get(field):
            try:
                parse(field, value)
            except ValueError as error:
                yield Finding(f":{field}: {error}", field)


def check_links_bear_on_the_question(claim: Need, ctx: Context) -> Iterator[Finding]:
    """A study supports or contradicts a claim only through a comparison its question asks."""
    if claim["type"] != "claim" or claim.get("claim_kind") != HEALTH_CLAIM:
        return
    question = Question.of(claim)
    if question.mixes_kinds:
        return  # the question is reported first; its links are read once it asks one thing
    for link in BEARING_LINKS:
        for item_id in claim.get(link) or []:
            evidence = ctx.needs.get(item_id)
            if evidence is None or evidence["type"] != "evidence" or bears_on(evidence, question.comparisons, link):
                continue
            made = " and ".join(r.describes for r in results(evidence))
            yield Finding(
                f"{item_id} reports a result {made}, and the claim asks {KINDS[question.kind]} "
                f"({question.comparison_phrase().strip()}): that result cannot "
                f"{'support' if link == 'supported_by' else 'contradict'} it. Link it :inconclusive:, or to a claim whose "
                "question it answers",
                link,
            )


def check_one_direction(claim: Need, ctx: Context) -> Iterator[Finding]:
    """One study has one direction per claim: the second link to it fails, at its line."""
    if claim["type"] != "claim":
        return
    linked: dict[str, list[str]] = defaultdict(list)
    for link in EVIDENCE_LINKS:
        for item_id in claim.get(link) or []:
            linked[item_id].append(link)
    for item_id, links in sorted(linked.items()):
        if len(links) > 1:
            later = max(links, key=lambda link: option_line(ctx.app, claim, link))
            yield Finding(
                f"{item_id} is linked as {' and as '.join(f':{link}:' for link in links)}: one study has one direction "
                "for a claim; keep the one its result for this claim's question gives",
                later,
            )


def check_certainty(claim: Need, ctx: Context) -> Iterator[Finding]:
    """GRADE's arithmetic: the best bearing evidence's start, a step down per domain named, two per very serious one;
    and the domains the evidence requires."""
    if (
        claim["type"] != "claim"
        or claim.get("claim_kind") != HEALTH_CLAIM
        or claim.get("certainty") not in CERTAINTIES
        or Question.of(claim).mixes_kinds
    ):
        return
    grade = certainty_of(claim, ctx.needs)
    named = {domain_name(d) for d in claim.get("rated_down_for") or []}
    for domain, why in grade.required:
        if domain_name(domain) not in named:
            yield Finding(
                f"{why}: rate the evidence down for {domain!r} in :rated_down_for:",
                "rated_down_for" if claim.get("rated_down_for") else "certainty",
            )
    if claim["certainty"] != grade.expected:
        basis = (
            f"its best bearing evidence, {grade.basis.id} ({with_article(grade.basis.level)}), starts at "
            f"{grade.start!r}"
            if grade.basis
            else f"with no evidence that bears on its question it starts at {grade.start!r}"
        )
        yield Finding(
            f"certainty {claim['certainty']!r} does not follow from its evidence: {basis}, and rated down "
            f"{grade.steps} step{'' if grade.steps == 1 else 's'} for {', '.join(claim.get('rated_down_for') or []) or 'no domain'} it is "
            f"{grade.expected!r}. Set :certainty: {grade.expected}, or name (or remove) the domains it was rated down for",
            "certainty",
        )


def check_dates(need: Need, ctx: Context) -> Iterator[Finding]:
    """No date of the maintainers' is in the future: the last search for evidence, a sign-off, an archiving."""
    today = datetime.date.today().isoformat()
    for field in ("last_searched", "appraised_on", "archived"):
        if (need.get(field) or "") > today:
            yield Finding(f":{field}: {need[field]} is in the future: write the date it happened", field)


def check_signoff(claim: Need, ctx: Context) -> Iterator[Finding]:
    """A sign-off names a configured reviewer, a date and what it covered, all three or none (make sign)."""
    if claim["type"] != "claim" or not any(claim.get(f) for f in SIGNOFF_FIELDS):
        return
    missing = [f for f in SIGNOFF_FIELDS if not claim.get(f)]
    if missing:
        present = next(f for f in SIGNOFF_FIELDS if claim.get(f))
        yield Finding(
            f"a sign-off names who, when and what it covered ({', '.join(f':{f}:' for f in SIGNOFF_FIELDS)}), and this "
            f"one lacks {', '.join(f':{f}:' for f in missing)}; sign it with make sign CLAIM={claim['id']} BY=<handle>",
            present,
        )
    reviewers = [r["handle"] for r in ctx.app.config.evidencekb_reviewers]
    if claim.get("appraised_by") and claim["appraised_by"] not in reviewers:
        yield Finding(
            f"{claim['appraised_by']!r} in :appraised_by: is not a reviewer of this project"
            f"{did_you_mean(claim['appraised_by'], reviewers)}: the reviewers are declared in conf.py "
            "(evidencekb_reviewers; docs/releases.md)",
            "appraised_by",
        )


# Each reads its item, its neighbours and the archived texts.
ITEM_CHECKS: tuple[Callable[[Need, Context], Iterator[Finding]], ...] = (
    check_id_prefix,
    check_links,
    check_link_targets,
    check_archive,
    check_quotes,
    check_shared_passages,
    check_reference_list,
    check_not_claims,
    check_sentences,
    check_reference_numbers,
    check_has_identifier,
    check_evidence_is_used,
    check_question,
    check_results,
    check_links_bear_on_the_question,
    check_one_direction,
    check_certainty,
    check_dates,
    check_signoff,
)


def check_unique_identifiers(needs: Mapping[str, Need]) -> Iterator[tuple[Need, Finding]]:
    """An identifier used by two evidence items."""
    users: dict[tuple[str, str], list[Need]] = defaultdict(list)
    for need in needs.values():
        if need["type"] == "evidence":
            for field in IDENTIFIERS:
                if value := need.get(field):
                    users[(field, value.lower())].append(need)
    for (field, _), items in users.items():
        first, *others = sorted(items, key=_order)
        for need in others:
            yield (
                need,
                Finding(
                    f"{field} {need[field]!r} is already used by {first['id']}: "
                    "one publication is one evidence item; link the existing item instead",
                    field,
                ),
            )


def check_unique_sources(ctx: Context) -> Iterator[tuple[Need, Finding]]:
    """One page, one source: a second source with the same archived text or the same address fails, naming the first."""
    by_text: dict[str, Need] = {}
    by_address: dict[str, Need] = {}
    for source in sorted((n for n in ctx.needs.values() if n["type"] == "source"), key=_order):
        text = ctx.archive(source["id"])
        if text is not None and (first := by_text.setdefault(text.hash, source)) is not source:
            yield (
                source,
                Finding(
                    f"the archived text is the same as {first['id']}'s ({first['archive']}): one page is one "
                    f"source; remove this one, and quote the page's claims from {first['id']}",
                    "archive",
                ),
            )
        address = (source.get("appeared_at") or "").rstrip("/")
        if address and (first := by_address.setdefault(address, source)) is not source:
            yield (
                source,
                Finding(
                    f"{first['id']} appeared at this address already: one page is one source; remove this "
                    f"one, and quote the page's claims from {first['id']}",
                    "appeared_at",
                ),
            )


def unread_content_files(app: Sphinx) -> Iterator[Path]:
    """Files under the content folder, outside the archive, that the build does not read (wrong suffix or excluded)."""
    srcdir = Path(app.srcdir)
    archive = srcdir / app.config.evidencekb_archive_dir
    for folder, subfolders, files in os.walk(srcdir / app.config.evidencekb_content_dir):
        subfolders[:] = sorted(name for name in subfolders if Path(folder, name) != archive)
        prefix = Path(folder).relative_to(srcdir).as_posix()
        for name in sorted(files):
            stem, suffix = os.path.splitext(name)
            if suffix not in CONTENT_SUFFIXES or f"{prefix}/{stem}" not in app.env.found_docs:
                yield Path(folder, name)


def report(app: Sphinx, need: Need, finding: Finding) -> None:
    logger.warning(
        f"{need['id']}: {finding.message}",
        location=finding.at or location(app, need, finding.option),
        type="evidencekb",
        subtype="content",
    )


def run_checks(app: Sphinx, *args: Any) -> None:
    needs = needs_view(app)
    ctx = Context(app, needs)
    problems = [(need, finding) for need in needs.values() for check in ITEM_CHECKS for finding in check(need, ctx)]
    problems += check_unique_identifiers(needs)
    problems += check_unique_sources(ctx)
    for need, finding in problems:
        report(app, need, finding)
    for path in unread_content_files(app):
        logger.warning(
            f"{path.relative_to(app.srcdir)} is not read by the build: content files must be Markdown (.md) "
            "under a toctree; rename it or move it out of the content folder",
            location=f"{path}:1",
            type="evidencekb",
            subtype="unread_file",
        )


def setup(app: Sphinx) -> None:
    # write-started: every need is read and resolved; warnings here still fail -W.
    app.connect("write-started", run_checks)
