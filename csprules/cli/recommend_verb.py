"""``csprules recommend PATH``: the meeting paper (Markdown, HTML, PDF) or its data."""

from __future__ import annotations

import argparse
from pathlib import Path

from csprules.assessment.assess import assess
from csprules.assessment.partner_weights import load_partner_weights
from csprules.assessment.workshop import load_workshop
from csprules.cli.common import (
    add_ruleset_option,
    decisions_for,
    emit,
    governance_for,
    load_inputs,
    parse_weights,
    ruleset_from,
)
from csprules.evidence.load import load_evidence
from csprules.report.render import DEFAULT_MARKING, FORMATS, choose_format, render


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "recommend",
        help="recommend priorities for an evidence folder or workbook",
        description="Score every candidate theme, select priorities, cross-cutting themes and "
        "a watch list, and explain each with the evidence behind it.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    add_ruleset_option(p)
    p.add_argument("--format", choices=list(FORMATS), default=None,
                   help="output format (default: from -o's extension, else md)")
    p.add_argument("--marking", default=DEFAULT_MARKING, metavar="TEXT",
                   help="protective marking printed on every page of the paper "
                   "(default: %(default)s)")
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
    p.add_argument("--workshop", metavar="FILE",
                   help="a scoring workshop's CSV (see 'csprules workshop'): its judgements "
                   "join the rule scores as a 'workshop' criterion (cap 10), and the paper "
                   "cites each one")
    p.add_argument("--workshop-weight", type=float, default=1.0, metavar="W",
                   help="weight of the workshop criterion (default: %(default)s)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Decided before any work: a conflict is a usage error, and nothing is written.
    fmt = choose_format(args.format, args.output)
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    weights = parse_weights(args.weight)
    last_year = None
    if args.since:
        before = load_evidence(args.since)
        last_year = (before, governance_for(args.since, before))
    partners = []
    if args.partner:
        criteria = list(ruleset.criteria)
        partners = [load_partner_weights(Path(f), criteria) for f in args.partner]
    workshop = None
    if args.workshop:
        workshop = load_workshop(Path(args.workshop), [t.id for t in evidence.themes],
                                 list(ruleset.criteria))
    assessment = assess(
        evidence, ruleset, governance, weights=weights, engine=args.engine,
        decisions=decisions_for(args.path), sensitivity_draws=args.sensitivity,
        last_year=last_year, against=ruleset_from(args.against) if args.against else None,
        partners=partners, workshop=workshop, workshop_weight=args.workshop_weight,
    )
    emit(render(assessment, fmt, marking=args.marking), args.output)
    return 0
