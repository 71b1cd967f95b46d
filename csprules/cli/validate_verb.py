"""``csprules validate PATH|RULESET``: check inputs and print every problem found."""

from __future__ import annotations

import argparse
from pathlib import Path

from csprules.assessment.backtest import load_actual
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import governance_for, ruleset_from
from csprules.errors import Problem, RulesetError, UsageError
from csprules.evidence.input_path import folder_file
from csprules.evidence.load import load_evidence
from csprules.governance import load_governance, require_acyclic
from csprules.rules import Ruleset, run_cases
from csprules.rules.lint import lint_warnings, warning_text
from csprules.sources.yaml_file import load_yaml


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate", help="validate evidence, a ruleset or a governance file",
        description="Evidence folders and workbooks are checked whole (with their "
        "governance.yaml); a ruleset is linted and every rule's cases are run.  All problems "
        "are printed, not just the first; the exit code is non-zero if there are any.  "
        "Warnings (a branch of 'any' that can never match or that another covers; with "
        "--examples, rules that fire on none of the examples) are printed too, and do not "
        "change the exit code.",
    )
    p.add_argument("path", help="evidence folder, .xlsx workbook, ruleset or governance YAML")
    p.add_argument("--examples", nargs="*", metavar="FOLDER", default=None,
                   help="for a ruleset: run it on these evidence folders (none named: the "
                   "shipped examples) and warn about rules that fire on none of them")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.is_dir() or path.suffix.lower() == ".xlsx":
        if args.examples is not None:
            raise UsageError(f"--examples: expected a ruleset to run on the examples; found "
                             f"evidence {args.path!r}")
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
    if kind == "csprules/governance" and args.examples is not None:
        raise UsageError(f"--examples: expected a ruleset to run on the examples; found "
                         f"governance {args.path!r}")
    if kind == "csprules/governance":
        governance = require_acyclic(load_governance(path))
        print(f"{args.path}: OK: {len(governance.groups)} groups")
        return 0
    if kind != "csprules/ruleset":
        raise UsageError(f"{args.path}: expected kind csprules/ruleset or csprules/governance; "
                         f"found {kind!r}")
    ruleset = ruleset_from(args.path)
    warnings = lint_warnings(ruleset)
    for w in warnings:
        print(warning_text(w))
    if args.examples is not None:
        folders = [Path(f) for f in args.examples] or shipped_examples()
        silent = rules_firing_nowhere(ruleset, folders)
        for rule_id in silent:
            print(warning_text(Problem(
                ruleset.locate(f"rule:{rule_id}", ("id",)),
                "expected to fire on at least one of the examples; found it fires on none",
                rule_id=rule_id)))
        enabled = len(ruleset.enabled_rules)
        print(f"{args.path}: {enabled - len(silent)} of {enabled} enabled rules fire on at "
              f"least one of {len(folders)} examples ({', '.join(_shown(f) for f in folders)})")
    results = run_cases(ruleset)
    failed = [r for r in results if not r.passed]
    for r in failed:
        print(str(r))
    if failed:
        raise RulesetError(f"{args.path}: {len(failed)} of {len(results)} rule cases failed")
    print(f"{args.path}: OK: {len(ruleset.rules)} rules, {len(results)} cases passed")
    return 0


def shipped_examples() -> list[Path]:
    """The example evidence folders shipped beside the package, in name order."""
    root = Path(__file__).resolve().parents[2] / "examples"
    if not root.is_dir():
        raise UsageError("--examples: expected the shipped examples beside the package; found "
                         "none: name the evidence folders to run the ruleset on")
    return sorted(p for p in root.iterdir() if (p / "partnership.yaml").is_file())


def rules_firing_nowhere(ruleset: Ruleset, folders: list[Path]) -> list[str]:
    """Ids of the enabled rules that contribute on none of the evidence ``folders``."""
    fired: set[str] = set()
    for folder in folders:
        if not folder.is_dir() and folder.suffix.lower() != ".xlsx":
            raise UsageError(f"--examples: expected an evidence folder or .xlsx workbook; "
                             f"found {str(folder)!r}")
        evidence = load_evidence(folder)
        run_ = evaluate_evidence(evidence, ruleset, governance_for(str(folder), evidence))
        fired |= {c.rule_id for cs in run_.analysis.matrix.contributions.values() for c in cs}
    return [r.id for r in ruleset.enabled_rules if r.id not in fired]


def _shown(folder: Path) -> str:
    """A folder as the user would type it: relative to here when it is below here."""
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(folder)


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
