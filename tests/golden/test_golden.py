"""Golden reports: the Markdown and JSON for two examples, byte for byte.

Regenerate on purpose only, after reading the diff:
``CSPRULES_REGENERATE=1 .venv/bin/python -m pytest tests/golden``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from csprules.cli import main

HERE = Path(__file__).resolve().parent
EXAMPLES = ["havering-2017", "tower-hamlets-2016"]


def _normalise(text: str) -> str:
    # The engine name is the one thing that legitimately differs between the
    # durable-rules path and the reference path; everything else must match.
    text = re.sub(r'"engine": "[a-z]+"', '"engine": "<engine>"', text)
    return re.sub(r"^- Engine: [a-z]+$", "- Engine: <engine>", text, flags=re.M)


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_golden(example: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"{example}.{fmt}"
    assert main(["recommend", f"examples/{example}", "--format", fmt, "-o", str(out)]) == 0
    produced = _normalise(out.read_text(encoding="utf-8"))
    golden = HERE / f"{example}.{fmt}"
    if os.environ.get("CSPRULES_REGENERATE") == "1":
        golden.write_text(produced, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: regenerate on purpose"
    assert produced == golden.read_text(encoding="utf-8")
