"""What each criterion contributed to a theme's score, in points of the 0-100 score.

For a weighted sum this is exact and adds up to the score: weight x criterion
score / total weight x 100.  For MoRiLE (a product, not a sum) it is what the
score would lose if that criterion had scored nothing; the figures then do
not add up to the score, and the paper says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from csprules.scoring.aggregate import Array
from csprules.scoring.analysis import Analysis


def criterion_effects(analysis: Analysis, overrides: Mapping[str, float]) -> Array:
    """Themes x criteria (the matrix's order): the score each criterion is worth."""
    m = analysis.matrix
    weights = analysis.weights_array(overrides or None)
    base = analysis.scorer.scores(m, weights)
    out = np.zeros_like(m.points)
    for j in range(len(m.criteria)):
        points = m.points.copy()
        points[:, j] = 0.0
        out[:, j] = base - analysis.scorer.scores(replace(m, points=points), weights)
    # Float noise must not turn into "-0.0" in the paper.
    out[np.abs(out) < 1e-9] = 0.0
    return out


def capped(analysis: Analysis) -> npt.NDArray[np.bool_]:
    """Themes x criteria: True where the evidence's points exceed the criterion's cap."""
    m = analysis.matrix
    return np.asarray(m.points > m.caps + 1e-9)
