"""``csprules explain PATH THEME``: why a theme scored what it did, rule by rule, and what
single change would move it."""

from __future__ import annotations

import argparse
import json

from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import add_ruleset_option, emit, load_inputs
from csprules.errors import UsageError
from csprules.scoring.what_would_move import Lever, levers_for
from csprules.sources.suggest import did_you_mean


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "explain", help="show every rule that fired for one theme, with its evidence rows",
        description="List each contribution to THEME: rule id, criterion, points, the "
        "justification and the input rows (file:line) behind it; then what would move it: "
        "per criterion, the weights over which its status holds and the points that would "
        "flip it (exact, from the score matrix).",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    p.add_argument("theme", help="theme id (see csprules/data/themes.yaml)")
    add_ruleset_option(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    ids = [t.id for t in evidence.themes]
    if args.theme not in ids:
        hint = did_you_mean(args.theme, ids)
        raise UsageError(f"unknown theme '{args.theme}'"
                         + (f" (did you mean '{hint}'?)" if hint else ""))
    run_ = evaluate_evidence(evidence, ruleset, governance, engine=args.engine)
    recs = run_.recommendations()
    r = recs.get(args.theme)
    lever = levers_for(run_.analysis)[args.theme]
    if args.format == "json":
        data = {"recommendation": r.model_dump(mode="json"),
                "what_would_move": lever.model_dump(mode="json")}
        emit(json.dumps(data, indent=2, sort_keys=True) + "\n", args.output)
        return 0
    lines = [
        f"{r.label} ({r.theme}): rank {r.rank}, {r.status.value}, score {r.score:.1f} "
        f"({r.grade})" + (f", confidence {r.confidence:.0f}" if r.confidence is not None else ""),
    ]
    lines += [f"  because: {reason}" for reason in r.reasons]
    if r.owner is not None:
        lines.append(f"  owner: {r.owner.explanation}")
    lines.append("criteria:")
    for c in r.criteria:
        lines.append(f"  {c.criterion:<24} points {c.points:>7.2f}  score {c.score:.2f}  "
                     f"weight {c.weight:g}")
    lines.append("contributions:")
    if not r.justifications:
        lines.append("  (no rule fired)")
    for j in r.justifications:
        via = f" [fired for {j.theme}]" if j.theme != r.theme else ""
        lines.append(f"  {j.points:+.2f} {j.criterion} <- rule {j.rule}{via}: {j.text}")
        lines.append(f"      facts: {', '.join(j.facts)}")
        for e in j.evidence:
            lines.append(f"      row: {e}")
    lines += lever_lines(lever)
    emit("\n".join(lines) + "\n", args.output)
    return 0


def lever_lines(lever: Lever) -> list[str]:
    """What would move the theme: its weight intervals and score changes, as text."""
    lines = [f"what would move it: {lever.nearest}",
             f"  weights over which it stays {lever.status} (every other weight held):"]
    for v in lever.weights:
        high = "any higher" if v.high is None else f"{v.high:.4g} (then {v.above})"
        low = f"{v.low:.4g}" + (f" (below: {v.below})" if v.below else "")
        lines.append(f"    {v.criterion:<24} now {v.weight:<5g} holds from {low} to {high}")
    lines.append("  points that would flip it (every other theme held):")
    for c in lever.scores:
        gain = (f"+{c.gain:.3g} -> {c.gain_status}" if c.gain is not None
                else "no gain up to the cap flips it")
        loss = (f"-{c.loss:.3g} -> {c.loss_status}" if c.loss is not None
                else "no loss flips it")
        lines.append(f"    {c.criterion:<24} now {c.points:g}/{c.cap:g}: {gain}; {loss}")
    return lines
