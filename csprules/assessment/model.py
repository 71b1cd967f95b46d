"""What ``assess`` returns: the recommendations and every optional section of the report."""

from __future__ import annotations

from pydantic import PrivateAttr

from csprules.assessment.last_year import LastYearDecision
from csprules.assessment.partner_weights import GroupWeights
from csprules.assessment.pipeline import Evaluated
from csprules.assessment.ruleset_diff import RulesetDiff
from csprules.assessment.year_diff import YearDiff
from csprules.evidence.decisions import DecisionRecord
from csprules.scoring.model import Recommendations
from csprules.scoring.robustness import SensitivityResult
from csprules.scoring.what_would_move import WhatWouldMove


class Assessment(Recommendations):
    """Recommendations plus the sections a meeting paper may carry, built once.

    The evaluated run stays attached (:attr:`run`) so the HTML report can re-rank
    under new weights without firing the rules again.
    """

    robustness: SensitivityResult | None = None
    """Monte Carlo robustness to the weights, when asked for."""
    changes_since: YearDiff | None = None
    """What changed since last year's evidence, when given."""
    ruleset_diff: RulesetDiff | None = None
    """What another ruleset would change, and which rules are responsible, when asked."""
    partner_weights: GroupWeights | None = None
    """Priorities under each partner agency's weights, when supplied."""
    what_would_move: WhatWouldMove | None = None
    """Themes within reach of a status boundary, and the smallest single change that
    flips each (a weight interval per criterion, the points per criterion)."""
    decisions: DecisionRecord | None = None
    """The meeting's recorded decisions on this assessment, when there are any."""
    last_year_decisions: tuple[LastYearDecision, ...] = ()
    """Last year's recorded decisions (named by ``previous_priorities: decisions:``), each
    with this year's status for its theme and whether the recommendation departs from it."""

    _run: Evaluated | None = PrivateAttr(default=None)
    _weight_overrides: dict[str, float] = PrivateAttr(default_factory=dict)

    @property
    def run(self) -> Evaluated:
        if self._run is None:
            raise ValueError("this assessment was not built by assess(): it has no run attached")
        return self._run

    @property
    def weight_overrides(self) -> dict[str, float]:
        """The weights the caller changed from the ruleset's (``weights`` holds them all)."""
        return dict(self._weight_overrides)
