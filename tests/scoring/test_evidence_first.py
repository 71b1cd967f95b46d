"""Evidence first: driver-led themes, evidence gaps, missing data is not a low problem,
and grades read on the evidence a partnership has."""

from __future__ import annotations

import pytest

from csprules.rules.scoring_config import Policy, ScoringConfig, Selection
from csprules.scoring.analysis import analyse, evidence_gap_findings
from csprules.scoring.model import GapKind, Status
from tests.scoring.helpers import C, crit, mini

CONTRIBUTIONS = [
    C("robbery", "drivers", 4, rule_id="driver"),
    C("burglary", "volume", 6, rule_id="vol"), C("burglary", "drivers", 4, rule_id="driver"),
]
CONFIG = ScoringConfig(
    policy=Policy(criteria=("drivers",), max_share=0.5),
    selection=Selection(max_priorities=3, min_priority_score=5, min_share_of_top=0,
                        watch_score=1, watch_share_of_top=0),
)


def test_driver_led_theme_is_marked_and_gets_an_evidence_gap_finding() -> None:
    """harm w3 (no theme scores on it anywhere), volume w2, drivers w1 (policy); caps 10.

    burglary: 100 x (2 x 0.6 + 1 x 0.4) / 6 = 26.667: volume is local evidence.
    robbery:  100 x (1 x 0.4) / 6 = 6.667: drivers only, so driver-led.
    serious-acquisitive (parent of both) rolls up burglary's volume: not driver-led.
    Grades: harm has no data for any theme, so grades are read over volume and drivers
    (weights 3 of 6): burglary 26.667 x 6/3 = 53.3 -> medium (bands 60/40/0); without
    that it would read "low".  robbery 6.667 x 2 = 13.3 -> low.
    """
    evidence, signals = mini()
    criteria = {"harm": crit(3), "volume": crit(2), "drivers": crit(1)}
    analysis = analyse(evidence, signals, criteria, CONFIG, CONTRIBUTIONS)
    recs = analysis.recommendations()
    by = {r.theme: r for r in recs}
    robbery, burglary = by["robbery"], by["burglary"]
    assert burglary.score == pytest.approx(26.666667)
    assert robbery.score == pytest.approx(6.666667)
    assert robbery.status is Status.PRIORITY
    assert robbery.driver_led
    assert not burglary.driver_led
    assert not by["serious-acquisitive"].driver_led
    assert burglary.grade == "medium"
    assert robbery.grade == "low"
    assert robbery.coverage is not None
    assert robbery.coverage.scored == ()
    assert [g.kind for g in robbery.coverage.gaps] == [GapKind.NO_INDICATOR,
                                                       GapKind.NO_CONSULTATION]
    assert robbery.reasons[-1] == (
        "driver-led: it scores only on policy criteria (external drivers, continuity, "
        "ownership); no local evidence scored (no indicator measures Robbery; no "
        "consultation measure on Robbery)"
    )
    findings = evidence_gap_findings(recs, analysis)
    assert [f.themes for f in findings] == [("robbery",)]
    assert findings[0].kind == "evidence_gap"
    assert findings[0].message == (
        "Robbery is a priority on policy alone: MOPAC 7 neighbourhood crimes names it; "
        "there is no local Robbery evidence that scored (no indicator measures Robbery; no "
        "consultation measure on Robbery): collect it for the next assessment"
    )


def test_not_recommended_says_missing_data_or_low_values() -> None:
    """Same evidence, but a priority needs 20: robbery (6.7, drivers only) is not
    recommended because data is missing; domestic abuse has an indicator with a value
    that scored only 1 point of volume (100 x 2 x 0.1 / 6 = 3.3): low values."""
    evidence, signals = mini()
    criteria = {"harm": crit(3), "volume": crit(2), "drivers": crit(1)}
    config = CONFIG.model_copy(update={"selection": Selection(
        max_priorities=3, min_priority_score=20, min_share_of_top=0, watch_score=10,
        watch_share_of_top=0)})
    contributions = [*CONTRIBUTIONS, C("domestic-abuse", "volume", 1, rule_id="vol")]
    by = {r.theme: r for r in analyse(evidence, signals, criteria, config,
                                      contributions).recommendations()}
    assert by["robbery"].status is Status.NOT_RECOMMENDED
    assert by["robbery"].reasons[-1].startswith("missing data, not a low problem: ")
    assert by["domestic-abuse"].score == pytest.approx(3.333333)
    assert by["domestic-abuse"].reasons[-1] == (
        "low values: its local evidence scored on x but not enough")


def test_a_question_without_a_result_is_not_local_evidence() -> None:
    """Tower Hamlets 2008 asked 1,100 residents about ASB but printed no result: a gap,
    not a consultation measure, and no vulnerability-style credit for it."""
    from csprules import load_evidence, recommend
    from csprules.governance import load_governance
    from csprules.rules.loader import load_ruleset

    path = "examples/tower-hamlets-2008"
    recs = recommend(load_evidence(path), load_ruleset("default"), load_governance(path))
    coverage = recs.get("asb").coverage
    assert coverage is not None
    assert coverage.consultation == 0
    assert "consultation asked about Anti-social behaviour but printed no result" in [
        g.message for g in coverage.gaps]
