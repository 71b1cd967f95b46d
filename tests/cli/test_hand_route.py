"""The hand route on the command line: ``init``, ``template``, ``export``.

An analyst starts a folder (``init``) or a workbook (``template``), fills it
in and validates it; ``export`` turns any evidence folder into the workbook,
and recommending from the workbook gives the folder's recommendations.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from csprules.cli import main
from csprules.evidence.scaffold import TEMPLATE_FILES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir())


def _without_locations(value: Any) -> Any:
    """Recommendations JSON without where each row was read: a folder's lines and a
    workbook's cells differ by design; everything else must be the same."""
    if isinstance(value, dict):
        if {"path", "line", "column", "sheet", "cell"} <= set(value):
            return "<row>"
        return {k: _without_locations(v) for k, v in value.items() if k != "where"}
    if isinstance(value, list):
        return [_without_locations(v) for v in value]
    return value


def _recommend_json(path: Path, out: Path) -> Any:
    assert main(["recommend", str(path), "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_init_writes_the_templates_and_validate_names_what_to_fill_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new-csp"
    assert main(["init", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(TEMPLATE_FILES)
    assert capsys.readouterr().out.splitlines()[0] == f"{folder}: created " + ", ".join(
        TEMPLATE_FILES
    )
    assert main(["validate", str(folder)]) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"{folder}/partnership.yaml:7:8: field 'name': expected a valid string; found nothing",
        f"{folder}/partnership.yaml:8:8: field 'area': expected a valid string; found nothing",
        f"{folder}/partnership.yaml:9:19: field 'assessment_date': expected a valid date; "
        "found nothing",
    ]


def test_filled_scaffold_asks_for_a_group_then_validates_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "csp"
    assert main(["init", str(folder)]) == 0
    part = folder / "partnership.yaml"
    text = part.read_text(encoding="utf-8")
    for field, value in (("name", "Test CSP"), ("area", "Test"),
                         ("assessment_date", "2016-04-01")):
        text = text.replace(f"  {field}: ", f"  {field}: {value}", 1)
    part.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 5
    assert capsys.readouterr().err == (
        f"{folder}/governance.yaml:7:9: field 'groups': expected at least one group; "
        "found none\n"
    )
    (folder / "governance.yaml").unlink()
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out == (
        f"{folder}: OK: 0 indicators, 0 observations, 0 consultations, 0 drivers\n"
    )


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"{folder}: expected a new or empty folder; found 1 entry (notes.txt): "
        "init never overwrites\n"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    assert main(["init", str(a_file)]) == 2
    assert capsys.readouterr().err == f"{a_file}: expected a new or empty folder; found a file\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["init", str(empty)]) == 0
    assert sorted(p.name for p in empty.iterdir()) == sorted(TEMPLATE_FILES)
    # No staging folder is left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "file", "used"]


def test_template_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "evidence.xlsx"
    book.write_bytes(b"precious")
    assert main(["template", str(book)]) == 2
    assert capsys.readouterr().err == (
        f"{book}: the file exists and may hold evidence; template never overwrites it "
        "(choose another name, or pass --force)\n"
    )
    assert book.read_bytes() == b"precious"
    assert main(["template", str(book), "--force"]) == 0
    assert book.read_bytes()[:2] == b"PK"
    assert main(["template", str(tmp_path / "evidence.csv")]) == 2
    assert capsys.readouterr().err.endswith("evidence.csv: expected a file name ending .xlsx\n")


@pytest.mark.parametrize("example", EXAMPLES)
def test_recommending_from_the_export_matches_the_folder(example: str, tmp_path: Path) -> None:
    folder = ROOT / "examples" / example
    book = tmp_path / f"{example}.xlsx"
    assert main(["export", str(folder), "--format", "xlsx", "-o", str(book)]) == 0
    from_book = _recommend_json(book, tmp_path / "book.json")
    from_folder = _recommend_json(folder, tmp_path / "folder.json")
    assert _without_locations(from_book) == _without_locations(from_folder)
    # The governance came from the workbook's sheets: owners are named.
    assert any(r["owner"] for r in from_book["recommendations"])


def test_export_twice_is_byte_identical_and_summarises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["export", "examples/havering-2017", "-o", str(first)]) == 0
    assert capsys.readouterr().out == (
        f"{first}: wrote 25 indicators, 45 observations, 0 consultations, 27 drivers, "
        "15 governance groups\n"
    )
    assert main(["export", "examples/havering-2017", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    # Re-exporting the workbook itself gives the same bytes again.
    third = tmp_path / "c.xlsx"
    assert main(["export", str(first), "-o", str(third)]) == 0
    assert third.read_bytes() == first.read_bytes()


def test_governance_from_a_separate_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mini: Path
) -> None:
    havering = tmp_path / "havering.xlsx"
    assert main(["export", "examples/havering-2017", "-o", str(havering)]) == 0
    # The mini fixture has no governance of its own; Havering's comes from a workbook.
    with_file = tmp_path / "mini-yaml.xlsx"
    with_book = tmp_path / "mini-book.xlsx"
    assert main(["export", str(mini), "-o", str(with_file),
                 "--governance", "examples/havering-2017/governance.yaml"]) == 0
    assert main(["export", str(mini), "-o", str(with_book), "--governance", str(havering)]) == 0
    assert with_file.read_bytes() == with_book.read_bytes()
    capsys.readouterr()
    assert main(["graph", str(with_book), "--format", "json"]) == 0
    from_book = capsys.readouterr().out
    assert main(["graph", "examples/havering-2017", "--format", "json"]) == 0
    assert from_book == capsys.readouterr().out


def test_export_never_overwrites_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "h.xlsx"
    assert main(["export", "examples/havering-2017", "-o", str(book)]) == 0
    before = book.read_bytes()
    capsys.readouterr()
    assert main(["export", str(book), "-o", str(book)]) == 2
    assert capsys.readouterr().err == (
        f"{book}: expected an output other than the input {book}; export never overwrites "
        "its inputs\n"
    )
    assert main(["export", "examples/havering-2017", "-o", str(book),
                 "--governance", str(book)]) == 2
    assert book.read_bytes() == before
    assert main(["export", "examples/havering-2017", "-o", str(tmp_path / "h.csv")]) == 2


def test_export_of_bad_evidence_writes_nothing(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indicators = mini / "indicators.csv"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace(",count,", ",persons,", 1),
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    assert main(["export", str(mini), "-o", str(out)]) == 3
    assert "field 'unit': expected 'count', 'rate', 'percentage', 'ratio' or 'score'; " \
        "found 'persons'" in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_export_of_text_excel_cannot_hold_writes_nothing(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indicators = mini / "indicators.csv"
    lines = indicators.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[10] = "x" * 33_000
    lines[2] = ",".join(cells)
    indicators.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert main(["export", str(mini), "-o", str(out)]) == 3
    # 'tno' is the third indicator by id (burglary, dv, tno): row 4; notes is column K.
    assert capsys.readouterr().err == (
        f"{out}[indicators]!K4: expected text of at most 32767 characters (the limit of an "
        "Excel cell); found 33000\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_recommend_reads_governance_from_the_workbook(tmp_path: Path) -> None:
    """Without governance sheets rows the workbook has no owners; with them it has."""
    book = tmp_path / "h.xlsx"
    assert main(["export", "examples/havering-2017", "-o", str(book)]) == 0
    owned = _recommend_json(book, tmp_path / "a.json")
    shutil.copy(book, tmp_path / "copy.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "copy.xlsx")
    for name in ("groups", "ownership", "lead_agencies", "related"):
        sheet = wb[name]
        sheet.delete_rows(2, sheet.max_row)
    wb.save(tmp_path / "copy.xlsx")
    unowned = _recommend_json(tmp_path / "copy.xlsx", tmp_path / "b.json")
    assert any(r["owner"] for r in owned["recommendations"])
    assert not any(r["owner"] for r in unowned["recommendations"])
