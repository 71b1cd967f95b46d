"""Indicators (crime, ASB, offending measures) and their observations."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from csprules.errors import Location
from csprules.evidence.ids import Id
from csprules.evidence.periods import Period, PeriodKind
from csprules.evidence.values import MissingState


class Unit(StrEnum):
    COUNT = "count"
    RATE = "rate"
    """Rate per ``per`` population (e.g. per 1,000 residents)."""
    PERCENTAGE = "percentage"
    RATIO = "ratio"
    SCORE = "score"


class Direction(StrEnum):
    """Which way is good for this indicator."""

    DOWN = "down"
    UP = "up"
    UP_UNDER_REPORTED = "up_under_reported"
    """More reports are good: the crime is under-reported (domestic abuse, hate crime)."""
    MAINTAIN = "maintain"


class DataFlag(StrEnum):
    RECORDING_CHANGE = "recording_change"
    STALE = "stale"
    PROVISIONAL = "provisional"
    PERCEPTION = "perception"
    """A residents' perception measure (% who see it as a problem): public concern."""


class Series(StrEnum):
    """What an observation row holds."""

    ACTUAL = "actual"
    TARGET = "target"
    BASELINE = "baseline"
    COMPARATOR = "comparator"
    """The same measure for another area (``area`` names it: London, MSG average, ...)."""
    RANK = "rank"
    """Our rank among ``of`` areas (1 = lowest value)."""
    PRINTED_CHANGE_PCT = "printed_change_pct"
    """A % change the source document printed, from ``base_period`` to ``period``."""


class Observation(BaseModel):
    """One value of one indicator, and where it came from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: Id
    series: Series = Series.ACTUAL
    area: str | None = None
    period: Period
    base_period: Period | None = None
    value: float | MissingState
    of: int | None = Field(default=None, ge=1)
    note: str | None = None
    cited: str | None = None
    """Pointer into the original document, e.g. ``003_a825832bf6e36b8c.txt:24``."""
    row: Location
    """The input row this value was read from."""

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, float)


class Indicator(BaseModel):
    """A measure the partnership tracks, with its observations."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    label: str = Field(min_length=1)
    themes: tuple[Id, ...] = Field(min_length=1)
    unit: Unit
    per: int | None = Field(default=None, ge=1)
    period_kind: PeriodKind
    direction: Direction
    total_of: Id | None = None
    """Id of the indicator this one is a part of (for share of a total)."""
    harm_class: str | None = None
    """Row of the harm-weight table this count is weighted by."""
    flags: tuple[DataFlag, ...] = ()
    notes: str | None = None
    cited: str | None = None
    row: Location
    observations: tuple[Observation, ...] = ()

    @model_validator(mode="after")
    def _rate_needs_per(self) -> Indicator:
        if self.unit is Unit.RATE and self.per is None:
            raise ValueError("a rate needs 'per' (e.g. 1000 for a rate per 1,000 population)")
        return self
