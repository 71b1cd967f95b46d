"""Docs are code: docstring examples and the README's Python example run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import csprules

ROOT = Path(__file__).resolve().parents[1]


def _modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(csprules.__path__, prefix="csprules.")
        if not m.name.endswith("__main__")
    )


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_readme_python_example(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip()


def test_public_api_names_resolve() -> None:
    for name in csprules.__all__:
        assert getattr(csprules, name) is not None
    assert list(csprules.__all__) == sorted(csprules.__all__)
