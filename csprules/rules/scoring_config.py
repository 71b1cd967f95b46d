"""How a ruleset combines criterion scores: the ``criteria`` and ``scoring`` sections.

Criterion scores are normalised to 0..1 (points capped at the criterion's
``cap``, divided by it), so weights mean the same whatever the points scale.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from csprules.evidence.ids import Id

MAX_WEIGHT = 1000.0
"""Largest criterion weight: weights are relative, and 1e308 overflowed every score to 0."""
MAX_CAP = 1_000_000.0
"""Largest criterion cap (points are normalised by it)."""


class Criterion(BaseModel):
    """One dimension a theme is scored on (harm, trend, public concern, ...)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    label: str = Field(min_length=1)
    weight: float = Field(ge=0, le=MAX_WEIGHT)
    cap: float = Field(gt=0, le=MAX_CAP)
    """Points above the cap count as the cap: one loud rule cannot dominate."""
    description: str | None = None


class Method(StrEnum):
    WEIGHTED_SUM = "weighted_sum"
    MORILE = "morile"


class MorileConfig(BaseModel):
    """MoRiLE-shaped combination: risk = harm x likelihood, moderated by organisational position."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    harm: tuple[Id, ...] = Field(min_length=1)
    likelihood: tuple[Id, ...] = Field(min_length=1)
    organisational_position: Id | None = None
    moderation: float = Field(default=0.25, ge=0, le=1)
    """How far organisational position can lower risk: score = risk x (1 - m + m x position)."""
    missing_data: Literal["zero", "drop"] = "zero"
    """A criterion on which no theme scored: ``zero`` counts it as 0 for every theme (the
    kernel as is: scores are independent of other themes' evidence); ``drop`` leaves it
    out of its dimension, so missing data cannot zero every theme's risk (scores then
    depend on which criteria have data anywhere).  A dimension left with no criterion
    counts as 1 and is reported."""


class Policy(BaseModel):
    """Criteria that are policy, not local evidence (drivers, continuity, ownership).

    They count, with at most ``max_share`` of the score weights; a theme whose
    score comes from them alone is marked driver-led and gets an evidence-gap
    finding, so the meeting sees it is listed for policy reasons.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    criteria: tuple[Id, ...] = Field(min_length=1)
    max_share: float = Field(default=0.25, gt=0, le=1)
    """Largest share of the summed score weights the policy criteria may hold."""


class Band(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = Field(min_length=1)
    min: float = Field(ge=0, le=100)
    """Lowest score (0-100) in this band."""


class HighOnAny(BaseModel):
    """One very high criterion is enough ("max dimension" override)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    criteria: tuple[Id, ...] = Field(min_length=1)
    at_least: float = Field(gt=0, le=1)
    """Normalised criterion score (0-1) that triggers the override."""


class Selection(BaseModel):
    """How many priorities, and the thresholds a theme must reach.

    Each threshold is the larger of an absolute floor and a share of the top
    theme's score: partnerships with thin evidence still choose their strongest
    themes, and a partnership with rich evidence does not promote also-rans.
    (Computed in :func:`csprules.scoring.selection_kernel.thresholds`.)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    max_priorities: int = Field(default=6, ge=1, le=20)
    min_priority_score: float = Field(default=10, ge=0, le=100)
    min_share_of_top: float = Field(default=0.5, ge=0, le=1)
    watch_score: float = Field(default=5, ge=0, le=100)
    """Themes not selected but scoring at least this go on the watch list."""
    watch_share_of_top: float = Field(default=0.3, ge=0, le=1)
    cross_cutting_min_links: int = Field(default=2, ge=2)
    """A theme whose evidence feeds this many selected priorities is cross-cutting."""
    statutory_cross_cutting: bool = True
    """A theme with an active statutory duty is at least cross-cutting."""

    @model_validator(mode="after")
    def _watch_below_priority(self) -> Selection:
        if self.watch_score > self.min_priority_score:
            raise ValueError("watch_score must not exceed min_priority_score")
        if self.watch_share_of_top > self.min_share_of_top:
            raise ValueError("watch_share_of_top must not exceed min_share_of_top")
        return self


class ScoringConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    method: Method = Method.WEIGHTED_SUM
    morile: MorileConfig | None = None
    confidence: Id | None = None
    """Criterion reported as confidence, kept out of the score."""
    bands: tuple[Band, ...] = (
        Band(name="high", min=60), Band(name="medium", min=40), Band(name="low", min=0),
    )
    high_on_any: HighOnAny | None = None
    selection: Selection = Selection()
    downward: float = Field(default=0.0, ge=0, le=1)
    """Share of a parent theme's own points that each of its descendants also gets
    (concern for "violence" reaches "serious violence"); 0 turns the flow off."""
    policy: Policy | None = None
    """Which criteria are policy rather than local evidence (none: every criterion is evidence)."""

    def policy_criteria(self) -> tuple[str, ...]:
        return self.policy.criteria if self.policy else ()

    @model_validator(mode="after")
    def _consistent(self) -> ScoringConfig:
        if self.method is Method.MORILE and self.morile is None:
            raise ValueError("method 'morile' needs a 'morile' section (harm, likelihood)")
        mins = [b.min for b in self.bands]
        if mins != sorted(mins, reverse=True) or not mins or mins[-1] != 0:
            raise ValueError("bands must be listed from highest 'min' down, ending at min 0")
        return self

    def referenced_criteria(self) -> list[tuple[str, str]]:
        """(where, criterion id) pairs this section names, for the ruleset linter."""
        out: list[tuple[str, str]] = []
        if self.confidence:
            out.append(("confidence", self.confidence))
        if self.morile:
            out += [("morile.harm", c) for c in self.morile.harm]
            out += [("morile.likelihood", c) for c in self.morile.likelihood]
            if self.morile.organisational_position:
                out.append(("morile.organisational_position", self.morile.organisational_position))
        if self.high_on_any:
            out += [("high_on_any.criteria", c) for c in self.high_on_any.criteria]
        if self.policy:
            out += [("policy.criteria", c) for c in self.policy.criteria]
        return out
