"""The README shows page one of the meeting paper: a committed, small PNG beside the command."""

from __future__ import annotations

import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMAGE = re.compile(r"!\[([^\]]+)\]\(([^)]+)\)")


def test_readme_images_exist_and_page_one_sits_with_the_meeting_paper() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = IMAGE.findall(readme)
    assert images
    for alt, target in images:
        path = ROOT / target
        assert path.is_file(), target
        assert not target.startswith("out/"), "out/ is git-ignored: a reader would see nothing"
        assert alt.strip()
    section = readme.split("## The meeting paper")[1].split("\n## ")[0]
    assert "(docs/images/page-one.png)" in section
    assert "csprules recommend examples/tower-hamlets-2016 -o paper.pdf" in section


def test_page_one_png_is_small_and_a4_shaped() -> None:
    data = (ROOT / "docs" / "images" / "page-one.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) < 300_000
    width, height = struct.unpack(">II", data[16:24])
    assert abs(height / width - 297 / 210) < 0.01  # an A4 page
    assert (ROOT / "tools" / "page_one.py").is_file()
