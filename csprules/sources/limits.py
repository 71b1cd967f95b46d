"""Size limits on input files: a planning paper never needs more, and a
hostile or corrupted file should fail fast with a clear message."""

from __future__ import annotations

from pathlib import Path

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.inputs import note_input

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest evidence, ruleset or governance file accepted (20 MiB)."""


def read_text(path: Path, display: str, error: type[CsprulesError]) -> str:
    """Read a UTF-8 text file, refusing huge, binary or non-UTF-8 input."""
    try:
        info = path.stat()
    except RuntimeError as e:  # pathlib's symlink-loop error on some Pythons
        raise error([Problem(Location(display), "cannot read file: a symlink loop")]) from e
    except OSError as e:
        raise error([Problem(Location(display), f"cannot read file: {e.strerror}")]) from e
    if path.is_dir():
        raise error([Problem(Location(display), "expected a file; found a directory")])
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise error([Problem(
            Location(display),
            f"file is {size} bytes; expected at most {MAX_FILE_BYTES} bytes",
        )])
    try:
        data = path.read_bytes()
    except OSError as e:
        raise error([Problem(Location(display), f"cannot read file: {e.strerror}")]) from e
    note_input(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise error([Problem(
            Location(display, line, column),
            f"expected UTF-8 text; found byte 0x{data[e.start]:02x}",
        )]) from e
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise error([Problem(Location(display, line, column),
                             "expected text; found a binary file (NUL byte)")])
    return text
