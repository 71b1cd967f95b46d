"""Hostile content: escaped in HTML, neutralised in spreadsheets, never executed."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from csprules.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert('x')</script>"
FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")"


@pytest.fixture
def hostile() -> Iterator[Path]:
    target = ROOT / "tests" / "fixtures" / "_tmp" / "hostile"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", target)
    ind = target / "indicators.csv"
    ind.write_text(ind.read_text(encoding="utf-8").replace(
        "Burglary,burglary", f'"Burglary {SCRIPT}",burglary'), encoding="utf-8")
    drv = target / "drivers.yaml"
    drv.write_text(drv.read_text(encoding="utf-8").replace(
        "name: MOPAC 7 neighbourhood crimes", f"name: '{FORMULA}'"), encoding="utf-8")
    yield target
    shutil.rmtree(target, ignore_errors=True)


def test_html_escapes_evidence_text(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["recommend", str(hostile.relative_to(ROOT)), "--format", "html",
                 "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    # Only our own two script elements exist (the data island and the re-scorer).
    assert len(re.findall(r"<script\b", html)) == 2
    assert "</script>" not in html.split('id="csprules-data">')[1].split("</script>")[0]


def test_markdown_neutralises_html(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert main(["recommend", str(hostile.relative_to(ROOT)), "-o", str(out)]) == 0
    assert "<script>" not in out.read_text(encoding="utf-8")


def test_csv_and_xlsx_cells_neutralised(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    assert main(["recommend", str(hostile.relative_to(ROOT)), "--format", "csv",
                 "-o", str(out)]) == 0
    cells = [c for row in csv.reader(io.StringIO(out.read_text())) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    # The driver's formula-like name reaches the export, neutralised, not dropped.
    assert [c for c in cells if c.startswith("'=HYPERLINK")]
    xlsx = tmp_path / "r.xlsx"
    assert main(["recommend", str(hostile.relative_to(ROOT)), "--format", "xlsx",
                 "-o", str(xlsx)]) == 0
    sheet = load_workbook(xlsx)["recommendations"]
    for row in sheet.iter_rows(values_only=True):
        for value in row:
            assert not (isinstance(value, str) and value.startswith(("=", "+", "-", "@")))


def test_neutralise() -> None:
    from csprules.report.table_export import neutralise

    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("-cmd") == "'-cmd"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise(-1.5) == -1.5
    assert neutralise("safe") == "safe"


def test_no_eval_exec_or_pickle_in_the_package() -> None:
    pattern = re.compile(r"(^|[^.\w])(eval|exec)\(|\bpickle\b|yaml\.load\(|yaml\.unsafe_load")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "csprules").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []
