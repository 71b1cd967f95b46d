"""Results of the sensitivity analysis (models only, so reports can carry them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ThemeRobustness(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    p_priority: float
    median_rank: float
    rank_p05: float
    rank_p95: float
    flips: bool


class SensitivityResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    draws: int
    seed: int
    method: str
    concentration: float | None
    spread_pct: float | None
    themes: tuple[ThemeRobustness, ...]

    @property
    def flipping(self) -> list[ThemeRobustness]:
        return [t for t in self.themes if t.flips]
