"""``csprules init FOLDER``: a new evidence folder of commented templates."""

from __future__ import annotations

import argparse
from pathlib import Path

from csprules.evidence.folder import display_path
from csprules.evidence.scaffold import scaffold


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "init", help="start an evidence folder from commented templates",
        description="Write partnership.yaml, indicators.csv, observations.csv, "
        "consultation.yaml, drivers.yaml, governance.yaml and a README into a new or empty "
        "folder (never over existing files).  Then fill them in and run "
        "'csprules validate FOLDER'.",
    )
    p.add_argument("folder", help="the folder to create (it may exist, if empty)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    shown = display_path(folder)
    names = scaffold(folder, shown)
    print(f"{shown}: created {', '.join(names)}")
    print(f"next: fill in partnership.yaml (name, area, assessment_date), then run "
          f"'csprules validate {args.folder}'")
    return 0
