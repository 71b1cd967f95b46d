"""``csprules recommend PATH``: the meeting paper (Markdown, HTML) or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from csprules.analyst.group_weights import combine, load_partner_weights
from csprules.analyst.ruleset_diff import diff_rulesets
from csprules.analyst.year_diff import diff_years
from csprules.cli.common import (
    add_ruleset_option,
    decisions_for,
    emit,
    governance_for,
    load_inputs,
    parse_weights,
    ruleset_from,
)
from csprules.errors import UsageError
from csprules.evidence.load import load_evidence
from csprules.recommend import evaluate_evidence
from csprules.report.render import render
from csprules.scoring.sensitivity import simulate


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "recommend",
        help="recommend priorities for an evidence folder or workbook",
        description="Score every candidate theme, select priorities, cross-cutting themes and "
        "a watch list, and explain each with the evidence behind it.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    add_ruleset_option(p)
    p.add_argument("--format", choices=["md", "html", "json", "csv", "xlsx"], default="md")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout"
    )
    p.add_argument(
        "--weight",
        action="append",
        metavar="CRITERION=W",
        help="override one criterion weight (repeatable)",
    )
    p.add_argument("--sensitivity", type=int, default=0, metavar="DRAWS",
                   help="add a robustness section: DRAWS Monte Carlo weight draws (seed 0)")
    p.add_argument("--since", metavar="LAST_YEAR",
                   help="add a section on what changed since last year's evidence")
    p.add_argument("--against", metavar="RULESET",
                   help="add a section on what another ruleset would change, rule by rule")
    p.add_argument("--partner", action="append", metavar="FILE",
                   help="add a section with each partner's weights (repeatable)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    weights = parse_weights(args.weight)
    unknown = sorted(set(weights) - set(ruleset.criteria))
    if unknown:
        raise UsageError(
            f"--weight: unknown criterion '{unknown[0]}'; expected one of "
            + ", ".join(ruleset.criteria)
        )
    evaluated = evaluate_evidence(evidence, ruleset, governance, engine=args.engine,
                                  decisions=decisions_for(args.path))
    robustness = None
    if args.sensitivity:
        robustness = simulate(evaluated.analysis, args.sensitivity, seed=0)
    changes = None
    if args.since:
        last = evaluate_evidence(load_evidence(args.since), ruleset, governance_for(args.since),
                                 engine=args.engine)
        changes = diff_years(evaluated, last)
    ruleset_diff = None
    if args.against:
        other = evaluate_evidence(evidence, ruleset_from(args.against), governance,
                                  engine=args.engine)
        ruleset_diff = diff_rulesets(evaluated, other)
    partner_weights = None
    if args.partner:
        criteria = list(evaluated.analysis.matrix.criteria)
        partner_weights = combine(
            evaluated, [load_partner_weights(Path(f), criteria) for f in args.partner])
    emit(render(evaluated, args.format, weights, robustness=robustness, changes=changes,
                ruleset_diff=ruleset_diff, partner_weights=partner_weights), args.output)
    return 0
