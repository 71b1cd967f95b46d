"""The meeting paper printed to PDF by headless Chromium, read back page by page.

Needs Debian's ``chromium`` (``.ci/run`` installs it) and ``pypdf`` (a dev
dependency).  Outside CI the test is skipped when Chromium is missing; in CI it
fails instead.  When ``pypdfium2`` is installed, page one and the matrix are
saved as PNGs under ``out/`` (git-ignored) for a reviewer to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from csprules.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/tower-hamlets-2016"
OUT = ROOT / "out"
MAX_MAIN_PAGES = 12

if not shutil.which("chromium"):
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI", pytrace=False)
    pytest.skip("chromium not installed", allow_module_level=True)

pypdf = pytest.importorskip("pypdf")

INTERNAL = re.compile(
    r"not_recommended|cross_cutting|weighted_sum|engine durable|csprules explain|"
    r"organisational_position|\(dv-forum\)|'vawg'|fell -|\d\.\d{3,}|"
    r"\b[a-z]+_[a-z]+(?:_[a-z]+)*\b"  # any snake_case id: delivery_group, linked_board
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("pdf") / "paper.pdf"
    assert main(["recommend", EXAMPLE, "-o", str(out)]) == 0
    _screenshots(out)
    return [p.extract_text() for p in pypdf.PdfReader(out).pages]


def test_page_one_holds_the_summary(pages: list[str]) -> None:
    one = pages[0]
    assert "Summary for decision" in one
    assert "Recommended priorities" in one
    assert "The board is asked to" in one
    assert "Note the evidence gaps above" in one  # the last decision: nothing spills over
    assert "How the themes compare" in pages[1]


def test_main_paper_fits_and_appendix_follows(pages: list[str]) -> None:
    starts = [i for i, text in enumerate(pages) if "Appendix A:" in text]
    assert starts, "no appendix"
    # The appendix begins on a new page with the governance tree, before Appendix A.
    main_pages = next(i for i, t in enumerate(pages) if re.search(r"^Governance$", t, re.M))
    assert main_pages <= MAX_MAIN_PAGES
    assert main_pages <= starts[0]


def test_every_page_has_marking_and_number(pages: list[str]) -> None:
    total = len(pages)
    for n, text in enumerate(pages, start=1):
        assert "Tower Hamlets Community Safety Partnership" in text
        assert text.count("OFFICIAL") >= 2, n  # running header and footer
        assert f"Page {n} of {total}" in text


def test_no_internal_id_in_the_text(pages: list[str]) -> None:
    assert not INTERNAL.findall("\n".join(pages))


def test_marking_is_configurable_and_bytes_repeat(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        assert main(["recommend", "examples/havering-2017", "--marking", "OFFICIAL-SENSITIVE",
                     "-o", str(out)]) == 0
    assert a.read_bytes() == b.read_bytes()
    first = pypdf.PdfReader(a).pages[0].extract_text()
    assert "OFFICIAL-SENSITIVE" in first


def _png(path: Path, rgb: bytes, width: int, height: int) -> None:
    """A minimal PNG writer: no imaging library needed for two screenshots."""
    rows = b"".join(b"\x00" + rgb[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def _screenshots(pdf: Path) -> None:
    try:
        import pypdfium2  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return
    OUT.mkdir(exist_ok=True)
    doc = pypdfium2.PdfDocument(str(pdf))
    for index, name in ((0, "paper-page-one.png"), (1, "paper-matrix.png")):
        bitmap = doc[index].render(scale=1.4, rev_byteorder=True)
        array = bitmap.to_numpy()
        _png(OUT / name, array[:, :, :3].tobytes(), array.shape[1], array.shape[0])
