"""Excel workbooks: one sheet per table, header in row 1, cells located as Sheet!B4."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.inputs import note_input
from csprules.sources.limits import MAX_FILE_BYTES
from csprules.sources.records import Locate, Record, Table
from csprules.sources.suggest import did_you_mean
from csprules.sources.xlsx_archive import check_archive, has_formulas
from csprules.sources.xlsx_text import restore


def load_sheets(path: Path, display: str, error: type[CsprulesError]) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values, formulas as their cached results.

    Refused, each with its sheet or cell: a file that is not a workbook, one that
    would unpack past the caps of :mod:`xlsx_archive`, a hidden sheet (data nobody
    reviewing the workbook can see), and a formula with no cached value (it would
    read as blank).  Sheets are read to their real extent, whatever dimension the
    file states: a stale one would silently drop rows.
    """
    try:
        size = path.stat().st_size
    except OSError as e:
        raise error([Problem(Location(display), f"cannot read file: {e.strerror}")]) from e
    if size > MAX_FILE_BYTES:
        raise error([Problem(Location(display), f"file is larger than {MAX_FILE_BYTES} bytes")])
    check_archive(path, display, error)
    note_input(path)
    values = _read(path, display, error, data_only=True)
    if not has_formulas(path):
        return values
    formulas = _read(path, display, error, data_only=False)
    problems = [
        Problem(Location(display, sheet=name, cell=f"{get_column_letter(c + 1)}{r + 1}"),
                f"expected a value; found the formula {cell!r} with no saved result (open "
                "and save the workbook in a spreadsheet program, or type the value)")
        for name, rows in formulas.items()
        for r, row in enumerate(rows)
        for c, cell in enumerate(row)
        if _is_formula(cell) and _at(values[name], r, c) is None
    ]
    if problems:
        raise error(problems)
    return values


def _read(
    path: Path, display: str, error: type[CsprulesError], *, data_only: bool
) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook  # imported on use: it adds ~0.2 s to every start-up

    sheets: dict[str, list[list[Any]]] = {}
    try:
        # Our own handle: openpyxl leaks its file when a damaged workbook fails to load.
        with path.open("rb") as handle:
            _read_book(load_workbook(handle, read_only=True, data_only=data_only),
                       display, error, data_only, sheets)
    except CsprulesError:
        raise
    except Exception as e:
        # openpyxl parses untrusted bytes and fails in many ways (ParseError, KeyError,
        # TypeError, ...): each is the file's fault, reported as such.
        raise error([Problem(
            Location(display),
            f"expected an .xlsx workbook; found a damaged file ({type(e).__name__}: {e})",
        )]) from None
    return sheets


def _read_book(
    book: Any, display: str, error: type[CsprulesError], data_only: bool,
    sheets: dict[str, list[list[Any]]],
) -> None:
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                raise error([Problem(
                    Location(display, sheet=sheet.title),
                    f"expected visible sheets; found this sheet {sheet.sheet_state} "
                    "(unhide it to have it read, or delete it)",
                )])
            sheet.reset_dimensions()
            sheets[sheet.title] = [
                [restore(v) if isinstance(v, str) and data_only else v for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
    finally:
        book.close()


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _at(rows: list[list[Any]], r: int, c: int) -> Any:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


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
    seen: set[str] = set()
    for i, name in enumerate(header):
        if name in seen:
            problems.append(Problem(
                Location(display, sheet=sheet, cell=f"{get_column_letter(i + 1)}1"),
                f"duplicate column '{name}'",
            ))
        if name:
            seen.add(name)
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
