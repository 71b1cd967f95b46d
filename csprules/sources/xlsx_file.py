"""Excel workbooks: one sheet per table, header in row 1, cells located as Sheet!B4."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.inputs import note_input
from csprules.sources.limits import MAX_FILE_BYTES
from csprules.sources.records import Locate, Record, Table
from csprules.sources.suggest import did_you_mean
from csprules.sources.xlsx_text import restore


def load_sheets(path: Path, display: str, error: type[CsprulesError]) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values (formulas as their cached results)."""
    from openpyxl import load_workbook  # imported on use: it adds ~0.2 s to every start-up

    if path.stat().st_size > MAX_FILE_BYTES:
        raise error([Problem(Location(display), f"file is larger than {MAX_FILE_BYTES} bytes")])
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        note_input(path)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise error(
            [Problem(Location(display), f"expected an .xlsx workbook; found {e}")]
        ) from None
    try:
        sheets: dict[str, list[list[Any]]] = {}
        for sheet in book.worksheets:
            sheets[sheet.title] = [
                [restore(v) if isinstance(v, str) else v for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        return sheets
    finally:
        book.close()


def sheet_table(
    rows: list[list[Any]],
    display: str,
    sheet: str,
    required: tuple[str, ...],
    allowed: tuple[str, ...],
    error: type[CsprulesError],
) -> Table:
    if not rows:
        raise error(
            [
                Problem(
                    Location(display, sheet=sheet, cell="A1"),
                    "expected a header row; found an empty sheet",
                )
            ]
        )
    header = ["" if v is None else str(v).strip() for v in rows[0]]
    problems: list[Problem] = []
    for i, name in enumerate(header):
        if name and name not in allowed:
            problems.append(
                Problem(
                    Location(display, sheet=sheet, cell=f"{get_column_letter(i + 1)}1"),
                    f"unknown column '{name}'; expected one of {', '.join(allowed)}",
                    suggestion=did_you_mean(name, allowed),
                )
            )
    for name in required:
        if name not in header:
            problems.append(
                Problem(
                    Location(display, sheet=sheet, cell="A1"), f"missing required column '{name}'"
                )
            )
    if problems:
        raise error(problems)
    records: list[Record] = []
    for r, row in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        values = {
            name: _cell(row[i] if i < len(row) else None) for i, name in enumerate(header) if name
        }
        records.append(
            Record(
                values,
                _locator(display, sheet, r, header),
                Location(display, r, 1, sheet=sheet, cell=f"A{r}"),
            )
        )
    return Table(sheet, display, tuple(records))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def _locator(display: str, sheet: str, row: int, header: list[str]) -> Locate:
    def locate(path: tuple[str | int, ...]) -> Location:
        col = header.index(path[0]) + 1 if path and path[0] in header else 1
        # Row and column numbers too: locations order by them, and "A10" sorts before "A9".
        return Location(display, row, col, sheet=sheet, cell=f"{get_column_letter(col)}{row}")

    return locate


def get_column_letter(index: int) -> str:
    """Spreadsheet column name of a 1-based index (1 -> A, 27 -> AA)."""
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
