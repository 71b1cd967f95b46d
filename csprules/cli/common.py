"""Helpers shared by the verbs: loading inputs the same way, writing outputs safely."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from csprules.errors import GovernanceError, UsageError
from csprules.evidence.decisions import DecisionRecord, load_decisions
from csprules.evidence.evidence import Evidence
from csprules.evidence.folder import display_path
from csprules.evidence.input_path import folder_file
from csprules.evidence.load import load_evidence
from csprules.governance import Governance, load_governance, require_acyclic
from csprules.governance.workbook_reader import workbook_has_governance
from csprules.report.hygiene import visible
from csprules.rules import Ruleset, load_ruleset
from csprules.rules.extends import DEFAULT_RULESET
from csprules.rules.scoring_config import MAX_WEIGHT
from csprules.sources.atomic import write_atomic


def add_ruleset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ruleset", default="default", metavar="R",
        help="ruleset file, or 'default' for the shipped one (default: %(default)s)",
    )
    parser.add_argument(
        "--engine", default="auto", choices=["auto", "durable", "reference"],
        help="rules engine: durable-rules' C engine, or the pure-Python reference evaluator",
    )


def ruleset_from(name: str) -> Ruleset:
    """``default`` is the shipped ruleset; anything else is a path."""
    return load_ruleset(DEFAULT_RULESET if name == "default" else name)


def load_inputs(path: str, ruleset: str) -> tuple[Evidence, Ruleset, Governance | None]:
    evidence = load_evidence(path)
    rules = ruleset_from(ruleset)
    return evidence, rules, governance_for(path, evidence)


def decisions_for(path: str) -> DecisionRecord | None:
    folder = Path(path)
    if not folder.is_dir():
        return None
    record = folder_file(folder, "decisions.yaml")
    return load_decisions(record) if record is not None else None


def governance_for(path: str, evidence: Evidence | None = None) -> Governance | None:
    """The evidence's governance, checked the same way by every verb (``validate`` too).

    Ownership may name only the evidence's theme ids, and reporting lines may not
    loop: either is a located :class:`GovernanceError`, never a theme silently unowned.
    """
    source = governance_source(path)
    if source is None:
        return None
    if evidence is None:
        evidence = load_evidence(path)
    themes = {t.id for t in evidence.themes}
    return require_acyclic(load_governance(source, themes=themes))


def governance_source(path: str | Path) -> Path | None:
    """The evidence's governance: a folder's governance.yaml, or a workbook's governance sheets."""
    p = Path(path)
    if p.is_dir():
        return folder_file(p, "governance.yaml", error=GovernanceError)
    if p.is_file() and p.suffix.lower() == ".xlsx" and workbook_has_governance(
        p, display_path(p)
    ):
        return p
    return None


def emit(text: str | bytes, output: str | None) -> None:
    """Print, or write the whole file atomically (never half a file)."""
    if output is None or output == "-":
        if isinstance(text, bytes):
            raise UsageError("this format is binary: write it to a file with -o FILE")
        # A terminal must never receive raw control or bidi characters from evidence text.
        sys.stdout.write(visible(text))
        return
    write_atomic(output, text)


def parse_weights(items: list[str] | None) -> dict[str, float]:
    weights: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not sep or not name or not 0 <= number <= MAX_WEIGHT:
            raise UsageError(f"--weight: expected CRITERION=NUMBER (0 to {MAX_WEIGHT:g}); "
                             f"found {item!r}")
        weights[name] = number
    return weights
