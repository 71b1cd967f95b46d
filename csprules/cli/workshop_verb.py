"""``csprules workshop PATH --scores FILE``: a scoring workshop's judgements, aggregated,
and what they change once they join the rule scores as a criterion of their own."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from csprules.assessment.pipeline import evaluate_evidence
from csprules.assessment.ruleset_diff import diff_rulesets, render_diff
from csprules.assessment.workshop import load_workshop, render_workshop, with_workshop
from csprules.cli.common import add_ruleset_option, emit, load_inputs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "workshop", help="a scoring workshop's judgements: medians, disagreement, effect",
        description="Reads a workshop CSV (# csprules workshop 1: partner, theme, criterion, "
        "score 0-10, note), shows each theme's median judgement per criterion with the "
        "lowest and highest and who gave them, where partners disagree most, and what the "
        "workshop changes when it joins the rule scores as a 'workshop' criterion (cap 10, "
        "weight --workshop-weight), each move split into parts that add up to it.  "
        "'csprules recommend PATH --workshop FILE' puts the same scores in the paper.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    p.add_argument("--scores", required=True, metavar="FILE", help="the workshop CSV")
    p.add_argument("--workshop-weight", type=float, default=1.0, metavar="W")
    add_ruleset_option(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    run_ = evaluate_evidence(evidence, ruleset, governance, engine=args.engine)
    workshop = load_workshop(Path(args.scores), [t.id for t in evidence.themes],
                             list(ruleset.criteria))
    joined = with_workshop(run_, workshop, args.workshop_weight)
    diff = diff_rulesets(run_, joined)
    if args.format == "json":
        text = json.dumps({"workshop": workshop.model_dump(mode="json"),
                           "moves": diff.model_dump(mode="json")["moves"]},
                          indent=2, sort_keys=True) + "\n"
    else:
        text = (render_workshop(workshop) + f"with the workshop as a criterion (weight "
                f"{args.workshop_weight:g}):\n" + render_diff(diff).split("\n", 1)[1])
    emit(text, args.output)
    return 0
