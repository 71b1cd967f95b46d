"""Ruleset -> one durable-rules ruleset definition (JSON), compiled once and cached.

Engine names are positional (``r0``, ``r1``, ... for rules in evaluation
order; ``a0``, ``a1``, ... for aliases), so nothing an analyst writes reaches
the engine as a name.  Rules are ordered by salience (highest first), then by
their place in the resolved ruleset; contributions are listed in this order.

Fields a rule's output needs (points ``from``, placeholders of a ``theme``
template) and both sides of every ref are *required*: the compiled pattern
adds ``exists`` for them, so a rule never matches a fact it could not score.

An alias with a join is expanded into $or-free alternatives, each its own
engine rule (``r3_0``, ``r3_1``; see :func:`expressions.alias_alternatives`),
and refs other than ``=`` are tested in Python after matching
(:mod:`csprules.rules.joins`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from csprules.errors import RulesetError
from csprules.rules.conditions import Comparison, Condition, Group, Pattern
from csprules.rules.expressions import Expr, alias_alternatives
from csprules.rules.joins import PostTest, engine_pattern, post_tests
from csprules.rules.jsonenc import dumps
from csprules.rules.rule import PointsFrom, Rule, Then
from csprules.rules.ruleset import Ruleset
from csprules.rules.templates import parse_template, plan
from csprules.signals.schema import FACT_SCHEMA, FieldType

Schema = Mapping[str, Mapping[str, FieldType]]


TemplatePlan = tuple[str | tuple[int, str, str], ...]


@dataclass(frozen=True)
class CompiledOutput:
    """One ``then`` item, with templates parsed and aliases as positions."""

    theme: TemplatePlan
    criterion: str
    points: float | tuple[int, str, PointsFrom]
    """A constant, or (alias position, field, scaling)."""
    text: TemplatePlan


@dataclass(frozen=True)
class CompiledRule:
    name: str
    rule_id: str
    order: int
    aliases: tuple[str, ...]
    kinds: tuple[str, ...]
    outputs: tuple[CompiledOutput, ...]
    post_tests: tuple[PostTest, ...] = ()
    """Refs other than ``=``, tested on each match in Python (see csprules.rules.joins)."""


@dataclass(frozen=True)
class CompiledRuleset:
    definition: dict[str, Any]
    definition_json: str
    rules: tuple[CompiledRule, ...]
    match_fields: dict[str, frozenset[str]]
    """Per fact kind, the fields the engine must see (conditions and required fields)."""
    fields: dict[str, dict[str, FieldType]]
    """Per fact kind, every field the ruleset reads (to validate and normalise), with its type."""
    ruleset_name: str
    content_hash: str
    by_name: dict[str, CompiledRule] = field(default_factory=dict)
    """Engine rule name -> rule; a rule may run as several engine rules (``r3_0``, ``r3_1``)."""
    _parts: list[tuple[tuple[str, ...], ...]] = field(default_factory=list, repr=False)
    engine_state: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """The durable adapter's pooled handles (see csprules.rules.handles)."""

    def engine_parts(self) -> tuple[tuple[str, ...], ...]:
        """Groups of rule names run as separate durable rulesets (one group unless split)."""
        return self._parts[-1] if self._parts else (tuple(self.definition),)

    def remember_engine_parts(self, parts: list[tuple[str, ...]]) -> None:
        if len(parts) > 1 and tuple(parts) != self.engine_parts():
            self._parts.append(tuple(parts))

    def part_json(self, names: tuple[str, ...]) -> str:
        if len(names) == len(self.definition):
            return self.definition_json
        key = "json:" + ",".join(names)
        text = self.engine_state.get(key)
        if text is None:
            text = self.engine_state[key] = dumps({n: self.definition[n] for n in names})
        return str(text)


def compile_ruleset(ruleset: Ruleset, *, schema: Schema = FACT_SCHEMA) -> CompiledRuleset:
    """The durable-rules definition of ``ruleset``'s enabled rules (cached per ruleset).

    Raises RulesetError if the ruleset has problems that would make the
    engine and the reference evaluator disagree (unknown fields, type
    mismatches, refs or ``contains`` where they cannot be compiled).
    """
    cache = ruleset._compiled
    # model_copy() shares private attributes: check the entry is for these very rules
    stamp = (schema, ruleset.rules, ruleset.name, ruleset.content_hash)
    hit = cache.get(id(schema))
    if hit is not None and all(a is b for a, b in zip(hit[0], stamp, strict=True)):
        compiled: CompiledRuleset = hit[1]
        return compiled
    from csprules.rules.lint import lint_ruleset_object

    problems = lint_ruleset_object(ruleset, schema=schema, themes=None, safety_only=True)
    if problems:
        raise RulesetError(problems)
    compiled = _compile(ruleset, schema)
    cache[id(schema)] = (stamp, compiled)
    return compiled


