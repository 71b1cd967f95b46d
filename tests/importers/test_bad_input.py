"""Bad input: a located message, a non-zero exit, and nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csprules.cli import main
from csprules.errors import EvidenceError, UsageError
from csprules.importers.police_uk import import_police_uk
from tests.importers.helpers import HEADER, SHIPPED_ZIP, row, write_month


def _nothing_written(out: Path) -> None:
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]


def test_other_columns(tmp_path: Path) -> None:
    bad = tmp_path / "in" / "2018-01-test-street.csv"
    bad.parent.mkdir()
    bad.write_text(HEADER.replace("LSOA name", "LSOA label") + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(EvidenceError, match=(
            r"^.*2018-01-test-street\.csv:1:9: expected police\.uk street-level column 9 "
            r"'LSOA name' \(columns: Crime ID, Month, .*\); found 'LSOA label'$")):
        import_police_uk([bad], out, area="Alpha")
    _nothing_written(out)


def test_extra_column(tmp_path: Path) -> None:
    bad = tmp_path / "2018-01-test-street.csv"
    bad.write_text(HEADER + ",Extra\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r":1:13: expected 12 police\.uk street-level "
                                            r"columns; found 13 \(extra 'Extra'\)$"):
        import_police_uk([bad], tmp_path / "out")


def test_month_inside_differs_from_name(tmp_path: Path) -> None:
    path = write_month(tmp_path / "in", "2018-01", [
        row("2018-01", "Alpha 001A", "Drugs", crime_id="a1"),
        row("2018-01", "Alpha 001A", "Drugs", crime_id="a2"),
        row("2018-02", "Alpha 001A", "Drugs", crime_id="a3"),
    ])
    out = tmp_path / "out"
    with pytest.raises(EvidenceError) as info:
        import_police_uk([path], out, area="Alpha")
    assert str(info.value) == (f"{path}:4:2: field 'Month': expected month 2018-01 (from the "
                               f"file name); found '2018-02'")
    _nothing_written(out)


def test_two_forces_without_area(tmp_path: Path) -> None:
    write_month(tmp_path / "in", "2018-01", [row("2018-01", "Alpha 001A", "Drugs")], "one")
    write_month(tmp_path / "in", "2018-01",
                [row("2018-01", "Beta 001A", "Drugs", force="Other Police")], "two")
    out = tmp_path / "out"
    with pytest.raises(UsageError, match=(
            r"^the files come from 2 forces \(Other Police, Test Police\); a force's files "
            r"cover several partnerships: choose one with --area NAME or --lsoa-file FILE$")):
        import_police_uk([tmp_path / "in"], out)
    _nothing_written(out)


def test_area_matching_no_lsoa_suggests_one() -> None:
    out = Path("/nonexistent-parent-is-never-created/out")
    with pytest.raises(UsageError) as info:
        import_police_uk([SHIPPED_ZIP], out, area="City of Londn")
    message = str(info.value)
    assert message.startswith("--area 'City of Londn': expected the local-authority part of "
                              "an LSOA name in the files (Camden, City of London, Hackney, ")
    assert message.endswith("found no LSOA named 'City of Londn NNNX' "
                            "(did you mean 'City of London'?)")
    assert not out.parent.exists()


def test_truncated_zip(tmp_path: Path) -> None:
    data = SHIPPED_ZIP.read_bytes()
    cut = tmp_path / "archive.zip"
    cut.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    with pytest.raises(EvidenceError, match=(
            r"archive\.zip: expected a complete zip archive; found a truncated or corrupt "
            r"one \(File is not a zip file\)$")):
        import_police_uk([cut], out, area="City of London")
    _nothing_written(out)


def test_corrupt_member_in_zip(tmp_path: Path) -> None:
    data = bytearray(SHIPPED_ZIP.read_bytes())
    data[2000:2010] = b"\x00" * 10  # inside the first member's compressed data
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    with pytest.raises(EvidenceError, match=r"broken\.zip: expected a complete zip archive; "
                                            r"found a truncated or corrupt one"):
        import_police_uk([broken], tmp_path / "out", area="City of London")


def test_same_month_twice(tmp_path: Path) -> None:
    first = write_month(tmp_path / "a", "2018-01", [row("2018-01", "Alpha 001A", "Drugs")])
    second = tmp_path / "b" / first.name
    second.parent.mkdir()
    shutil.copy(first, second)
    with pytest.raises(EvidenceError, match=r"month 2018-01 of force 'test' given twice"):
        import_police_uk([tmp_path / "a", tmp_path / "b"], tmp_path / "out")


def test_unknown_crime_type(tmp_path: Path) -> None:
    path = write_month(tmp_path, "2018-01", [row("2018-01", "Alpha 001A", "Jaywalking")])
    with pytest.raises(EvidenceError, match=r"field 'Crime type': expected one of the 14 "
                                            r"police\.uk categories .*; found 'Jaywalking'$"):
        import_police_uk([path], tmp_path / "out")


def test_used_output_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match=r"exists and is not an empty folder"):
        import_police_uk([SHIPPED_ZIP], out, area="City of London")
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["import", "police-uk", str(SHIPPED_ZIP), "--area", "Nowhere",
                 "-o", str(out)]) == 2
    assert "--area 'Nowhere'" in capsys.readouterr().err
    bad = tmp_path / "2018-01-test-street.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    assert main(["import", "police-uk", str(bad), "-o", str(out)]) == 3
    assert ":1:1: expected police.uk street-level column 1 'Crime ID'" in capsys.readouterr().err
    _nothing_written(out)


def test_ragged_row_is_located(tmp_path: Path) -> None:
    path = write_month(tmp_path / "in", "2018-01", [
        row("2018-01", "Alpha 001A", "Drugs"),
        ",2018-01,P,P,,,,E01000001,Alpha 001A,Drugs",
    ])
    out = tmp_path / "out"
    with pytest.raises(EvidenceError) as info:
        import_police_uk([path], out, area="Alpha")
    assert str(info.value) == f"{path}:3: expected 12 comma-separated fields; found 10"
    _nothing_written(out)
