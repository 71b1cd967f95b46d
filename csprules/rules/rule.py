"""One rule: when these facts match, contribute these points, with this justification."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Strict, Tag, model_validator

from csprules.evidence.ids import Id
from csprules.rules.conditions import ALIAS_PATTERN, REF_PATTERN, Number, Pattern, Scalar

MAX_ALIASES = 8
"""Facts one rule can join; durable-rules allows 32, and a readable rule needs far fewer."""

MAX_POINTS = 1_000_000.0
"""Largest magnitude of points, scale, offset and bounds in a rule: far above any cap
(points over a criterion's cap count as the cap), and small enough that sums of them
over evidence values (at most 1e12) stay finite."""

Bounded = Annotated[Number, Field(ge=-MAX_POINTS, le=MAX_POINTS)]


class PointsFrom(BaseModel):
    """Points read from a number field: ``clamp(value * scale + offset, min, max)``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True,
                              allow_inf_nan=False)

    from_: str = Field(alias="from", pattern=REF_PATTERN)
    scale: Bounded = 1.0
    offset: Bounded = 0.0
    min_: Bounded | None = Field(default=None, alias="min")
    max_: Bounded | None = Field(default=None, alias="max")

    @model_validator(mode="after")
    def _bounds(self) -> PointsFrom:
        if self.min_ is not None and self.max_ is not None and self.min_ > self.max_:
            raise ValueError(f"'min' ({self.min_:g}) must not exceed 'max' ({self.max_:g})")
        return self

    def apply(self, value: float) -> float:
        points = value * self.scale + self.offset
        if self.min_ is not None and points < self.min_:
            points = self.min_
        if self.max_ is not None and points > self.max_:
            points = self.max_
        return points


NUMBER_TAG = "[number]"
FROM_TAG = "[from]"


def _points_tag(value: Any) -> str:
    return FROM_TAG if isinstance(value, dict | PointsFrom) else NUMBER_TAG


Points = Annotated[
    Annotated[Bounded, Tag(NUMBER_TAG)] | Annotated[PointsFrom, Tag(FROM_TAG)],
    Discriminator(_points_tag),
]


class Then(BaseModel):
    """One contribution a match makes to a theme's criterion score."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    theme: str = Field(min_length=1)
    """A theme id, or a template such as ``"{signal.theme}"``."""
    criterion: Id
    points: Points
    text: str = Field(min_length=1)
    """Justification template: ``"{signal.label} rose {signal.change_pct:.1f}%"``."""


class ExpectedContribution(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    theme: str = Field(min_length=1)
    criterion: str = Field(min_length=1)
    points: Number
    text: str | None = None
    """When given, the rendered justification must equal it exactly."""


class Case(BaseModel):
    """Evidence that makes a rule fire (or leaves it silent), with what it must contribute."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = Field(min_length=1)
    facts: tuple[dict[str, Scalar], ...] = ()
    expect: Literal["fires", "silent"]
    contributions: tuple[ExpectedContribution, ...] = ()

    @model_validator(mode="after")
    def _silent_has_none(self) -> Case:
        if self.expect == "silent" and self.contributions:
            raise ValueError("a case that expects 'silent' lists no contributions")
        return self


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: Id
    description: str | None = None
    tags: tuple[str, ...] = ()
    salience: Annotated[int, Strict()] = 0
    """Higher salience lists a rule's contributions first; it never changes what fires."""
    enabled: bool = True
    when: dict[Annotated[str, Field(pattern=ALIAS_PATTERN)], Pattern] = Field(
        min_length=1, max_length=MAX_ALIASES
    )
    then: tuple[Then, ...] = Field(min_length=1)
    cases: tuple[Case, ...] = ()

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(self.when)


class Metadata(BaseModel):
    """The top-level descriptive keys: who wrote the ruleset, which version, what it extends."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    ruleset_version: str = Field(min_length=1)
    """The ruleset's own version, e.g. "1.0.0" (``version`` is the file format's)."""
    description: str | None = None
    authors: tuple[str, ...] = ()
    extends: str | None = None
    """A path relative to this file's folder, or ``default`` for the shipped default ruleset."""


METADATA_KEYS = ("name", "ruleset_version", "description", "authors", "extends")
