"""Exact decomposition of a score move, on a hand-checked worked example."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csprules.rules.scoring_config import ScoringConfig, Selection
from csprules.scoring.analysis import Analysis, analyse
from csprules.scoring.attribution import Side, moves
from tests.scoring.helpers import C, crit, mini

BEFORE = [
    C("burglary", "harm", 5), C("burglary", "volume", 4), C("burglary", "concern", 2),
    C("asb", "volume", 12), C("asb", "concern", 8),
    C("domestic-abuse", "harm", 8), C("domestic-abuse", "concern", 3),
]
# A new rule r2 fires for burglary (harm +3) and for asb (volume +2, past the cap of 10).
AFTER = [*BEFORE, C("burglary", "harm", 3, rule_id="r2"), C("asb", "volume", 2, rule_id="r2")]
SELECTION = Selection(max_priorities=2, min_priority_score=40, min_share_of_top=0,
                      watch_score=20, watch_share_of_top=0)


def _analysis(contributions: list[C]) -> Analysis:
    evidence, signals = mini()
    criteria = {"harm": crit(3), "volume": crit(2), "concern": crit(1)}
    return analyse(evidence, signals, criteria, ScoringConfig(selection=SELECTION),
                   contributions)


def test_parts_sum_to_the_change_on_a_hand_checked_example() -> None:
    """Weights harm 3, volume 2, concern 1 -> concern 3; caps 10; score = 100 sum(w s)/sum(w).

    burglary before: (3x0.5 + 2x0.4 + 1x0.2) / 6 = 41.6667
      rule r2 fires (+3 harm, 0.5 -> 0.8), old weights: (2.4 + 0.8 + 0.2) / 6 = 56.6667: +15
      concern weight 1 -> 3, new scores: (2.4 + 0.8 + 0.6) / 8 = 47.5: -9.1667, of which
      direct 100 x 2 x 0.2 / 8 = +5 and dilution -14.1667
      change 47.5 - 41.6667 = +5.8333 = 15 - 9.1667
    asb before: (2x1.0 + 1x0.8) / 6 = 46.6667; r2's +2 volume is past the cap: 0;
      concern 1 -> 3: (2 + 2.4) / 8 = 55: +8.3333 (direct 100 x 2 x 0.8 / 8 = +20, dilution
      -11.6667)
    domestic-abuse: (2.4 + 0.3) / 6 = 45 -> (2.4 + 0.9) / 8 = 41.25: -3.75, all weight
      (direct +7.5, dilution -11.25); it falls from rank 2 to 3 and loses its slot.
    """
    found = {m.theme: m for m in moves(Side(_analysis(BEFORE)),
                                       Side(_analysis(AFTER), {"concern": 3}))}
    burglary = found["burglary"]
    assert [(p.kind, p.name, p.change) for p in burglary.parts] == [
        ("rule", "r2", "fired (+3)"), ("weight", "concern", "weight 1 -> 3")]
    assert [p.effect for p in burglary.parts] == pytest.approx([15.0, -9.166667])
    assert burglary.parts[1].direct == pytest.approx(5.0)
    assert burglary.parts[1].dilution == pytest.approx(-14.166667)
    assert burglary.change == pytest.approx(47.5 - 250 / 6, abs=1e-6)
    assert sum(p.effect for p in burglary.parts) == pytest.approx(burglary.change, abs=1e-6)
    assert (burglary.rank_before, burglary.rank_after) == (4, 2)
    assert burglary.status_cause is not None
    assert burglary.status_cause.text == (
        "was on the watch list, now a priority: score 41.7 -> 47.5; at or above the "
        "priority threshold 40.0 (the floor) -> 40.0 (the floor) both times, it won one of "
        "the 2 priority slots (rank 4 -> 2)")

    asb = found["asb"]
    assert [(p.kind, p.name) for p in asb.parts] == [("rule", "r2"), ("weight", "concern")]
    assert [p.effect for p in asb.parts] == pytest.approx([0.0, 8.333333])
    assert asb.parts[1].direct == pytest.approx(20.0)
    assert asb.parts[1].dilution == pytest.approx(-11.666667)
    assert asb.status_cause is None

    da = found["domestic-abuse"]
    assert [p.kind for p in da.parts] == ["weight"]
    assert da.parts[0].effect == pytest.approx(-3.75)
    assert da.parts[0].direct == pytest.approx(7.5)
    assert da.parts[0].dilution == pytest.approx(-11.25)
    assert da.status_cause is not None
    assert da.status_cause.before == "priority"
    assert da.status_cause.after == "watch"
    for m in found.values():
        assert sum(p.effect for p in m.parts) == pytest.approx(m.change, abs=1e-5)


def test_unmoved_themes_are_left_out() -> None:
    found = {m.theme for m in moves(Side(_analysis(BEFORE)), Side(_analysis(BEFORE)))}
    assert found == set()
    # Robbery scores 0 either way and keeps its rank: not a move.
    weights_only = {m.theme for m in moves(Side(_analysis(BEFORE)),
                                           Side(_analysis(BEFORE), {"concern": 3}))}
    assert "robbery" not in weights_only
    assert "burglary" in weights_only


def test_a_threshold_crossing_is_named() -> None:
    """Without concern, burglary (3x0.5 + 2x0.4) / 5 = 46 stays; asb 2/5 = 40 holds the floor;
    with harm 0 as well, domestic-abuse scores 0 and falls below the watch floor of 20."""
    found = {m.theme: m for m in moves(Side(_analysis(BEFORE)),
                                       Side(_analysis(BEFORE), {"concern": 0, "harm": 0}))}
    da = found["domestic-abuse"]
    assert da.score_after == 0.0
    assert da.status_cause is not None
    assert da.status_cause.text == (
        "was a priority, now not recommended: score 45.0 -> 0.0; it fell below the "
        "priority threshold 40.0 (the floor) -> 40.0 (the floor), and the watch threshold "
        "20.0 (the floor)")
    assert sum(p.effect for p in da.parts) == pytest.approx(-45.0, abs=1e-6)


WEIGHT = st.floats(min_value=0.0, max_value=10.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(before=st.tuples(WEIGHT, WEIGHT, WEIGHT), after=st.tuples(WEIGHT, WEIGHT, WEIGHT),
       new_rule=st.booleans())
def test_parts_always_sum_to_the_change(before: tuple[float, float, float],
                                        after: tuple[float, float, float],
                                        new_rule: bool) -> None:
    names = ("harm", "volume", "concern")
    a, b = _analysis(BEFORE), _analysis(AFTER if new_rule else BEFORE)
    found = moves(Side(a, dict(zip(names, before, strict=True))),
                  Side(b, dict(zip(names, after, strict=True))))
    for m in found:
        assert sum(p.effect for p in m.parts) == pytest.approx(m.change, abs=1e-5)
        assert m.change == pytest.approx(m.score_after - m.score_before, abs=2e-6)
        weighted = [p for p in m.parts if p.kind == "weight"]
        for p in weighted:
            if p.direct is not None and p.dilution is not None:
                assert p.direct + p.dilution == pytest.approx(p.effect, abs=2e-6)
