"""Targets are read as what happened: a miss only once the target's year is in, graded by
how far short the result fell."""

from __future__ import annotations

import pytest

from csprules import derive_signals, load_evidence
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import ruleset_from
from csprules.evidence.indicator import Direction
from csprules.signals.indicator_signals import target_miss_pct


@pytest.mark.parametrize(("value", "goal", "direction", "miss"), [
    # More is better: 146 completions against 226 is (226 - 146) / 226 = 35.4% short.
    (146.0, 226.0, Direction.UP, 80 / 226 * 100),
    # Less is better: 2,100 burglaries against 1,900 is 200 / 1,900 = 10.5% over.
    (2100.0, 1900.0, Direction.DOWN, 200 / 1900 * 100),
    # More reports are good: 90 reports against a target of 100 is 10% short.
    (90.0, 100.0, Direction.UP_UNDER_REPORTED, 10.0),
    # Met or beaten: no miss.
    (1800.0, 1900.0, Direction.DOWN, None),
    (250.0, 226.0, Direction.UP, None),
    (226.0, 226.0, Direction.UP, None),
    # 'maintain' has no way to fall short; a zero target has no scale.
    (5.0, 4.0, Direction.MAINTAIN, None),
    (1.0, 0.0, Direction.DOWN, None),
])
def test_target_miss_pct(value: float, goal: float, direction: Direction,
                         miss: float | None) -> None:
    got = target_miss_pct(value, goal, direction)
    if miss is None:
        assert got is None
    else:
        assert got == pytest.approx(miss)


def test_a_target_for_a_later_year_is_not_a_miss() -> None:
    """Tower Hamlets 2008 NI43: 7.4% of young offenders' sentences were custodial in
    2006/07, the target is 5% for 2008/09.  That is distance to go, not a miss: every
    target a plan sets lies beyond its baseline."""
    ni43 = derive_signals(load_evidence("examples/tower-hamlets-2008")).by_id()[
        "ind:ni-43:youth-offending"].fields
    assert (ni43["latest"], ni43["period"], ni43["target"], ni43["target_period"]) == (
        7.4, "2006/07", 5.0, "2008/09")
    assert "off_target" not in ni43
    assert "target_miss_pct" not in ni43


def test_a_target_for_the_latest_year_is_read_with_its_margin() -> None:
    """Wandsworth 2012, the 2011/12 column of the substance-misuse performance table."""
    signals = derive_signals(load_evidence("examples/wandsworth-2012")).by_id()
    # SP56: 4 against a target of 6 for 2011/12: (6 - 4) / 6 = 33.3% short.
    sp56 = signals["ind:sp56:substance-misuse"].fields
    assert (sp56["latest"], sp56["target"], sp56["target_period"], sp56["off_target"]) == (
        4.0, 6.0, "2011/12", True)
    assert sp56["target_miss_pct"] == pytest.approx(100 / 3)
    # SP44: 40 against 41, a narrow miss: (41 - 40) / 41 = 2.4%.
    sp44 = signals["ind:sp44:substance-misuse"].fields
    assert sp44["off_target"] is True
    assert sp44["target_miss_pct"] == pytest.approx(100 / 41)
    # SP53: 146 in 2011/12; the 2011/12 target is TBC and the next, 226, is for 2012/13.
    sp53 = signals["ind:sp53:substance-misuse"].fields
    assert (sp53["latest"], sp53["target"], sp53["target_period"]) == (146.0, 226.0, "2012/13")
    assert "off_target" not in sp53


