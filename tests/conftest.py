"""Shared fixtures: paths to the repository's examples and test fixtures."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _run_from_repo_root() -> Iterator[None]:
    # Messages show paths relative to the working directory; pin it.
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.fixture
def mini(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the small evidence fixture, inside the repo for stable paths."""
    target = ROOT / "tests" / "fixtures" / "_tmp" / tmp_path.name
    shutil.copytree(FIXTURES / "mini", target)
    yield target
    shutil.rmtree(target, ignore_errors=True)
