"""Files behave: the format follows -o, conflicts are usage errors, xlsx sheets, umask."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from csprules.cli import main

EXAMPLE = "examples/havering-2017"


@pytest.mark.parametrize(("name", "starts"), [
    ("paper.md", b"OFFICIAL\n\n# Havering"),
    ("paper.MARKDOWN", b"OFFICIAL\n\n# Havering"),
    ("paper.html", b"<!DOCTYPE html>"),
    ("paper.htm", b"<!DOCTYPE html>"),
    ("data.json", b"{\n"),
    ("data.csv", b"rank,theme,"),
    ("data.xlsx", b"PK"),
    ("paper.txt", b"OFFICIAL\n\n# Havering"),
])
def test_format_follows_the_extension(tmp_path: Path, name: str, starts: bytes) -> None:
    out = tmp_path / name
    assert main(["recommend", EXAMPLE, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(starts)


@pytest.mark.parametrize(("fmt", "name", "message"), [
    ("md", "oops.xlsx", "--format md conflicts with -o {out} (an xlsx file); drop --format or "
                        "rename the file"),
    ("json", "oops.html", "--format json conflicts with -o {out} (an html file); drop --format "
                          "or rename the file"),
    ("xlsx", "-", "--format xlsx is binary: write it to a file with -o FILE"),
    ("pdf", None, "--format pdf is binary: write it to a file with -o FILE"),
])
def test_format_conflicts_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str | None,
    message: str,
) -> None:
    args = ["recommend", EXAMPLE, "--format", fmt]
    out = None if name in (None, "-") else tmp_path / name
    if name is not None:
        args += ["-o", str(out) if out else "-"]
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message.format(out=out) in err
    assert not list(tmp_path.iterdir())


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("name", ["r.md", "r.html", "r.xlsx", "r.csv"])
def test_files_get_the_umask(tmp_path: Path, umask_022: None, name: str) -> None:
    out = tmp_path / name
    assert main(["recommend", EXAMPLE, "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_xlsx_sheets(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    assert main(["recommend", EXAMPLE, "-o", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["recommendations", "criteria"]
    summary, matrix = book["recommendations"], book["criteria"]
    assert [c.value for c in summary[1]] == [
        "rank", "theme", "status", "score", "grade", "confidence", "owner",
        "accountable through", "strongest evidence", "why this status"]
    assert summary.freeze_panes == "A2"
    assert matrix.freeze_panes == "A2"
    assert summary.auto_filter.ref == f"A1:J{summary.max_row}"
    assert matrix.auto_filter.ref.startswith("A1:")
    first = [c.value for c in summary[2]]
    # Havering's top score is 30.294118 in JSON; the sheet shows it as the paper does.
    assert first[:6] == [1, "Violence", "priority", 30.3, "medium", 45]
    # The one-sentence headline, as page one gives it (the provenance is on the card).
    assert first[8] == ("Violence against the person (police recorded): each offence weighs "
                        "148.8 days of custody")
    head = [c.value for c in matrix[1]]
    assert head[:4] == ["theme", "status", "score", "Harm"]
    assert head[-1] == "confidence"
    row = [c.value for c in matrix[2]]
    assert row[0] == "Violence"
    assert all(
        v is None or round(v, 1) == v for v in row[2:] if not isinstance(v, str))
    # Contributions add up to the (rounded) score.
    assert sum(v for v in row[3:-1] if v) == pytest.approx(row[2], abs=0.06 * len(row))


def test_xlsx_is_byte_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["recommend", EXAMPLE, "-o", str(a)]) == 0
    assert main(["recommend", EXAMPLE, "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(io.BytesIO(a.read_bytes())) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")
