"""The partnership itself and what it chose last time."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from csprules.errors import Location
from csprules.evidence.decisions import DecisionRecord
from csprules.evidence.ids import Id


class Partnership(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    area: str = Field(min_length=1)
    assessment_date: date
    population: int | None = Field(default=None, ge=1)
    population_cited: str | None = None
    plan_period: str | None = None
    cited: str | None = None


class PreviousStatus(StrEnum):
    PRIORITY = "priority"
    CROSS_CUTTING = "cross_cutting"


class PreviousPriority(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: Id
    status: PreviousStatus = PreviousStatus.PRIORITY
    wording: str | None = None
    cited: str | None = None
    row: Location


class PreviousPriorities(BaseModel):
    """What last year's plan chose (optional input)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: str | None = None
    items: tuple[PreviousPriority, ...] = ()
    decisions: DecisionRecord | None = None
    """Last year's decision record, when the priorities were read from one: the paper
    shows each decision and whether this year's recommendation departs from it."""

    def status_of(self, theme: str) -> PreviousStatus | None:
        for item in self.items:
            if item.theme == theme:
                return item.status
        return None
