"""Pure aggregation kernels on arrays: no validation, no I/O, no rules.

Everything here takes a matrix ``S`` of normalised criterion scores (themes x
criteria, each 0..1) and weights, and returns arrays.  New weights re-score
in microseconds without re-firing any rule; the sensitivity tools and the
HTML report's live sliders use exactly this arithmetic.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def normalise(points: Array, caps: Array) -> Array:
    """Points capped to ``[0, cap]`` per criterion, as a share of the cap."""
    return np.clip(points, 0.0, caps) / caps


def weighted_mean(scores: Array, weights: Array) -> Array:
    """Row-wise weighted mean; zero where every weight is zero.

    ``scores`` is (themes x criteria); ``weights`` is (criteria,) or
    (draws x criteria), giving (themes,) or (draws x themes).
    """
    total = weights.sum(axis=-1, keepdims=True)
    safe = np.where(total == 0, 1.0, total)
    mean: Array = (weights / safe) @ scores.T
    return np.where(total == 0, 0.0, mean) if weights.ndim > 1 else mean * (total[0] != 0)


def weighted_sum_score(scores: Array, weights: Array) -> Array:
    """Score 0-100: the weighted mean of criterion scores."""
    return 100.0 * weighted_mean(scores, weights)


def morile_score(
    scores: Array,
    weights: Array,
    harm: Array,
    likelihood: Array,
    position: int | None,
    moderation: float,
) -> Array:
    """Score 0-100: harm x likelihood, moderated by organisational position.

    ``harm`` and ``likelihood`` are boolean masks over criteria.  Harm and
    likelihood are weighted means of their criteria (so scaling all weights
    by a constant changes nothing); risk is their product; organisational
    position (0..1) scales risk between ``1 - moderation`` and 1.  An all-zero
    mask (a dimension with no data) counts as 1.
    """
    # A dimension with no criterion left (none had data) cannot tell themes apart: it
    # counts as 1 rather than zeroing every theme's risk.  The caller reports it.
    h = weighted_mean(scores, weights * harm)
    lk = weighted_mean(scores, weights * likelihood)
    if not harm.any():
        h = np.ones_like(h)
    if not likelihood.any():
        lk = np.ones_like(lk)
    risk = h * lk
    if position is None:
        return 100.0 * risk
    org = scores[:, position]
    return 100.0 * risk * (1.0 - moderation + moderation * org)

