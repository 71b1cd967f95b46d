"""The files a run has read, so that no output of the same run can replace one of them.

The CLI opens one :func:`tracking_inputs` scope per command; every reader notes the
file it opens (symlinks resolved), and the atomic writer refuses those paths.  Outside
a scope (a Python caller) nothing is tracked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_READ: ContextVar[set[Path] | None] = ContextVar("csprules_inputs_read", default=None)


@contextmanager
def tracking_inputs() -> Iterator[set[Path]]:
    files: set[Path] = set()
    token = _READ.set(files)
    try:
        yield files
    finally:
        _READ.reset(token)


def note_input(path: str | Path) -> None:
    files = _READ.get()
    if files is not None:
        files.add(_resolved(path))


def is_input(path: str | Path) -> bool:
    files = _READ.get()
    return files is not None and _resolved(path) in files


def _resolved(path: str | Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare it as written
        return Path(path).absolute()
