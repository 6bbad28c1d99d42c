"""The evidence map of a mechanism's health claims, in the manner of the BMJ's 2022 acupuncture evidence map and the
VA's 2014 bubble plot: each claim a mark, placed by which way its bearing evidence points and by its certainty
(GRADE), sized by how many studies bear on it, coloured and labelled by its rating. Every mark is a link to the
claim; the map is an HTML table, so its rows and columns are the text alternative that a screen reader reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..model.rows import EVIDENCE_DIRECTIONS, ClaimCoverage
from ..model.rule import CERTAINTIES
from .render import Html, ItemLinks

CAPTION = (
    "Evidence map of {title}: each mark is a health claim, placed by the direction of the evidence that bears on it "
    "and by its certainty (GRADE); a larger mark has more studies bearing on it."
)
# Certainty from low to high, left to right, as the maps read.
COLUMNS = tuple(reversed(CERTAINTIES))


ROWS = {
    "for": "Evidence for",
    "both ways": "Evidence both ways",
    "against": "Evidence against",
    "none bears": "No evidence bears on it",
}


def mark(links: ItemLinks, claim: ClaimCoverage, titled: bool) -> str:
    studies = claim.n_supporting + claim.n_contradicting
    label = f"{claim.headline} ({studies} bearing {'study' if studies == 1 else 'studies'})"
    named = f' title="{escape(label)}"' + ("" if titled else f' aria-label="{escape(label)}"')
    return (
        f'<a class="ekb-map-mark ekb-{claim.status.replace(" ", "-")}" href="{escape(links.uri(links.needs[claim.id]))}"'
        f'{named} style="--studies: {min(studies, 12)}"><span class="ekb-map-dot" aria-hidden="true"></span>'
        f"{escape(claim.title) if titled else ''}</a>"
    )


def evidence_map(links: ItemLinks, title: str, claims: Sequence[ClaimCoverage], titled: bool) -> Html:
    """The map as HTML: a row per direction of the evidence, a column per certainty; ``titled`` writes each claim's
    title beside its mark (a mechanism's page), else the mark alone, titled on hover and for screen readers."""
    health = [c for c in claims if c.is_health_claim]
    head = "".join(f'<th class="head" scope="col">{escape(c)}</th>' for c in COLUMNS)
    rows = []
    for direction in EVIDENCE_DIRECTIONS:
        cells = "".join(
            "<td>"
            + "".join(mark(links, c, titled) for c in health if c.direction == direction and c.certainty == certainty)
            + "</td>"
            for certainty in COLUMNS
        )
        rows.append(f'<tr><th scope="row">{ROWS[direction]}</th>{cells}</tr>')
    return Html(
        '<div class="table-wrapper container"><table class="docutils ekb-table ekb-map ekb-wide">'
        f'<caption><span class="caption-text">{escape(CAPTION.format(title=title))}</span></caption>'
        f'<thead><tr><th class="head" scope="col">Certainty (GRADE)</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
