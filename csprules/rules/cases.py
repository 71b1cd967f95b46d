"""Run every rule's cases against that rule alone, and say what differs.

A case lists facts (``id`` optional), ``expect: fires`` or ``silent``, and for
``fires`` the contributions it must produce: theme, criterion, points
(compared rounded to 6 decimal places) and, when given, the exact text.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from csprules.rules.conditions import Comparison, Condition, Group, Pattern, show_value
from csprules.rules.engine.reference import comparison_test
from csprules.rules.evaluate import evaluate
from csprules.rules.fields import Schema, required_fields
from csprules.rules.lint_when import describe
from csprules.rules.results import Contribution
from csprules.rules.rule import Case, ExpectedContribution, Rule
from csprules.rules.ruleset import Ruleset
from csprules.signals.schema import FACT_SCHEMA

NO_CASES = "(no cases)"
MAX_COMBINATIONS = 1000
"""Fact combinations tried when saying which ref kept a multi-alias rule silent."""


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
        why = "".join(f"\n  why: {line}" for line in why_silent(rule, facts))
        return CaseResult(rule.id, case.name, False,
                          "  expected: fires\n  found: silent (no match)" + why)
    if not case.contributions:
        return CaseResult(rule.id, case.name, True)
    return _compare(rule.id, case.name, case.contributions, got)


def why_silent(rule: Rule, facts: list[dict[str, Any]]) -> list[str]:
    """Which condition kept ``rule`` from matching ``facts``, and the value it saw.

    Per alias with no fact that passes its own conditions: each fact of its kind and
    the first condition it fails.  When every alias has such facts, the ref (join)
    that failed for the first combination of them.
    """
    required = required_fields(rule)
    lines: list[str] = []
    passing: dict[str, list[dict[str, Any]]] = {}
    kinds = sorted({str(f.get("kind")) for f in facts})
    for alias, pattern in rule.when.items():
        of_kind = [f for f in facts if f.get("kind") == pattern.kind]
        if not of_kind:
            lines.append(f"alias '{alias}': no fact of kind '{pattern.kind}' (the case has "
                         f"{', '.join(kinds) or 'no facts'})")
            continue
        reasons = [(f, _fails(pattern, f, required.get(alias, set()))) for f in of_kind]
        passing[alias] = [f for f, why in reasons if why is None]
        if not passing[alias]:
            lines += [f"alias '{alias}', fact {f['id']}: {why}" for f, why in reasons]
    if lines:
        return lines
    return [_join_failure(rule, passing)]


def _fails(pattern: Pattern, fact: Mapping[str, Any], required: set[str]) -> str | None:
    """Why ``fact`` fails ``pattern`` on its own (refs count as true here), or None."""
    for name in sorted(required):
        if name not in fact:
            return (f"'{name}' is absent, and the rule needs it (its text, points or a ref "
                    "read it)")
    for key, items in pattern.groups():
        why = _group_fails(key, items, fact)
        if why is not None:
            return why
    return None


def _group_fails(key: str, items: tuple[Condition, ...], fact: Mapping[str, Any]) -> str | None:
    results = [(c, _item_fails(c, fact)) for c in items]
    if key == "all":
        return next((why for _, why in results if why is not None), None)
    if key == "any":
        if all(why is not None for _, why in results):
            return "no branch of 'any' holds: " + "; ".join(str(why) for _, why in results)
        return None
    held = next((c for c, why in results if why is None), None)
    if held is None:
        return None
    return f"'{describe(held)}' holds, under 'none'{_seen(held, fact)}"


def _item_fails(c: Condition, fact: Mapping[str, Any]) -> str | None:
    if isinstance(c, Group):
        return _group_fails(c.key, c.items, fact)
    # the reference evaluator's own reading of the comparison: the two cannot disagree
    if c.ref is not None or comparison_test(c, {})(dict(fact), []):
        return None
    return f"'{c.describe()}' is false{_seen(c, fact)}"


def _seen(c: Condition, fact: Mapping[str, Any]) -> str:
    if isinstance(c, Group):
        return ""
    value = fact.get(c.field)
    return f": {c.field} is " + ("absent" if value is None else show_value(value))


def _join_failure(rule: Rule, passing: Mapping[str, list[dict[str, Any]]]) -> str:
    aliases = list(rule.when)
    positions = {a: i for i, a in enumerate(aliases)}
    alone = "; ".join(f"{a}: fact {', '.join(str(f['id']) for f in passing[a])}"
                      for a in aliases)
    head = f"every alias matches on its own ({alone}), but "
    pools = [passing[a] for a in aliases]
    for combo in itertools.islice(itertools.product(*pools), MAX_COMBINATIONS):
        if len({id(f) for f in combo}) < len(combo):
            continue
        bound = dict(zip(aliases, combo, strict=True))
        for alias, pattern in rule.when.items():
            for key, items in pattern.groups():
                for c in items:
                    if key != "all" or not isinstance(c, Comparison) or c.ref is None:
                        continue
                    other_alias, other = c.ref.split(".", 1)
                    mine, theirs = bound[alias].get(c.field), bound[other_alias].get(other)
                    if not comparison_test(c, positions)(bound[alias], list(combo)):
                        return (head + f"'{c.describe()}' is false for {alias} fact "
                                f"{bound[alias]['id']} with {other_alias} fact "
                                f"{bound[other_alias]['id']}: {c.field} is "
                                f"{_show(mine)}, {c.ref} is {_show(theirs)}")
    return head + "no combination binds a different fact to each alias"


def _show(value: Any) -> str:
    return "absent" if value is None else show_value(value)


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
