"""Every rule of every shipped ruleset carries cases, and they pass on both evaluators."""

from __future__ import annotations

from pathlib import Path

import pytest

from csprules.rules import CaseResult, load_ruleset, run_cases

RULESETS = sorted((Path(__file__).resolve().parents[2] / "rulesets").glob("*.yaml"))


def _results(path: Path, engine: str) -> list[CaseResult]:
    return run_cases(load_ruleset(path), engine=engine)


@pytest.mark.parametrize("engine", ["durable", "reference"])
@pytest.mark.parametrize("path", RULESETS, ids=[p.name for p in RULESETS])
def test_shipped_rules_have_passing_cases(path: Path, engine: str) -> None:
    results = _results(path, engine)
    assert results, f"{path.name} has no rules"
    failed = [str(r) for r in results if not r.passed]
    assert failed == [], "\n".join(failed)
    ruleset = load_ruleset(path)
    with_cases = {r.rule_id for r in results}
    assert with_cases == {rule.id for rule in ruleset.rules}
