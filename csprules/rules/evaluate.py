"""``evaluate(ruleset, facts)``: match, then score and justify every match in one batch."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from csprules.rules.compile import (
    CompiledRuleset,
    Schema,
    compile_ruleset,
)
from csprules.rules.durable_engine import parse_matches, run_durable
from csprules.rules.engine_select import select_engine
from csprules.rules.facts import Fact, prepare_facts
from csprules.rules.reference import run_reference
from csprules.rules.results import Contribution, Evaluation
from csprules.rules.ruleset import Ruleset
from csprules.rules.templates import Template, plan, render_plan
from csprules.signals.schema import FACT_SCHEMA

Match = tuple[str, tuple[str, ...]]


def evaluate(
    ruleset: Ruleset,
    facts: Iterable[Mapping[str, Any]],
    engine: str = "auto",
    *,
    schema: Schema = FACT_SCHEMA,
) -> Evaluation:
    """Run ``ruleset``'s enabled rules over ``facts``.

    ``engine`` is ``"auto"`` (durable-rules if importable, see
    :mod:`csprules.rules.engine_select`), ``"durable"`` or ``"reference"``;
    both give identical results.  Contributions come out in rule order, then
    by matched fact ids, whatever the order of ``facts``.
    """
    compiled = compile_ruleset(ruleset, schema=schema)
    name, module = select_engine(engine)
    prepared = prepare_facts(facts, compiled)
    if name == "durable":
        facts_json = prepared.engine_json() if prepared.facts else "[]"
        messages = run_durable(module, compiled, facts_json, len(prepared.facts))
        matches = parse_matches(messages, compiled)
    else:
        matches = run_reference(compiled, prepared)
    matches = finish(compiled, matches, prepared.by_id)
    contributions = contributions_for(compiled, matches, prepared.by_id)
    return Evaluation.model_construct(
        ruleset=compiled.ruleset_name,
        content_hash=compiled.content_hash,
        engine=name,
        facts=prepared.count,
        matches=len(matches),
        contributions=tuple(contributions),
    )


def finish(compiled: CompiledRuleset, raw: set[Match], by_id: dict[str, Fact]) -> set[Match]:
    """One match per (rule, facts) and only those passing the rule's post-tests."""
    # a rule compiled into several engine rules (r3_0, r3_1) fires once per match
    matches = {(compiled.by_name[name].name, ids) for name, ids in raw}
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
