"""``csprules template FILE.xlsx``: an empty evidence workbook to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from csprules.errors import Location, Problem, UsageError
from csprules.evidence.folder import display_path
from csprules.sources.atomic import write_atomic


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "template", help="write an empty evidence workbook (.xlsx) to fill in",
        description="One sheet per evidence table, plus the governance sheets: headers "
        "with a note on each column, and drop-downs for themes, units, period kinds, "
        "directions, series, missing states, tiers and roles.  'csprules validate FILE' "
        "checks it once filled in.",
    )
    p.add_argument("output", metavar="FILE.xlsx", help="the workbook to write")
    p.add_argument("--force", action="store_true",
                   help="replace FILE if it exists (it may hold evidence already)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from csprules.report.evidence_workbook import template_workbook

    out = Path(args.output)
    shown = display_path(out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError([Problem(Location(shown), "expected a file name ending .xlsx")])
    if out.exists() and not args.force:
        raise UsageError([Problem(
            Location(shown), "the file exists and may hold evidence; template never "
            "overwrites it (choose another name, or pass --force)",
        )])
    write_atomic(out, template_workbook())
    print(f"{shown}: wrote an empty evidence workbook; fill it in, then run "
          f"'csprules validate {args.output}'")
    return 0
