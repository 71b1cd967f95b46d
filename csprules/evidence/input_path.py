"""The one rule for a file an evidence folder holds: it is there or it is an error.

A name the folder holds (``consultation.yaml``, ``governance.yaml``, ...) that is a
directory, a dangling or looping symlink, a FIFO, or a symlink leading outside the
folder is a located error, never a file silently passed over: a report written
without the consultation the partnership gave is worse than no report.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from csprules.errors import CsprulesError, EvidenceError, Location, Problem


def folder_file(
    folder: Path,
    name: str,
    *,
    required: bool = False,
    error: type[CsprulesError] = EvidenceError,
) -> Path | None:
    """``folder / name`` when it is a regular file inside ``folder`` (symlinks resolved).

    An absent optional file is ``None``; an absent required one, or anything else
    standing at that name, raises ``error`` located at the name.
    """
    path = folder / name
    shown = _display(path)
    if not os.path.lexists(path):
        if required:
            raise error([Problem(Location(_display(folder)),
                                 f"expected an evidence folder containing {name}; found none")])
        return None
    problem = _problem(folder, path)
    if problem is not None:
        raise error([Problem(Location(shown), problem)])
    return path


def _problem(folder: Path, path: Path) -> str | None:
    try:
        resolved = path.resolve(strict=True)
        info = resolved.stat()
    except RuntimeError:  # pathlib's symlink-loop error on some Pythons
        return "expected a file; found a symlink loop"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "expected a file; found a symlink loop"
        if path.is_symlink():
            return "expected a file; found a symlink to nothing"
        return f"cannot read file: {e.strerror}"
    if not resolved.is_relative_to(folder.resolve()):
        return "expected a file inside the evidence folder; found a symlink leading outside it"
    if stat.S_ISDIR(info.st_mode):
        return "expected a file; found a directory"
    if not stat.S_ISREG(info.st_mode):
        return "expected a regular file; found a special file (FIFO, socket or device)"
    return None


def _display(path: Path) -> str:
    """Like ``folder.display_path``, without following the last link (it may loop)."""
    try:
        where = path.parent.resolve() / path.name
        return str(where.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
