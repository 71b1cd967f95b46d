"""``csprules weights PATH --partner FILE...``: each partner's weights, combined."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from csprules.assessment.partner_weights import combine, load_partner_weights, render_group
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import add_ruleset_option, emit, load_inputs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "weights", help="recommendations under each partner agency's weights",
        description="Each partner supplies a weights file (kind: csprules/weights).  Shows "
        "the priorities under each partner's weights, under the mean and median weights, "
        "which themes all partners agree on, and the criteria they disagree on most.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    p.add_argument("--partner", action="append", required=True, metavar="FILE",
                   help="a partner's weights file (repeat for each partner)")
    add_ruleset_option(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    evaluated = evaluate_evidence(evidence, ruleset, governance, engine=args.engine)
    criteria = list(evaluated.analysis.matrix.criteria)
    partners = [load_partner_weights(Path(f), criteria) for f in args.partner]
    result = combine(evaluated, partners)
    emit(render_group(result) if args.format == "text" else
         json.dumps(result.model_dump(mode="json"), indent=2, sort_keys=True) + "\n",
         args.output)
    return 0
