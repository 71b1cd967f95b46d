"""Fixtures for the governance tests: the catalogue's theme parents and a file writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from csprules.evidence.catalogue import default_catalogue

HEADER = "kind: csprules/governance\nversion: 1\n"


@pytest.fixture
def parents() -> dict[str, str | None]:
    """Theme id -> parent theme id, from the shipped catalogue."""
    return {t.id: t.parent for t in default_catalogue()}


@pytest.fixture
def theme_ids() -> frozenset[str]:
    return frozenset(t.id for t in default_catalogue())


@pytest.fixture
def write_gov(tmp_path: Path) -> Callable[[str], Path]:
    """Write ``governance.yaml`` (header added) into a fresh folder; return its path."""

    def write(body: str) -> Path:
        path = tmp_path / "governance.yaml"
        path.write_text(HEADER + dedent(body).lstrip("\n"), encoding="utf-8")
        return path

    return write
