"""Run every rule's cases against that rule alone, and say what differs.

A case lists facts (``id`` optional), ``expect: fires`` or ``silent``, and for
``fires`` the contributions it must produce: theme, criterion, points
(compared rounded to 6 decimal places) and, when given, the exact text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from csprules.rules.evaluate import evaluate
from csprules.rules.fields import Schema
from csprules.rules.results import Contribution
from csprules.rules.rule import Case, ExpectedContribution, Rule
from csprules.rules.ruleset import Ruleset
from csprules.signals.schema import FACT_SCHEMA

NO_CASES = "(no cases)"


@dataclass(frozen=True)
class CaseResult:
    rule_id: str
    case: str
    passed: bool
    diff: str = ""
    """Empty when passed; otherwise what was expected and what came out, line by line."""

    def __str__(self) -> str:
        head = f"rule '{self.rule_id}' case '{self.case}': {'ok' if self.passed else 'FAILED'}"
        return head if self.passed else f"{head}\n{self.diff}"


def run_cases(
    ruleset: Ruleset,
    *,
    engine: str = "auto",
    schema: Schema = FACT_SCHEMA,
    require_cases: bool = True,
) -> list[CaseResult]:
    """One result per case of every rule (disabled ones too), each rule evaluated alone.

    With ``require_cases`` a rule without cases gives a failed result named
    ``(no cases)``: every rule in a shipped ruleset must prove itself.
    """
    results: list[CaseResult] = []
    for rule in ruleset.rules:
        if not rule.cases:
            if require_cases:
                results.append(CaseResult(rule.id, NO_CASES, False,
                                           "  the rule has no cases: add one that fires and "
                                           "one that stays silent"))
            continue
        single = ruleset.only(rule.id)
        for case in rule.cases:
            results.append(run_case(single, rule, case, engine=engine, schema=schema))
    return results


def run_case(
    single: Ruleset, rule: Rule, case: Case, *, engine: str = "auto", schema: Schema = FACT_SCHEMA
) -> CaseResult:
    facts = case_facts(case)
    got = evaluate(single, facts, engine, schema=schema).contributions
    if case.expect == "silent":
        if not got:
            return CaseResult(rule.id, case.name, True)
        lines = ["  expected: silent", f"  fired {len(got)} contribution(s):"]
        lines += [f"    + {_show_actual(c)}" for c in got]
        return CaseResult(rule.id, case.name, False, "\n".join(lines))
    if not got:
        return CaseResult(rule.id, case.name, False,
                          "  expected: fires\n  found: silent (no match)")
    if not case.contributions:
        return CaseResult(rule.id, case.name, True)
    return _compare(rule.id, case.name, case.contributions, got)


def case_facts(case: Case) -> list[dict[str, Any]]:
    """The case's facts, with ids ``<n>`` filled in (1-based) where missing."""
    out = []
    for i, fact in enumerate(case.facts, start=1):
        f = dict(fact)
        f.setdefault("id", str(i))
        out.append(f)
    return out


def _compare(
    rule_id: str, name: str, expected: tuple[ExpectedContribution, ...],
    got: tuple[Contribution, ...],
) -> CaseResult:
    remaining = list(got)
    missing: list[ExpectedContribution] = []
    # expectations that name a text are the pickiest: match them first
    for want in sorted(expected, key=lambda e: e.text is None):
        for i, c in enumerate(remaining):
            if _fits(want, c):
                del remaining[i]
                break
        else:
            missing.append(want)
    if not missing and not remaining:
        return CaseResult(rule_id, name, True)
    lines = [f"  - expected, missing: {_show_expected(e)}" for e in missing]
    lines += [f"  + produced, unexpected: {_show_actual(c)}" for c in remaining]
    return CaseResult(rule_id, name, False, "\n".join(lines))


def _fits(want: ExpectedContribution, c: Contribution) -> bool:
    return (want.theme == c.theme and want.criterion == c.criterion
            and round(want.points, 6) == round(c.points, 6)
            and (want.text is None or want.text == c.text))


def _show_expected(e: ExpectedContribution) -> str:
    shown = f"{e.theme} / {e.criterion}: {round(e.points, 6):g} points"
    return shown if e.text is None else f"{shown}, text {e.text!r}"


def _show_actual(c: Contribution) -> str:
    return f"{c.theme} / {c.criterion}: {round(c.points, 6):g} points, text {c.text!r}"


def failures(results: list[CaseResult]) -> list[CaseResult]:
    return [r for r in results if not r.passed]


def by_rule(results: list[CaseResult]) -> Mapping[str, list[CaseResult]]:
    out: dict[str, list[CaseResult]] = {}
    for r in results:
        out.setdefault(r.rule_id, []).append(r)
    return out
