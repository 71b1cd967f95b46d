"""select(): the kernel's decisions, worded.  One named case per outcome's reason."""

from __future__ import annotations

import numpy as np

from csprules.rules.scoring_config import HighOnAny, ScoringConfig, Selection
from csprules.scoring.aggregate import Array
from csprules.scoring.model import Status
from csprules.scoring.select import Selected, select
from tests.scoring.test_selection_kernel import CRITERIA, FACTS, NORMALISED, THEMES

LABELS = {"harm": "Harm", "trend": "Trend", **{t: t.upper() for t in THEMES}}
WATCH = "at or above the watch threshold 24.0 (30% of the top score 80.0)"


def _select(scores: list[float], max_priorities: int, normalised: Array | None = None,
            ) -> dict[str, Selected]:
    config = ScoringConfig(selection=Selection(max_priorities=max_priorities),
                           high_on_any=HighOnAny(criteria=("harm",), at_least=1.0))
    return select(THEMES, np.array(scores), NORMALISED if normalised is None else normalised,
                  CRITERIA, LABELS, FACTS, config)


def test_reasons_for_the_hand_checked_case() -> None:
    """The case of tests/scoring/test_selection_kernel.py: two slots, c overridden."""
    out = _select([80.0, 60.0, 20.0, 50.0, 30.0, 1.0, 60.0], 2)
    assert {t: (s.rank, s.status, s.reasons) for t, s in out.items()} == {
        "a": (1, Status.PRIORITY, ("ranked 1 of 7 with score 80.0, at or above the priority "
                                   "threshold 40.0 (50% of the top score 80.0)",)),
        "b": (2, Status.WATCH, (f"score 60.0 is {WATCH} but ranked 2 of 7; only 2 priorities "
                                "are selected", "tied on score with g; order broken by theme id")),
        "g": (3, Status.WATCH, (f"score 60.0 is {WATCH} but ranked 3 of 7; only 2 priorities "
                                "are selected", "tied on score with b; order broken by theme id")),
        "d": (4, Status.WATCH, (f"score 50.0 is {WATCH} but ranked 4 of 7; only 2 priorities "
                                "are selected",)),
        "e": (5, Status.CROSS_CUTTING, (f"a cross-cutting theme scoring 30.0, {WATCH}, not "
                                        "chosen as a priority",)),
        "c": (6, Status.PRIORITY, ("one criterion is very high: Harm 1.00 >= 1.00",)),
        "f": (7, Status.CROSS_CUTTING, ("statutory duty: Crime and Disorder Act 1998 "
                                        "(at least cross-cutting)",)),
    }
    assert out["b"].tie_with == ("g",)


def test_reasons_for_links_and_not_recommended() -> None:
    """Three slots: c by override, then a and b; d feeds both.  g (3.0) is below 24."""
    normalised = NORMALISED.copy()
    normalised[6] = [0.4, 0.0]
    out = _select([80.0, 60.0, 20.0, 50.0, 30.0, 1.0, 3.0], 3, normalised)
    assert out["d"].status is Status.CROSS_CUTTING
    assert out["d"].reasons == ("its evidence feeds 2 priorities: A, B",)
    assert out["g"].status is Status.NOT_RECOMMENDED
    assert out["g"].reasons == (
        "score 3.0 is below the watch threshold 24.0 (30% of the top score 80.0)",
        "strongest criterion: Harm 0.40", "no points for: Trend")
    out = _select([80.0, 60.0, 20.0, 50.0, 30.0, 1.0, 3.0], 3)
    assert out["g"].reasons[1:] == (
        "no rule fired for this theme: no evidence scored on any criterion",)
