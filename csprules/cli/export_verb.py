"""``csprules export EVIDENCE --format xlsx -o FILE``: evidence as one workbook."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from csprules.cli.common import governance_source
from csprules.errors import Location, Problem, UsageError
from csprules.evidence.folder import display_path
from csprules.evidence.load import load_evidence
from csprules.governance import load_governance
from csprules.sources.atomic import write_atomic


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export", help="write evidence (folder or workbook) as one .xlsx workbook",
        description="Write every table of the evidence, and its governance, as the sheets "
        "of the workbook 'csprules template' makes.  Loading the workbook back gives the "
        "same signals; the same evidence always gives the same bytes.",
    )
    p.add_argument("evidence", help="evidence folder or .xlsx workbook")
    p.add_argument("--format", choices=["xlsx"], default="xlsx")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", required=True,
                   help="the workbook to write (never one of the inputs)")
    p.add_argument("--governance", metavar="FILE",
                   help="governance.yaml or a workbook with governance sheets (default: the "
                   "evidence's own)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from csprules.report.evidence_workbook import evidence_workbook

    out = Path(args.output)
    shown = display_path(out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError([Problem(Location(shown), "expected a file name ending .xlsx")])
    source = Path(args.evidence)
    gov_path = Path(args.governance) if args.governance else governance_source(source)
    for given in (source, gov_path):
        if given is not None and out.exists() and given.exists() and os.path.samefile(out, given):
            raise UsageError([Problem(
                Location(shown), f"expected an output other than the input "
                f"{display_path(given)}; export never overwrites its inputs",
            )])
    evidence = load_evidence(source)
    governance = (
        load_governance(gov_path, themes={t.id for t in evidence.themes})
        if gov_path is not None else None
    )
    write_atomic(out, evidence_workbook(evidence, governance, display=shown))
    obs = sum(len(i.observations) for i in evidence.indicators)
    print(f"{shown}: wrote {len(evidence.indicators)} indicators, {obs} observations, "
          f"{len(evidence.consultations)} consultations, {len(evidence.drivers)} drivers"
          + (f", {len(governance.groups)} governance groups" if governance else ""))
    return 0
