"""``load_evidence``: the one front door for evidence, folder or workbook."""

from __future__ import annotations

from pathlib import Path

from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence.assemble import assemble
from csprules.evidence.evidence import Evidence
from csprules.evidence.folder import display_path, load_folder
from csprules.evidence.workbook import load_workbook_tables


def load_evidence(path: str | Path) -> Evidence:
    """Read and validate a partnership's evidence.

    ``path`` is an evidence folder (``partnership.yaml``, ``indicators.csv``,
    ``observations.csv``, ...) or an ``.xlsx`` workbook with the same tables
    as sheets.  Every problem found is raised together as one
    :class:`~csprules.errors.EvidenceError` with file, line and field.

    >>> from csprules import load_evidence
    >>> evidence = load_evidence("examples/tower-hamlets-2016")
    >>> evidence.partnership.area
    'Tower Hamlets'
    """
    p = Path(path)
    shown = display_path(p)
    if p.is_dir():
        return assemble(load_folder(p))
    if p.is_file() and p.suffix.lower() == ".xlsx":
        return assemble(load_workbook_tables(p, shown))
    if p.is_symlink() and not p.exists():
        raise EvidenceError([Problem(Location(shown), "expected an evidence folder or an .xlsx "
                                     "workbook; found a symlink to nothing (or a loop)")])
    if not p.exists():
        raise EvidenceError([Problem(Location(shown), "no such file or folder")])
    raise EvidenceError([Problem(
        Location(shown), "expected an evidence folder or an .xlsx workbook; found another file"
    )])
