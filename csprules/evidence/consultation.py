"""Resident surveys, focus groups and other consultation results."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from csprules.errors import Location
from csprules.evidence.ids import Id


class ConsultationMeasure(BaseModel):
    """What one consultation said about one theme."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    theme: Id
    top_three: int | None = Field(default=None, ge=0)
    """Respondents who chose this theme among their top three concerns."""
    pct_problem: float | None = Field(default=None, ge=0, le=100)
    """Percentage of respondents who see it as a problem."""
    rank: int | None = Field(default=None, ge=1)
    """Rank the source gives (1 = greatest concern)."""
    wording: str | None = None
    """The theme as the consultation worded it."""
    matched: str | None = None
    """Words of ``wording`` that named the theme, when no theme id was given."""
    cited: str | None = None
    row: Location


class ConsultationResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    source: str = Field(min_length=1)
    date: dt.date | None = None
    method: str = Field(min_length=1)
    respondents: int | None = Field(default=None, ge=1)
    representativeness: str | None = None
    cited: str | None = None
    row: Location
    measures: tuple[ConsultationMeasure, ...] = ()
