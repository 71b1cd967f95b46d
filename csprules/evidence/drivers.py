"""External drivers: plans, strategies, statutory duties, funding and targets."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from csprules.errors import Location
from csprules.evidence.ids import Id


class DriverLevel(StrEnum):
    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"


class DriverKind(StrEnum):
    PLAN_PRIORITY = "plan_priority"
    STRATEGY = "strategy"
    STATUTORY_DUTY = "statutory_duty"
    FUNDING = "funding"
    TARGET = "target"


class ExternalDriver(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    name: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    level: DriverLevel
    kind: DriverKind
    themes: tuple[Id, ...] = Field(min_length=1)
    valid_from: date | None = None
    valid_to: date | None = None
    successor: Id | None = None
    matched: str | None = None
    """How the themes were read from the name, when no theme ids were given."""
    cited: str | None = None
    row: Location

    @model_validator(mode="after")
    def _dates_in_order(self) -> ExternalDriver:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(
                f"valid_to {self.valid_to} is before valid_from {self.valid_from}"
            )
        return self

    def active_on(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)
