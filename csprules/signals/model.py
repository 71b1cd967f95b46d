"""Signals: derived, flat facts with the evidence rows behind them."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from csprules.errors import Location

Scalar = float | str | bool


class EvidenceRef(BaseModel):
    """One input row a signal was computed from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: Location
    cited: str | None = None

    def __str__(self) -> str:
        return f"{self.row} ({self.cited})" if self.cited else str(self.row)


class Signal(BaseModel):
    """A fact the rules match on: ``kind``, ``theme`` and flat scalar fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: str
    theme: str
    fields: dict[str, Scalar]
    evidence: tuple[EvidenceRef, ...] = ()

    def fact(self) -> dict[str, Scalar]:
        """The engine's view: id, kind, theme and the fields, nothing else."""
        return {"id": self.id, "kind": self.kind, "theme": self.theme, **self.fields}


class DataQualityFlag(BaseModel):
    """Something in the evidence the meeting should know is shaky."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    message: str
    indicator: str | None = None
    theme: str | None = None
    row: Location | None = None
    cited: str | None = None

    def __str__(self) -> str:
        return f"{self.row}: {self.message}" if self.row else self.message


class Signals(BaseModel):
    """Every signal derived from one evidence set, in a stable order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    signals: tuple[Signal, ...]
    flags: tuple[DataQualityFlag, ...] = ()

    def facts(self) -> list[dict[str, Scalar]]:
        return [s.fact() for s in self.signals]

    def by_id(self) -> dict[str, Signal]:
        return {s.id: s for s in self.signals}

    def of_kind(self, kind: str) -> list[Signal]:
        return [s for s in self.signals if s.kind == kind]


@dataclass(frozen=True)
class OwnershipFact:
    """What the rules may know about a theme's owner (from the governance graph)."""

    owned: bool
    via: str
    """How the owner was found: direct, parent, related, agency, tbc or unowned."""
    tier: str | None = None
    """The owning group's tier, when a group owns it."""
