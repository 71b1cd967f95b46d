"""Read evidence from one Excel workbook: the folder's tables as sheets.

Sheets: ``partnership`` (two columns, ``field`` and ``value``, including
``format_version``), ``themes``, ``indicators``, ``observations``,
``consultations``, ``consultation_measures``, ``drivers``,
``previous_priorities``, ``sources`` (the cited documents named, as
``sources.yaml`` names them).  Only ``partnership`` is required.  The governance
sheets (read by :mod:`csprules.governance.load`) and the ``lists`` sheet of
drop-down choices that :mod:`workbook_writer` adds are passed over.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence import build
from csprules.evidence.assemble import RawTables
from csprules.evidence.partnership import Partnership
from csprules.evidence.source_documents import source_documents_from_table
from csprules.sources.records import Table
from csprules.sources.validation import validate
from csprules.sources.xlsx_file import load_sheets, sheet_table

FORMAT_VERSIONS = (1,)

_SHEETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "themes": (("id", "label", "kind"), build.THEME_COLUMNS),
    "indicators": (
        ("id", "label", "themes", "unit", "period_kind", "direction"),
        build.INDICATOR_COLUMNS,
    ),
    "observations": (("indicator", "period", "value"), build.OBSERVATION_COLUMNS),
    "consultations": (("id", "source", "method"), build.CONSULTATION_COLUMNS),
    "consultation_measures": (("consultation", "theme"), build.MEASURE_COLUMNS),
    "drivers": (("id", "name", "issuer", "level", "kind", "themes"), build.DRIVER_COLUMNS),
    "previous_priorities": (("theme",), build.PREVIOUS_COLUMNS),
    "sources": (("document", "title"), build.SOURCE_COLUMNS),
}
OTHER_SHEETS = frozenset({"governance", "groups", "ownership", "lead_agencies", "related", "lists"})
"""Sheets a workbook may hold that are not evidence: governance, drop-down lists."""
_PARTNERSHIP_FIELDS = (
    "format_version",
    "name",
    "area",
    "assessment_date",
    "population",
    "population_cited",
    "plan_period",
    "cited",
    "catalogue",
    "previous_plan",
)


def load_workbook_tables(path: Path, display: str) -> RawTables:
    sheets = load_sheets(path, display, EvidenceError)
    if "partnership" not in sheets:
        raise EvidenceError(
            [
                Problem(
                    Location(display),
                    "expected a sheet named 'partnership'; found "
                    + (", ".join(repr(s) for s in sheets) or "no sheets"),
                )
            ]
        )
    unknown = [
        s for s in sheets if s != "partnership" and s not in _SHEETS and s not in OTHER_SHEETS
    ]
    if unknown:
        raise EvidenceError(
            [
                Problem(
                    Location(display, sheet=unknown[0]),
                    f"unknown sheet; expected partnership, {', '.join(_SHEETS)}, or the "
                    f"governance sheets {', '.join(sorted(OTHER_SHEETS - {'lists'}))}",
                )
            ]
        )
    meta, where = _key_values(sheets["partnership"], display)
    version = meta.pop("format_version", None)
    if version not in FORMAT_VERSIONS and str(version) not in {str(v) for v in FORMAT_VERSIONS}:
        raise EvidenceError(
            [
                Problem(
                    where.get("format_version", Location(display, sheet="partnership", cell="A1")),
                    f"unknown evidence format version {version!r}; supported: 1",
                    field="format_version",
                )
            ]
        )
    catalogue = meta.pop("catalogue", None) or "default"
    previous_plan = meta.pop("previous_plan", None) or None
    partnership = validate(
        Partnership,
        {k: v for k, v in meta.items() if v != ""},
        lambda loc: where.get(str(loc[0]) if loc else "", Location(display, sheet="partnership")),
        EvidenceError,
    )
    tables: dict[str, Table] = {}
    for name, (required, allowed) in _SHEETS.items():
        if name in sheets:
            tables[name] = sheet_table(
                sheets[name], display, name, required, allowed, EvidenceError
            )
    previous = tables.get("previous_priorities")
    if previous is not None and not previous.records and not previous_plan:
        # An empty sheet (a template's) records no previous plan, not a plan that chose nothing.
        previous = None
    empty = Table("themes", display, ())
    named = tables.get("sources")
    return RawTables(
        source=display,
        partnership=partnership,
        use_catalogue=catalogue == "default",
        themes=tables.get("themes", empty),
        previous_plan=str(previous_plan) if previous_plan else None,
        previous=previous,
        indicators=tables.get("indicators"),
        observations=tables.get("observations"),
        consultations=tables.get("consultations"),
        measures=tables.get("consultation_measures", Table("measures", display, ())),
        drivers=tables.get("drivers"),
        source_documents=source_documents_from_table(named) if named is not None else None,
    )


def _key_values(rows: list[list[Any]], display: str) -> tuple[dict[str, Any], dict[str, Location]]:
    values: dict[str, Any] = {}
    where: dict[str, Location] = {}
    problems: list[Problem] = []
    for r, row in enumerate(rows[1:], start=2):
        if not row or row[0] is None:
            continue
        key = str(row[0]).strip()
        value = row[1] if len(row) > 1 else None
        loc = Location(display, sheet="partnership", cell=f"B{r}")
        if key not in _PARTNERSHIP_FIELDS:
            problems.append(
                Problem(
                    Location(display, sheet="partnership", cell=f"A{r}"),
                    f"unknown field '{key}'; expected one of {', '.join(_PARTNERSHIP_FIELDS)}",
                )
            )
            continue
        if isinstance(value, datetime):
            value = value.date()
        values[key] = "" if value is None else value
        where[key] = loc
    if problems:
        raise EvidenceError(problems)
    return values, where
