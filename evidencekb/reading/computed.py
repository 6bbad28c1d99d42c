"""The fields the build computes for each claim (model/rule.py), written before sphinx-needs seals its data.

Written into ordinary need fields, so needtables, filters, schemas and needs.json see them like any other; a
typed one fails the build at its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..model.rule import COMPUTED_FIELDS, HEALTH_CLAIM, computed_values
from ..model.signoff import appraisal_state
from .locations import location

logger = logging.getLogger(__name__)


def set_computed_fields(app: Sphinx, needs: Mapping[str, Any]) -> None:
    """Fill every claim's computed fields in one pass (sphinx-needs' dynamic functions would assess once per field):
    the rule's, and the state of a health claim's sign-off (model/signoff.py)."""
    for claim in (need for need in needs.values() if need["type"] == "claim"):
        state = appraisal_state(claim, needs) if claim.get("claim_kind") == HEALTH_CLAIM else ""
        for field, value in zip((*COMPUTED_FIELDS, "appraisal"), (*computed_values(claim, needs), state), strict=True):
            if claim[field] not in (None, ""):
                logger.warning(
                    f"{claim['id']}: :{field}: is computed by the build from the evidence links: remove it",
                    location=location(app, claim, field),
                    type="evidencekb",
                    subtype="content",
                )
            claim[field] = value


def setup(app: Sphinx) -> None:
    app.connect("needs-before-sealing", set_computed_fields)
