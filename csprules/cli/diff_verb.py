"""``csprules diff``: two rulesets on the same evidence, or this year against last year."""

from __future__ import annotations

import argparse
import json

from csprules.assessment.pipeline import evaluate_evidence
from csprules.assessment.ruleset_diff import diff_rulesets, render_diff
from csprules.assessment.year_diff import diff_years, render_year_diff
from csprules.cli.common import emit, governance_for, ruleset_from
from csprules.errors import UsageError
from csprules.evidence.load import load_evidence


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff", help="compare two rulesets, or this year's evidence with last year's",
        description="With --against: the same evidence under --ruleset A and --against B, "
        "and for each theme that moved the rules (added, removed, changed) responsible.  "
        "With --since: what changed in the evidence and the recommendations since last year.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    p.add_argument("--ruleset", default="default", metavar="A")
    p.add_argument("--against", metavar="B", help="the other ruleset")
    p.add_argument("--since", metavar="LAST_YEAR", help="last year's evidence")
    p.add_argument("--engine", default="auto", choices=["auto", "durable", "reference"])
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if (args.against is None) == (args.since is None):
        raise UsageError("csprules diff: give exactly one of --against B or --since LAST_YEAR")
    evidence = load_evidence(args.path)
    governance = governance_for(args.path, evidence)
    ruleset = ruleset_from(args.ruleset)
    this = evaluate_evidence(evidence, ruleset, governance, engine=args.engine)
    if args.against is not None:
        other = evaluate_evidence(evidence, ruleset_from(args.against), governance,
                                  engine=args.engine)
        diff = diff_rulesets(this, other)
        text, data = render_diff(diff), diff.model_dump(mode="json")
    else:
        before = load_evidence(args.since)
        last = evaluate_evidence(before, ruleset, governance_for(args.since, before),
                                 engine=args.engine)
        year = diff_years(this, last)
        text, data = render_year_diff(year), year.model_dump(mode="json")
    if args.format == "json":
        text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    emit(text, args.output)
    return 0
