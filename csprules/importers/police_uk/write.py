"""Writing the evidence folder all at once: validated first, then moved into place.

Every file goes into a hidden sibling folder; the folder is loaded with
:func:`csprules.evidence.load.load_evidence` (what ``recommend`` will read);
only then is it renamed to the output path.  A failure at any step leaves
nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from csprules.errors import UsageError
from csprules.evidence.load import load_evidence


def check_output(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: exists and is not an empty folder; choose a new output "
                         f"folder (nothing was written)")


def write_folder(folder: Path, files: dict[str, str]) -> None:
    check_output(folder)
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    try:
        for name, text in sorted(files.items()):
            with (staging / name).open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        load_evidence(staging)
        if folder.exists():
            folder.rmdir()
        os.replace(staging, folder)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
