"""Reading the monthly files with DuckDB: streamed, aggregated, never held whole.

DuckDB's CSV reader parses in parallel and aggregates as it streams, so a
national archive (tens of millions of rows) is read in bounded memory: each
file is folded into a fine-grained count table (month, force, LSOA, crime
type, outcome) that DuckDB itself keeps, spilling to disk past its memory
limit.  Python only ever sees small roll-ups.

Duplicates are exact repeats of a whole row that has a Crime ID.  Rows
without one (anti-social behaviour) are legitimately identical when two
incidents share a month and a map point, so they are never de-duplicated.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from csprules.errors import EvidenceError, Location, Problem
from csprules.importers.police_uk.files import COLUMNS, MonthFile, check_header

MEMORY_LIMIT = "512MB"
"""DuckDB's own working-memory ceiling; beyond it, it spills to the scratch folder."""

_Q = ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS)
_SOURCE = f"""read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"',
              escape = '"', strict_mode = true, null_padding = false,
              columns = {{{_Q}}})"""
_KEY = """coalesce("Month", '') AS month, coalesce("Falls within", '') AS force,
          coalesce("LSOA code", '') AS code, coalesce("LSOA name", '') AS name,
          coalesce("Crime type", '') AS type, coalesce("Last outcome category", '') AS outcome"""
_FOLD = f"""
CREATE OR REPLACE TEMP TABLE part AS
SELECT ?::INTEGER AS file_id, {_KEY}, count(*) AS rows, 0::BIGINT AS dups
FROM {_SOURCE}
GROUP BY ALL
"""
_REPEATED_IDS = f"""SELECT count("Crime ID") - count(DISTINCT "Crime ID") FROM {_SOURCE}"""
_EXACT_DUPLICATES = f"""
WITH t AS (SELECT * FROM {_SOURCE} WHERE "Crime ID" IS NOT NULL),
     repeated AS (SELECT "Crime ID" FROM t GROUP BY 1 HAVING count(*) > 1)
SELECT ?::INTEGER, {_KEY}, 0,
       count(*) - count(DISTINCT row("Crime ID", "Month", "Reported by", "Falls within",
           "Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Crime type",
           "Last outcome category", "Context"))
FROM t WHERE "Crime ID" IN (SELECT "Crime ID" FROM repeated)
GROUP BY ALL
"""


@dataclass(frozen=True)
class Store:
    """The fine-grained counts of every file read, inside one DuckDB connection."""

    con: duckdb.DuckDBPyConnection
    files: tuple[MonthFile, ...]

    def query(self, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
        return self.con.execute(sql, params or []).fetchall()


Progress = Callable[[int, int, MonthFile], None]


def read_files(files: tuple[MonthFile, ...], scratch: Path,
               progress: Progress | None = None) -> Store:
    """Fold every file into the count table; check each file's columns and months."""
    con = duckdb.connect(":memory:", config={
        "threads": 2, "memory_limit": MEMORY_LIMIT, "temp_directory": str(scratch / "duckdb"),
        "preserve_insertion_order": False,
    })
    con.execute("SET enable_progress_bar = false")
    con.execute("""CREATE TABLE g (file_id INTEGER, month VARCHAR, force VARCHAR,
                   code VARCHAR, name VARCHAR, type VARCHAR, outcome VARCHAR,
                   rows BIGINT, dups BIGINT)""")
    for i, f in enumerate(files):
        check_header(f)
        try:
            con.execute(_FOLD, [i, str(f.path)])
            wrong = con.execute("SELECT DISTINCT month FROM part WHERE month <> ? ORDER BY 1",
                                [f.month]).fetchall()
            if wrong:
                _month_mismatch(f, {str(w[0]) for w in wrong})
            con.execute("INSERT INTO g SELECT * FROM part")
            # A duplicate repeats a whole row, so it repeats a Crime ID: a cheap
            # count of repeated ids first, and the exact check only where there are any.
            candidates = con.execute(_REPEATED_IDS, [str(f.path)]).fetchall()[0][0]
            if candidates:
                con.execute(f"INSERT INTO g {_EXACT_DUPLICATES}", [str(f.path), i])
        except duckdb.Error as e:
            raise EvidenceError([_duck_problem(f, e)]) from None
        if progress is not None:
            progress(i + 1, len(files), f)
    return Store(con, files)


def _duck_problem(f: MonthFile, e: duckdb.Error) -> Problem:
    text = str(e)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    columns = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", " ".join(text.split()))
    if line and columns:
        return Problem(Location(f.shown, int(line.group(1))),
                       f"expected {columns.group(1)} comma-separated fields; found "
                       f"{columns.group(2)}")
    # Otherwise DuckDB's own message, which names the line and the problem: first lines only.
    brief = " ".join(text.split("\n")[:3]).strip()
    return Problem(Location(f.shown, int(line.group(1)) if line else None),
                   f"expected a police.uk CSV file; found one DuckDB cannot read: {brief}")


def _month_mismatch(f: MonthFile, wrong: set[str]) -> None:
    # Rare and already fatal: find the first offending line with the csv module.
    with f.path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row in reader:
            if len(row) > 1 and row[1] in wrong:
                raise EvidenceError([Problem(
                    Location(f.shown, reader.line_num, 2),
                    f"expected month {f.month} (from the file name); found '{row[1]}'",
                    field="Month",
                )])
    raise EvidenceError([Problem(  # pragma: no cover - DuckDB saw it, so csv does too
        Location(f.shown),
        f"expected month {f.month} (from the file name); found {', '.join(sorted(wrong))}",
        field="Month",
    )])
