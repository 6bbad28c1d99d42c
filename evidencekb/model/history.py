"""What changed between two states of the knowledge base, claim by claim, computed from their needs.

A state is the needs of a release (releases/needs.json) or of the build. A claim of the later state continues a
claim of the earlier one by its id, by the ids it had (``former_ids``: renamed, or merged when there are several)
or by the claim it was split from (``split_from``); a claim of the earlier state that nothing continues was
removed. For each, the change: its rating (the computed status) and certainty before and after, the evidence
links added, removed or moved to another direction, the quotes and sources added or removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .quotes import split_quotes
from .rule import EVIDENCE_LINKS

Needs = Mapping[str, Mapping[str, Any]]

NEW, CHANGED, RENAMED, MERGED, SPLIT, REMOVED = "new", "changed", "renamed", "merged", "split", "removed"
# Where the releases' needs are kept, in their folder (releases/ by default).
RELEASES_NEEDS = "needs.json"


@dataclass(frozen=True)
class LinkChange:
    evidence: str
    before: str | None  # the link's direction (supported_by, contradicted_by, inconclusive), None if there was none
    after: str | None


@dataclass(frozen=True)
class ClaimChange:
    claim: str  # its id in the later state; in the earlier one for a removed claim
    how: str
    was: tuple[str, ...] = ()  # the ids it continues in the earlier state
    status: tuple[str, str] | None = None  # (before, after), where they differ
    certainty: tuple[str, str] | None = None
    links: tuple[LinkChange, ...] = ()
    quotes_added: tuple[str, ...] = ()
    quotes_removed: tuple[str, ...] = ()
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()

    @property
    def is_change(self) -> bool:
        return self.how != CHANGED or any(
            (
                self.status,
                self.certainty,
                self.links,
                self.quotes_added,
                self.quotes_removed,
                self.sources_added,
                self.sources_removed,
            )
        )

    @property
    def needs_reason(self) -> bool:
        """Whether the maintainers must say why: not for a new claim, a new name, or a page found to repeat it."""
        return self.how in (MERGED, SPLIT, REMOVED) or any(
            (self.status, self.certainty, self.links, self.quotes_removed, self.sources_removed)
        )


@dataclass(frozen=True)
class Step:
    """The changes from one state to the next."""

    changes: Mapping[str, ClaimChange] = field(default_factory=dict)  # by the claim's id (later state, or removed)


def _claims(needs: Needs) -> dict[str, Mapping[str, Any]]:
    return {k: v for k, v in needs.items() if v.get("type") == "claim"}


def _links(claims: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    return {item: link for claim in claims for link in EVIDENCE_LINKS for item in claim.get(link) or []}


def _values(claims: Iterable[Mapping[str, Any]], key: str) -> set[str]:
    if key == "quote":
        return {q for claim in claims for q in split_quotes(claim.get("quote") or "")}
    return {value for claim in claims for value in claim.get(key) or []}


def predecessors(claim: Mapping[str, Any], before: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """How a claim of the later state continues the earlier one, and which of its claims."""
    if claim["id"] in before:
        return CHANGED, (claim["id"],)
    former = tuple(i for i in claim.get("former_ids") or [] if i in before)
    if former:
        return (RENAMED if len(former) == 1 else MERGED), former
    parent = claim.get("split_from")
    parent = parent[0] if isinstance(parent, list) and parent else parent
    if parent and parent in before:
        return SPLIT, (parent,)
    return NEW, ()


def change_of(claim: Mapping[str, Any], how: str, was: Sequence[Mapping[str, Any]]) -> ClaimChange:
    if how == NEW:
        return ClaimChange(claim["id"], how)
    status = (was[0].get("support") or "", claim.get("support") or "") if len(was) == 1 else None
    certainty = (was[0].get("certainty") or "", claim.get("certainty") or "") if len(was) == 1 else None
    before_links, after_links = _links(was), _links([claim])
    links = tuple(
        LinkChange(item, before_links.get(item), after_links.get(item))
        for item in sorted({*before_links, *after_links})
        if before_links.get(item) != after_links.get(item)
    )
    quotes_before, quotes_after = _values(was, "quote"), _values([claim], "quote")
    sources_before, sources_after = _values(was, "sources"), _values([claim], "sources")
    return ClaimChange(
        claim["id"],
        how,
        tuple(w["id"] for w in was),
        status if status and status[0] != status[1] else None,
        certainty if certainty and certainty[0] != certainty[1] else None,
        links,
        tuple(sorted(quotes_after - quotes_before)),
        tuple(sorted(quotes_before - quotes_after)),
        tuple(sorted(sources_after - sources_before)),
        tuple(sorted(sources_before - sources_after)),
    )


def step(before: Needs, after: Needs) -> Step:
    """Every claim that changed from one state to the next, by its id."""
    old, new = _claims(before), _claims(after)
    changes: dict[str, ClaimChange] = {}
    continued: set[str] = set()
    for claim in new.values():
        how, was = predecessors(claim, old)
        continued.update(was)
        change = change_of(claim, how, [old[w] for w in was])
        if change.is_change:
            changes[claim["id"]] = change
    for removed in sorted(set(old) - continued):
        changes[removed] = ClaimChange(removed, REMOVED, (removed,), (old[removed].get("support") or "", ""))
    return Step(changes)


def lineage(claim_id: str, steps: Sequence[Step]) -> list[tuple[int, ClaimChange]]:
    """The changes of one claim of the last state and of the claims it continues, newest first, each with the index
    of its step."""
    ids, found = {claim_id}, []
    for index in range(len(steps) - 1, -1, -1):
        earlier: set[str] = set()
        for changed in ids:
            change = steps[index].changes.get(changed)
            if change is not None:
                found.append((index, change))
                earlier.update(change.was)
            else:
                earlier.add(changed)
        ids = earlier
    return found


def describe(change: ClaimChange) -> str:
    """The change in a few words: 'rated weak, was supported; 2 links changed'."""
    parts = []
    if change.how in ("renamed", "merged", "split"):
        parts.append(f"{change.how} from {', '.join(change.was)}")
    if change.how == "removed":
        parts.append("removed")
    if change.status and change.how != "removed":
        parts.append(f"rated {change.status[1]}, was {change.status[0]}")
    if change.certainty:
        parts.append(f"certainty {change.certainty[1]}, was {change.certainty[0]}")
    if change.links:
        parts.append(f"{len(change.links)} evidence {'link' if len(change.links) == 1 else 'links'} changed")
    if change.sources_added:
        parts.append(
            f"quoted from {len(change.sources_added)} more {'page' if len(change.sources_added) == 1 else 'pages'}"
        )
    if change.sources_removed:
        parts.append(f"no longer quoted from {', '.join(change.sources_removed)}")
    if (change.quotes_added or change.quotes_removed) and not change.sources_added and not change.sources_removed:
        parts.append("its quote changed")
    return "; ".join(parts) or change.how
