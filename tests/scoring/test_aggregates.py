"""Aggregates (total crime) are context for their parts, never a priority."""

from __future__ import annotations

import pytest

from csprules.rules.scoring_config import ScoringConfig, Selection
from csprules.scoring.analysis import analyse
from csprules.scoring.model import Status
from tests.scoring.helpers import C, crit, mini


def test_total_crime_is_context_not_a_priority() -> None:
    """Volume weight 1 only, cap 10.  all-crime 10 points -> 100.0 (rank 1);
    burglary 6 -> 60.0; asb 4 -> 40.0.

    all-crime outscores everything but is an aggregate: not recommended, with the
    context reason, and it sets no threshold.  The priority threshold is
    max(10, 0.5 x top) where top is the best *candidate* (burglary 60.0): 30.0,
    so both burglary (60.0) and asb (40.0) are priorities.  Had all-crime set the
    threshold (0.5 x 100 = 50), asb would have missed it.
    """
    evidence, signals = mini()
    contributions = [C("all-crime", "volume", 10), C("burglary", "volume", 6),
                     C("asb", "volume", 4)]
    config = ScoringConfig(selection=Selection(max_priorities=3, min_priority_score=10,
                                               min_share_of_top=0.5))
    recs = {r.theme: r for r in analyse(evidence, signals, {"volume": crit(1)}, config,
                                        contributions).recommendations()}
    total = recs["all-crime"]
    assert total.score == pytest.approx(100.0)
    assert total.rank == 1
    assert total.status is Status.NOT_RECOMMENDED
    assert total.reasons[0] == (
        "context: an aggregate of other themes (score 100.0); it informs their shares "
        "and trends and is never selected itself"
    )
    assert recs["burglary"].status is Status.PRIORITY
    assert recs["asb"].status is Status.PRIORITY
    assert "30.0 (50% of the top score 60.0)" in recs["asb"].reasons[0]
