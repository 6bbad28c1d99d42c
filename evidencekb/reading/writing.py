"""Checks on how a content file is written, made on its text before MyST reads it.

MyST reads an item's options one a line and ends them at the first line that is not an option: a value
continued on the next line is cut there, and the rest becomes the item's text, or hides the options
after it. It also passes raw HTML through to the site. sphinx-needs names an unknown option at the
directive's line without the closest known one. Each finding here names the line at fault. Findings
are kept per page until it is read again, so an untouched page's mistake fails every build until fixed.
"""

from __future__ import annotations

import logging as logging_module
import re
from collections.abc import Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from ..compat import fields_schema, need_directives
from ..envdata import stored
from ..model.markup import refused_links
from ..model.suggest import did_you_mean
from ..model.templates import PLACEHOLDERS
from .locations import OPTION

logger = logging.getLogger(__name__)

COLON_FENCE = re.compile(r"^(:{3,})\{([\w-]+)\}")
CODE_FENCE = re.compile(r"^(`{3,}|~{3,})\s*(\S*)")
# A tag, a comment or a processing instruction: what MyST would pass through as markup.
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--|<\?")
# Inline code is shown as typed, escaped; a role's text ({need}`…`) is not code.
INLINE_CODE = re.compile(r"(?<![}`])(`+)(?!`).+?(?<!`)\1(?!`)")
# The options every need directive takes besides its fields and links (sphinx-needs' NeedDirective.run).
NEED_DIRECTIVE_OPTIONS = (
    "id",
    "delete",
    "title_from_content",
    "jinja_content",
    "status",
    "tags",
    "collapse",
    "hide",
    "style",
    "layout",
    "template",
    "pre_template",
    "post_template",
    "constraints",
)
# Directives whose body is shown as code.
CODE_DIRECTIVES = {"code", "code-block", "sourcecode", "literalinclude"}


class Finding(NamedTuple):
    line: int
    message: str
    # an unknown option's directive, which sphinx-needs' own message names instead of the option's line
    directive_line: int | None = None


def markup_findings(line: str, number: int) -> Iterator[Finding]:
    outside_code = INLINE_CODE.sub("", line)
    for tag in TAG.finditer(outside_code):
        yield Finding(
            number,
            f"raw HTML {tag.group()!r} in a content file: the site would carry it as markup; write plain text "
            "(a literal '<' inside `code`, or as &lt;)",
        )
    for placeholder, instead in PLACEHOLDERS.items():
        if placeholder in outside_code:  # a page may name one as `code`, as docs/authoring.md does
            yield Finding(number, f"a placeholder of the authoring commands is still here ({placeholder!r}): {instead}")
    for link in refused_links(outside_code):
        yield Finding(
            number,
            f"the link {link!r} is not to an http, https or mailto address: a page links only "
            "to those; write the address so, or the text without a link",
        )


def option_findings(lines: list[str], directive_line: int, name: str, known: set[str]) -> Iterator[Finding]:
    """The options of one item: unknown names, and a value continued on the next line."""
    number, last = directive_line + 1, None
    if number <= len(lines) and lines[number - 1].strip() == "---":
        return  # options in a YAML block, where a value may run over several lines
    while number <= len(lines) and (match := OPTION.match(lines[number - 1])):
        last = match.group(1)
        if last not in known:
            yield Finding(
                number,
                f"unknown option :{last}: of a {name}{did_you_mean(last, known)}: correct its name "
                "(the options are listed in docs/data-model.md)",
                directive_line,
            )
        number += 1
    if last and number <= len(lines) and lines[number - 1].strip() and not lines[number - 1].startswith((":::", "```")):
        yield Finding(
            number,
            f"this line continues the option :{last}: of the line above, but an option is read from one line "
            "only: the rest would become the item's text and hide the options after it. Write the option "
            "on one line (a long line is fine), and leave a blank line before the item's text",
        )


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


@dataclass(frozen=True)
class Scan:
    """What a page's text shows before MyST reads it: the mistakes in it, and the items it writes (their lines)."""

    findings: list[Finding]
    items: list[int]


