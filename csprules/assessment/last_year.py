"""Last year's recorded decisions beside this year's recommendations: what departs.

A partnership records its board's decisions with ``csprules decide``; next
year's ``partnership.yaml`` names that record (``previous_priorities:
decisions:``).  This section says, per decision, where the theme stands this
year and whether the recommendation departs from what the board decided, so
the JSON and Python callers see what the paper words.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from csprules.evidence.decisions import Decision, DecisionEntry, DecisionRecord
from csprules.scoring.model import Recommendations, Status

_DECIDED_STATUS = {
    Decision.ADOPTED_PRIORITY: Status.PRIORITY,
    Decision.ADOPTED_CROSS_CUTTING: Status.CROSS_CUTTING,
}
_LISTED = (Status.PRIORITY, Status.CROSS_CUTTING)


class LastYearDecision(BaseModel):
    """One decision of last year's record and this year's recommendation for its theme."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    decision: Decision
    amended_to: str | None = None
    decided_by: str
    decided_on: date
    rationale: str
    decided_status: Status | None
    """The status the decision gave the theme; ``None`` for a rejection."""
    status_now: Status | None
    """This year's recommendation; ``None`` when this year's evidence does not assess it."""
    departs: bool
    """This year's recommendation differs from the decision: a rejected theme is listed
    again, a decided status changed, or the theme is no longer assessed."""


def decided_status(d: DecisionEntry) -> Status | None:
    """The status a decision gave its theme (``None`` for a rejection)."""
    if d.decision is Decision.AMENDED:
        return next((s for s in Status if s.value == d.amended_to), None)
    return _DECIDED_STATUS.get(d.decision)


def last_year_decisions(record: DecisionRecord | None,
                        recs: Recommendations) -> tuple[LastYearDecision, ...]:
    """Each of last year's decisions against this year's recommendations."""
    if record is None:
        return ()
    by_theme = {r.theme: r for r in recs.recommendations}
    out = []
    for d in record.decisions:
        rec = by_theme.get(d.theme)
        was = decided_status(d)
        now = rec.status if rec is not None else None
        if now is None:
            departs = True
        elif d.decision is Decision.REJECTED:
            departs = now in _LISTED
        else:
            departs = was is not None and was is not now
        out.append(LastYearDecision(
            theme=d.theme, decision=d.decision, amended_to=d.amended_to, decided_by=d.by,
            decided_on=d.date, rationale=d.rationale, decided_status=was, status_now=now,
            departs=departs))
    return tuple(out)
