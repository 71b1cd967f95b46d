"""Class (d) of issue 17: workbooks are read as a reviewer sees them, or refused."""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from csprules.cli import main
from csprules.sources.xlsx_archive import MAX_ENTRIES, MAX_UNCOMPRESSED_BYTES
from tests.workbooks import folder_to_workbook

ROOT = Path(__file__).resolve().parents[2]
OBSERVATIONS = "xl/worksheets/sheet4.xml"
"""The observations sheet of the mini fixture's workbook (see tests/workbooks.py)."""


@pytest.fixture
def book(request: pytest.FixtureRequest) -> Iterator[Path]:
    name = "xlsx-" + "".join(c if c.isalnum() else "-" for c in request.node.name)
    target = ROOT / "tests" / "fixtures" / "_tmp" / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    folder_to_workbook(ROOT / "tests" / "fixtures" / "mini", target / "evidence.xlsx")
    yield target / "evidence.xlsx"
    shutil.rmtree(target, ignore_errors=True)


def _edit_sheet(book: Path, member: str, edit: Callable[[str], str]) -> None:
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    text = parts[member].decode("utf-8")
    changed = edit(text)
    assert changed != text
    parts[member] = changed.encode("utf-8")
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def _openpyxl_edit(book: Path, edit: Callable[..., None]) -> None:
    wb = load_workbook(book)
    edit(wb)
    wb.save(book)


def _run(book: Path, capsys: pytest.CaptureFixture[str], verb: str) -> tuple[int, str]:
    folder = book.parent
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    rel = str(book.relative_to(ROOT))
    args = [verb, rel] + (["-o", str(folder.relative_to(ROOT) / "out.md")]
                          if verb == "recommend" else [])
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert after == before, "an input changed or an output was written"
    return code, err.replace(rel, "{book}")


def _both(book: Path, capsys: pytest.CaptureFixture[str], expected: str) -> None:
    for verb in ("validate", "recommend"):
        assert _run(book, capsys, verb) == (3, expected + "\n"), verb


def test_formula_without_a_saved_result_is_refused(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _openpyxl_edit(book, lambda wb: wb["observations"].__setitem__("F2", "=29000+82"))
    _both(book, capsys, "{book}[observations]!F2: expected a value; found the formula "
          "'=29000+82' with no saved result (open and save the workbook in a spreadsheet "
          "program, or type the value)")


def test_formula_with_a_saved_result_reads_the_result(
    book: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plain = tmp_path / "plain.md"
    assert main(["recommend", str(book), "-o", str(plain)]) == 0
    _edit_sheet(book, OBSERVATIONS, lambda x: re.sub(
        r'<c r="F2" t="inlineStr"><is><t>29082</t></is></c>',
        '<c r="F2"><f>29000+82</f><v>29082</v></c>', x))
    cached = tmp_path / "cached.md"
    assert main(["recommend", str(book), "-o", str(cached)]) == 0
    assert cached.read_bytes() == plain.read_bytes()


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheet_is_refused(
    book: Path, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    _openpyxl_edit(book, lambda wb: setattr(wb["drivers"], "sheet_state", state))
    _both(book, capsys, f"{{book}}[drivers]: expected visible sheets; found this sheet {state} "
          "(unhide it to have it read, or delete it)")


def test_duplicate_header_is_refused(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _openpyxl_edit(book, lambda wb: wb["observations"].__setitem__("G1", "value"))
    _both(book, capsys, "{book}[observations]!G1: duplicate column 'value'")


def test_stale_dimension_changes_nothing(
    book: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.md"
    assert main(["recommend", str(book), "-o", str(fresh)]) == 0
    _edit_sheet(book, OBSERVATIONS, lambda x: re.sub(r'<dimension ref="[^"]+" />',
                                                     '<dimension ref="A1:A1" />', x))
    stale = tmp_path / "stale.md"
    assert main(["recommend", str(book), "-o", str(stale)]) == 0
    assert stale.read_bytes() == fresh.read_bytes()
    assert main(["validate", str(book)]) == 0
    assert "8 observations" in capsys.readouterr().out


def test_zip_bomb_is_refused_before_parsing(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (MAX_UNCOMPRESSED_BYTES + 1))
    assert book.stat().st_size < 1024 * 1024  # small on disk: the cap must look inside
    total = sum(i.file_size for i in zipfile.ZipFile(book).infolist())
    _both(book, capsys, f"{{book}}: workbook unpacks to {total} bytes; expected at most "
          f"{MAX_UNCOMPRESSED_BYTES} bytes")


def test_too_many_parts_is_refused(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(book, "a") as z:
        for i in range(MAX_ENTRIES):
            z.writestr(f"xl/media/p{i}.bin", b"")
    _both(book, capsys, f"{{book}}: expected an .xlsx workbook of at most {MAX_ENTRIES} parts; "
          f"found {MAX_ENTRIES + 15}")


def test_zip_of_garbage_is_a_located_error(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit_sheet(book, "xl/workbook.xml", lambda x: "<workbook <<garbage")
    _both(book, capsys, "{book}: expected an .xlsx workbook; found a damaged file (ParseError: "
          "not well-formed (invalid token): line 1, column 10)")


def test_truncated_workbook_is_a_located_error(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 2])
    _both(book, capsys, "{book}: expected an .xlsx workbook; found a damaged or foreign file "
          "(File is not a zip file)")
