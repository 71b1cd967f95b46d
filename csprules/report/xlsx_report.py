"""The recommendations as a workbook: a summary sheet and a theme x criterion sheet.

Numbers are rounded as the paper shows them, every sheet has a frozen header
row and filters, text is neutralised against formulas and cleaned of hidden
characters, and the bytes depend only on the content (see
:class:`csprules.sources.xlsx_write.BookWriter`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csprules.assessment.model import Assessment
from csprules.errors import EvidenceError
from csprules.report.paper import Paper, ThemeView, build_paper
from csprules.sources.xlsx_file import get_column_letter
from csprules.sources.xlsx_write import BookWriter, Cell, Column, Lists

if TYPE_CHECKING:
    from openpyxl import Workbook

SUMMARY = "recommendations"
"""The summary sheet: one row per theme, in rank order."""
MATRIX = "criteria"


class _NoLists(Lists):
    """A report has no drop-downs, so no ``lists`` sheet."""

    def write(self, book: Workbook) -> None:
        return None


def _r(x: float | None, digits: int = 1) -> float | None:
    return None if x is None else round(x, digits) + 0.0


def _summary_rows(p: Paper) -> list[list[Cell]]:
    views: list[ThemeView] = [*p.chosen, *p.watch, *p.others]
    views.sort(key=lambda v: v.rec.rank)
    return [[v.rec.rank, v.label, v.status, _r(v.rec.score), v.rec.grade, _r(v.confidence, 0),
             v.owner, v.accountable_to, v.headline if v.reasons else "", v.why_status]
            for v in views]


def render_xlsx(assessment: Assessment) -> bytes:
    p = build_paper(assessment)
    book = BookWriter("<report>", _NoLists([]), EvidenceError)
    summary = [
        Column("rank", "Rank by score (1 = highest)"),
        Column("theme", "Theme, as the catalogue names it"),
        Column("status", "Priority, cross-cutting theme, watch list or not recommended"),
        Column("score", "Score out of 100, rounded to one decimal"),
        Column("grade", "The ruleset's band for the score"),
        Column("confidence", "Confidence in the evidence, out of 100"),
        Column("owner", "The group that owns the theme"),
        Column("accountable through", "The groups above the owner"),
        Column("strongest evidence", "The reason with the largest effect on the score"),
        Column("why this status", "Why the theme has its status"),
    ]
    book.table(SUMMARY, summary, _summary_rows(p))
    matrix = [Column("theme", "Theme"), Column("status", "Status"),
              Column("score", "Score out of 100")]
    matrix += [Column(label, f"Points of the score {label} contributed") for _, label in
               p.criteria]
    matrix.append(Column("confidence", "Confidence in the evidence, out of 100"))
    rows: list[list[Cell]] = [
        [v.label, v.status, _r(v.rec.score),
         *(_r(v.effects[c]) for c, _ in p.criteria), _r(v.confidence, 0)]
        for v in (*p.chosen, *p.watch, *p.others)
    ]
    book.table(MATRIX, matrix, rows)
    for name, width, height in ((SUMMARY, len(summary), len(_summary_rows(p))),
                                (MATRIX, len(matrix), len(rows))):
        book.book[name].auto_filter.ref = f"A1:{get_column_letter(width)}{height + 1}"
    return book.to_bytes()
