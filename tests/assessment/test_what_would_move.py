"""What would move it: weight intervals and score changes, hand-checked and cross-checked."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from csprules import load_evidence, load_governance
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import ruleset_from
from csprules.rules.scoring_config import ScoringConfig, Selection
from csprules.scoring.analysis import Analysis, analyse
from csprules.scoring.what_would_move import levers_for, what_would_move
from tests.scoring.helpers import C, crit, mini

CONTRIBUTIONS = [
    C("burglary", "harm", 5), C("burglary", "volume", 4), C("burglary", "concern", 2),
    C("asb", "volume", 12), C("asb", "concern", 8),
    C("domestic-abuse", "harm", 8), C("domestic-abuse", "concern", 3),
]
SELECTION = Selection(max_priorities=2, min_priority_score=40, min_share_of_top=0,
                      watch_score=20, watch_share_of_top=0)
ROOT = Path(__file__).resolve().parents[2]


def _mini() -> Analysis:
    evidence, signals = mini()
    criteria = {"harm": crit(3), "volume": crit(2), "concern": crit(1)}
    return analyse(evidence, signals, criteria, ScoringConfig(selection=SELECTION),
                   CONTRIBUTIONS)


def test_weight_stability_interval_hand_computed() -> None:
    """Concern weight x, harm 3, volume 2, caps 10, two priorities at 40 or more:

    asb = (2 + 0.8x) / (5 + x); domestic-abuse = vawg = (2.4 + 0.3x) / (5 + x);
    burglary = (2.3 + 0.2x) / (5 + x).
    - domestic-abuse is at least 40 while 2.4 + 0.3x >= 2 + 0.4x, i.e. x <= 4; above that
      it drops to the watch list (it tends to 30, above the watch floor of 20);
    - asb beats domestic-abuse and vawg when 2 + 0.8x >= 2.4 + 0.3x, i.e. x >= 0.8 (at 0.8
      all three tie at 45.5, and asb wins the tie by theme id); below it is third: watch;
    - burglary never reaches the top two while scoring 40: watch for every x.
    """
    levers = levers_for(_mini())
    da = {v.criterion: v for v in levers["domestic-abuse"].weights}["concern"]
    assert (da.weight, da.low, da.high, da.below, da.above) == (1.0, 0.0, 4.0, None, "watch")
    asb = {v.criterion: v for v in levers["asb"].weights}["concern"]
    assert (asb.low, asb.high, asb.below, asb.above) == (0.8, None, "watch", None)
    burglary = {v.criterion: v for v in levers["burglary"].weights}["concern"]
    assert (burglary.low, burglary.high) == (0.0, None)


def test_score_change_hand_computed() -> None:
    """burglary = (1.5 + 2u + 0.2) / 6 with volume score u (now 0.4, 4 of 10 points): at
    u = 0.5 it ties domestic-abuse at 45 and wins the tie by id, taking the second slot:
    1 point of volume makes it a priority.  Nothing it could lose takes it under 20.
    Harm (weight 3, now 5 points) needs less: 3u + 0.8 + 0.2 = 2.7 at u = 0.5667, +0.667."""
    burglary = levers_for(_mini())["burglary"]
    volume = {c.criterion: c for c in burglary.scores}["volume"]
    assert (volume.points, volume.cap) == (4.0, 10.0)
    assert volume.gain == pytest.approx(1.0)
    assert volume.gain_status == "priority"
    assert (volume.loss, volume.loss_status) == (None, None)
    harm = {c.criterion: c for c in burglary.scores}["harm"]
    assert harm.gain == pytest.approx(2 / 3, abs=1e-6)
    assert burglary.nearest == "a priority if its x points rise by 0.67 (now 5 of 10)"
    assert burglary.within_reach


@cache
def _tower_hamlets() -> Analysis:
    example = ROOT / "examples" / "tower-hamlets-2016"
    return evaluate_evidence(load_evidence(example), ruleset_from("default"),
                             load_governance(example)).analysis


def _status(analysis: Analysis, theme: str, weights: dict[str, float] | None = None) -> str:
    return next(r.status.value for r in analysis.recommendations(weights) if r.theme == theme)


def test_weight_edges_agree_with_rescoring_on_a_shipped_example() -> None:
    """Each edge, checked by re-scoring just inside and just outside it the ordinary way."""
    analysis = _tower_hamlets()
    checked = 0
    for lever in what_would_move(analysis).themes:
        for v in lever.weights:
            if v.high is not None:
                assert _status(analysis, lever.theme, {v.criterion: v.high * 0.999}) == lever.status
                assert _status(analysis, lever.theme, {v.criterion: v.high * 1.001}) == v.above
                checked += 1
            if v.below is not None and v.low > 0:
                assert _status(analysis, lever.theme, {v.criterion: v.low * 1.001}) == lever.status
                assert _status(analysis, lever.theme, {v.criterion: v.low * 0.999}) == v.below
                checked += 1
    assert checked > 10  # guards against a vacuous pass (15 edges in reach today)


def test_score_edges_agree_with_rescoring_on_a_shipped_example() -> None:
    analysis = _tower_hamlets()
    m = analysis.matrix
    checked = 0
    for lever in what_would_move(analysis).themes[:20]:
        i = m.themes.index(lever.theme)
        for c in lever.scores:
            j = m.column(c.criterion)
            for delta, status in ((c.gain, c.gain_status), (-(c.loss or 0), c.loss_status)):
                if not delta or status is None:
                    continue
                for nudge, expected in ((0.999, lever.status), (1.001, status)):
                    points = m.points.copy()
                    points[i, j] = min(points[i, j], m.caps[j]) + delta * nudge
                    moved = replace(analysis, matrix=replace(m, points=points))
                    assert _status(moved, lever.theme) == expected, (lever.theme, c)
                checked += 1
    assert checked > 10


def test_a_report_searches_only_within_reach_and_agrees_with_the_full_search() -> None:
    analysis = _tower_hamlets()
    full = levers_for(analysis)
    report = what_would_move(analysis)
    assert report.themes
    for lever in report.themes:
        assert lever.within_reach
        assert lever.nearest == full[lever.theme].nearest
        whole = {v.criterion: v for v in full[lever.theme].weights}
        for v in lever.weights:
            if v.high is not None:
                assert (v.high, v.above) == (whole[v.criterion].high, whole[v.criterion].above)
            if v.below is not None:
                assert (v.low, v.below) == (whole[v.criterion].low, whole[v.criterion].below)
        scores = {c.criterion: c for c in full[lever.theme].scores}
        for c in lever.scores:
            if c.gain is not None:
                assert (c.gain, c.gain_status) == (scores[c.criterion].gain,
                                                   scores[c.criterion].gain_status)
            if c.loss is not None:
                assert (c.loss, c.loss_status) == (scores[c.criterion].loss,
                                                   scores[c.criterion].loss_status)
