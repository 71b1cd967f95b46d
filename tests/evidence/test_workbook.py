"""The Excel workbook front end reads the same evidence as the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from csprules import EvidenceError, derive_signals, load_evidence
from tests.workbooks import folder_to_workbook

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("example", ["havering-2017", "wandsworth-2012"])
def test_workbook_gives_the_same_signals(example: str, tmp_path: Path) -> None:
    folder = ROOT / "examples" / example
    book = tmp_path / f"{example}.xlsx"
    folder_to_workbook(folder, book)
    from_book = derive_signals(load_evidence(book))
    from_folder = derive_signals(load_evidence(folder))
    assert from_book.facts() == from_folder.facts()
    cited = sorted(r.cited or "" for s in from_folder.signals for r in s.evidence)
    assert sorted(r.cited or "" for s in from_book.signals for r in s.evidence) == cited


def test_workbook_errors_are_located_by_sheet_and_cell(tmp_path: Path) -> None:
    folder = ROOT / "tests" / "fixtures" / "mini"
    book = tmp_path / "mini.xlsx"
    folder_to_workbook(folder, book)
    from openpyxl import load_workbook

    wb = load_workbook(book)
    wb["indicators"]["D3"] = "persons"
    wb.save(book)
    with pytest.raises(EvidenceError) as info:
        load_evidence(book)
    assert str(info.value).endswith(
        "mini.xlsx[indicators]!D3: field 'unit': expected 'count', 'rate', 'percentage', "
        "'ratio' or 'score'; found 'persons'")


def test_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"fake\.xlsx: expected an \.xlsx workbook; found "):
        load_evidence(fake)
