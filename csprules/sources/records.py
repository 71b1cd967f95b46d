"""Rows of plain values that remember where each field was written.

CSV rows, worksheet rows and YAML list items all become :class:`Record`, so the
evidence builders validate one shape whatever file the analyst chose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csprules.errors import Location

Locate = Callable[[tuple[str | int, ...]], Location]


@dataclass(frozen=True)
class Record:
    values: dict[str, Any]
    locate: Locate
    row: Location
    """Location of the row (or list item) as a whole."""

    def at(self, *path: str | int) -> Location:
        return self.locate(tuple(path))


@dataclass(frozen=True)
class Table:
    name: str
    display: str
    records: tuple[Record, ...]
