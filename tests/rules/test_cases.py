"""run_cases: each rule's cases against that rule alone, with a readable diff on failure."""

from __future__ import annotations

import pytest

from csprules.rules import load_ruleset, run_cases
from csprules.rules.cases import NO_CASES
from tests.rules.helpers import RISING, TINY, parse


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_fixture_cases_pass(engine: str) -> None:
    results = run_cases(load_ruleset(TINY), engine=engine)
    assert [str(r) for r in results if not r.passed] == []
    assert [(r.rule_id, r.case) for r in results][:3] == [
        ("trend-rising", "burglary up 25%"),
        ("trend-rising", "capped at 5 points"),
        ("trend-rising", "not comparable"),
    ]
    assert len(results) == 10


def test_each_case_runs_against_its_rule_alone() -> None:
    """A case for trend-rising is not disturbed by other rules matching the same facts."""
    ruleset = parse(RISING + RISING.replace("id: trend-rising", "id: also-rising") + """
  cases:
    - name: only my contribution counts
      facts:
        - {kind: indicator, theme: asb, label: ASB, change_pct: 20}
      expect: fires
      contributions: [{theme: asb, criterion: trend, points: 3, text: "ASB rose 20.0%"}]
""")
    assert [(r.rule_id, r.passed) for r in run_cases(ruleset, require_cases=False)] == [
        ("also-rising", True)]


def test_failures_say_what_differs() -> None:
    ruleset = parse(RISING + """
  cases:
    - name: wrong points and text
      facts:
        - {kind: indicator, theme: asb, label: ASB, change_pct: 20}
      expect: fires
      contributions: [{theme: asb, criterion: trend, points: 4, text: "ASB rose 20%"}]
    - name: should be silent
      facts:
        - {kind: indicator, theme: asb, label: ASB, change_pct: 20}
      expect: silent
    - name: should fire
      facts:
        - {kind: indicator, theme: asb, label: ASB, change_pct: 2}
      expect: fires
""")
    assert [str(r) for r in run_cases(ruleset)] == [
        "rule 'trend-rising' case 'wrong points and text': FAILED\n"
        "  - expected, missing: asb / trend: 4 points, text 'ASB rose 20%'\n"
        "  + produced, unexpected: asb / trend: 3 points, text 'ASB rose 20.0%'",
        "rule 'trend-rising' case 'should be silent': FAILED\n"
        "  expected: silent\n"
        "  fired 1 contribution(s):\n"
        "    + asb / trend: 3 points, text 'ASB rose 20.0%'",
        "rule 'trend-rising' case 'should fire': FAILED\n"
        "  expected: fires\n"
        "  found: silent (no match)",
    ]


def test_points_compare_rounded_to_six_places() -> None:
    ruleset = parse(RISING.replace("points: 3", "points: {from: signal.change_pct, scale: 0.1}")
                    + """
  cases:
    - name: a third
      facts: [{kind: indicator, theme: asb, change_pct: 10.000001}]
      expect: fires
      contributions: [{theme: asb, criterion: trend, points: 1.0}]
""")
    assert [r.passed for r in run_cases(ruleset)] == [True]


def test_a_rule_without_cases_fails() -> None:
    results = run_cases(parse(RISING))
    assert [(r.rule_id, r.case, r.passed) for r in results] == [
        ("trend-rising", NO_CASES, False)]
    assert run_cases(parse(RISING), require_cases=False) == []


def test_disabled_rules_still_run_their_cases() -> None:
    ruleset = load_ruleset("tests/rules/fixtures/child.yaml")
    assert not ruleset.rule("prevent-duty").enabled
    results = [r for r in run_cases(ruleset) if r.rule_id == "prevent-duty"]
    assert [r.passed for r in results] == [True, True]
