"""LSOA populations, so that areas of different sizes compare as rates per 1,000.

Format (``# csprules lsoa-population 1``, then a header)::

    lsoa_code,population,cited
    E01000001,1519,ONS mid-2018 LSOA population estimates
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from csprules.errors import EvidenceError, Problem
from csprules.sources.csv_file import load_csv


@dataclass(frozen=True)
class Populations:
    by_code: dict[str, int]
    cited: str


def read_populations(path: Path, shown: str) -> Populations:
    table = load_csv(path, shown, "lsoa-population", (1,), ("lsoa_code", "population"),
                     ("lsoa_code", "lsoa_name", "population", "cited"), EvidenceError)
    out: dict[str, int] = {}
    problems: list[Problem] = []
    cites: set[str] = set()
    for rec in table.records:
        code = str(rec.values.get("lsoa_code") or "").strip()
        raw = str(rec.values.get("population") or "").strip().replace(",", "")
        if not code:
            problems.append(Problem(rec.at("lsoa_code"), "expected an LSOA code; found blank",
                                    field="lsoa_code"))
            continue
        if not raw.isdigit() or int(raw) < 1:
            problems.append(Problem(rec.at("population"),
                                    f"expected a whole number of residents, 1 or more; "
                                    f"found '{raw}'", field="population"))
            continue
        if code in out:
            problems.append(Problem(rec.at("lsoa_code"), f"LSOA '{code}' listed twice",
                                    field="lsoa_code"))
        out[code] = int(raw)
        cited = str(rec.values.get("cited") or "").strip()
        if cited:
            cites.add(cited)
    if problems:
        raise EvidenceError(problems)
    return Populations(out, "; ".join(sorted(cites)) or shown)
