"""Citations: every value names the months, files and row counts it came from.

A citation is ``police.uk street-level (LOCATOR)``: the document (the force's
monthly archive, named once in the ``sources.yaml`` the importer writes) and,
in brackets, where in it.  The paper groups every value under that one
document; the JSON and ``explain`` keep the whole pointer.
"""

from __future__ import annotations

from csprules.importers.police_uk.rollup import Counts

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
