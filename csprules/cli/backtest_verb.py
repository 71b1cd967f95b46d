"""``csprules backtest PATH...``: recommended against actually chosen priorities."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from csprules.assessment.backtest import backtest_one, format_report, load_actual
from csprules.cli.common import add_ruleset_option, emit, governance_for, ruleset_from
from csprules.errors import UsageError
from csprules.evidence.load import load_evidence


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "backtest", help="compare recommendations with what partnerships actually chose",
        description="For each example folder (with actual.yaml), recall and precision at "
        "k = number actually chosen + 2, and the reason for each miss.  The last line is "
        "'overall recall <r> precision <p>'.  Ties at the boundary count by their expected "
        "share, never by theme id; auc is the rank-aware measure over the whole ranking.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="example folders")
    add_ruleset_option(p)
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--baselines", action="store_true",
                   help="also score naive strategies (random, volume, concern, drivers, previous) "
                   "and print the ruleset's lift over the best of them")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = ruleset_from(args.ruleset)
    results = []
    # A folder with no actual.yaml (an imported area, say) has nothing to test against:
    # skipped and said so, unless nothing is left to back-test.
    paths = [p for p in args.paths
             if not Path(p).is_dir() or os.path.lexists(Path(p) / "actual.yaml")]
    skipped = [p for p in args.paths if p not in paths]
    if skipped and not paths:
        raise UsageError("backtest: no folder given has an actual.yaml (what the partnership "
                         "chose); found none in " + ", ".join(skipped))
    for path in skipped:
        print(f"skipped {path}: no actual.yaml to test against", file=sys.stderr)
    for i, path in enumerate(paths, start=1):
        if sys.stderr.isatty():
            print(f"\r[{i}/{len(paths)}] {path}", end="", file=sys.stderr, flush=True)
        evidence = load_evidence(path)
        actual = load_actual(Path(path), {t.id for t in evidence.themes})
        governance = governance_for(path, evidence)
        results.append(backtest_one(path, evidence, ruleset, governance, actual))
    if sys.stderr.isatty():
        print(file=sys.stderr)
    emit(format_report(results, baselines=args.baselines), args.output)
    return 0
