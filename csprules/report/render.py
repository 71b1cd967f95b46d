"""Pick a renderer by format name."""

from __future__ import annotations

from csprules.assessment.model import Assessment
from csprules.errors import UsageError
from csprules.governance import render_graph
from csprules.report.json_report import render_json
from csprules.report.markdown import render_markdown
from csprules.report.table_export import render_csv, render_xlsx

FORMATS = ("md", "html", "json", "csv", "xlsx")


def render(assessment: Assessment, fmt: str) -> str | bytes:
    """The assessment in one format: ``md``, ``html``, ``json``, ``csv`` or ``xlsx``."""
    if fmt == "json":
        return render_json(assessment)
    if fmt == "csv":
        return render_csv(assessment)
    if fmt == "xlsx":
        return render_xlsx(assessment)
    governance = assessment.run.governance
    mermaid = render_graph(governance, "mermaid") if governance is not None else None
    if fmt == "md":
        return render_markdown(assessment, mermaid)
    if fmt == "html":
        from csprules.report.html import render_html

        return render_html(assessment.run, assessment, assessment.weight_overrides)
    raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
