"""``csprules sensitivity PATH``: how robust the ranking is to the weights."""

from __future__ import annotations

import argparse
import json

from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import add_ruleset_option, emit, load_inputs
from csprules.scoring.robustness import SensitivityResult
from csprules.scoring.sensitivity import simulate


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sensitivity", help="Monte Carlo robustness of the ranking to the criterion weights",
        description="Draw weights around the ruleset's (Dirichlet with a concentration, or "
        "uniform +-PCT%), re-score without re-firing rules, and report per theme the "
        "probability of being a priority, the median rank and the 5-95% rank interval.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    add_ruleset_option(p)
    p.add_argument("--draws", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--concentration", type=float, default=50.0,
                   help="Dirichlet concentration: larger stays closer to the ruleset weights")
    p.add_argument("--uniform", type=float, metavar="PCT",
                   help="instead draw each weight uniformly within +-PCT%% of the ruleset's")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    analysis = evaluate_evidence(evidence, ruleset, governance, engine=args.engine).analysis
    result = simulate(analysis, args.draws, seed=args.seed, concentration=args.concentration,
                      spread_pct=args.uniform)
    emit(render(result) if args.format == "text" else
         json.dumps(result.model_dump(mode="json"), indent=2, sort_keys=True) + "\n",
         args.output)
    return 0


def render(result: SensitivityResult) -> str:
    how = (f"Dirichlet, concentration {result.concentration:g}" if result.method == "dirichlet"
           else f"uniform +-{result.spread_pct:g}%")
    lines = [f"{result.draws} weight draws ({how}), seed {result.seed}",
             f"{'theme':<28} {'P(priority)':>11} {'median rank':>11} {'5-95% ranks':>12}"]
    for t in result.themes:
        if t.p_priority == 0 and t.median_rank > 15:
            continue
        flag = "  <- flips easily" if t.flips else ""
        lines.append(f"{t.theme:<28} {t.p_priority:>11.3f} {t.median_rank:>11g} "
                     f"{t.rank_p05:>5g}-{t.rank_p95:<6g}{flag}")
    flipping = result.flipping
    lines.append("themes whose status flips easily: "
                 + (", ".join(t.theme for t in flipping) if flipping else "none"))
    return "\n".join(lines) + "\n"
