"""The evidence folder's files as text: sorted, so the same input gives the same bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from csprules.importers.police_uk.cite import DOCUMENT, SOURCE_URL
from csprules.importers.police_uk.model import IndicatorRow, ObservationRow
from csprules.importers.police_uk.rollup import Counts, FileStats

INDICATOR_COLUMNS = ("id", "label", "themes", "unit", "per", "period_kind", "direction",
                     "total_of", "harm_class", "flags", "notes", "cited")
OBSERVATION_COLUMNS = ("indicator", "series", "area", "period", "base_period", "value", "of",
                       "note", "cited")
_SERIES_ORDER = {"actual": 0, "comparator": 1, "rank": 2}


def _table(header: str, columns: tuple[str, ...], rows: list[list[str]]) -> str:
    out = io.StringIO()
    out.write(header + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}" if not value.is_integer() else str(int(value))
    if isinstance(value, tuple):
        return ";".join(value)
    return str(value)


def indicators_csv(rows: list[IndicatorRow]) -> str:
    body = [[_cell(getattr(r, c)) for c in INDICATOR_COLUMNS] for r in sorted(rows,
                                                                            key=lambda r: r.id)]
    return _table("# csprules indicators 1", INDICATOR_COLUMNS, body)


def observations_csv(rows: list[ObservationRow]) -> str:
    def key(o: ObservationRow) -> tuple[str, int, str, str]:
        return (o.indicator, _SERIES_ORDER.get(o.series, 9), o.area or "", o.period)

    body = [[_cell(getattr(o, c, None)) for c in OBSERVATION_COLUMNS]
            for o in sorted(rows, key=key)]
    return _table("# csprules observations 1", OBSERVATION_COLUMNS, body)


def _yaml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def partnership_yaml(area: str, assessment_date: str, months: tuple[str, ...], files: int,
                     population: int | None, population_cited: str | None) -> str:
    source = f"{DOCUMENT} ({months[0]}..{months[-1]}: {files} files)"
    lines = [
        "kind: csprules/partnership",
        "version: 1",
        "# Written by `csprules import police-uk`: the evidence is police.uk street-level",
        "# crime and ASB.  Contains public sector information licensed under the Open",
        "# Government Licence v3.0.",
        "partnership:",
        f"  name: {_yaml_text(area + ' Community Safety Partnership')}",
        f"  area: {_yaml_text(area)}",
        f"  assessment_date: {assessment_date}",
    ]
    if population is not None:
        lines += [f"  population: {population}",
                  f"  population_cited: {_yaml_text(population_cited or '')}"]
    lines += [
        f"  cited: {_yaml_text(source)}",
        "catalogue: default",
    ]
    return "\n".join(lines) + "\n"


def monthly_csv(counts: Counts, table: list[tuple[str, str, int]]) -> str:
    """``police-uk-monthly.csv``: our area's count per category and month, with its file."""
    files = {f.month: sorted(g.name for g in counts.files if g.month == f.month)
             for f in counts.files}
    rows = [[category, month, str(n), " ".join(files.get(month, []))]
            for category, month, n in sorted(table)]
    return _table("# csprules police-uk-monthly 1", ("category", "month", "count", "files"),
                  rows)


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
        f"    title: {_yaml_text(title)}",
        "    publisher: data.police.uk",
        f"    url: {SOURCE_URL}",
    ]) + "\n"


def summary_json(summary: dict[str, object]) -> str:
    return json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
