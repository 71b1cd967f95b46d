"""The rows the importer writes: one indicator row, one observation row."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    label: str
    themes: tuple[str, ...]
    unit: str
    period_kind: str
    direction: str
    per: int | None = None
    total_of: str | None = None
    harm_class: str | None = None
    flags: tuple[str, ...] = ()
    notes: str | None = None
    cited: str | None = None


@dataclass(frozen=True)
class ObservationRow:
    indicator: str
    period: str
    value: float | str
    series: str = "actual"
    area: str | None = None
    of: int | None = None
    note: str | None = None
    cited: str | None = None


@dataclass
class Tables:
    indicators: list[IndicatorRow]
    observations: list[ObservationRow]
