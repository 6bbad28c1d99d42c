"""The one markup a content field may hold: a Markdown link, ``[text](https://…)``, to http, https or mailto.

A field's value is text; a link in it is shown as a link on the page and as its text everywhere else (the
exports, the ClaimReviews, the descriptions). Any other scheme (``javascript:``, ``data:``) fails the build
at its line (reading/writing.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

# An address may hold one level of parentheses, as Markdown allows: ``(javascript:alert(1))``.
LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\)")
SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
ALLOWED_SCHEMES = ("http", "https", "mailto")


def refused_links(text: str) -> Iterator[str]:
    """The links of a text whose scheme is not allowed."""
    for match in LINK.finditer(text):
        scheme = SCHEME.match(match["url"])
        if scheme and scheme["scheme"].lower() not in ALLOWED_SCHEMES:
            yield match.group()


def plain(text: str) -> str:
    """The text with each link replaced by its text."""
    return LINK.sub(lambda m: m["text"], text)


def to_html(text: str) -> str:
    """The text escaped, each allowed link an anchor (a refused one stays text: the build fails on it anyway)."""
    parts, last = [], 0
    for match in LINK.finditer(text):
        scheme = SCHEME.match(match["url"])
        if scheme is None or scheme["scheme"].lower() not in ALLOWED_SCHEMES:
            continue
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<a class="reference external" href="{escape(match["url"])}">{escape(match["text"])}</a>')
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)
