"""What changed since last year (models only, so reports can carry them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SignalMove(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    signal: str
    theme: str
    field: str
    before: str
    after: str


class StatusMove(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    rank_before: int
    rank_after: int
    status_before: str
    status_after: str
    score_before: float
    score_after: float


class YearDiff(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    this_year: str
    last_year: str
    indicators_added: tuple[str, ...]
    indicators_removed: tuple[str, ...]
    signals_moved: tuple[SignalMove, ...]
    recommendations: tuple[StatusMove, ...]
