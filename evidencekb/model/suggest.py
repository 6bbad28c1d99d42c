"""'Did you mean …': the closest known names to a mistyped one (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

# Below this score (0-100) a candidate is too unlike the typed word to be offered.
CUTOFF = 60


def closest(typed: str, known: Iterable[str], limit: int = 3) -> list[str]:
    matches = process.extract(
        typed, list(known), scorer=fuzz.ratio, processor=utils.default_process, limit=limit, score_cutoff=CUTOFF
    )
    return [match[0] for match in matches]


def alternatives(typed: str, known: Iterable[str]) -> str:
    """ "'A' or 'B'", the closest known names, or '' when nothing is close."""
    return " or ".join(repr(name) for name in closest(typed, known))


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """' (did you mean 'A' or 'B'?)', or '' when nothing is close."""
    names = alternatives(typed, known)
    return f" (did you mean {names}?)" if names else ""
