"""Residents' perception measures and unranked concerns count as public concern."""

from __future__ import annotations

from csprules import derive_signals, load_evidence
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import ruleset_from
from csprules.errors import Location
from csprules.evidence.indicator import DataFlag, Direction, Indicator, Unit
from csprules.evidence.periods import PeriodKind
from csprules.signals.perception import is_perception


def _ind(label: str, unit: Unit = Unit.PERCENTAGE, direction: Direction = Direction.DOWN,
         flags: tuple[DataFlag, ...] = ()) -> Indicator:
    return Indicator.model_construct(id="x", label=label, themes=("asb",), unit=unit,
                                     direction=direction, flags=flags, observations=(),
                                     period_kind=PeriodKind.FINANCIAL_YEAR,
                                     row=Location("indicators.csv", 2))


def test_which_indicators_are_perception_measures() -> None:
    assert is_perception(_ind("NI17 Perceptions of anti social behaviour"))
    assert is_perception(_ind("Public Attitude Survey: worried about ASB in your area"))
    assert is_perception(_ind("How much of a problem are teenagers in the street?"))
    # Higher is better: satisfaction or confidence, not concern.
    assert not is_perception(_ind("Dealing with local concerns about ASB", direction=Direction.UP))
    # A count is not a survey share, whatever its label.
    assert not is_perception(_ind("Perceptions of ASB reports", unit=Unit.COUNT))
    assert not is_perception(_ind("Repeat victims of domestic abuse"))
    # The flag says so whatever the label.
    assert is_perception(_ind("PAS Q14", flags=(DataFlag.PERCEPTION,)))


def test_a_measured_baseline_is_read_when_no_actual_was_printed() -> None:
    """Tower Hamlets 2008 prints NI42 only as a baseline, "68% (06/07 LGUSS)", then
    targets; the baseline is the reading, the targets are never read."""
    signals = derive_signals(load_evidence("examples/tower-hamlets-2008"))
    ni42 = next(s for s in signals.signals if s.id == "ind:ni-42:drug-supply")
    assert (ni42.fields["perception"], ni42.fields["perceived_pct"],
            ni42.fields["perceived_period"], ni42.fields["perceived_series"]) == (
        True, 68.0, "2006/07", "baseline")
    assert [str(r.cited) for r in ni42.evidence][-1] == "002_d723c8df196fdce6.txt:307"


def test_perception_and_raised_concerns_score_hand_checked() -> None:
    """Tower Hamlets 2016, ASB: ranked 1st of the consultation's concerns (10 - 2 x 1 = 8
    points), 298 of 1,013 put it in their top three (29.4% x 0.1 = 2.94), raised at
    Residents' Question Time (3), and 43% say teenagers in the street are a problem
    (4.3): 18.24 points, capped at 10."""
    run = evaluate_evidence(load_evidence("examples/tower-hamlets-2016"), ruleset_from("default"))
    asb = run.recommendations().get("asb")
    concern = next(c for c in asb.criteria if c.criterion == "concern")
    fired = sorted((j.rule, round(j.points, 2)) for j in asb.justifications
                   if j.criterion == "concern")
    assert fired == [("concern-large-share", 2.94), ("concern-perceived-problem", 4.3),
                     ("concern-raised", 3.0), ("concern-top-ranked", 8.0)]
    assert concern.score == 1.0
    road = run.recommendations().get("road-safety")
    assert [(j.rule, j.points, j.text) for j in road.justifications
            if j.criterion == "concern"] == [(
        "concern-raised", 3.0,
        "Safer Neighbourhood Board Resident's Question Time: five themed public meetings in "
        "2015/16 where residents and local community groups raised community safety issues: "
        "raised by residents (no rank or count given)")]
