"""Who answers for an appraisal: a health claim's sign-off, and whether it still covers what the claim says now.

A maintainer signs a claim off (``make sign``): their handle, the date, and a fingerprint of what they appraised,
the claim's quote, question and appraisal (verdict, certainty, what it was rated down for), and each linked
evidence item with the direction of its link and what the rule reads of it (design, population, certainty, results).
The build computes the fingerprint again: when any of it changed since, the appraisal is out of date until someone
signs it again. The fingerprint is computed the same from a build's needs and from the Markdown options the
authoring commands read, so a value is read as a list or a string by its field, whichever form it comes in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from .quotes import normalise, split_quotes
from .results import RESULT_FIELDS
from .rule import EVIDENCE_LINKS

CLAIM_TEXT_FIELDS = (
    "population_group",
    "population_kind",
    "intervention",
    "outcome",
    "magnitude",
    "verdict",
    "certainty",
)
CLAIM_LIST_FIELDS = ("compared_with", "rated_down_for")
EVIDENCE_FIELDS = ("design", "population", "certainty", *RESULT_FIELDS)
SIGNOFF_FIELDS = ("appraised_by", "appraised_on", "appraisal_fingerprint")

# The computed state of a health claim's sign-off (the computed field ``appraisal``).
SIGNED = "signed off"
OUT_OF_DATE = "appraisal out of date"
UNSIGNED = "not signed off"


def _list(value: Any) -> list[str]:
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    return sorted(str(item).strip() for item in items if str(item).strip())


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def fingerprint(claim: Mapping[str, Any], evidence: Mapping[str, Mapping[str, Any]]) -> str:
    """16 hexadecimal digits of a SHA-256 over what a sign-off covers; ``evidence`` holds at least the linked items."""
    linked = {link: _list(claim.get(link)) for link in EVIDENCE_LINKS}
    covered = {
        "quote": [normalise(q) for q in split_quotes(_text(claim.get("quote")))],
        **{field: _text(claim.get(field)) for field in CLAIM_TEXT_FIELDS},
        **{field: _list(claim.get(field)) for field in CLAIM_LIST_FIELDS},
        "links": linked,
        "evidence": {
            item: {field: _text(evidence[item].get(field)) for field in EVIDENCE_FIELDS} if item in evidence else None
            for ids in linked.values()
            for item in ids
        },
    }
    return hashlib.sha256(json.dumps(covered, sort_keys=True).encode()).hexdigest()[:16]


def appraisal_state(claim: Mapping[str, Any], evidence: Mapping[str, Mapping[str, Any]]) -> str:
    if not claim.get("appraisal_fingerprint"):
        return UNSIGNED
    return SIGNED if claim["appraisal_fingerprint"] == fingerprint(claim, evidence) else OUT_OF_DATE
