"""Hand-computed scoring for both combination methods."""

from __future__ import annotations

import pytest

from csprules.rules.scoring_config import Method, MorileConfig, ScoringConfig, Selection
from csprules.scoring.analysis import analyse
from csprules.scoring.model import Status
from tests.scoring.helpers import C, crit, mini

CONTRIBUTIONS = [
    C("burglary", "harm", 5), C("burglary", "volume", 4), C("burglary", "concern", 2),
    C("asb", "volume", 12), C("asb", "concern", 8),
    C("domestic-abuse", "harm", 8), C("domestic-abuse", "concern", 3),
    C("burglary", "org", 10), C("domestic-abuse", "org", 5),
]
SELECTION = Selection(max_priorities=2, min_priority_score=40, min_share_of_top=0,
                      watch_score=20, watch_share_of_top=0)


def test_weighted_sum() -> None:
    """Weights harm 3, volume 2, concern 1 (org 0); caps 10; score = 100 x sum(w s) / sum(w).

    burglary: (3x0.5 + 2x0.4 + 1x0.2) / 6 = 2.5 / 6 = 41.6667
    asb:      (0 + 2x1.0 [12 capped at 10] + 1x0.8) / 6 = 2.8 / 6 = 46.6667
    domestic-abuse: (3x0.8 + 0 + 1x0.3) / 6 = 2.7 / 6 = 45.0
    vawg (parent of domestic-abuse, rolled up): 45.0, tied with domestic-abuse; the
    tie is broken by theme id and reported.  serious-acquisitive (parent of burglary)
    ties with burglary at 41.6667.
    Two priorities at >= 40: asb, domestic-abuse; vawg and burglary go on the watch list.
    """
    evidence, signals = mini()
    criteria = {"harm": crit(3), "volume": crit(2), "concern": crit(1), "org": crit(0)}
    analysis = analyse(evidence, signals, criteria, ScoringConfig(selection=SELECTION),
                       CONTRIBUTIONS)
    recs = {r.theme: r for r in analysis.recommendations()}
    assert recs["burglary"].score == pytest.approx(41.666667)
    assert recs["asb"].score == pytest.approx(46.666667)
    assert recs["domestic-abuse"].score == pytest.approx(45.0)
    assert recs["vawg"].score == pytest.approx(45.0)
    assert [recs[t].rank for t in ("asb", "domestic-abuse", "vawg", "burglary",
                                   "serious-acquisitive")] == [1, 2, 3, 4, 5]
    assert recs["burglary"].tie_with == ("serious-acquisitive",)
    assert recs["domestic-abuse"].tie_with == ("vawg",)
    assert recs["asb"].status is Status.PRIORITY
    assert recs["domestic-abuse"].status is Status.PRIORITY
    assert recs["vawg"].status is Status.WATCH
    assert recs["vawg"].reasons[0] == (
        "score 45.0 is at or above the watch threshold 20 but ranked 3 of 42; "
        "only 2 priorities are selected"
    )
    assert recs["burglary"].status is Status.WATCH
    assert recs["robbery"].status is Status.NOT_RECOMMENDED
    assert recs["robbery"].reasons == (
        "score 0.0 is below the watch threshold 20",
        "no rule fired for this theme: no evidence scored on any criterion",
        "missing data, not a low problem: no indicator measures Robbery; no consultation "
        "measure on Robbery",
    )
    assert recs["asb"].change.value == "continued"
    assert recs["domestic-abuse"].change.value == "new"


def test_morile() -> None:
    """MoRiLE: harm = [harm], likelihood = [volume, concern] (weights 2 and 1),
    organisational position 'org' with moderation 0.5: score = 100 x H x L x (0.5 + 0.5 org).

    burglary: H 0.5, L (2x0.4 + 1x0.2)/3 = 0.3333, org 1.0 -> 100 x 0.16667 x 1 = 16.667
    domestic-abuse: H 0.8, L (0 + 0.3)/3 = 0.1, org 0.5 -> 100 x 0.08 x 0.75 = 6.0
    asb: H 0 -> 0.0 (high volume and concern, but no harm evidence)
    Parents roll up: serious-acquisitive = burglary, vawg = domestic-abuse.
    """
    evidence, signals = mini()
    criteria = {"harm": crit(3), "volume": crit(2), "concern": crit(1), "org": crit(1)}
    config = ScoringConfig(
        method=Method.MORILE,
        morile=MorileConfig(harm=("harm",), likelihood=("volume", "concern"),
                            organisational_position="org", moderation=0.5),
        selection=Selection(max_priorities=2, min_priority_score=5, watch_score=1,
                            min_share_of_top=0, watch_share_of_top=0),
    )
    recs = {r.theme: r for r in analyse(evidence, signals, criteria, config,
                                        CONTRIBUTIONS).recommendations()}
    assert recs["burglary"].score == pytest.approx(16.666667)
    assert recs["domestic-abuse"].score == pytest.approx(6.0)
    assert recs["vawg"].score == pytest.approx(6.0)
    assert recs["asb"].score == 0.0
    assert recs["serious-acquisitive"].score == pytest.approx(16.666667)
    assert [t for t, r in sorted(recs.items(), key=lambda x: x[1].rank)][:4] == [
        "burglary", "serious-acquisitive", "domestic-abuse", "vawg"]


def test_new_weights_rescore_without_refiring() -> None:
    evidence, signals = mini()
    criteria = {"harm": crit(3), "volume": crit(2), "concern": crit(1), "org": crit(0)}
    analysis = analyse(evidence, signals, criteria, ScoringConfig(selection=SELECTION),
                       CONTRIBUTIONS)
    recs = {r.theme: r for r in analysis.recommendations({"harm": 0, "volume": 0})}
    # Only concern counts now: asb 0.8, domestic-abuse 0.3, burglary 0.2.
    assert recs["asb"].score == pytest.approx(80.0)
    assert recs["domestic-abuse"].score == pytest.approx(30.0)
    assert recs["burglary"].score == pytest.approx(20.0)
