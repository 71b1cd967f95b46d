"""Small helpers over observations shared by the indicator signal derivers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from csprules.evidence.indicator import Direction, Observation
from csprules.evidence.periods import Period
from csprules.signals.model import EvidenceRef


def pct_change(new: float, old: float) -> float | None:
    if old == 0:
        return None
    return (new - old) / abs(old) * 100.0


_REFS: dict[tuple[object, str | None], EvidenceRef] = {}


def ref(obs: Observation) -> EvidenceRef:
    # One shared, immutable reference per input row: derivation builds hundreds.
    key = (obs.row, obs.cited)
    ref = _REFS.get(key)
    if ref is None:
        if len(_REFS) > 100_000:
            _REFS.clear()
        ref = _REFS[key] = EvidenceRef.model_construct(row=obs.row, cited=obs.cited)
    return ref


def numeric(observations: Iterable[Observation]) -> list[Observation]:
    return [o for o in observations if isinstance(o.value, float)]


def by_period(observations: Iterable[Observation]) -> list[Observation]:
    return sorted(observations, key=lambda o: (o.period.sort_key, o.row))


def one_year_before(period: Period, candidates: list[Observation]) -> Observation | None:
    wanted = date(period.end.year - 1, period.end.month, min(period.end.day, 28))
    for obs in reversed(candidates):
        end = obs.period.end
        if (end.year, end.month) == (
            wanted.year,
            wanted.month,
        ) and obs.period.months == period.months:
            return obs
    return None


def is_worse(change: float, direction: Direction) -> bool:
    if direction is Direction.DOWN:
        return change > 0
    if direction in (Direction.UP, Direction.UP_UNDER_REPORTED):
        return change < 0
    return False


def is_better(change: float, direction: Direction) -> bool:
    if direction is Direction.MAINTAIN:
        return False
    return is_worse(-change, direction)
