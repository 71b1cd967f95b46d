"""``csprules validate PATH|RULESET``: check inputs and print every problem found."""

from __future__ import annotations

import argparse
from pathlib import Path

from csprules.assessment.backtest import load_actual
from csprules.cli.common import governance_for, ruleset_from
from csprules.errors import Problem, RulesetError, UsageError
from csprules.evidence.input_path import folder_file
from csprules.evidence.load import load_evidence
from csprules.governance import load_governance, require_acyclic
from csprules.rules import run_cases
from csprules.sources.yaml_file import load_yaml


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate", help="validate evidence, a ruleset or a governance file",
        description="Evidence folders and workbooks are checked whole (with their "
        "governance.yaml); a ruleset is linted and every rule's cases are run.  All problems "
        "are printed, not just the first; the exit code is non-zero if there are any.",
    )
    p.add_argument("path", help="evidence folder, .xlsx workbook, ruleset or governance YAML")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.is_dir() or path.suffix.lower() == ".xlsx":
        evidence = load_evidence(path)
        governance = governance_for(args.path, evidence)
        # Everything recommend and backtest will read is checked here, actual.yaml included.
        actual = (load_actual(path, {t.id for t in evidence.themes})
                  if path.is_dir() and folder_file(path, "actual.yaml") is not None else None)
        obs = sum(len(i.observations) for i in evidence.indicators)
        print(f"{args.path}: OK: {len(evidence.indicators)} indicators, {obs} observations, "
              f"{len(evidence.consultations)} consultations, {len(evidence.drivers)} drivers"
              + (f", {len(governance.groups)} governance groups" if governance else "")
              + (f", {len(actual.themes())} themes actually chosen" if actual else ""))
        return 0
    if path.suffix.lower() not in (".yaml", ".yml") and args.path != "default":
        raise UsageError(f"{args.path}: expected an evidence folder, .xlsx, or a YAML file")
    kind = "csprules/ruleset" if args.path == "default" else _kind(path)
    if kind == "csprules/governance":
        governance = require_acyclic(load_governance(path))
        print(f"{args.path}: OK: {len(governance.groups)} groups")
        return 0
    if kind != "csprules/ruleset":
        raise UsageError(f"{args.path}: expected kind csprules/ruleset or csprules/governance; "
                         f"found {kind!r}")
    ruleset = ruleset_from(args.path)
    results = run_cases(ruleset)
    failed = [r for r in results if not r.passed]
    for r in failed:
        print(str(r))
    if failed:
        raise RulesetError(f"{args.path}: {len(failed)} of {len(results)} rule cases failed")
    print(f"{args.path}: OK: {len(ruleset.rules)} rules, {len(results)} cases passed")
    return 0


def _kind(path: Path) -> str | None:
    doc = load_yaml(path, str(path), RulesetError)
    if not isinstance(doc.data, dict):
        raise UsageError([Problem(
            doc.location(()), "expected a YAML mapping with kind csprules/ruleset or "
            f"csprules/governance; found a {_yaml_type(doc.data)}",
        )])
    kind = doc.data.get("kind")
    return kind if isinstance(kind, str) else None


def _yaml_type(value: object) -> str:
    return "list" if isinstance(value, list) else "plain value"
