"""Recommendations as a flat table: CSV or an Excel sheet, safe to open in a spreadsheet.

Text cells that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) are neutralised with a leading
apostrophe: evidence text comes from documents and must never execute.
"""

from __future__ import annotations

import csv
import io

from csprules.scoring.model import Recommendations

COLUMNS = ("rank", "theme", "label", "status", "score", "grade", "confidence", "owner",
           "chain", "change", "reasons", "top_justification")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows(recs: Recommendations) -> list[list[object]]:
    out: list[list[object]] = []
    for r in recs.recommendations:
        owner = (r.owner.name or r.owner.agency or "unowned") if r.owner else ""
        out.append([neutralise(v) for v in (
            r.rank, r.theme, r.label, r.status.value, r.score, r.grade,
            "" if r.confidence is None else r.confidence, owner, " > ".join(r.chain),
            r.change.value, "; ".join(r.reasons),
            r.justifications[0].text if r.justifications else "",
        )])
    return out


def render_csv(recs: Recommendations) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(recs))
    return buffer.getvalue()


def render_xlsx(recs: Recommendations) -> bytes:
    from openpyxl import Workbook  # imported on use: it slows every start-up

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "recommendations"
    sheet.append(list(COLUMNS))
    for row in rows(recs):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
