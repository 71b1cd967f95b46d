"""The one exception tree of csprules.

Every error a user can cause by what they wrote carries *where* (file, line,
column, or sheet and cell), *what was expected* and *what was found*, so that
``str(exc)`` reads like a compiler message::

    examples/x/indicators.csv:4:3: field 'unit': expected one of count, rate,
    percentage, ratio, score; found 'persons'

The CLI maps each class to its own exit code (see :data:`EXIT_CODES`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """Where a value came from: a file and line/column, or a sheet and cell."""

    path: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            where = f"{self.path}[{self.sheet}]"
            return f"{where}!{self.cell}" if self.cell else where
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One located problem; errors may carry several (validate reports all)."""

    location: Location | None
    message: str
    field: str | None = None
    rule_id: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        text = self.message
        if self.field is not None:
            text = f"field '{self.field}': {text}"
        if self.rule_id is not None:
            text = f"rule '{self.rule_id}': {text}"
        if self.suggestion is not None:
            text = f"{text} (did you mean '{self.suggestion}'?)"
        return f"{self.location}: {text}" if self.location is not None else text


class CsprulesError(Exception):
    """Root of every error csprules raises on purpose."""

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def location(self) -> Location | None:
        return self.problems[0].location if self.problems else None

    @property
    def path(self) -> str | None:
        loc = self.location
        return loc.path if loc is not None else None

    @property
    def line(self) -> int | None:
        loc = self.location
        return loc.line if loc is not None else None

    @property
    def rule_id(self) -> str | None:
        return self.problems[0].rule_id if self.problems else None

    @property
    def suggestion(self) -> str | None:
        return self.problems[0].suggestion if self.problems else None


class EvidenceError(CsprulesError, ValueError):
    """Evidence files (partnership, indicators, observations, ...) are wrong."""


class RulesetError(CsprulesError, ValueError):
    """A ruleset does not parse, validate or lint."""


class GovernanceError(CsprulesError, ValueError):
    """A governance file is wrong (unknown group, cycle, ...)."""


class EngineError(CsprulesError, RuntimeError):
    """The rules engine itself failed (not the user's input)."""


class UsageError(CsprulesError):
    """The command line or API was called wrongly."""


EXIT_CODES: dict[type[CsprulesError], int] = {
    UsageError: 2,
    EvidenceError: 3,
    RulesetError: 4,
    GovernanceError: 5,
    EngineError: 6,
}
"""CLI exit code per error class; anything else unexpected exits 70."""


def exit_code_for(error: CsprulesError) -> int:
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 1
