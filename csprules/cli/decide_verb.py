"""``csprules decide PATH THEME DECISION``: record the meeting's decision on a theme."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from csprules.assessment.decide import record_decision
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import add_ruleset_option, load_inputs
from csprules.errors import UsageError
from csprules.evidence.decisions import Decision, DecisionEntry


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "decide", help="record the meeting's decision on one theme (decisions.yaml)",
        description="Adds or replaces the decision on THEME in PATH/decisions.yaml (written "
        "atomically, beside the evidence), with the status csprules recommended beside it.  "
        "The next 'recommend' on PATH lists the decisions and any departures; next year's "
        "partnership.yaml can read it as previous priorities.  A shipped example folder is "
        "refused (copy it first) unless --force.",
    )
    p.add_argument("path", help="evidence folder")
    p.add_argument("theme")
    p.add_argument("decision", choices=[d.value for d in Decision])
    p.add_argument("--rationale", required=True)
    p.add_argument("--by", required=True, help="who decided (the meeting, a chair)")
    p.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")
    p.add_argument("--amended-to", choices=["priority", "cross_cutting", "watch"])
    p.add_argument("--force", action="store_true",
                   help="write even into a shipped example folder (normally refused)")
    add_ruleset_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.path)
    if not folder.is_dir():
        raise UsageError(f"{args.path}: expected an evidence folder")
    shipped = shipped_root(folder)
    if shipped is not None and not args.force:
        raise UsageError(
            f"{args.path}: this is one of csprules' shipped examples ({shipped}); a decision "
            "would change the example for everyone.  Copy the folder and decide there "
            f"(cp -r {args.path} my-partnership), or pass --force")
    evidence, ruleset, governance = load_inputs(args.path, args.ruleset)
    if args.theme not in {t.id for t in evidence.themes}:
        raise UsageError(f"unknown theme '{args.theme}'")
    try:
        day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise UsageError(f"--date: expected YYYY-MM-DD; found {args.date!r}") from None
    recs = evaluate_evidence(evidence, ruleset, governance, engine=args.engine).recommendations()
    entry = DecisionEntry(theme=args.theme, decision=Decision(args.decision),
                          rationale=args.rationale, date=day, by=args.by,
                          amended_to=args.amended_to)
    record = record_decision(folder / "decisions.yaml", recs, entry)
    print(f"{folder / 'decisions.yaml'}: {len(record.decisions)} decisions recorded")
    return 0


def shipped_root(folder: Path) -> Path | None:
    """The shipped folder (the package, or the examples beside it) that holds ``folder``."""
    package = Path(__file__).resolve().parents[1]
    target = folder.resolve()
    for root in (package, package.parent / "examples"):
        if root.is_dir() and target.is_relative_to(root):
            return root
    return None
