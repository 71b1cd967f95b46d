"""The theme tree both ways: a parent's own evidence reaches its children at a discount."""

from __future__ import annotations

import pytest

from csprules.assessment.backtest import _relative_in
from csprules.rules.scoring_config import Policy, ScoringConfig
from csprules.scoring.analysis import analyse
from tests.scoring.helpers import C, crit, mini


def test_parent_concern_reaches_children_at_half() -> None:
    """concern w1, drivers w1 (policy), caps 10; downward 0.5.  In the mini fixture
    burglary has evidence of its own (an indicator, a consultation measure); robbery and
    vehicle crime have none.

    serious-acquisitive: concern 8 (its own) + drivers 4 -> 100 x (0.8 + 0.4) / 2 = 60.0
    burglary: inherits concern 0.5 x 8 = 4 (drivers never flow down) -> 20.0
    robbery, vehicle-crime: no evidence of their own, inherit nothing -> 0.0
    domestic-abuse: its own concern 6 by the same rule beats nothing inherited -> 30.0,
    and rolls up to vawg in full (30.0).
    """
    evidence, signals = mini()
    contributions = [C("serious-acquisitive", "concern", 8, rule_id="concern-top"),
                     C("serious-acquisitive", "drivers", 4, rule_id="driver"),
                     C("domestic-abuse", "concern", 6, rule_id="concern-top")]
    config = ScoringConfig(downward=0.5, policy=Policy(criteria=("drivers",), max_share=0.5))
    recs = {r.theme: r for r in analyse(evidence, signals,
                                        {"concern": crit(1), "drivers": crit(1)}, config,
                                        contributions).recommendations()}
    assert recs["serious-acquisitive"].score == pytest.approx(60.0)
    assert recs["burglary"].score == pytest.approx(20.0)
    assert recs["robbery"].score == 0.0
    assert recs["vehicle-crime"].score == 0.0
    assert recs["vawg"].score == pytest.approx(30.0)
    inherited = list(recs["burglary"].justifications)
    assert [(j.theme, j.criterion, j.points) for j in inherited] == [
        ("serious-acquisitive", "concern", 4)]
    assert inherited[0].text == "t (for the parent theme, counted here at 50%: 4 points)"
    assert not recs["burglary"].driver_led


def test_no_downward_flow_by_default() -> None:
    evidence, signals = mini()
    recs = {r.theme: r for r in analyse(evidence, signals, {"concern": crit(1)},
                                        ScoringConfig(), [C("violence", "concern", 8)]
                                        ).recommendations()}
    assert recs["serious-violence"].score == 0.0


def test_partial_credit_finds_parent_or_child() -> None:
    parents: dict[str, str | None] = {"violence": None, "serious-violence": "violence",
                                      "nte-violence": "violence", "asb": None}
    assert _relative_in("serious-violence", {"violence", "asb"}, parents) == "violence"
    assert _relative_in("violence", {"nte-violence", "serious-violence"}, parents) == \
        "nte-violence"
    assert _relative_in("asb", {"violence"}, parents) is None
