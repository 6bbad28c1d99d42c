"""What the check of a content file's text finds, and where: fixtures of text, with the lines expected."""

from __future__ import annotations

import pytest

from evidencekb.reading.writing import findings, scan

OPTIONS = {"claim": {"id", "quote", "claim_kind"}}

CASES = {
    "markup in a paragraph": ("# T\n\nA <b>bold</b> word.\n", [3, 3]),
    "markup in a heading": ("# A <em>T</em>\n", [1, 1]),
    "markup in a role's text": ("See {need}`<b>`.\n", [1]),
    "markup shown as code, inline": ("Write `<b>` as text.\n", []),
    "markup in a code block": ("```python\nx = '<script>'\n```\nAfter <i>.\n", [4]),
    "markup after a directive written with backticks": ("```{toctree}\na\n```\n\nA <b>.\n", [5]),
    "a raw block": ("```{raw} html\n<p>x</p>\n```\n", [1]),
    "an item written one option a line": (":::{claim} T\n:id: CLM_T\n:quote: words\n\nText.\n:::\n", []),
    "an option continued, last": (":::{claim} T\n:id: CLM_T\n:quote: words\nmore words\n\nText.\n:::\n", [4]),
    "an option continued, then more options": (
        ":::{claim} T\n:quote: words\nmore words\n:claim_kind: opinion\n:::\n",
        [3],
    ),
    "an unknown option": (":::{claim} T\n:id: CLM_T\n:qoute: words\n:::\n", [3]),
    "options in a YAML block": (":::{claim} T\n---\nid: CLM_T\nquote: >-\n  words\n  more words\n---\n:::\n", []),
    "an item written with backticks": ("```{claim} T\n:id: CLM_T\n:quote: words\nmore\n```\n", [4]),
}


@pytest.mark.parametrize("text, lines", CASES.values(), ids=CASES.keys())
def test_each_finding_is_at_its_line(text: str, lines: list[int]) -> None:
    assert [finding.line for finding in findings(text, OPTIONS)] == lines


def test_an_unknown_option_is_named_with_the_closest_known_one() -> None:
    [finding] = findings(":::{claim} T\n:qoute: words\n:::\n", OPTIONS)
    assert finding.message.startswith("unknown option :qoute: of a claim (did you mean 'quote'?)")
    assert finding.directive_line == 1  # where sphinx-needs' own message about it points, which the build drops


def test_a_page_writes_an_item_whether_or_not_its_options_are_right() -> None:
    assert scan(":::{claim} T\n:qoute: words\n:::\n\n```{claim} U\n:id: CLM_U\n```\n", OPTIONS).items == [1, 5]
    assert scan("# A page\n\n```python\n:::{claim} in code\n```\n", OPTIONS).items == []
