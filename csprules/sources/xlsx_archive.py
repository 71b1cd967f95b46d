"""An .xlsx is a zip: check what it would unpack to before any XML is parsed.

The 20 MiB cap on the file says nothing about its contents: a 0.7 MB workbook can
unzip to 240 MB of XML.  The zip directory states each member's uncompressed size,
and Python's zip reader never yields more than that size, so summing it bounds the
work up front.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from csprules.errors import CsprulesError, Location, Problem

MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
"""Most a workbook may unpack to (100 MiB: XML is several times its CSV)."""
MAX_ENTRIES = 1000
"""Most members a workbook may hold (a planning workbook has a few dozen)."""


def check_archive(path: Path, display: str, error: type[CsprulesError]) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError, zlib.error) as e:
        # NotImplementedError: a zip "version" or compression Python cannot read;
        # RuntimeError: an encrypted member.
        raise error([Problem(Location(display),
                             f"expected an .xlsx workbook; found {_reason(e)}")]) from None
    if len(members) > MAX_ENTRIES:
        raise error([Problem(Location(display),
                             f"expected an .xlsx workbook of at most {MAX_ENTRIES} parts; "
                             f"found {len(members)}")])
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise error([Problem(Location(display),
                             f"workbook unpacks to {total} bytes; expected at most "
                             f"{MAX_UNCOMPRESSED_BYTES} bytes")])


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
"""A worksheet's formula element, ``<f>`` or namespaced ``<x:f>`` (cells are ``<c>``)."""


def has_formulas(path: Path) -> bool:
    """Whether any worksheet holds a formula (worth a second, formula-reading pass).

    A part that cannot be unpacked answers yes: the formula pass then reads the
    workbook through openpyxl, which reports what is wrong with it.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            return any(
                _FORMULA.search(archive.read(name))
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
            NotImplementedError):
        return True


def _reason(e: Exception) -> str:
    if isinstance(e, OSError) and e.strerror:
        return f"an unreadable file ({e.strerror})"
    return f"a damaged or foreign file ({e})"
