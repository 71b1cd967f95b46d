"""Citations: every value names the months, files and row counts it came from.

A citation is ``police.uk street-level (LOCATOR)``: the document (the force's
monthly archive, named once in the ``sources.yaml`` the importer writes) and,
in brackets, where in it.  The paper groups every value under that one
document; the JSON and ``explain`` keep the whole pointer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from csprules.importers.police_uk.rollup import Counts, FileStats

DOCUMENT = "police.uk street-level"
"""How every importer citation names its document (``sources.yaml`` names it)."""

SOURCE_URL = "https://data.police.uk/data/"
"""Where police.uk publishes the monthly street-level archive."""


def cite(counts: Counts, months: list[str], rows: int) -> str:
    """E.g. ``police.uk street-level (2018-01..2018-12: 12 files, 840 rows)``.

    The months and the force name the files (``YYYY-MM-<force>-street.csv``).
    """
    wanted = set(months)
    files = sum(1 for f in counts.files if f.month in wanted)
    span = months[0] if len(months) == 1 else f"{months[0]}..{months[-1]}"
    return f"{DOCUMENT} ({span}: {files} {'file' if files == 1 else 'files'}, {rows:,} rows)"


def no_such_category() -> str:
    return f"{DOCUMENT} (no such category)"


def sources_yaml(files: Sequence[FileStats]) -> str:
    """``sources.yaml``: the archive the importer read, named for the paper's endnotes."""
    months = sorted({f.month for f in files})
    # YYYY-MM-<force>-street.csv: discovery has checked every name has this shape.
    forces = sorted({f.name[len("YYYY-MM-"):-len("-street.csv")] for f in files})
    patterns = ", ".join(f"YYYY-MM-{slug}-street.csv" for slug in forces)
    title = (f"Street-level crime and anti-social behaviour data, monthly files {patterns}, "
             f"{months[0]} to {months[-1]}")
    return "\n".join([
        "kind: csprules/sources",
        "version: 1",
        "# Written by `csprules import police-uk`.  Contains public sector information",
        "# licensed under the Open Government Licence v3.0.",
        "documents:",
        f"  - document: {DOCUMENT}",
        f"    title: {_quoted(title)}",
        "    publisher: data.police.uk",
        f"    url: {SOURCE_URL}",
    ]) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
