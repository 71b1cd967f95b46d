"""Citations: every value names the files, months and row counts it came from."""

from __future__ import annotations

from csprules.importers.police_uk.rollup import Counts


def cite(counts: Counts, months: list[str], rows: int) -> str:
    """E.g. ``police.uk street-level 2018-01..2018-12 (12 files: a.csv .. b.csv): 840 rows``."""
    wanted = set(months)
    names = sorted(f.name for f in counts.files if f.month in wanted)
    span = months[0] if len(months) == 1 else f"{months[0]}..{months[-1]}"
    where = names[0] if len(names) == 1 else f"{len(names)} files: {names[0]} .. {names[-1]}"
    return f"police.uk street-level {span} ({where}): {rows:,} rows"