def test_wide_misses_score_more_than_narrow_ones_hand_checked() -> None:
    """Wandsworth 2012, substance misuse, trend criterion (each rule counts once per
    theme, its strongest match; the rules are summed and capped at 10):

    - trend-falling-up-indicator: ATR completions fell 36.4%, x -0.25 = 9.1, at most 6;
    - trend-missed-target-widely: SP56 33.3% short of its target, x 0.1 = 3.33 (SP55 is
      (130 - 106) / 130 = 18.5% short: 1.85; SP57 7.7%: 0.77; the strongest counts);
    - trend-off-target: any miss of a target for the year, 2.

    6 + 3.33 + 2 = 11.33, capped at 10: the trend score is 1.0.  Before the margin was
    read, a 2.4% miss and a 33% miss both counted 2, and the trend score was 0.8.
    """
    run = evaluate_evidence(load_evidence("examples/wandsworth-2012"), ruleset_from("default"))
    rec = run.recommendations().get("substance-misuse")
    best: dict[str, float] = {}
    for j in rec.justifications:
        if j.criterion == "trend":
            best[j.rule] = max(best.get(j.rule, 0.0), j.points)
    assert best == pytest.approx({"trend-falling-up-indicator": 6.0,
                                  "trend-missed-target-widely": 10 / 3,
                                  "trend-off-target": 2.0})
    widely = sorted((round(j.points, 2), j.text) for j in rec.justifications
                    if j.rule == "trend-missed-target-widely")
    assert widely == [
        (0.77, "Percentage of 15 to 17 year old amongst young people in the treatment "
               "system: 60 in 2011/12 is 7.7% short of its target of 65"),
        (1.85, "Number of young people in treatment: 106 in 2011/12 is 18.5% short of its "
               "target of 130"),
        (3.33, "Number of young people with complex needs in treatment: 4 in 2011/12 is "
               "33.3% short of its target of 6"),
    ]
    trend = next(c for c in rec.criteria if c.criterion == "trend")
    assert trend.score == 1.0


def test_a_printed_change_over_several_years_is_a_direction_of_travel() -> None:
    """Tower Hamlets 2008 prints only "an increase of 2.5%" in YOT clients' recidivism,
    2004/05 to 2007/08: three years, four financial-year periods.  It is read as the
    counts' 3-year trend is (trend_pct +2.5%, beyond the +-2% flat band, the wrong way
    for a 'down' measure), not as a one-year change."""
    signals = derive_signals(load_evidence("examples/tower-hamlets-2008")).by_id()
    f = signals["ind:yot-recidivism:reoffending"].fields
    assert (f["period"], f["trend_periods"], f["trend_pct"], f["trend_direction"],
            f["trend_worsening"]) == ("2007/08", 4.0, 2.5, "rising", True)
    assert not {"change_pct", "worsening", "previous_period"} & set(f)
    # A printed one-year change stays a one-year change: Ealing residential burglary
    # +2.5% from 2010/11 to 2011/12.
    ealing = derive_signals(load_evidence("examples/ealing-2012")).by_id()
    burglary = ealing["ind:residential-burglary:burglary"].fields
    assert (burglary["change_pct"], burglary["previous_period"], burglary["worsening"]) == (
        2.5, "2010/11", True)
    assert "trend_pct" not in burglary


def test_a_multi_year_printed_change_scores_as_a_trend_hand_checked() -> None:
    """Tower Hamlets 2008, reoffending: trend-wrong-direction-of-travel gives 3 points
    for the +2.5% over four periods ("Rate of recidivism by YOT clients"), and nothing
    else scores on trend: 3 of 10, a trend score of 0.3.  Before, the +2.5% was read as a
    one-year rise, below trend-rising-down-indicator's 3% threshold: no trend points."""
    run = evaluate_evidence(load_evidence("examples/tower-hamlets-2008"),
                            ruleset_from("default"))
    rec = run.recommendations().get("reoffending")
    assert [(j.rule, j.points, j.text) for j in rec.justifications
            if j.criterion == "trend"] == [(
        "trend-wrong-direction-of-travel", 3.0,
        "Rate of recidivism by YOT clients: direction of travel over 4 periods is +2.5%, "
        "the wrong way")]
    assert next(c for c in rec.criteria if c.criterion == "trend").score == 0.3


def test_a_previous_priority_whose_trend_went_the_wrong_way_hand_checked() -> None:
    """Tower Hamlets 2008, youth offending was a priority of the last plan; its only
    indicator that went the wrong way is YOT recidivism, +2.5% over 2004/05-2007/08 (a
    direction of travel, not a one-year change).  worsening_indicators counts it
    ("areas where trends were going in the wrong direction"): continuity is
    continuity-previous-priority 5 + continuity-wrong-direction 4 = 9 of 10, 0.9."""
    evidence = load_evidence("examples/tower-hamlets-2008")
    theme = derive_signals(evidence).by_id()["thm:youth-offending"].fields
    assert theme["worsening_indicators"] == 1.0
    rec = evaluate_evidence(evidence, ruleset_from("default")).recommendations().get(
        "youth-offending")
    assert sorted((j.rule, j.points) for j in rec.justifications
                  if j.criterion == "continuity") == [
        ("continuity-previous-priority", 5.0), ("continuity-wrong-direction", 4.0)]
    assert next(c for c in rec.criteria if c.criterion == "continuity").score == 0.9
