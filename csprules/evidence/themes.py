"""Candidate priorities (themes) and the catalogue they come from."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from csprules.evidence.ids import Id


class ThemeKind(StrEnum):
    CRIME_TYPE = "crime_type"
    CROSS_CUTTING = "cross_cutting"
    PLACE = "place"
    COHORT = "cohort"
    AGGREGATE = "aggregate"
    """A total of other themes (total crime): context for shares and trends, never chosen."""


class PatSide(StrEnum):
    """Side of the problem-analysis triangle a theme mainly addresses."""

    VICTIM = "victim"
    OFFENDER = "offender"
    LOCATION = "location"


class Theme(BaseModel):
    """A candidate priority, e.g. ``domestic-abuse`` within ``vawg``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    label: str = Field(min_length=1)
    kind: ThemeKind
    parent: Id | None = None
    pat_side: PatSide | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
