"""Monte Carlo robustness of the ranking to the criterion weights (numpy, vectorised).

Weights are drawn around the ruleset's, either from a Dirichlet with a stated
concentration (larger = closer to the ruleset's weights) or uniformly within
+-x% of each weight.  Every draw re-scores the same criterion matrix (no rule
is re-fired) and re-selects priorities with the same threshold, cap and
override, through the same selection kernel as the report
(:mod:`csprules.scoring.selection_kernel`).
"""

from __future__ import annotations

import numpy as np

from csprules.errors import UsageError
from csprules.scoring.aggregate import Array
from csprules.scoring.analysis import Analysis
from csprules.scoring.robustness import SensitivityResult, ThemeRobustness

FLIP_LOW, FLIP_HIGH = 0.1, 0.9
"""A theme is 'easily flipped' when it is a priority in between 10% and 90% of draws."""


def dirichlet_weights(base: Array, concentration: float, draws: int,
                      rng: np.random.Generator) -> Array:
    """Draws (draws x criteria) with mean ``base`` (zero weights stay zero)."""
    out = np.zeros((draws, len(base)))
    live = base > 0
    total = base[live].sum()
    if total > 0:
        alpha = base[live] / total * concentration
        out[:, live] = rng.dirichlet(alpha, draws) * total
    return out


def uniform_weights(base: Array, spread: float, draws: int, rng: np.random.Generator) -> Array:
    return base * (1.0 + rng.uniform(-spread, spread, size=(draws, len(base))))


def simulate(
    analysis: Analysis,
    draws: int = 10_000,
    *,
    seed: int = 0,
    concentration: float | None = 50.0,
    spread_pct: float | None = None,
) -> SensitivityResult:
    if draws < 1:
        raise UsageError(f"--draws: expected at least 1; found {draws}")
    rng = np.random.default_rng(seed)
    base = analysis.matrix.weights
    if spread_pct is not None:
        if not 0 < spread_pct < 100:
            raise UsageError(f"--uniform: expected a percentage between 0 and 100; "
                             f"found {spread_pct:g}")
        weights = uniform_weights(base, spread_pct / 100.0, draws, rng)
        method = "uniform"
    else:
        if concentration is None or concentration <= 0:
            raise UsageError("--concentration: expected a number above 0")
        weights = dirichlet_weights(base, concentration, draws, rng)
        method = "dirichlet"
    scores = analysis.scorer.scores(analysis.matrix, weights)
    return summarise(analysis, scores, draws, seed, method,
                     concentration if spread_pct is None else None, spread_pct)


def summarise(analysis: Analysis, scores: Array, draws: int, seed: int, method: str,
              concentration: float | None, spread_pct: float | None) -> SensitivityResult:
    """Summarise (draws x themes) scores, each draw selected as the report would."""
    decided = analysis.selector.decide(scores)
    ranks = decided.ranks
    p = decided.priority.mean(axis=0)
    median = np.median(ranks, axis=0)
    p05, p95 = np.percentile(ranks, [5, 95], axis=0)
    rows = [
        ThemeRobustness(
            theme=t, label=analysis.facts[t].label, p_priority=round(float(p[i]), 6),
            median_rank=float(median[i]), rank_p05=float(p05[i]), rank_p95=float(p95[i]),
            flips=bool(FLIP_LOW <= p[i] <= FLIP_HIGH),
        )
        for i, t in enumerate(analysis.matrix.themes)
    ]
    rows.sort(key=lambda r: (r.median_rank, -r.p_priority, r.theme))
    return SensitivityResult(draws=draws, seed=seed, method=method,
                             concentration=concentration, spread_pct=spread_pct,
                             themes=tuple(rows))


