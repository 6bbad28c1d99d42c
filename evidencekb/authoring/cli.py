"""The commands' arguments: what make passes to ``python -m evidencekb.authoring``."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from pathlib import Path

from ..model.question import POPULATION_KINDS
from . import commands
from .project import Project


def _sentence_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="the source's id (SRC_…)")
    parser.add_argument("line", type=int, help="the line of the archived text where the sentence starts")
    parser.add_argument("--sentence", type=int, default=1, help="which sentence starting on that line (default 1)")
    parser.add_argument("--quote", default="", help="the words of the sentence to quote, when not all of it")


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="python -m evidencekb.authoring", description=commands.__doc__)
    main_parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project's folder (where conf.py is)")
    subcommands = main_parser.add_subparsers(dest="command", required=True)

    source = subcommands.add_parser("source", help="archive a page's text and write its source item")
    source.add_argument("file", help="the page's text, as a UTF-8 text file")
    source.add_argument("--title", required=True, help="the page's title as it shows it")
    source.add_argument("--kind", required=True, help="publisher_kind: clinic blog, clinic page, health website, …")
    source.add_argument("--archived", default=datetime.date.today().isoformat(), help="date archived (default today)")
    source.add_argument("--appeared-at", default="", help="the page's address, if known")
    source.add_argument(
        "--not-claims", default="", help="passages that assert nothing: 'heading: …' || 'navigation: …'"
    )
    source.add_argument("--id", default="", help="the source's id, where the one made from the title will not do")
    source.set_defaults(run=commands.add_source)

    claim = subcommands.add_parser("claim", help="write a claim quoting a sentence of a source, or a part of one")
    _sentence_arguments(claim)
    claim.add_argument("--title", required=True, help="the claim in your words, as its page title")
    claim.add_argument("--kind", required=True, help="health claim, background statement, opinion or recommendation")
    claim.add_argument("--mechanism", required=True, help="the mechanism's id (MEC_…)")
    claim.add_argument("--id", default="", help="the claim's id, where the one made from the title will not do")
    claim.add_argument("--population", default="", help="a health claim's population: 'people with chronic pain'")
    claim.add_argument(
        "--population-kind", default="", choices=["", *POPULATION_KINDS], help="people, patients or animals"
    )
    claim.add_argument("--outcome", default="", help="what it claims, completing 'does acupuncture …?': 'reduce pain'")
    claim.add_argument(
        "--compared-with", default="", help="sham; no treatment, usual care; or none (docs/data-model.md)"
    )
    claim.add_argument("--last-searched", default="", help="a health claim's: the date you last searched for evidence")
    claim.set_defaults(run=commands.add_claim)

    reuse = subcommands.add_parser("reuse", help="quote a known claim from one more source")
    reuse.add_argument("claim", help="the claim's id (CLM_…)")
    _sentence_arguments(reuse)
    reuse.set_defaults(run=commands.reuse_claim)

    match = subcommands.add_parser("match", help="the known claims a sentence repeats, best first")
    match.add_argument("text", help="the sentence")
    match.add_argument("--limit", type=int, default=5, help="how many to list (default 5)")
    match.set_defaults(run=commands.match)

    evaluate = subcommands.add_parser("match-eval", help="the matcher's hit rate on a file of labelled restatements")
    evaluate.add_argument("labels", help="lines 'CLM_ID<TAB>sentence' (NONE for one that repeats no claim)")
    evaluate.set_defaults(run=commands.evaluate_matcher)

    sentences = subcommands.add_parser("sentences", help="a source's sentences, with the claims quoting each")
    sentences.add_argument("source", help="the source's id (SRC_…)")
    sentences.set_defaults(run=commands.list_sentences)

    rename = subcommands.add_parser("rename", help="rename an item's id everywhere, keeping the old one in former_ids")
    rename.add_argument("old", help="the id it has")
    rename.add_argument("new", help="the id it is to have")
    rename.set_defaults(run=commands.rename)

    today = datetime.date.today().isoformat()
    sign = subcommands.add_parser("sign", help="sign health claims off: who appraised them, when, and what")
    sign.add_argument("claims", help="the claims' ids, separated by commas")
    sign.add_argument(
        "--by", required=True, help="the reviewer's handle, as conf.py declares it (evidencekb_reviewers)"
    )
    sign.add_argument("--date", default=today, help="the date of the sign-off (default today)")
    sign.set_defaults(run=commands.sign)

    release = subcommands.add_parser("release", help="record the knowledge base as it stands as a release")
    release.add_argument("version", help="the release's version, after the last one (0.3.0)")
    release.add_argument("--date", default=today, help="the release's date (default today)")
    release.add_argument("--needs", default="_build/html/needs.json", help="the built needs.json (make html writes it)")
    release.set_defaults(run=commands.release)

    titles = subcommands.add_parser("titles-once", help="remove page headings that repeat the item's title")
    titles.set_defaults(run=commands.titles_once)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run: Callable[[Project, argparse.Namespace], int] = args.run
    return run(Project(args.root.resolve()), args)
