"""``csprules explain PATH THEME``: why a theme scored what it did, rule by rule."""

from __future__ import annotations

import argparse

from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import add_ruleset_option, emit, load_inputs
from csprules.errors import UsageError
from csprules.sources.suggest import did_you_mean


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "explain", help="show every rule that fired for one theme, with its evidence rows",
        description="List each contribution to THEME: rule id, criterion, points, the "
        "justification and the input rows (file:line) behind it.",
    )
    p.add_argument("path", help="evidence folder or .xlsx workbook")
    p.add_argument("theme", help="theme id (see csprules/data/themes.yaml)")
    add_ruleset_option(p)
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    ids = [t.id for t in evidence.themes]
    if args.theme not in ids:
        hint = did_you_mean(args.theme, ids)
        raise UsageError(f"unknown theme '{args.theme}'"
                         + (f" (did you mean '{hint}'?)" if hint else ""))
    recs = evaluate_evidence(evidence, ruleset, governance, engine=args.engine).recommendations()
    r = recs.get(args.theme)
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
    emit("\n".join(lines) + "\n", args.output)
    return 0
