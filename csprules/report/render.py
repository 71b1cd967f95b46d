"""Pick a renderer by format name."""

from __future__ import annotations

from collections.abc import Mapping

from csprules.analyst.changes import YearDiff
from csprules.analyst.group_model import GroupWeights
from csprules.analyst.ruleset_diff_model import RulesetDiff
from csprules.errors import UsageError
from csprules.governance import render_graph
from csprules.recommend import Evaluated
from csprules.report.json_report import render_json
from csprules.report.markdown import render_markdown
from csprules.report.table_export import render_csv, render_xlsx
from csprules.scoring.robustness import SensitivityResult

FORMATS = ("md", "html", "json", "csv", "xlsx")


def render(
    evaluated: Evaluated, fmt: str, weights: Mapping[str, float] | None = None,
    *, robustness: SensitivityResult | None = None, changes: YearDiff | None = None,
    ruleset_diff: RulesetDiff | None = None, partner_weights: GroupWeights | None = None,
) -> str | bytes:
    recs = evaluated.recommendations(weights or None).model_copy(update={
        "robustness": robustness, "changes_since": changes, "ruleset_diff": ruleset_diff,
        "partner_weights": partner_weights,
    })
    if fmt == "json":
        return render_json(recs)
    if fmt == "csv":
        return render_csv(recs)
    if fmt == "xlsx":
        return render_xlsx(recs)
    mermaid = (
        render_graph(evaluated.governance, "mermaid") if evaluated.governance is not None else None
    )
    if fmt == "md":
        return render_markdown(recs, mermaid)
    if fmt == "html":
        from csprules.report.html import render_html

        return render_html(evaluated, recs, weights or {})
    raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