def evaluation_order(ruleset: Ruleset) -> list[Rule]:
    rules = list(ruleset.enabled_rules)
    return sorted(rules, key=lambda r: -r.salience)  # stable: ties keep ruleset order


def _compile(ruleset: Ruleset, schema: Schema) -> CompiledRuleset:
    definition: dict[str, Expr] = {}
    compiled: list[CompiledRule] = []
    match_fields: dict[str, set[str]] = {}
    fields: dict[str, dict[str, FieldType]] = {}
    by_name: dict[str, CompiledRule] = {}
    for order, rule in enumerate(evaluation_order(ruleset)):
        name = f"r{order}"
        engine_alias = {a: f"a{i}" for i, a in enumerate(rule.aliases)}
        required = required_fields(rule)
        choices = []
        posts: list[PostTest] = []
        for pos, (alias, pattern) in enumerate(rule.when.items()):
            needed = tuple(sorted(required.get(alias, ())))
            choices.append(alias_alternatives(engine_pattern(pattern), engine_alias, needed))
            posts += post_tests(pattern, pos, rule.aliases)
            kind_fields = schema.get(pattern.kind, {})
            seen = match_fields.setdefault(pattern.kind, set())
            seen.update(condition_fields(pattern))
            seen.update(needed)
            used = fields.setdefault(pattern.kind, {})
            for f in seen | read_fields(rule, alias):
                if f in kind_fields:
                    used[f] = kind_fields[f]
        target = CompiledRule(
            name=name, rule_id=rule.id, order=order, aliases=rule.aliases,
            kinds=tuple(p.kind for p in rule.when.values()),
            outputs=tuple(_output(t, rule.aliases) for t in rule.then),
            post_tests=tuple(posts),
        )
        compiled.append(target)
        by_name[name] = target
        combos = list(itertools.product(*choices))
        for k, combo in enumerate(combos):
            variant = name if len(combos) == 1 else f"{name}_{k}"
            definition[variant] = {"all": [{f"a{i}": expr} for i, expr in enumerate(combo)]}
            by_name[variant] = target
    return CompiledRuleset(
        definition=definition,
        definition_json=dumps(definition),
        rules=tuple(compiled),
        match_fields={k: frozenset(v) for k, v in match_fields.items()},
        fields=fields,
        ruleset_name=ruleset.name,
        content_hash=ruleset.content_hash,
        by_name=by_name,
    )


def _output(then: Then, aliases: tuple[str, ...]) -> CompiledOutput:
    points: float | tuple[int, str, PointsFrom]
    if isinstance(then.points, PointsFrom):
        alias, f = then.points.from_.split(".", 1)
        points = (aliases.index(alias), f, then.points)
    else:
        points = float(then.points)
    return CompiledOutput(plan(parse_template(then.theme), aliases), then.criterion, points,
                          plan(parse_template(then.text), aliases))


def required_fields(rule: Rule) -> dict[str, set[str]]:
    """alias -> fields that must be present: both sides of every ref, points ``from`` and
    theme placeholders (compiled as ``exists``)."""
    out: dict[str, set[str]] = {}
    for own, pattern in rule.when.items():
        for c in comparisons(pattern):
            if c.ref is not None:
                alias, f = c.ref.split(".", 1)
                out.setdefault(alias, set()).add(f)
                # refs sit only under 'all', where an absent field already fails the
                # comparison; saying so keeps durable from reading a missing field in a
                # join (error 311) and lets post-tests (joins.py) read both sides
                out.setdefault(own, set()).add(c.field)
    for then in rule.then:
        if isinstance(then.points, PointsFrom):
            alias, f = then.points.from_.split(".", 1)
            out.setdefault(alias, set()).add(f)
        for p in parse_template(then.theme).placeholders:
            out.setdefault(p.alias, set()).add(p.field)
    return out


def read_fields(rule: Rule, alias: str) -> set[str]:
    """Fields of ``alias`` the rule's output reads (placeholders and points)."""
    out = {"id", "kind"}
    for then in rule.then:
        for template in (then.theme, then.text):
            out.update(p.field for p in parse_template(template).placeholders if p.alias == alias)
        if isinstance(then.points, PointsFrom) and then.points.from_.startswith(alias + "."):
            out.add(then.points.from_.split(".", 1)[1])
    return out


def condition_fields(pattern: Pattern) -> set[str]:
    return {c.field for c in comparisons(pattern)}


def comparisons(pattern: Pattern) -> list[Comparison]:
    out: list[Comparison] = []

    def walk(items: tuple[Condition, ...]) -> None:
        for c in items:
            if isinstance(c, Group):
                walk(c.items)
            else:
                out.append(c)

    for _, items in pattern.groups():
        walk(items)
    return out
