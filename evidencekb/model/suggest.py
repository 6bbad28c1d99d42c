"""'Did you mean …': the known names closest to a mistyped one, by edit distance (rapidfuzz), best first.

Ids share their type's prefix ("EVD_") and often a year, which make any two look alike: the prefix is left out of
the comparison, only candidates at least CUTOFF alike are offered, and only those about as close as the best one
(within MARGIN), so a typo is answered with the id it missed, and a deleted id with nothing rather than with
unrelated ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

# Below this score (0-100) a candidate is too unlike the typed word to be offered.
CUTOFF = 75
# A candidate this many points below the best one is not offered beside it.
MARGIN = 8
_TYPE_PREFIX = re.compile(r"^[A-Z]{3}_")


def _distinctive(name: str) -> str:
    return utils.default_process(_TYPE_PREFIX.sub("", name))


def closest(typed: str, known: Iterable[str], limit: int = 3) -> list[str]:
    candidates = list(known)
    matches = process.extract(
        _distinctive(typed), [_distinctive(c) for c in candidates], scorer=fuzz.ratio, limit=limit, score_cutoff=CUTOFF
    )
    if not matches:
        return []
    best = matches[0][1]
    return [candidates[index] for _, score, index in matches if score >= best - MARGIN]


def alternatives(typed: str, known: Iterable[str]) -> str:
    """ "'A' or 'B'", the closest known names, or '' when nothing is close."""
    return " or ".join(repr(name) for name in closest(typed, known))


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """' (did you mean 'A' or 'B'?)', or '' when nothing is close."""
    names = alternatives(typed, known)
    return f" (did you mean {names}?)" if names else ""
