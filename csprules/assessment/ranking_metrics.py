"""How well a scored ranking of themes finds the themes a partnership chose.

Ties are never broken by theme id: a theme tied with others across the top-k
boundary counts as the probability that a random order of the tie puts it in
the top k, and the rank-aware measure (ROC AUC) counts a tied pair as half a
win.  So a strategy gains nothing from the alphabet, and the random baseline's
values are exact (recall k/n, AUC 0.5), not a sample.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping


def inclusion(scores: Mapping[str, float], k: int) -> dict[str, float]:
    """Each theme's probability of being in the top ``k`` (higher score first)."""
    k = max(0, min(k, len(scores)))
    out: dict[str, float] = {}
    values = sorted(set(scores.values()), reverse=True)
    taken = 0
    for value in values:
        tied = [t for t, s in scores.items() if s == value]
        room = k - taken
        share = 1.0 if room >= len(tied) else max(room, 0) / len(tied)
        for theme in tied:
            out[theme] = share
        taken += len(tied)
    return out


def expected_hits(scores: Mapping[str, float], wanted: Collection[str], k: int) -> float:
    p = inclusion(scores, k)
    return sum(p.get(t, 0.0) for t in wanted)


def roc_auc(scores: Mapping[str, float], wanted: Collection[str]) -> float:
    """P(a chosen theme outscores a not-chosen one), ties counted as one half.

    0.5 is a random ranking, 1.0 puts every chosen theme first.  Themes missing
    from ``scores`` score 0.
    """
    chosen = set(wanted)
    pos = [scores.get(t, 0.0) for t in sorted(chosen)]
    neg = [s for t, s in sorted(scores.items()) if t not in chosen]
    if not pos or not neg:
        return 0.5
    wins = 0.0
    for p in pos:
        for n in neg:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(pos) * len(neg))
