"""Small roll-ups of the count table, for one chosen area (and its neighbours).

The SQL here is assembled from constant fragments only (the area predicate
reads user names and codes from tables), hence the S608 exemptions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from csprules.errors import EvidenceError, Location, Problem
from csprules.importers.police_uk.area import AREA_OF_NAME, Area
from csprules.importers.police_uk.categories import categories
from csprules.importers.police_uk.read import Store


@dataclass(frozen=True)
class FileStats:
    name: str
    month: str
    rows: int
    duplicates: int
    no_location: int
    in_area: int
    outside: int


@dataclass
class Counts:
    """Counts after de-duplication; months are ``YYYY-MM``."""

    area: str
    months: tuple[str, ...]
    """Months with at least one file: a period is complete when all its months are here."""
    by_area: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(area, crime type, month) -> rows, for every area; ours is ``area``."""
    outcomes: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(crime type, last outcome, month) -> rows, in our area."""
    lsoas: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    """(LSOA code, LSOA name, crime type, month) -> rows, in our area."""
    files: tuple[FileStats, ...] = ()
    outside_by_area: dict[str, int] = field(default_factory=dict)


def roll_up(store: Store, area: Area) -> Counts:
    _known_types(store)
    con = store.con
    # Each distinct LSOA is placed once (a regex per LSOA, not per row), then the
    # count table is folded to (area, LSOA, type, outcome, month) in one pass.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE lsoa_area AS
        SELECT code, name,
               CASE WHEN code = '' THEN NULL WHEN {area.member_sql}
                    THEN (SELECT label FROM chosen) ELSE {AREA_OF_NAME} END AS area,
               code <> '' AND ({area.member_sql}) AS ins
        FROM (SELECT DISTINCT code, name FROM g)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE gg AS
        SELECT l.area, l.ins, g.code, g.name, g.type, g.outcome, g.month,
               sum(g.rows - g.dups) AS n
        FROM g JOIN lsoa_area l ON g.code = l.code AND g.name = l.name
        WHERE g.code <> '' GROUP BY ALL""")
    months = tuple(sorted({f.month for f in store.files}))
    counts = Counts(area=area.label, months=months)
    for a, t, m, n in store.query("SELECT area, type, month, sum(n) FROM gg GROUP BY ALL"):
        counts.by_area[(str(a), str(t), str(m))] = int(str(n))
    for t, o, m, n in store.query(
            "SELECT type, outcome, month, sum(n) FROM gg WHERE ins GROUP BY ALL"):
        counts.outcomes[(str(t), str(o), str(m))] = int(str(n))
    for c, nm, t, m, n in store.query(
            "SELECT code, name, type, month, sum(n) FROM gg WHERE ins GROUP BY ALL"):
        counts.lsoas[(str(c), str(nm), str(t), str(m))] = int(str(n))
    stats: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for fid, rows, dups, noloc, ins, out in store.query("""
            SELECT g.file_id, sum(g.rows), sum(g.dups),
                   sum(CASE WHEN g.code = '' THEN g.rows - g.dups ELSE 0 END),
                   sum(CASE WHEN l.ins THEN g.rows - g.dups ELSE 0 END),
                   sum(CASE WHEN g.code <> '' AND NOT l.ins THEN g.rows - g.dups ELSE 0 END)
            FROM g JOIN lsoa_area l ON g.code = l.code AND g.name = l.name
            GROUP BY g.file_id"""):
        stats[int(str(fid))] = [int(str(v)) for v in (rows, dups, noloc, ins, out)]
    counts.files = tuple(
        FileStats(f.name, f.month, *stats[i]) for i, f in enumerate(store.files)
    )
    for a, n in store.query("SELECT area, sum(n) FROM gg WHERE NOT ins GROUP BY ALL"):
        counts.outside_by_area[str(a)] = int(str(n))
    return counts


def _known_types(store: Store) -> None:
    known = categories()
    rows = store.query("SELECT DISTINCT file_id, type FROM g ORDER BY file_id, type")
    problems = [
        Problem(Location(store.files[int(str(fid))].shown), f"field 'Crime type': expected one "
                f"of the 14 police.uk categories ({', '.join(sorted(known))}); found '{t}'")
        for fid, t in rows if str(t) not in known
    ]
    if problems:
        raise EvidenceError(problems[:20])
