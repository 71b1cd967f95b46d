"""Recommendations as a flat table: CSV or an Excel sheet, safe to open in a spreadsheet.

Text cells that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) are neutralised with a leading
apostrophe: evidence text comes from documents and must never execute.
"""

from __future__ import annotations

import csv
import io

from csprules.report.hygiene import visible
from csprules.report.reasons import theme_reasons
from csprules.scoring.model import Recommendation, Recommendations

COLUMNS = ("rank", "theme", "label", "status", "score", "grade", "confidence", "owner",
           "chain", "change", "reasons", "top_justification")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def _top_justification(r: Recommendation) -> str:
    """The reason with the largest effect on the score (rule points are not weighted)."""
    if not r.justifications:
        return ""
    points = {c.criterion: c.points for c in r.criteria}
    # Without the run, a criterion's effect is its weight times its capped score.
    effect = {c.criterion: c.weight * c.score for c in r.criteria}
    labels = {c.criterion: c.label for c in r.criteria}
    from csprules.report.labels import Labels

    reasons = theme_reasons(r.theme, r.justifications, points, effect, labels, Labels({}))
    return reasons[0].text if reasons and reasons[0].effect > 0 else r.justifications[0].text


def rows(recs: Recommendations) -> list[list[object]]:
    out: list[list[object]] = []
    for r in recs.recommendations:
        owner = (r.owner.name or r.owner.agency or "unowned") if r.owner else ""
        out.append([neutralise(v) for v in (
            r.rank, r.theme, r.label, r.status.value, r.score, r.grade,
            "" if r.confidence is None else r.confidence, owner, " > ".join(r.chain),
            r.change.value, "; ".join(r.reasons),
            _top_justification(r),
        )])
    return out


def render_csv(recs: Recommendations) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(recs))
    return buffer.getvalue()