def scan(text: str, need_directives: dict[str, set[str]]) -> Scan:
    lines = text.splitlines()
    found: list[Finding] = []
    items: list[int] = []
    fence = ""  # the fence of the code block being skipped
    directive_fences: list[str] = []  # the fences of the directives written with backticks, innermost last
    for number, line in enumerate(lines, start=1):
        if fence:
            if _closes(line, fence):
                fence = ""
            continue
        if directive_fences and _closes(line, directive_fences[-1]):
            directive_fences.pop()
            continue
        if (code := CODE_FENCE.match(line)) is not None:
            info = code.group(2)
            name = info[1 : info.find("}")] if info.startswith("{") else ""
            if name == "raw":
                found.append(
                    Finding(
                        number,
                        "a raw block in a content file: the site would carry its text as markup; write plain text",
                    )
                )
            if not name or name in CODE_DIRECTIVES or name == "raw":  # a raw block's text: named once, at its fence
                fence = code.group(1)
            else:
                directive_fences.append(code.group(1))
                if name in need_directives:
                    items.append(number)
                    found += option_findings(lines, number, name, need_directives[name])
            continue
        found += markup_findings(line, number)
        if (item := COLON_FENCE.match(line)) is not None and item.group(2) in need_directives:
            items.append(number)
            found += option_findings(lines, number, item.group(2), need_directives[item.group(2)])
    return Scan(found, items)


def findings(text: str, need_directives: dict[str, set[str]]) -> list[Finding]:
    return scan(text, need_directives).findings


def need_options(app: Sphinx) -> dict[str, set[str]]:
    """Each need type's directive, with the options it takes: its fields and links, and sphinx-needs' own."""
    schema = fields_schema(app.env)
    return {
        directive: {
            *NEED_DIRECTIVE_OPTIONS,
            *schema.for_type(directive).iter_extra_field_names(),
            *schema.for_type(directive).iter_link_field_names(),
        }
        for directive in need_directives(app)
    }


def _findings(env: BuildEnvironment) -> dict[str, list[Finding]]:
    return stored(env, "writing", dict)


def item_pages(env: BuildEnvironment) -> set[str]:
    """The pages that write an item, whether or not sphinx-needs could make it (navigation.py keeps them out of toctrees)."""
    return stored(env, "item_pages", set)


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: before MyST parses the page, so sphinx-needs' own message on the same mistake can be dropped."""
    page = scan(source[0], need_options(app))
    if page.findings:
        _findings(app.env)[docname] = page.findings
    if page.items:
        item_pages(app.env).add(docname)


class WritingFindings(EnvironmentCollector):
    """Each page's findings and whether it writes an item, kept until it is read again: an untouched page's mistake
    fails every build."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _findings(env).pop(docname, None)
        item_pages(env).discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        _findings(env).update({doc: found for doc, found in _findings(other).items() if doc in docnames})
        item_pages(env).update(item_pages(other) & docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass  # collected from the page's text, at source-read


def report(app: Sphinx, *args: Any) -> None:
    for docname, found in sorted(_findings(app.env).items()):
        for finding in found:
            logger.warning(finding.message, location=(docname, finding.line), type="evidencekb", subtype="writing")


class ReportedAtTheOption(logging_module.Filter):
    """Drops sphinx-needs' message on a directive (type needs.directive) whose unknown option this module reports
    at the option's own line, with the closest known name."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging_module.LogRecord) -> bool:
        if (getattr(record, "type", None), getattr(record, "subtype", None)) != ("needs", "directive"):
            return True
        env = self.app.env
        at = {
            f"{Path(env.doc2path(env.docname))}:{f.directive_line}"
            for f in _findings(env).get(env.docname, ())
            if f.directive_line
        }
        return str(getattr(record, "location", "")) not in at


def setup(app: Sphinx) -> None:
    needs_logger = logging.getLogger("sphinx_needs.directives.need").logger
    reported_at_the_option = ReportedAtTheOption(app)
    app.connect("builder-inited", lambda app: needs_logger.addFilter(reported_at_the_option))
    app.connect("build-finished", lambda app, exception: needs_logger.removeFilter(reported_at_the_option))
    app.add_env_collector(WritingFindings)
    app.connect("source-read", check_source)
    app.connect("write-started", report)
