"""Size limits on input files: a planning paper never needs more, and a
hostile or corrupted file should fail fast with a clear message."""

from __future__ import annotations

from pathlib import Path

from csprules.errors import CsprulesError, Location, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest evidence, ruleset or governance file accepted (20 MiB)."""


def read_text(path: Path, display: str, error: type[CsprulesError]) -> str:
    """Read a UTF-8 text file, refusing huge, binary or non-UTF-8 input."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise error([Problem(Location(display), f"cannot read file: {e.strerror}")]) from e
    if size > MAX_FILE_BYTES:
        raise error([Problem(
            Location(display),
            f"file is {size} bytes; expected at most {MAX_FILE_BYTES} bytes",
        )])
    data = path.read_bytes()
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
    if "\x00" in text:
        raise error([Problem(Location(display), "expected text; found a binary file (NUL byte)")])
    return text
