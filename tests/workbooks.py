"""Write an evidence folder as an Excel workbook (for tests of the workbook front end)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from csprules import EvidenceError
from csprules.sources.yaml_file import load_yaml


def _csv_rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return list(csv.reader(lines))


def folder_to_workbook(folder: Path, target: Path) -> None:
    """Write the tables of an evidence folder as the sheets of one workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "partnership"
    part = load_yaml(folder / "partnership.yaml", "p", EvidenceError).data
    sheet.append(["field", "value"])
    sheet.append(["format_version", 1])
    for key, value in part["partnership"].items():
        sheet.append([key, value])
    if part.get("previous_priorities"):
        sheet.append(["previous_plan", part["previous_priorities"].get("plan")])
        prev = book.create_sheet("previous_priorities")
        prev.append(["theme", "status", "wording", "cited"])
        for item in part["previous_priorities"]["items"]:
            prev.append([item.get(k) for k in ("theme", "status", "wording", "cited")])
    for name in ("indicators", "observations"):
        ws = book.create_sheet(name)
        for row in _csv_rows(folder / f"{name}.csv"):
            ws.append(row)
    if (folder / "consultation.yaml").is_file():
        data = load_yaml(folder / "consultation.yaml", "c", EvidenceError).data
        cons = book.create_sheet("consultations")
        meas = book.create_sheet("consultation_measures")
        ccols = ["id", "source", "date", "method", "respondents", "representativeness", "cited"]
        mcols = ["consultation", "theme", "top_three", "pct_problem", "rank", "wording", "cited"]
        cons.append(ccols)
        meas.append(mcols)
        for c in data["consultations"]:
            cons.append([_cell(c.get(k)) for k in ccols])
            for m in c.get("measures") or []:
                meas.append([c["id"], *[_cell(m.get(k)) for k in mcols[1:]]])
    if (folder / "drivers.yaml").is_file():
        data = load_yaml(folder / "drivers.yaml", "d", EvidenceError).data
        ws = book.create_sheet("drivers")
        cols = ["id", "name", "issuer", "level", "kind", "themes", "valid_from", "valid_to",
                "successor", "cited"]
        ws.append(cols)
        for d in data["drivers"]:
            ws.append([";".join(d[k]) if k == "themes" else _cell(d.get(k)) for k in cols])
    book.save(target)


def _cell(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
