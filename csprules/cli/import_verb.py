"""``csprules import police-uk PATH... --area NAME -o FOLDER``: open data in as evidence."""

from __future__ import annotations

import argparse
import sys

from csprules.importers.police_uk import import_police_uk


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import open data as an evidence folder",
                       description="Turn published open data into a complete evidence folder.")
    sources = p.add_subparsers(dest="source", metavar="SOURCE")
    sources.required = True
    pu = sources.add_parser(
        "police-uk", help="police.uk street-level crime and ASB (monthly files, folders, zips)",
        description="Read police.uk monthly street-level files (YYYY-MM-<force>-street.csv, "
        "folders of them, or downloaded zip archives), select the area by LSOA and write "
        "partnership.yaml, indicators.csv, observations.csv, police-uk-monthly.csv and "
        "police-uk-import.json (rows outside the area, without location, duplicated).",
    )
    pu.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or .zip archives")
    pu.add_argument("--area", metavar="NAME",
                    help="local authority: LSOAs whose name starts with NAME (e.g. "
                    "'City of London'); needed when the files come from several forces")
    pu.add_argument("--lsoa-file", metavar="FILE",
                    help="the area as a file of LSOA codes, one a line")
    pu.add_argument("--population", metavar="FILE",
                    help="LSOA populations (docs/police-uk.md) for rates per 1,000")
    pu.add_argument("-o", "--output", required=True, metavar="FOLDER",
                    help="new evidence folder (must not exist, or be empty)")
    pu.add_argument("--progress", action="store_true",
                    help="show a progress bar on stderr even when it is not a terminal")
    pu.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = import_police_uk(
        args.paths, args.output, area=args.area, lsoa_file=args.lsoa_file,
        population_file=args.population, progress=args.progress or sys.stderr.isatty(),
    )
    s = result.summary
    print(f"{result.folder}: {result.area}: {result.indicators} indicators, "
          f"{result.observations} observations from {s['files_read']} files, "
          f"{s['rows_read']:,} rows: {s['rows_in_area']:,} in the area, "
          f"{s['rows_outside_area']:,} outside it, {s['rows_without_location']:,} without "
          f"location, {s['duplicate_rows']:,} duplicates (details in police-uk-import.json)")
    return 0
