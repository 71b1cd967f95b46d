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
        "  found: silent (no match)\n"
        "  why: alias 'signal', fact 1: 'change_pct > 10' is false: change_pct is 2",
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


JOINED = RISING.replace(
    """      all:
        - {field: change_pct, op: ">", value: 10}""",
    """      all:
        - {field: change_pct, op: ">", value: 10}
      none:
        - {field: not_comparable, op: "=", value: true}
    driver:
      kind: driver
      all:
        - {field: theme, op: "=", ref: signal.theme}
        - any:
          - {field: active, op: "=", value: true}
          - {field: level, op: in, value: [national]}""",
)


def _why(facts: str) -> list[str]:
    ruleset = parse(JOINED + "  cases:\n    - name: c\n      expect: fires\n      facts:\n"
                    + "".join(f"        - {f}\n" for f in facts.strip().splitlines()))
    [result] = run_cases(ruleset)
    assert not result.passed
    return [line for line in result.diff.splitlines() if line.startswith("  why: ")]


def test_a_silent_case_says_which_condition_failed_and_the_value_it_saw() -> None:
    assert _why("""
{kind: indicator, theme: asb, change_pct: 20, not_comparable: true}
{kind: indicator, theme: asb}
{kind: driver, theme: asb, active: false}
""") == [
        "  why: alias 'signal', fact 1: 'not_comparable = true' holds, under 'none': "
        "not_comparable is true",
        "  why: alias 'signal', fact 2: 'change_pct > 10' is false: change_pct is absent",
        "  why: alias 'driver', fact 3: no branch of 'any' holds: 'active = true' is false: "
        "active is false; 'level in [\"national\"]' is false: level is absent",
    ]


def test_a_silent_case_names_a_missing_kind_and_a_required_field() -> None:
    assert _why("{kind: indicator, change_pct: 20}") == [
        "  why: alias 'signal', fact 1: 'theme' is absent, and the rule needs it (its text, "
        "points or a ref read it)",
        "  why: alias 'driver': no fact of kind 'driver' (the case has indicator)",
    ]


def test_a_silent_case_names_the_ref_that_failed() -> None:
    assert _why("""
{kind: indicator, theme: asb, change_pct: 20}
{id: pcp, kind: driver, theme: burglary, active: true}
""") == [
        "  why: every alias matches on its own (signal: fact 1; driver: fact pcp), but "
        "'theme = signal.theme' is false for driver fact pcp with signal fact 1: theme is "
        "\"burglary\", signal.theme is \"asb\"",
    ]
