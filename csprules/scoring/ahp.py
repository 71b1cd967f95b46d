"""The analytic hierarchy process (Saaty): weights from pairwise judgements, and their
consistency.

A judgement ``a[i, j] = 3`` says criterion i matters 3 times as much as j (Saaty's
1-9 scale; ``a[j, i] = 1/3``).  The weights are the principal eigenvector of the
reciprocal matrix; the consistency index is ``(lambda_max - n) / (n - 1)`` and the
consistency ratio divides it by the index of random matrices of the same size
(Saaty's table below).  A ratio above 0.1 means the answers contradict each other
enough to be looked at again; :func:`contradictions` names the answers to look at.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from csprules.scoring.aggregate import Array

RANDOM_INDEX = (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48,
                1.56, 1.57, 1.59)
"""Saaty's random consistency index by matrix size (index 0 unused; sizes 1-15)."""

CONSISTENT_ENOUGH = 0.1
"""Saaty's rule of thumb: a consistency ratio at most this is acceptable."""


@dataclass(frozen=True)
class AhpResult:
    weights: Array
    """Sum to 1, in the matrix's order."""
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    """0 when n <= 2 (two judgements cannot contradict each other)."""


def ahp_weights(matrix: Array) -> AhpResult:
    """Principal-eigenvector weights and the consistency ratio of a reciprocal matrix."""
    n = matrix.shape[0]
    if matrix.shape != (n, n) or n == 0:
        raise ValueError(f"expected a square matrix; found shape {matrix.shape}")
    if n >= len(RANDOM_INDEX):
        raise ValueError(f"expected at most {len(RANDOM_INDEX) - 1} criteria; found {n}")
    if not np.all(matrix > 0) or not np.allclose(matrix * matrix.T, 1.0):
        raise ValueError("expected a positive reciprocal matrix (a[j, i] = 1 / a[i, j])")
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    principal = np.abs(vectors[:, k].real)
    weights: Array = principal / principal.sum()
    lam = float(values[k].real)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ci = max(ci, 0.0)  # lambda_max >= n in exact arithmetic; float noise can dip below
    cr = ci / RANDOM_INDEX[n] if n > 2 else 0.0
    return AhpResult(weights, lam, ci, cr)


def contradictions(matrix: Array, weights: Array, top: int = 3) -> list[tuple[int, int, float]]:
    """The judgements furthest from what the weights imply: (i, j, factor), worst first.

    ``factor`` is how many times too large (above 1) or too small the judgement
    ``a[i, j]`` is against ``w[i] / w[j]``; a consistent set has every factor 1.
    """
    out: list[tuple[int, int, float]] = []
    for i, j in combinations(range(matrix.shape[0]), 2):
        out.append((i, j, float(matrix[i, j] * weights[j] / weights[i])))
    out.sort(key=lambda t: (-abs(np.log(t[2])), t[0], t[1]))
    return [t for t in out[:top] if abs(np.log(t[2])) > np.log(1.5)]
