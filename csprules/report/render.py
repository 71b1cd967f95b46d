"""Pick a renderer by format name, or by the output file's extension."""

from __future__ import annotations

from pathlib import Path

from csprules.assessment.model import Assessment
from csprules.errors import UsageError
from csprules.governance import render_graph
from csprules.report.json_report import render_json
from csprules.report.markdown import render_markdown
from csprules.report.table_export import render_csv
from csprules.report.xlsx_report import render_xlsx

FORMATS = ("md", "html", "pdf", "json", "csv", "xlsx")
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
              ".json": "json", ".csv": "csv", ".xlsx": "xlsx"}
DEFAULT_MARKING = "OFFICIAL"
BINARY = ("pdf", "xlsx")


def choose_format(fmt: str | None, output: str | None) -> str:
    """``--format``, else the format ``-o``'s extension names, else Markdown.

    >>> choose_format(None, "paper.pdf"), choose_format("json", "-"), choose_format(None, None)
    ('pdf', 'json', 'md')
    >>> try:
    ...     choose_format("md", "oops.xlsx")
    ... except UsageError as e:
    ...     print(e)
    --format md conflicts with -o oops.xlsx (an xlsx file); drop --format or rename the file
    """
    implied = None
    if output is not None and output != "-":
        implied = EXTENSIONS.get(Path(output).suffix.lower())
    if fmt is None:
        fmt = implied or "md"
    elif implied is not None and implied != fmt:
        raise UsageError(
            f"--format {fmt} conflicts with -o {output} (an {implied} file); drop --format "
            "or rename the file"
        )
    if fmt in BINARY and (output is None or output == "-"):
        raise UsageError(f"--format {fmt} is binary: write it to a file with -o FILE")
    return fmt


def render(assessment: Assessment, fmt: str, *, marking: str = DEFAULT_MARKING) -> str | bytes:
    """The assessment in one of :data:`FORMATS`; ``marking`` heads every page of a paper."""
    if fmt == "json":
        return render_json(assessment)
    if fmt == "csv":
        return render_csv(assessment)
    if fmt == "xlsx":
        return render_xlsx(assessment)
    governance = assessment.run.governance
    mermaid = render_graph(governance, "mermaid") if governance is not None else None
    if fmt == "md":
        return render_markdown(assessment, mermaid, marking)
    if fmt in ("html", "pdf"):
        from csprules.report.html import render_html

        html = render_html(assessment.run, assessment, assessment.weight_overrides, marking)
        if fmt == "html":
            return html
        from csprules.report.pdf import print_pdf

        return print_pdf(html)
    raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
