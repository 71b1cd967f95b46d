"""Results of a ruleset diff (models only, so reports can carry them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RuleChange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    change: str
    """``added``, ``removed``, ``changed``, ``enabled`` or ``disabled``."""


class Attribution(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    change: str
    criterion: str
    points_before: float
    points_after: float


class ThemeMove(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    rank_before: int
    rank_after: int
    score_before: float
    score_after: float
    status_before: str
    status_after: str
    because: tuple[Attribution, ...]
    weight_changes: tuple[str, ...]


class RulesetDiff(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    before: str
    after: str
    rule_changes: tuple[RuleChange, ...]
    weight_changes: tuple[str, ...]
    moves: tuple[ThemeMove, ...]
