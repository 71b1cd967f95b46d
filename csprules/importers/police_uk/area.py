"""Choosing the partnership's area by LSOA.

A force's files cover several partnerships and spill into neighbouring
boroughs, so the area is a set of LSOAs: those whose name starts with the
local authority's name (``City of London 001A`` is in ``City of London``),
or those listed in a file of LSOA codes.  Without either, a single force's
files are taken whole; two forces mixed need an explicit area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from csprules.errors import EvidenceError, Location, Problem, UsageError
from csprules.importers.police_uk.read import Store
from csprules.sources.limits import read_text
from csprules.sources.suggest import did_you_mean

AREA_OF_NAME = (
    "CASE WHEN regexp_matches(name, ' [0-9]{3}[A-Z]$') "
    "THEN regexp_replace(name, ' [0-9]{3}[A-Z]$', '') ELSE name END"
)
"""SQL: the local-authority part of an LSOA name (``Camden 028B`` -> ``Camden``)."""

_CODE = re.compile(r"^[EW]0\d{7}$")


@dataclass(frozen=True)
class Area:
    label: str
    how: str
    """How it was chosen, in words, for the import summary."""
    member_sql: str
    """SQL predicate over the count table: this row's LSOA is in the area.  It holds
    no user text: names and codes are in the tables ``chosen`` and ``area_codes``."""


def choose_area(store: Store, name: str | None, lsoa_file: Path | None,
                lsoa_shown: str | None) -> Area:
    if lsoa_file is not None:
        codes = read_codes(lsoa_file, lsoa_shown or str(lsoa_file))
        store.con.execute("CREATE OR REPLACE TABLE area_codes (code VARCHAR)")
        store.con.executemany("INSERT INTO area_codes VALUES (?)", [[c] for c in sorted(codes)])
        present = store.query("SELECT count(DISTINCT code) FROM g "
                              "WHERE code IN (SELECT code FROM area_codes)")[0][0]
        if not present:
            raise EvidenceError([Problem(
                Location(lsoa_shown or str(lsoa_file)),
                f"expected LSOA codes present in the police.uk files; none of the "
                f"{len(codes)} codes appears in them",
            )])
        label = name or Path(lsoa_shown or str(lsoa_file)).stem
        _remember(store, label, "")
        return Area(label, f"the {len(codes)} LSOA codes in {lsoa_shown}",
                    "code IN (SELECT code FROM area_codes)")
    if name is not None:
        wanted = " ".join(name.split())
        areas = [str(r[0]) for r in store.query(
            f"SELECT DISTINCT {AREA_OF_NAME} FROM (SELECT DISTINCT name FROM g WHERE code <> '') "
            f"ORDER BY 1")]
        match = [a for a in areas if a.lower() == wanted.lower()]
        if not match:
            hint = did_you_mean(wanted, areas)
            shown = ", ".join(areas[:12]) + (", ..." if len(areas) > 12 else "")
            raise UsageError([Problem(
                None,
                f"--area '{wanted}': expected the local-authority part of an LSOA name in the "
                f"files ({shown}); found no LSOA named '{wanted} NNNX'",
                suggestion=hint,
            )])
        _remember(store, match[0], match[0].lower())
        return Area(match[0], f"LSOAs named '{match[0]} NNNX'",
                    f"lower({AREA_OF_NAME}) = (SELECT pick FROM chosen)")
    forces = [str(r[0]) for r in store.query("SELECT DISTINCT force FROM g ORDER BY 1")]
    if len(forces) > 1:
        raise UsageError(
            f"the files come from {len(forces)} forces ({', '.join(forces)}); a force's "
            f"files cover several partnerships: choose one with --area NAME or --lsoa-file FILE"
        )
    label = forces[0] if forces else "police.uk"
    _remember(store, label, "")
    return Area(label, "every located row (one force, no --area)", "code <> ''")


def _remember(store: Store, label: str, pick: str) -> None:
    store.con.execute("CREATE OR REPLACE TABLE chosen (label VARCHAR, pick VARCHAR)")
    store.con.execute("INSERT INTO chosen VALUES (?, ?)", [label, pick])


def read_codes(path: Path, shown: str) -> set[str]:
    """A file of LSOA codes: one a line; blank lines and ``#`` comments ignored."""
    text = read_text(path, shown, EvidenceError)
    codes: set[str] = set()
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        item = line.split("#", 1)[0].strip().strip(",")
        if not item or (number == 1 and item.lower() in ("lsoa code", "lsoa_code", "code")):
            continue
        if not _CODE.match(item):
            problems.append(Problem(Location(shown, number, 1),
                                    f"expected an LSOA code like E01000001; found '{item}'"))
        codes.add(item)
    if problems:
        raise EvidenceError(problems)
    if not codes:
        raise EvidenceError([Problem(Location(shown), "expected LSOA codes; found none")])
    return codes
