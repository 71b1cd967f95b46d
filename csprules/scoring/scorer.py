"""Apply a ruleset's combination method to a score matrix (validated front door)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from csprules.rules.scoring_config import Method, ScoringConfig
from csprules.scoring.aggregate import Array, morile_score, weighted_sum_score
from csprules.scoring.matrix import ScoreMatrix


@dataclass(frozen=True)
class Scorer:
    """Checks the config against the matrix once; then scores any weights fast."""

    config: ScoringConfig
    criteria: tuple[str, ...]
    score_mask: Array
    """Criteria that count towards the score (all but the confidence criterion)."""
    harm_mask: Array
    likelihood_mask: Array
    position: int | None
    confidence: int | None

    @classmethod
    def for_matrix(cls, config: ScoringConfig, matrix: ScoreMatrix) -> Scorer:
        criteria = matrix.criteria
        mask = np.ones(len(criteria))
        confidence = criteria.index(config.confidence) if config.confidence else None
        position: int | None = None
        harm = np.zeros(len(criteria))
        likelihood = np.zeros(len(criteria))
        if config.morile is not None:
            # missing_data "drop": a criterion on which no theme scored is missing data,
            # not a low problem; it leaves its dimension, so it cannot zero every risk.
            has_data = (matrix.scores > 0).any(axis=0)
            harm[[criteria.index(c) for c in config.morile.harm]] = 1.0
            likelihood[[criteria.index(c) for c in config.morile.likelihood]] = 1.0
            if config.morile.missing_data == "drop":
                harm = harm * has_data
                likelihood = likelihood * has_data
            if config.morile.organisational_position:
                position = criteria.index(config.morile.organisational_position)
                mask[position] = 0.0
        if confidence is not None:
            mask[confidence] = 0.0
        return cls(config, criteria, mask, harm, likelihood, position, confidence)

    def empty_dimensions(self, matrix: ScoreMatrix) -> list[str]:
        """MoRiLE dimensions ("harm", "likelihood") on none of whose criteria any theme
        scored."""
        morile = self.config.morile
        if morile is None:
            return []
        scored = matrix.scores > 0
        has_data = [bool(scored[:, j].any()) for j in range(scored.shape[1])]
        return [name for name, ids in (("harm", morile.harm), ("likelihood", morile.likelihood))
                if not any(has_data[self.criteria.index(c)] for c in ids)]

    def scores(self, matrix: ScoreMatrix, weights: Array | None = None) -> Array:
        """Theme scores 0-100 for ``weights`` (criteria,) or (draws x criteria)."""
        w = matrix.weights if weights is None else weights
        s = matrix.scores
        if self.config.method is Method.MORILE:
            assert self.config.morile is not None
            return morile_score(
                s, w, self.harm_mask, self.likelihood_mask, self.position,
                self.config.morile.moderation,
            )
        return weighted_sum_score(s, w * self.score_mask)

    def confidence_scores(self, matrix: ScoreMatrix) -> Array | None:
        if self.confidence is None:
            return None
        return matrix.scores[:, self.confidence]

    def grade(self, score: float) -> str:
        for band in self.config.bands:
            if score >= band.min - 1e-9:
                return band.name
        return self.config.bands[-1].name
