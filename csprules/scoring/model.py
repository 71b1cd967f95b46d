"""What ``recommend`` returns: typed, JSON-ready, every score explained."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from csprules.signals.model import DataQualityFlag, EvidenceRef


class Status(StrEnum):
    PRIORITY = "priority"
    CROSS_CUTTING = "cross_cutting"
    WATCH = "watch"
    NOT_RECOMMENDED = "not_recommended"


class Change(StrEnum):
    NEW = "new"
    CONTINUED = "continued"
    DROPPED = "dropped"
    UNCHANGED = "unchanged"
    """Neither chosen last time nor now."""


class CriterionScore(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    label: str
    points: float
    """Sum of rule points (before the cap)."""
    score: float
    """Points capped to the criterion's cap, as a share of it (0-1)."""
    weight: float


class Justification(BaseModel):
    """One rule firing: why a theme gained points, and on what evidence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    criterion: str
    points: float
    text: str
    theme: str
    """The theme the rule fired for (a child theme when rolled up)."""
    facts: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]


class Owner(BaseModel):
    """The group responsible for a theme, filled in from the governance graph."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    group: str | None
    name: str | None
    role: str | None
    via: str
    agency: str | None = None
    explanation: str

    @property
    def display_name(self) -> str:
        """The one name to show: the group's name, else its lead agency, else its id."""
        return self.name or self.agency or self.group or "no owning group"


class GapKind(StrEnum):
    """Why a theme lacks local evidence: typed, so "missing" never reads as "low"."""

    NO_INDICATOR = "no_indicator"
    NO_VALUES = "no_values"
    """An indicator whose every value is missing (blank, TBC, not supplied, ...)."""
    NOT_COMPARABLE = "not_comparable"
    STALE = "stale"
    NO_CONSULTATION = "no_consultation"


class EvidenceGap(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: GapKind
    message: str
    indicator: str | None = None


class Coverage(BaseModel):
    """What local evidence a theme had, and what was missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicators: int
    """Indicators of this theme (its own, not its children's)."""
    with_values: int
    """Of those, how many have at least one number."""
    consultation: int
    """Consultation measures of this theme that report a result."""
    drivers: int
    """Active external drivers naming the theme."""
    scored: tuple[str, ...]
    """Evidence criteria on which the theme scored (its own or rolled-up evidence)."""
    unscored: tuple[str, ...]
    """Evidence criteria on which it scored nothing."""
    gaps: tuple[EvidenceGap, ...] = ()

    @property
    def has_local_evidence(self) -> bool:
        return bool(self.scored)


class Recommendation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    rank: int
    status: Status
    score: float
    grade: str
    confidence: float | None
    criteria: tuple[CriterionScore, ...]
    justifications: tuple[Justification, ...]
    reasons: tuple[str, ...]
    """Why this status, in plain English (for not-recommended: why not)."""
    tie_with: tuple[str, ...] = ()
    previous_status: str | None = None
    change: Change = Change.UNCHANGED
    owner: Owner | None = None
    chain: tuple[str, ...] = ()
    driver_led: bool = False
    """Scored only on policy criteria (drivers, continuity, ownership): no local evidence."""
    coverage: Coverage | None = None


class RulesetInfo(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    version: str
    hash: str
    method: str


class Finding(BaseModel):
    """Something the meeting must see: a governance gap or a data-quality flag."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    """``governance`` or ``data_quality``."""
    kind: str
    severity: str
    message: str
    themes: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    where: str | None = None


class Recommendations(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    partnership: str
    area: str
    assessment_date: date
    ruleset: RulesetInfo
    engine: str
    weights: dict[str, float]
    recommendations: tuple[Recommendation, ...]
    findings: tuple[Finding, ...] = ()

    def by_status(self, status: Status) -> list[Recommendation]:
        return [r for r in self.recommendations if r.status is status]

    @property
    def priorities(self) -> list[Recommendation]:
        return self.by_status(Status.PRIORITY)

    @property
    def cross_cutting(self) -> list[Recommendation]:
        return self.by_status(Status.CROSS_CUTTING)

    @property
    def watch(self) -> list[Recommendation]:
        return self.by_status(Status.WATCH)

    @property
    def not_recommended(self) -> list[Recommendation]:
        return self.by_status(Status.NOT_RECOMMENDED)

    def get(self, theme: str) -> Recommendation:
        for rec in self.recommendations:
            if rec.theme == theme:
                return rec
        raise KeyError(theme)


def data_quality_findings(flags: tuple[DataQualityFlag, ...]) -> list[Finding]:
    return [
        Finding.model_construct(
            source="data_quality", kind=f.kind,
            severity="warning" if f.kind in {"printed_mismatch", "harm_class"} else "info",
            message=f.message, themes=(f.theme,) if f.theme else (),
            where=str(f.row) if f.row else None,
        )
        for f in flags
    ]
