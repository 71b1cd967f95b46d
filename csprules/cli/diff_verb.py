"""``csprules diff``: two rulesets or two weightings on the same evidence, or this year
against last year; each moved theme's score change decomposed into its causes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from csprules.assessment.partner_weights import load_partner_weights
from csprules.assessment.pipeline import evaluate_evidence
from csprules.assessment.ruleset_diff import diff_rulesets, render_diff
from csprules.assessment.year_diff import diff_years, render_year_diff
from csprules.cli.common import emit, governance_for, parse_weights, ruleset_from
from csprules.errors import UsageError
from csprules.evidence.load import load_evidence
from csprules.sources.suggest import did_you_mean


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff", help="compare two rulesets, or this year's evidence with last year's",
        description="With --against: the same evidence under --ruleset A and --against B.  "
        "With --weight or --weights: the ruleset's weights against these.  With --since: "
        "this year's evidence against last year's.  Only themes whose status, rank or score "
        "moved are listed, each move split into parts that add up to it (per rule fired, "
        "silenced or changed, per cap, per weight with its dilution of the others), and a "
        "status change names the threshold it crossed.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    p.add_argument("--ruleset", default="default", metavar="A")
    p.add_argument("--against", metavar="B", help="the other ruleset")
    p.add_argument("--since", metavar="LAST_YEAR", help="last year's evidence")
    p.add_argument("--weight", action="append", metavar="CRITERION=N",
                   help="compare with this weight (repeat for several criteria)")
    p.add_argument("--weights", metavar="FILE",
                   help="compare with a partner's weights file (kind: csprules/weights)")
    p.add_argument("--engine", default="auto", choices=["auto", "durable", "reference"])
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    reweighted = bool(args.weight) or args.weights is not None
    if args.since is not None and (args.against is not None or reweighted):
        raise UsageError("csprules diff: --since compares years under one ruleset and its "
                         "weights; it cannot be combined with --against, --weight or --weights")
    if args.since is None and args.against is None and not reweighted:
        raise UsageError("csprules diff: give --against B, --weight CRITERION=N, --weights "
                         "FILE or --since LAST_YEAR")
    evidence = load_evidence(args.path)
    governance = governance_for(args.path, evidence)
    ruleset = ruleset_from(args.ruleset)
    this = evaluate_evidence(evidence, ruleset, governance, engine=args.engine)
    if args.since is None:
        other = (evaluate_evidence(evidence, ruleset_from(args.against), governance,
                                   engine=args.engine) if args.against is not None else this)
        criteria = list(other.analysis.matrix.criteria)
        weights = (dict(load_partner_weights(Path(args.weights), criteria).weights)
                   if args.weights is not None else {})
        for name, value in parse_weights(args.weight).items():
            if name not in criteria:
                hint = did_you_mean(name, criteria)
                raise UsageError(f"--weight: unknown criterion '{name}'"
                                 + (f" (did you mean '{hint}'?)" if hint else "")
                                 + "; expected one of " + ", ".join(criteria))
            weights[name] = value
        diff = diff_rulesets(this, other, weights_after=weights or None)
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
