"""``import_police_uk``: monthly street-level files in, an evidence folder out."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from csprules.evidence.catalogue import default_catalogue
from csprules.importers.police_uk.area import choose_area
from csprules.importers.police_uk.comparators import (
    area_populations,
    comparator_areas,
    comparisons,
)
from csprules.importers.police_uk.concentration import concentration, hotspots
from csprules.importers.police_uk.files import discover
from csprules.importers.police_uk.measures import (
    all_categories,
    monthly_counts,
    time_series,
    twelve_month_ends,
)
from csprules.importers.police_uk.model import Tables
from csprules.importers.police_uk.months import shift
from csprules.importers.police_uk.outcomes import outcome_mix
from csprules.importers.police_uk.population import read_populations
from csprules.importers.police_uk.read import read_files
from csprules.importers.police_uk.render import (
    indicators_csv,
    monthly_csv,
    observations_csv,
    partnership_yaml,
    sources_yaml,
    summary_json,
)
from csprules.importers.police_uk.rollup import Counts, roll_up
from csprules.importers.police_uk.unseen import unseen
from csprules.importers.police_uk.write import check_output, write_folder

SUMMARY_FILE = "police-uk-import.json"
MONTHLY_FILE = "police-uk-monthly.csv"


@dataclass(frozen=True)
class ImportResult:
    folder: Path
    area: str
    indicators: int
    observations: int
    summary: dict[str, object]


def import_police_uk(
    paths: list[str | Path],
    output: str | Path,
    *,
    area: str | None = None,
    lsoa_file: str | Path | None = None,
    population_file: str | Path | None = None,
    progress: bool = False,
) -> ImportResult:
    """Read police.uk monthly files (CSVs, folders, zips) and write an evidence folder.

    Rows outside the area, rows without a location and duplicate rows are
    counted in ``police-uk-import.json``, never silently dropped.  Raises
    :class:`~csprules.errors.EvidenceError` (bad files) or
    :class:`~csprules.errors.UsageError` (bad area, used output folder), having
    written nothing.
    """
    out = Path(output)
    check_output(out)
    with tempfile.TemporaryDirectory(prefix="csprules-police-uk-") as tmp:
        scratch = Path(tmp)
        found = discover([Path(p) for p in paths], [str(p) for p in paths], scratch)
        store = read_files(found.files, scratch, _bar if progress else None)
        chosen = choose_area(store, area, Path(lsoa_file) if lsoa_file else None,
                             str(lsoa_file) if lsoa_file else None)
        counts = roll_up(store, chosen)
        area_of_code = {str(c): str(a) for c, a in store.query(
            "SELECT DISTINCT code, area FROM lsoa_area WHERE code <> ''")}
        store.con.close()
    populations = (read_populations(Path(population_file), str(population_file))
                   if population_file else None)
    residents = area_populations(counts, populations, area_of_code) if populations else None
    tables = build_tables(counts, residents, populations.cited if populations else None)
    summary = _summary(counts, chosen.how, found.skipped, tables)
    latest = counts.months[-1]
    population = residents.get(counts.area) if residents else None
    files = {
        "partnership.yaml": partnership_yaml(
            counts.area, f"{shift(latest, 1)}-01", counts.months, len(counts.files),
            population, populations.cited if populations and population else None),
        "indicators.csv": indicators_csv(tables.indicators),
        "observations.csv": observations_csv(tables.observations),
        MONTHLY_FILE: monthly_csv(counts, _monthly(counts)),
        SUMMARY_FILE: summary_json(summary),
        "sources.yaml": sources_yaml(counts.files),
    }
    write_folder(out, files)
    return ImportResult(out, counts.area, len(tables.indicators), len(tables.observations),
                        summary)


def build_tables(counts: Counts, residents: dict[str, int] | None,
                 population_cited: str | None) -> Tables:
    tables = Tables([], [])
    areas = comparator_areas(counts)

    def add(part: tuple[list, list]) -> None:  # type: ignore[type-arg]
        tables.indicators.extend(part[0])
        tables.observations.extend(part[1])

    for category in all_categories():
        add(time_series(counts, category))
        if areas:
            add(comparisons(counts, category, areas, residents, population_cited))
        add(outcome_mix(counts, category))
        add(hotspots(counts, category))
    add(concentration(counts))
    ends = twelve_month_ends(counts)
    labels = {t.id: t.label for t in default_catalogue()}
    add(unseen(labels, ends[-1] if ends else counts.months[-1]))
    return tables


def _monthly(counts: Counts) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    for category in all_categories():
        for month, n in monthly_counts(counts, counts.area, category).items():
            out.append((category.name, month, n))
    return out


def _summary(counts: Counts, how: str, skipped: tuple[str, ...], tables: Tables
             ) -> dict[str, object]:
    f = counts.files
    return {
        "kind": "csprules/police-uk-import",
        "version": 1,
        "licence": "Contains public sector information licensed under the Open Government "
                   "Licence v3.0.",
        "area": counts.area,
        "area_chosen_by": how,
        "months": [counts.months[0], counts.months[-1]],
        "files_read": len(f),
        "files_skipped": list(skipped),
        "rows_read": sum(x.rows for x in f),
        "rows_in_area": sum(x.in_area for x in f),
        "rows_outside_area": sum(x.outside for x in f),
        "rows_without_location": sum(x.no_location for x in f),
        "duplicate_rows": sum(x.duplicates for x in f),
        "outside_area_by_area": dict(sorted(counts.outside_by_area.items())),
        "comparator_areas": comparator_areas(counts),
        "indicators": len(tables.indicators),
        "observations": len(tables.observations),
        "per_file": [
            {"file": x.name, "month": x.month, "rows": x.rows, "duplicates": x.duplicates,
             "without_location": x.no_location, "in_area": x.in_area,
             "outside_area": x.outside}
            for x in f
        ],
    }


def _bar(done: int, total: int, file: object) -> None:
    width = 30
    filled = width * done // total
    print(f"\rpolice.uk [{'#' * filled:<{width}}] {done}/{total} files", end="",
          file=sys.stderr, flush=True)
    if done == total:
        print(file=sys.stderr)
