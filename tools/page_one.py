"""Render page one of the Tower Hamlets 2016 meeting paper as a PNG for the README.

    .venv/bin/python tools/page_one.py            # writes docs/images/page-one.png

The paper is printed the way users print it (``csprules recommend ... -o
paper.pdf``: headless Chromium, found as ``chromium`` on PATH or
``CSPRULES_CHROMIUM``), then page one is rasterised with pypdfium2 (a dev
dependency) and written as an 8-bit grey PNG, small enough to commit.  The
script runs csprules as a command and imports nothing from it.
"""

from __future__ import annotations

import argparse
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tower-hamlets-2016"
TARGET = ROOT / "docs" / "images" / "page-one.png"
SCALE = 1.5
"""Pixels per PDF point: an A4 page becomes 893 x 1263 pixels."""


def png_grey(path: Path, grey: bytes, width: int, height: int) -> None:
    """An 8-bit greyscale PNG, each row filtered with 'up' (small for text pages)."""
    rows = []
    previous = bytes(width)
    for y in range(height):
        row = grey[y * width:(y + 1) * width]
        rows.append(b"\x02" + bytes((a - b) & 0xFF for a, b in zip(row, previous, strict=True)))
        previous = row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    import pypdfium2  # type: ignore[import-untyped, unused-ignore]

    with tempfile.TemporaryDirectory(prefix="csprules-page-one-") as tmp:
        pdf = Path(tmp) / "paper.pdf"
        subprocess.run([sys.executable, "-m", "csprules", "recommend", str(EXAMPLE),  # noqa: S603
                        "-o", str(pdf)], check=True, cwd=ROOT)
        page = pypdfium2.PdfDocument(str(pdf))[0]
        bitmap = page.render(scale=SCALE, grayscale=True)
        array = bitmap.to_numpy()
        grey = array if array.ndim == 2 else array[:, :, 0]
        args.output.parent.mkdir(parents=True, exist_ok=True)
        png_grey(args.output, grey.tobytes(), grey.shape[1], grey.shape[0])
    print(f"{args.output}: {args.output.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
