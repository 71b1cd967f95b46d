"""CSV tables with a version header line, read with line and column kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.limits import read_text
from csprules.sources.records import Locate, Record, Table
from csprules.sources.suggest import did_you_mean


def header_line(kind: str, version: int) -> str:
    return f"# csprules {kind} {version}"


def load_csv(
    path: Path,
    display: str,
    kind: str,
    versions: tuple[int, ...],
    required: tuple[str, ...],
    allowed: tuple[str, ...],
    error: type[CsprulesError],
) -> Table:
    """Read a CSV whose first line is ``# csprules <kind> <version>``."""
    text = read_text(path, display, error)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise error([Problem(
            Location(display, 1, 1),
            f"expected a first line '{header_line(kind, versions[-1])}'; found an empty file",
        )])
    first = lines[0].strip().rstrip(",")
    parts = first.lstrip("#").split()
    if not first.startswith("#") or len(parts) != 3 or parts[:2] != ["csprules", kind]:
        raise error([Problem(
            Location(display, 1, 1),
            f"expected a first line '{header_line(kind, versions[-1])}'; found {_clip(first)!r}",
        )])
    if not parts[2].isdigit() or int(parts[2]) not in versions:
        supported = ", ".join(str(v) for v in versions)
        raise error([Problem(
            Location(display, 1, 1),
            f"unknown {kind} format version {parts[2]!r}; supported: {supported}",
        )])
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        rows = list(reader)
    except csv.Error as e:
        raise error([Problem(Location(display, reader.line_num), f"invalid CSV: {e}")]) from None
    if len(rows) < 2:
        raise error([Problem(Location(display, 2, 1), "expected a header row; found nothing")])
    header = [h.strip() for h in rows[1]]
    problems: list[Problem] = []
    for i, name in enumerate(header):
        if name and name not in allowed:
            problems.append(Problem(
                Location(display, 2, i + 1),
                f"unknown column '{name}'; expected one of {', '.join(allowed)}",
                suggestion=did_you_mean(name, allowed),
            ))
        if name and header.index(name) != i:
            problems.append(Problem(Location(display, 2, i + 1), f"duplicate column '{name}'"))
    for name in required:
        if name not in header:
            problems.append(Problem(
                Location(display, 2, 1), f"missing required column '{name}'"
            ))
    if problems:
        raise error(problems)
    records: list[Record] = []
    # csv.reader does not report physical lines per row; re-count them so that
    # quoted multi-line cells still give the right line numbers.
    line_numbers = _row_lines(text)
    width = len(header)
    columns = [(i, name) for i, name in enumerate(header) if name]
    for index, row in enumerate(rows[2:], start=2):
        line = line_numbers[index] if index < len(line_numbers) else index + 1
        if not "".join(row).strip():
            continue
        if len(row) > width and "".join(row[width:]).strip():
            raise error([Problem(
                Location(display, line, width + 1),
                f"expected {width} columns; found {len(row)}",
            )])
        if len(row) < width:
            row = row + [""] * (width - len(row))
        values = {name: row[i].strip() for i, name in columns}
        records.append(Record(values, _locator(display, line, header), Location(display, line)))
    return Table(kind, display, tuple(records))


def _locator(display: str, line: int, header: list[str]) -> Locate:
    def locate(path: tuple[str | int, ...]) -> Location:
        if path and isinstance(path[0], str) and path[0] in header:
            return Location(display, line, header.index(path[0]) + 1)
        return Location(display, line, 1)

    return locate


def _row_lines(text: str) -> list[int]:
    """1-based starting line of each CSV record.

    A newline inside quotes continues the record; an odd number of quotes on a line
    toggles that (a doubled quote inside a field counts twice and so changes nothing).
    """
    starts: list[int] = []
    in_quotes = False
    segments = text.split("\n")
    last = len(segments)
    for line, segment in enumerate(segments, start=1):
        if not in_quotes and (segment or line < last):
            starts.append(line)
        if segment.count('"') % 2:
            in_quotes = not in_quotes
    return starts


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
