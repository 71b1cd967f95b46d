"""Invariants of the aggregation, for any contributions and weights."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from csprules.rules.scoring_config import Method, MorileConfig, ScoringConfig
from csprules.scoring.analysis import analyse
from tests.scoring.helpers import C, crit, mini

THEMES = ["asb", "burglary", "robbery", "domestic-abuse", "fraud", "arson"]
CRITERIA = ["harm", "volume", "trend", "concern"]

contributions = st.lists(
    st.builds(C, st.sampled_from(THEMES), st.sampled_from(CRITERIA),
              st.floats(min_value=0, max_value=15, allow_nan=False)),
    max_size=25,
)
weights = st.lists(st.floats(min_value=0.1, max_value=5), min_size=4, max_size=4)
configs = st.sampled_from([
    ScoringConfig(),
    ScoringConfig(method=Method.MORILE,
                  morile=MorileConfig(harm=("harm",), likelihood=("volume", "trend", "concern"))),
])


def _scores(cs: list[C], w: list[float], config: ScoringConfig) -> dict[str, float]:
    evidence, signals = mini()
    criteria = {c: crit(x) for c, x in zip(CRITERIA, w, strict=True)}
    return {r.theme: r.score
            for r in analyse(evidence, signals, criteria, config, cs).recommendations()}


@settings(max_examples=60, deadline=None)
@given(contributions, weights, configs, st.sampled_from(THEMES),
       st.floats(min_value=0.1, max_value=10))
def test_adding_harm_never_lowers_a_score(
    cs: list[C], w: list[float], config: ScoringConfig, theme: str, extra: float
) -> None:
    before = _scores(cs, w, config)
    after = _scores([*cs, C(theme, "harm", extra)], w, config)
    assert after[theme] >= before[theme] - 1e-9


@settings(max_examples=60, deadline=None)
@given(contributions, weights, configs, st.floats(min_value=0.01, max_value=100))
def test_scaling_all_weights_changes_no_rank(
    cs: list[C], w: list[float], config: ScoringConfig, k: float
) -> None:
    evidence, signals = mini()
    criteria = {c: crit(x) for c, x in zip(CRITERIA, w, strict=True)}
    analysis = analyse(evidence, signals, criteria, config, cs)
    base = analysis.scorer.scores(analysis.matrix)
    scaled = analysis.scorer.scores(analysis.matrix, analysis.matrix.weights * k)
    np.testing.assert_allclose(base, scaled, atol=1e-9)
    ranks = {r.theme: r.rank for r in analysis.recommendations()}
    scaled_ranks = {r.theme: r.rank for r in analysis.recommendations(
        {c: x * k for c, x in zip(CRITERIA, w, strict=True)})}
    assert ranks == scaled_ranks


@settings(max_examples=60, deadline=None)
@given(contributions, weights, configs, st.sampled_from(["fraud", "arson"]),
       st.sampled_from(CRITERIA), st.floats(min_value=0.1, max_value=10))
def test_unrelated_evidence_changes_no_other_score(
    cs: list[C], w: list[float], config: ScoringConfig, theme: str, criterion: str,
    points: float,
) -> None:
    before = _scores(cs, w, config)
    after = _scores([*cs, C(theme, criterion, points)], w, config)
    for t, score in before.items():
        if t != theme:
            assert after[t] == score


@settings(max_examples=30, deadline=None)
@given(contributions, weights, configs)
def test_identical_input_identical_output(
    cs: list[C], w: list[float], config: ScoringConfig
) -> None:
    evidence, signals = mini()
    criteria = {c: crit(x) for c, x in zip(CRITERIA, w, strict=True)}
    one = analyse(evidence, signals, criteria, config, cs).recommendations()
    two = analyse(evidence, signals, criteria, config, list(cs)).recommendations()
    assert [r.model_dump_json() for r in one] == [r.model_dump_json() for r in two]
