"""Output hygiene: hidden characters shown, the data island inert, diagrams without directives."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from csprules.cli import main
from csprules.governance.mermaid import comment_mermaid, escape_mermaid
from csprules.report.hygiene import json_safe, visible
from csprules.report.script_json import script_json

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.mark.parametrize(("raw", "shown"), [
    ("ESC\x1b[2J", "ESC[U+001B][2J"),
    ("bell\x07", "bell[U+0007]"),
    ("C1 \x9b31m", "C1 [U+009B]31m"),
    ("DEL\x7f", "DEL[U+007F]"),
    ("\u202egnp.exe", "[U+202E]gnp.exe"),
    ("isolate \u2066x\u2069", "isolate [U+2066]x[U+2069]"),
    ("mark \u200f", "mark [U+200F]"),
    ("line\u2028sep", "line[U+2028]sep"),
    ("keeps\nnewlines\tand tabs", "keeps\nnewlines\tand tabs"),
    ("plain é ü 😀", "plain é ü 😀"),
])
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(shown) == shown  # idempotent: the mark itself is plain text


def test_json_safe_keeps_the_data() -> None:
    text = json.dumps({"a": "x\u202ey\x9b\u2028"}, ensure_ascii=False)
    assert json_safe(text) == '{"a": "x\\u202ey\\u009b\\u2028"}'
    assert json.loads(json_safe(text)) == json.loads(text)


@pytest.mark.parametrize("hostile", [
    "<!--<script>",
    "</script><script>alert(1)</script>",
    "<!-- --> & &amp; \u2028\u2029",
    "]]></script>",
])
def test_script_json_has_no_markup(hostile: str) -> None:
    island = script_json({"label": hostile, "themes": ["constructor", "__proto__"]})
    assert not re.search(r"[<>&\u2028\u2029]", island)
    assert json.loads(island) == {"label": hostile, "themes": ["constructor", "__proto__"]}


@pytest.mark.parametrize(("raw", "label", "comment"), [
    ("%%{init: {'theme':'dark'}}%%", "#37;#37;#123;init: #123;'theme':'dark'#125;#125;#37;#37;",
     "%%(init: ('theme':'dark'))%%"),
    ("A %% comment", "A #37;#37; comment", "A %% comment"),
    ("bidi\u202eX\x1b", "bidiX", "bidiX"),
])
def test_mermaid_directives_neutralised(raw: str, label: str, comment: str) -> None:
    assert escape_mermaid(raw) == label
    assert comment_mermaid(raw) == comment
    assert "%%{" not in escape_mermaid(raw)
    assert "%%{" not in comment_mermaid(raw)


def _hostile(tmp_path: Path, label: str) -> Path:
    folder = tmp_path / "ev"
    shutil.copytree(MINI, folder)
    ind = folder / "indicators.csv"
    text = ind.read_text(encoding="utf-8")
    assert "Burglary,burglary" in text
    ind.write_text(text.replace("Burglary,burglary", f'"{label}",burglary'), encoding="utf-8")
    return folder


EVIL = "Burglary \x1b[31m\u202eevil <!--<script> %%{init}%%"
SHOWN = "[U+202E]evil"
"""The loader already turns ESC into a space; the bidi override reaches the reports."""


def test_markdown_shows_hidden_characters(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert main(["recommend", str(_hostile(tmp_path, EVIL)), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert SHOWN.replace("[", "\\[").replace("]", "\\]") in text


def test_html_island_and_text(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["recommend", str(_hostile(tmp_path, EVIL)), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "\x1b" not in page
    assert "\u202e" not in page
    island = page.split('id="csprules-data">')[1].split("</script>")[0]
    assert "<" not in island
    assert ">" not in island
    data = json.loads(island)
    assert "Burglary" in json.dumps(data)
    # Only our two script elements, and no comment opened before the report's script.
    assert len(re.findall(r"<script\b", page)) == 2
    assert "<!--" not in page


def test_csv_xlsx_and_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _hostile(tmp_path, EVIL)
    out = tmp_path / "r.csv"
    assert main(["recommend", str(folder), "-o", str(out)]) == 0
    cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8"))) for c in row]
    assert not [c for c in cells if "\x1b" in c or "\u202e" in c]
    xlsx = tmp_path / "r.xlsx"
    assert main(["recommend", str(folder), "-o", str(xlsx)]) == 0  # no IllegalCharacterError
    book = load_workbook(xlsx)
    texts = [v for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row
             if isinstance(v, str)]
    assert not [t for t in texts if "\x1b" in t or "\u202e" in t]
    capsys.readouterr()
    assert main(["recommend", str(folder)]) == 0
    terminal = capsys.readouterr().out
    assert "\x1b" not in terminal
    assert "\u202e" not in terminal
    assert main(["explain", str(folder), "burglary"]) == 0
    terminal = capsys.readouterr().out
    assert "\x1b" not in terminal
    assert "\u202e" not in terminal
    assert SHOWN in terminal
