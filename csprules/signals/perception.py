"""Perception measures: the share of residents who see something as a problem.

Surveys such as the Public Attitude Survey or the Place Survey (the old
NI17 "perceptions of anti-social behaviour", NI42 "perceptions of drug use or
drug dealing as a problem") measure public concern as directly as a
consultation ranking does, but they arrive as indicators.  Without this
module their values would count only as a trend, and a theme residents worry
about would read as having no public concern at all.

An indicator is a perception measure when its row says so (flag
``perception``) or, for data prepared without the flag, when it is a
percentage where lower is better and its label uses the words surveys use
(:data:`PERCEPTION_WORDS`).  A percentage where *higher* is better
("satisfied with how the police dealt with ASB") is confidence, not concern,
and is never read here.
"""

from __future__ import annotations

import re

from csprules.evidence.indicator import (
    DataFlag,
    Direction,
    Indicator,
    Observation,
    Series,
    Unit,
)
from csprules.signals.model import EvidenceRef, Scalar
from csprules.signals.observations import ref

PERCEPTION_WORDS = re.compile(
    r"\b(perception|perceptions|perceive[sd]?|worried|worry|concerned|fear|"
    r"feel unsafe|a problem|big problem)\b",
    re.IGNORECASE,
)
"""Words that mark a survey measure of concern in an indicator's label."""


def is_perception(ind: Indicator) -> bool:
    """Whether ``ind`` measures residents' concern (flagged, or worded as a survey is)."""
    if DataFlag.PERCEPTION in ind.flags:
        return True
    return (ind.unit is Unit.PERCENTAGE and ind.direction is Direction.DOWN
            and PERCEPTION_WORDS.search(ind.label) is not None)


def perception_fields(
    actuals: list[Observation], baselines: list[Observation],
) -> tuple[dict[str, Scalar], list[EvidenceRef]]:
    """``perceived_pct`` (and its period) of a perception measure (see :func:`is_perception`).

    The latest actual is used; where a plan printed only a measured baseline
    (an outturn it sets targets against), that baseline is the latest reading.
    Targets are never read: they are what the partnership hopes for.
    """
    readings = [*actuals, *baselines]
    if not readings:
        return {}, []
    # An actual beats a baseline for the same period.
    latest = max(readings, key=lambda o: (o.period.sort_key, o.series is Series.ACTUAL))
    return {
        "perceived_pct": float(latest.value),
        "perceived_period": latest.period.label,
        "perceived_series": latest.series.value,
    }, [ref(latest)]
