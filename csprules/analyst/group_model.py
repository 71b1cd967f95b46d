"""Results of combining partner weight sets (models only, so reports can carry them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class CriterionSpread(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    ruleset: float
    mean: float
    median: float
    low: float
    high: float
    spread: float
    """high - low: how far apart the partners are on this criterion."""


class PartnerView(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    partner: str
    weights: dict[str, float]
    priorities: tuple[str, ...]


class GroupWeights(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    partners: tuple[PartnerView, ...]
    mean: PartnerView
    median: PartnerView
    criteria: tuple[CriterionSpread, ...]
    agreed: tuple[str, ...]
    """Themes every partner's weights make a priority."""
    contested: tuple[str, ...]
    """Themes some partners' weights make a priority and others' do not."""
