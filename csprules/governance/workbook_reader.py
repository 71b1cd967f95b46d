"""Read governance from workbook sheets into the tables ``governance.yaml`` gives.

The ``governance`` sheet (``field | value``) states ``format_version`` and the
``plan``; ``groups``, ``ownership``, ``lead_agencies`` and ``related`` hold one
entry per row.  Blank cells are absent fields and ``parents`` is split on
``;``, so the rows validate exactly as the YAML entries do, and every problem
is located ``book.xlsx[groups]!C4``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from csprules.errors import GovernanceError, Location, Problem
from csprules.governance.workbook_layout import (
    COLUMNS,
    FIELDS,
    FIELDS_SHEET,
    LIST_FIELDS,
    REQUIRED,
    SHEETS,
    TABLES,
)
from csprules.sources.records import Record, Table
from csprules.sources.xlsx_file import load_sheets, sheet_table

FORMAT_VERSIONS = (1,)
_FIELD_NAMES = tuple(c.name for c in FIELDS)


def has_governance(sheets: dict[str, list[list[Any]]]) -> bool:
    """Whether a workbook's governance sheets hold any entry (a template's hold none)."""
    return any(
        any(v not in (None, "") for row in sheets.get(name, [])[1:] for v in row)
        for name in TABLES
    )


def workbook_has_governance(path: Path, display: str) -> bool:
    return has_governance(load_sheets(path, display, GovernanceError))


def read_governance_sheets(
    path: Path, display: str
) -> tuple[str | None, dict[str, Table], list[Problem]]:
    """The plan, the four tables and the problems found on the way."""
    sheets = load_sheets(path, display, GovernanceError)
    if FIELDS_SHEET not in sheets:
        raise GovernanceError([Problem(
            Location(display),
            f"expected a sheet named '{FIELDS_SHEET}' (field | value, with format_version 1) "
            f"and the sheets {', '.join(TABLES)}; found "
            + (", ".join(repr(s) for s in sheets) or "no sheets"),
        )])
    plan, problems = _fields(sheets[FIELDS_SHEET], display)
    tables: dict[str, Table] = {}
    for name in TABLES:
        if name not in sheets:
            tables[name] = Table(name, display, ())
            continue
        allowed = tuple(c.name for c in COLUMNS[name])
        table = sheet_table(sheets[name], display, name, REQUIRED[name], allowed, GovernanceError)
        tables[name] = Table(name, display, tuple(_clean(rec) for rec in table.records))
    if not tables["groups"].records:
        problems.append(Problem(
            Location(display, sheet="groups", cell="A2"),
            "expected at least one group; found none", field="groups",
        ))
    return plan, tables, problems


def sheet_rank(location: Location) -> int:
    """Position of a location's sheet in the governance sheet order (0 for a YAML file)."""
    return SHEETS.index(location.sheet) + 1 if location.sheet in SHEETS else 0


def _fields(rows: list[list[Any]], display: str) -> tuple[str | None, list[Problem]]:
    values: dict[str, Any] = {}
    where: dict[str, Location] = {}
    problems: list[Problem] = []
    for r, row in enumerate(rows[1:], start=2):
        if not row or row[0] is None or str(row[0]).strip() == "":
            continue
        key = str(row[0]).strip()
        if key not in _FIELD_NAMES:
            problems.append(Problem(
                Location(display, r, 1, sheet=FIELDS_SHEET, cell=f"A{r}"),
                f"unknown field '{key}'; expected one of {', '.join(_FIELD_NAMES)}",
            ))
            continue
        value = row[1] if len(row) > 1 else None
        values[key] = value.date().isoformat() if isinstance(value, datetime) else value
        where[key] = Location(display, r, 2, sheet=FIELDS_SHEET, cell=f"B{r}")
    version = values.get("format_version")
    if isinstance(version, bool) or (
        version not in FORMAT_VERSIONS and str(version) not in {str(v) for v in FORMAT_VERSIONS}
    ):
        problems.append(Problem(
            where.get("format_version", Location(display, sheet=FIELDS_SHEET, cell="A2")),
            f"unknown governance format version {version!r}; supported: "
            + ", ".join(str(v) for v in FORMAT_VERSIONS),
            field="format_version",
        ))
    plan = values.get("plan")
    if plan is None or (isinstance(plan, str) and not plan.strip()):
        return None, problems
    if not isinstance(plan, str):
        problems.append(Problem(
            where["plan"], f"expected text; found {type(plan).__name__}", field="plan",
        ))
        return None, problems
    return plan.strip(), problems


def _clean(rec: Record) -> Record:
    values: dict[str, Any] = {}
    for key, value in rec.values.items():
        if isinstance(value, str) and value == "":
            continue
        if key in LIST_FIELDS and isinstance(value, str):
            value = [part.strip() for part in value.split(";") if part.strip()]
        values[key] = value
    return Record(values, rec.locate, rec.row)
