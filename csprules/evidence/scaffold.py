"""``init``: a new evidence folder of commented templates, written all at once.

The templates (``csprules/data/templates``) are valid files except for what
only the analyst can supply: the partnership's three required fields are
blank, and ``governance.yaml`` lists no group.  Validating a fresh scaffold
names each of them, located, so the analyst knows what to fill in first.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from importlib import resources
from pathlib import Path

from csprules.errors import Location, Problem, UsageError

TEMPLATE_FILES = (
    "README.md", "partnership.yaml", "indicators.csv", "observations.csv", "consultation.yaml",
    "drivers.yaml", "governance.yaml", "sources.yaml",
)


def template_text(name: str) -> str:
    return resources.files("csprules").joinpath(f"data/templates/{name}").read_text("utf-8")


def scaffold(folder: Path, display: str) -> tuple[str, ...]:
    """Write the templates into ``folder`` (new, or empty); return the file names.

    The files are written into a hidden sibling folder that is then renamed:
    a failure leaves no half-made folder behind.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError([
            Problem(Location(display), "expected a new or empty folder; found a file")
        ])
    if folder.is_dir():
        entries = sorted(p.name for p in folder.iterdir())
        if entries:
            shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
            raise UsageError([Problem(
                Location(display),
                f"expected a new or empty folder; found {len(entries)} "
                f"entr{'y' if len(entries) == 1 else 'ies'} ({shown}): init never overwrites",
            )])
    parent = folder.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{folder.name}.init-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        for name in TEMPLATE_FILES:
            with open(staging / name, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(template_text(name))
                handle.flush()
                os.fsync(handle.fileno())
        if folder.is_dir():
            folder.rmdir()  # fails, and so refuses, if something appeared in the meantime
        staging.rename(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    return TEMPLATE_FILES
