"""Traceability diagram of a mechanism: its claims and their evidence, drawn by Graphviz (dot)."""

from __future__ import annotations

import html
import shutil
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.ext.graphviz import graphviz

from ..model.rows import ClaimCoverage, Needs

# Beyond this a diagram is unreadable, and dot's time grows quickly; the table beside it lists every claim.
MOST_CLAIMS = 40
TYPE_COLOURS = {"claim": "#F4D35E", "mechanism": "#B8E0D2", "evidence": "#8ECAE6"}


def dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node(need: Mapping[str, Any], uri: str) -> str:
    label = "\n".join(textwrap.wrap(need["title"], 32))
    return (
        f"{dot_string(need['id'])} [label={dot_string(label)}, fillcolor={dot_string(TYPE_COLOURS[need['type']])}, "
        f"URL={dot_string(uri)}, tooltip={dot_string(need['title'])}];"
    )


def shown_claims(claims: list[ClaimCoverage]) -> list[ClaimCoverage]:
    """The claims a diagram draws: all, or the first MOST_CLAIMS with the flagged ones first."""
    return sorted(claims, key=lambda c: not c.flagged)[:MOST_CLAIMS]


def traceability(
    needs: Needs,
    mechanism: Mapping[str, Any],
    claims: list[ClaimCoverage],
    uri_of: Callable[[Mapping[str, Any]], str],
    docname: str,
) -> list[Node]:
    """The diagram, and a note when it draws only some of the claims."""
    shown = shown_claims(claims)
    lines = [
        "digraph traceability {",
        "rankdir=LR;",
        'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
        _node(mechanism, uri_of(mechanism)),
    ]
    drawn = {mechanism["id"]}
    for claim in shown:
        lines.append(_node(needs[claim.id], uri_of(needs[claim.id])))
        lines.append(f'{dot_string(claim.id)} -> {dot_string(mechanism["id"])} [color="#2A9D8F"];')
        for field, style in (
            ("supported_by", 'color="#2D6A4F", label="supports", dir=back'),
            ("contradicted_by", 'color="#9D0208", style=dashed, label="contradicts", dir=back'),
        ):
            # a link to a missing item, or to another type, is reported by the checks; the diagram draws evidence
            for evidence_id in needs[claim.id].get(field) or []:
                if evidence_id not in needs or needs[evidence_id]["type"] != "evidence":
                    continue
                if evidence_id not in drawn:
                    drawn.add(evidence_id)
                    lines.append(_node(needs[evidence_id], uri_of(needs[evidence_id])))
                lines.append(f"{dot_string(claim.id)} -> {dot_string(evidence_id)} [{style}];")
    lines.append("}")
    node = graphviz()
    node["code"] = "\n".join(lines)
    node["options"] = {"docname": docname}
    node["alt"] = html.escape(
        f"Traceability diagram of {mechanism['title']}: {len(shown)} claims, "
        f"{len(drawn) - 1} evidence items; supporting links solid, contradicting links dashed."
    )
    node["classes"] = ["ekb-diagram"]
    if len(shown) == len(claims):
        return [node]
    return [
        node,
        nodes.paragraph(
            text=f"The diagram draws {len(shown)} of the {len(claims)} claims, the flagged ones "
            "first; the table above lists them all."
        ),
    ]


def require_dot(app: Sphinx) -> None:
    """Fail at once, and say why, when the diagram tool is missing (never a silent placeholder)."""
    if shutil.which(app.config.graphviz_dot) is None:
        raise ExtensionError(
            f"the Graphviz 'dot' program {app.config.graphviz_dot!r} was not found: the mechanism pages' diagrams "
            "need it. Run 'make html', which installs graphviz-pure into .venv, or set graphviz_dot in conf.py."
        )
