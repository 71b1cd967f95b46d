"""The public surface of csprules.governance: sorted, resolvable, and its docstring examples run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import csprules.governance as governance


def test_all_is_sorted_and_resolves() -> None:
    assert list(governance.__all__) == sorted(governance.__all__)
    for name in governance.__all__:
        assert getattr(governance, name) is not None, name


MODULES = sorted(
    f"csprules.governance.{m.name}" for m in pkgutil.iter_modules(governance.__path__)
)


@pytest.mark.parametrize("module", ["csprules.governance", *MODULES])
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
