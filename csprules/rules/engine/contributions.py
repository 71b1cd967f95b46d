"""Matches -> contributions: one per match and ``then`` item, scored and justified."""

from __future__ import annotations

from collections.abc import Iterable

from csprules.rules.engine.compile import CompiledRuleset
from csprules.rules.engine.facts import Fact
from csprules.rules.results import Contribution
from csprules.rules.templates import Template, plan, render_plan

Match = tuple[str, tuple[str, ...]]
"""(rule name, matched fact ids in alias order)."""


def durable_matches(compiled: CompiledRuleset, raw: Iterable[list[str]],
                    by_id: dict[str, Fact]) -> set[Match]:
    """The worker's ``[engine rule, id, ...]`` lists -> one match per (rule, facts) that
    passes the rule's post-tests (refs other than ``=``, see engine/joins.py)."""
    by_name = compiled.by_name
    # a rule compiled into several engine rules (r3_0, r3_1) fires once per match
    matches = {(by_name[m[0]].name, tuple(m[1:])) for m in raw}
    tested = {r.name: r.post_tests for r in compiled.rules if r.post_tests}
    if not tested:
        return matches
    out = set()
    for name, ids in matches:
        tests = tested.get(name)
        if tests:
            facts = [by_id[i] for i in ids]
            if not all(t.holds(facts) for t in tests):
                continue
        out.add((name, ids))
    return out


def contributions_for(
    compiled: CompiledRuleset, matches: set[Match], by_id: dict[str, Fact]
) -> list[Contribution]:
    """Points and rendered justifications for every match, in a stable order."""
    rules = compiled.by_name
    order = {name: rule.order for name, rule in rules.items()}
    ordered = sorted(matches, key=lambda m: (order[m[0]], m[1]))
    out: list[Contribution] = []
    append = out.append
    new = Contribution.trusted
    previous = None
    matched: tuple[tuple[str, str], ...] = ()
    for rule_name, ids in ordered:
        rule = rules[rule_name]
        facts = [by_id[i] for i in ids]
        if len(ids) == 1:
            if rule is not previous:
                alias = rule.aliases[0]
                previous = rule
            matched = ((alias, ids[0]),)
        else:
            matched = tuple(zip(rule.aliases, ids, strict=True))
        for output in rule.outputs:
            points = output.points
            if type(points) is not float:
                pos, field, scaling = points  # type: ignore[misc]
                points = scaling.apply(facts[pos][field])
            append(new(rule.rule_id, render_plan(output.theme, facts), output.criterion,
                       points, render_plan(output.text, facts), matched))
    return out


def render(template: Template, aliases: tuple[str, ...], facts: list[Fact]) -> str:
    """``template`` with placeholders filled from ``facts`` (bound to ``aliases``, in order)."""
    return render_plan(plan(template, aliases), facts)
