"""Every sentence of an archived text accounted for: quoted by a claim, or declared not a claim by its source.

A sentence is quoted by a claim when one of the claim's quotes lies in it, whole or in part. A source
declares, in ``not_claims``, the passages of its text that assert nothing (``reason: passage``,
separated by ``||``); a declared passage holds whole sentences. The entries of the source's own
``reference_list`` are declared already: a sentence holding one of their titles is a reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .quotes import ArchivedText, Sentence, reference_entries, split_quotes

Need = Mapping[str, Any]

# Why a passage is not a claim: the words a declaration may give, each with what it covers.
NOT_CLAIM_REASONS = {
    "heading": "the page's title or a section heading",
    "navigation": "the site's menus, links and page furniture around the text",
    "list marker": "a list item's number or bullet standing apart from its sentence",
}
REFERENCE = "reference list"
DECLARATION_SEPARATOR = ": "


@dataclass(frozen=True)
class Declaration:
    reason: str
    passage: str


def declarations(source: Need) -> list[Declaration]:
    """The source's ``not_claims`` entries; raises ValueError on one that is not 'reason: passage'."""
    found = []
    for entry in split_quotes(source.get("not_claims") or ""):
        reason, separator, passage = entry.partition(DECLARATION_SEPARATOR)
        if not separator or not passage.strip():
            raise ValueError(f"entry {entry!r} of :not_claims: is not of the form 'reason: passage'")
        found.append(Declaration(reason.strip(), passage.strip()))
    return found


@dataclass(frozen=True)
class Account:
    """One sentence, and what accounts for it: the claims quoting it, or the reason it is not a claim."""

    sentence: Sentence
    claims: tuple[str, ...] = ()
    reason: str = ""

    @property
    def accounted(self) -> bool:
        return bool(self.claims or self.reason)


def quoting_claims(source: Need, needs: Mapping[str, Need]) -> list[Need]:
    return [needs[c] for c in source.get("sources_back") or [] if c in needs and needs[c]["type"] == "claim"]


def accounts(source: Need, text: ArchivedText, needs: Mapping[str, Need]) -> list[Account]:
    """Each sentence of the source's archived text, with the claims that quote it or why it is not a claim."""
    claims: dict[Sentence, list[str]] = {}
    for claim in quoting_claims(source, needs):
        for quote in split_quotes(claim.get("quote") or ""):
            for start, end in text.spans(quote):
                for sentence in text.sentences_in(start, end):
                    if claim["id"] not in claims.setdefault(sentence, []):
                        claims[sentence].append(claim["id"])
    reasons: dict[Sentence, str] = {}
    try:
        declared = declarations(source)
    except ValueError:
        declared = []  # reported by the check of the declarations
    for declaration in declared:
        for start, end in text.spans(declaration.passage):
            for sentence in text.sentences_in(start, end):
                if sentence.within(start, end):
                    reasons.setdefault(sentence, declaration.reason)
    try:
        titles = list(reference_entries(source.get("reference_list") or "").values())
    except ValueError:
        titles = []  # reported by the check of the reference list
    for title in titles:
        for start, end in text.spans(title):
            for sentence in text.sentences_in(start, end):
                reasons.setdefault(sentence, REFERENCE)
    return [Account(s, tuple(claims.get(s, ())), "" if s in claims else reasons.get(s, "")) for s in text.sentences]


@dataclass(frozen=True)
class Coverage:
    quoted: int
    declared: int
    total: int

    @classmethod
    def of(cls, rows: list[Account]) -> Coverage:
        return cls(sum(bool(a.claims) for a in rows), sum(bool(a.reason) for a in rows), len(rows))

    @property
    def accounted(self) -> int:
        return self.quoted + self.declared

    def describe(self) -> str:
        share = f"{100 * self.accounted / self.total:.0f}%" if self.total else "n/a"
        return (
            f"{self.accounted} of {self.total} sentences accounted for ({share}): {self.quoted} quoted by claims, "
            f"{self.declared} declared not claims."
        )
