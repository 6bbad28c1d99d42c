"""Which known claims a sentence repeats, best first: the sentence against each claim's title, quotes and question.

Two rankers, fused: BM25 (bm25s, words stemmed by Snowball) over each claim's whole text finds claims that share
the sentence's rarer words, and WordLlama's static embeddings, whose weights and tokenizer ship inside its wheel,
find the claim text closest in meaning (its title, a quote, its question's outcome, or one of the other wordings
the maintainers recorded in :worded_as:, "keeps the winter bugs away"). The two scores are combined with the
weight measured on a labelled set (docs/authoring.md gives the figures); nothing is downloaded, and it runs
offline in about a second.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
import snowballstemmer
import wordllama
from wordllama import WordLlama

# How much of the fused score is the embeddings' (the rest is BM25's), measured on the labelled set.
EMBEDDING_WEIGHT = 0.67
_STEMMER = snowballstemmer.stemmer("english")
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it reports building each index


@dataclass(frozen=True)
class Candidate:
    """A known item a sentence may repeat, with the texts it is matched by."""

    id: str
    title: str
    texts: tuple[str, ...]  # its title first, then its quotes and the like


@dataclass(frozen=True)
class Match:
    id: str
    title: str
    score: float
    matched: str  # the candidate's text the sentence came closest to


@cache
def _embedder() -> WordLlama:
    """WordLlama's packaged model: its weights and tokenizer load from the wheel's own folder, never downloaded."""
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def _stem(words: list[str]) -> list[str]:
    return [_STEMMER.stemWord(word) for word in words]


class Matcher:
    """Ranks candidates for a sentence; built once for a set of candidates, asked many times."""

    def __init__(self, candidates: Sequence[Candidate], embedding_weight: float = EMBEDDING_WEIGHT) -> None:
        self.candidates = list(candidates)
        self.weight = embedding_weight
        self.owner = [index for index, c in enumerate(self.candidates) for _ in c.texts]
        self.texts = [text for c in self.candidates for text in c.texts]
        self.bm25 = bm25s.BM25()
        if self.texts:
            self.bm25.index(self._tokens([" ".join(c.texts) for c in self.candidates]), show_progress=False)
            self.vectors = _embedder().embed(self.texts, norm=True)

    @staticmethod
    def _tokens(texts: list[str]) -> list[list[str]]:
        tokenized = bm25s.tokenize(texts, stopwords="english", return_ids=False, show_progress=False)
        return [_stem(words) for words in tokenized]

    def text_scores(self, sentence: str) -> np.ndarray:
        """The fused score of each candidate text for the sentence (0 to 1): its meaning's closeness, and its
        candidate's words' BM25 score (relative to the best candidate's)."""
        similarity = self.vectors @ _embedder().embed([sentence], norm=True)[0]
        lexical = np.asarray(self.bm25.get_scores(self._tokens([sentence])[0]), dtype=float)
        if lexical.max() > 0:
            lexical = lexical / lexical.max()
        fused: np.ndarray = self.weight * np.clip(similarity, 0, 1) + (1 - self.weight) * lexical[self.owner]
        return fused

    def ranked(self, sentence: str, limit: int = 5) -> list[Match]:
        """The candidates the sentence most likely repeats, best first, each by its closest text."""
        if not self.texts:
            return []
        scores = self.text_scores(sentence)
        best: dict[int, int] = {}
        for text_index, owner in enumerate(self.owner):
            if owner not in best or scores[text_index] > scores[best[owner]]:
                best[owner] = text_index
        order = sorted(best, key=lambda owner: -scores[best[owner]])[:limit]
        return [
            Match(self.candidates[o].id, self.candidates[o].title, float(scores[best[o]]), self.texts[best[o]])
            for o in order
        ]
