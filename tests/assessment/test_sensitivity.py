"""Sensitivity: reproducible with a seed, right on a hand-checked case, each draw
selected exactly as the report selects, and the fast re-scoring path agrees with a
full re-evaluation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from csprules import load_evidence, load_governance
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import ruleset_from
from csprules.rules import parse_ruleset
from csprules.rules.extends import DEFAULT_RULESET
from csprules.scoring.model import Status
from csprules.scoring.selection_kernel import priorities, rank_order
from csprules.scoring.sensitivity import dirichlet_weights, simulate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "havering-2017"


@pytest.fixture(scope="module")
def evaluated():  # type: ignore[no-untyped-def]
    return evaluate_evidence(load_evidence(EXAMPLE), ruleset_from("default"),
                             load_governance(EXAMPLE))


def test_reproducible_with_a_seed(evaluated) -> None:  # type: ignore[no-untyped-def]
    one = simulate(evaluated.analysis, 2000, seed=7)
    two = simulate(evaluated.analysis, 2000, seed=7)
    other = simulate(evaluated.analysis, 2000, seed=8)
    assert one == two
    assert one != other


def test_hand_checked_tiny_case() -> None:
    """Two themes, two criteria.  Theme A scores (1, 0), theme B (0, 1).

    With weights (w1, w2), A's score is 100 w1/(w1+w2) and B's 100 w2/(w1+w2): A ranks
    first exactly when w1 > w2.  One priority slot, threshold 0, so P(A is a priority)
    = P(w1 > w2), which for a symmetric Dirichlet(c, c) is 1/2.
    """
    scores = np.array([[1.0, 0.0], [0.0, 1.0]])
    rng = np.random.default_rng(0)
    w = dirichlet_weights(np.array([1.0, 1.0]), 20.0, 20_000, rng)
    theme_scores = 100 * (w / w.sum(axis=1, keepdims=True)) @ scores.T
    order = rank_order(theme_scores)
    chosen = priorities(theme_scores, order, np.zeros(2, dtype=bool), 1, np.zeros(len(w)),
                        np.zeros(2, dtype=bool))
    assert chosen.sum(axis=1).tolist() == [1] * 20_000
    assert chosen[:, 0].mean() == pytest.approx(0.5, abs=0.02)
    np.testing.assert_array_equal(chosen[:, 0], w[:, 0] > w[:, 1])


def test_dirichlet_draws_centre_on_the_ruleset_weights() -> None:
    base = np.array([3.0, 2.0, 0.0, 1.0])
    w = dirichlet_weights(base, 50.0, 50_000, np.random.default_rng(1))
    np.testing.assert_allclose(w.mean(axis=0), base, atol=0.02)
    assert (w[:, 2] == 0).all()


def test_fast_path_rescoring_equals_full_reevaluation(evaluated) -> None:  # type: ignore[no-untyped-def]
    """New weights through the score matrix == a ruleset with those weights, rules re-fired."""
    text = DEFAULT_RULESET.read_text(encoding="utf-8")
    text = text.replace("  harm:\n    label: Harm\n    weight: 3\n",
                        "  harm:\n    label: Harm\n    weight: 0.5\n")
    text = text.replace("  concern:\n    label: Public concern\n    weight: 2\n",
                        "  concern:\n    label: Public concern\n    weight: 6\n")
    changed = parse_ruleset(text, display="changed.yaml", base=DEFAULT_RULESET.parent)
    full = evaluate_evidence(load_evidence(EXAMPLE), changed, load_governance(EXAMPLE))
    fast = evaluated.recommendations({"harm": 0.5, "concern": 6.0})
    slow = full.recommendations()
    assert [(r.theme, r.rank, r.status, r.score) for r in fast.recommendations] == [
        (r.theme, r.rank, r.status, r.score) for r in slow.recommendations]


def test_each_draw_is_selected_as_the_report_would(evaluated) -> None:  # type: ignore[no-untyped-def]
    """P(priority) from the vectorised draws == the share of the same draws, one at a time
    through ``recommendations`` (the report's path), in which each theme is a priority."""
    draws, seed = 200, 11
    result = simulate(evaluated.analysis, draws, seed=seed)
    a = evaluated.analysis
    weights = dirichlet_weights(a.matrix.weights, 50.0, draws, np.random.default_rng(seed))
    counts = dict.fromkeys(a.matrix.themes, 0)
    for row in weights:
        recs = evaluated.recommendations(dict(zip(a.matrix.criteria, row.tolist(), strict=True)))
        for r in recs.priorities:
            counts[r.theme] += 1
    assert {t.theme: t.p_priority for t in result.themes} == {
        t: round(c / draws, 6) for t, c in counts.items()}
    assert any(t.flips for t in result.themes), "no theme flips: a weak check"


def test_ranks_per_draw_match_the_report(evaluated) -> None:  # type: ignore[no-untyped-def]
    """The median rank of a theme over one draw is its rank in that draw's report."""
    a = evaluated.analysis
    base = a.matrix.weights
    result = simulate(a, 1, seed=5)
    w = dirichlet_weights(base, 50.0, 1, np.random.default_rng(5))[0]
    recs = evaluated.recommendations(dict(zip(a.matrix.criteria, w.tolist(), strict=True)))
    assert {t.theme: t.median_rank for t in result.themes} == {
        r.theme: float(r.rank) for r in recs.recommendations}
    assert {t.theme for t in result.themes if t.p_priority == 1.0} == {
        r.theme for r in recs.recommendations if r.status is Status.PRIORITY}
