"""Where the site lives and what the web expects of it: absolute URLs from one setting (html_baseurl),
sitemap.xml and robots.txt, and an object inventory that names only pages the build writes.

conf.py sets html_baseurl from the environment; Sphinx (canonical links) and sphinxext-opengraph read it, and
so do the sitemap and the ClaimReview exports through ``absolute_url``. The sitemap is written from every
page of the environment: sphinx-sitemap lists only the pages a build writes, so an incremental build would
publish a partial one (jdillard/sphinx-sitemap#13, open since 2018).
"""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..compat import needs_view, standard_labels
from ..model.rows import ClaimCoverage, on_page

logger = logging.getLogger(__name__)

# The licence of the data the site publishes (the exports and the ClaimReviews); the quotes stay their publishers'.
DATA_LICENCE_NAME = "CC BY 4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ROBOTS_NAME = "robots.txt"
SITEMAP_NAME = "sitemap.xml"
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# What a build without a base URL leaves out, as its one message says.
LEFT_OUT = (
    "canonical links",
    SITEMAP_NAME,
    "og:url",
    ROBOTS_NAME,
    "the Atom feed of changes",
    "ClaimReview url, @id and author url",
)
META_CONTENT = re.compile(r'content="([^"]*)"')
DESCRIPTION = re.compile(r'(?P<name>(?:name="description"|property="og:description") )content="[^"]*"')
# Pages Sphinx names in every inventory (the std domain's initial labels), written only when configured.
SPECIAL_PAGES = ("genindex", "py-modindex", "search")


def absolute_url(app: Sphinx, docname: str, fragment: str = "") -> str | None:
    """The page's address on the published site, or None in a build without a base URL."""
    if not app.config.html_baseurl:
        return None
    url = posixpath.join(app.config.html_baseurl, app.builder.get_target_uri(docname))
    return f"{url}#{fragment}" if fragment else url


def say_what_is_left_out(app: Sphinx) -> None:
    if app.builder.format == "html" and not app.config.html_baseurl:
        logger.info(
            "html_baseurl is not set (EVIDENCEKB_BASEURL): this build leaves out the absolute URLs: "
            + ", ".join(LEFT_OUT)
            + " (docs/publishing.md)"
        )


def tidy_metatags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """sphinxext-opengraph's tags, as the web reads them.

    Without a base URL, it writes og:url relative to the site's root, which a page elsewhere resolves to a
    missing address; OpenGraph wants an absolute one or none. And it escapes only the quotes of a value, so
    a title's ``<`` and ``&`` reached the page as typed: every value is escaped whole.
    """
    if not context.get("metatags"):
        return
    if summary := page_summary(app, pagename):
        context["metatags"] = DESCRIPTION.sub(lambda m: f'{m["name"]}content="{escape(summary)}"', context["metatags"])
    lines = [
        line for line in context["metatags"].split("\n") if app.config.html_baseurl or 'property="og:url"' not in line
    ]
    context["metatags"] = "\n".join(
        META_CONTENT.sub(lambda m: f'content="{escape(unescape(m.group(1)))}"', line) for line in lines
    )


def page_summary(app: Sphinx, pagename: str) -> str:
    """A health claim's page is described by its rating and plain-language statement, not by its first words."""
    items = on_page(needs_view(app), pagename)
    return ClaimCoverage.of(items[0]).summary if len(items) == 1 and items[0]["type"] == "claim" else ""


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Every page of the site, at its published address (sitemaps.org's protocol)."""
    if exception is not None or app.builder.format != "html" or not app.config.html_baseurl:
        return
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for docname in sorted(app.env.found_docs):
        ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = absolute_url(app, docname)
    ElementTree.ElementTree(urlset).write(Path(app.outdir, SITEMAP_NAME), encoding="utf-8", xml_declaration=True)


REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Moved: {title}</title>
<meta name="robots" content="noindex"><link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}"></head>
<body><p>{old} is now <a href="{target}">{title}</a>.</p></body></html>
"""


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """A renamed item's old page leads to its new one: links and bookmarks to the old address keep working."""
    if exception is not None or app.builder.format != "html":
        return
    for need in needs_view(app).values():
        folder = posixpath.dirname(need["docname"] or "")
        for old in need.get("former_ids") or []:
            old_page = posixpath.join(folder, old.lower())
            if old_page in app.env.found_docs:
                continue  # a page of its own holds that name now
            target = relative_uri(app.builder.get_target_uri(old_page), app.builder.get_target_uri(need["docname"]))
            path = Path(app.outdir, app.builder.get_target_uri(old_page))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                REDIRECT.format(title=escape(need["title"]), target=escape(f"{target}#{need['id']}"), old=escape(old)),
                encoding="utf-8",
            )


def write_robots(app: Sphinx, exception: Exception | None) -> None:
    """robots.txt, where crawlers read it: at the host's root. A site published under a path leaves it to the host."""
    if exception is not None or app.builder.format != "html" or not app.config.html_baseurl:
        return
    sitemap = posixpath.join(app.config.html_baseurl, SITEMAP_NAME)
    if urlsplit(app.config.html_baseurl).path not in ("", "/"):
        logger.info(
            f"{ROBOTS_NAME} is not written: crawlers read it only at the host's root, and the site is published under "
            f"{urlsplit(app.config.html_baseurl).path}; the host's {ROBOTS_NAME} may name the sitemap: Sitemap: "
            f"{sitemap} (docs/publishing.md)"
        )
        return
    Path(app.outdir, ROBOTS_NAME).write_text(f"User-agent: *\nDisallow:\nSitemap: {sitemap}\n", encoding="utf-8")


def inventory_of_written_pages(app: Sphinx) -> list[Any]:
    """Drop the std domain's labels of pages this build does not write (genindex, py-modindex) before the
    inventory is dumped: objects.inv would otherwise send other projects to missing pages."""
    builder = cast(StandaloneHTMLBuilder, app.builder)  # the only kind that emits html-collect-pages
    written = {name for name, *_ in builder.domain_indices}
    written.update(page for page, wanted in (("genindex", builder.use_index), ("search", builder.search)) if wanted)
    for labels in standard_labels(app.env):
        for label, (docname, *_) in list(labels.items()):
            if docname in SPECIAL_PAGES and docname not in written:
                del labels[label]
    return []  # no page of its own


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", say_what_is_left_out)
    app.connect("html-page-context", tidy_metatags, priority=600)  # after sphinxext-opengraph's (500)
    app.connect("html-collect-pages", inventory_of_written_pages)
    app.connect("build-finished", write_sitemap)
    app.connect("build-finished", write_redirects)
    app.connect("build-finished", write_robots)
