"""Differential tests: durable-rules, the reference evaluator and an oracle agree.

Hypothesis generates rulesets (1-3 aliases per rule, every operator, refs,
``in``, ``exists``/``missing``, ``contains``, nested ``all``/``any``/``none``)
over a small test schema, and facts with absent fields and awkward values
(``1e-05``, ``2.5e+20``, ``-0.0``, ``é``, a newline).  Three evaluators must
give identical contributions:

- durable-rules running the compiled definition, in its worker process (the
  production path);
- the reference evaluator, which reads the rule models, not the compiled JSON:
  so this checks the compiler and durable-rules against an independent
  implementation;
- an oracle written here from the *documented* semantics, reading the rule
  models (not the compiled JSON): a comparison on an absent field is false,
  ``none`` is logical negation, ``contains`` is substring, a fact is bound to
  at most one alias, and fields the output needs (ref targets, points
  ``from``, theme placeholders) must be present.

2,200 examples per run in total.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
from typing import Any

from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st

from csprules.errors import RulesetError
from csprules.rules import Rule, Ruleset, compile_ruleset, evaluate
from csprules.rules.conditions import Comparison, Condition, Group, Op, Pattern
from csprules.rules.engine.contributions import durable_matches, render
from csprules.rules.engine.durable import run_durable
from csprules.rules.engine.facts import prepare_facts
from csprules.rules.engine.reference import run_reference
from csprules.rules.fields import required_fields
from csprules.rules.rule import PointsFrom
from csprules.rules.scoring_config import Criterion
from csprules.rules.templates import parse_template
from csprules.signals.schema import FieldType

N, T, F = FieldType.NUMBER, FieldType.TEXT, FieldType.FLAG
SCHEMA: dict[str, dict[str, FieldType]] = {
    "a": {"id": T, "kind": T, "theme": T, "n1": N, "n2": N, "t1": T, "t2": T, "f1": F},
    "b": {"id": T, "kind": T, "theme": T, "n1": N, "n3": N, "t1": T, "f1": F, "f2": F},
}
NUMBERS = [-1.0, -0.0, 0.0, 1e-05, 3.25, 2.5e20]
TEXTS = ["", "ab", "a b-a", "é", "x\ny", 'q"uote']
CONSTANT_TEXTS = [t for t in TEXTS if "\n" not in t]
LITERALS = ["a", "b", "ab", "x", "a b", "-", "A", "q"]
THEMES = ["asb", "burglary", "robbery"]
OPS = {
    N: ["=", "!=", "<", "<=", ">", ">=", "in", "not in", "exists", "missing"],
    T: ["=", "!=", "in", "not in", "exists", "missing", "contains"],
    F: ["=", "!=", "in", "exists", "missing"],
}
REF_OPS = {N: ["=", "!=", "<", "<=", ">", ">="], T: ["=", "!="], F: ["=", "!="]}
POOL: dict[FieldType, list[Any]] = {N: NUMBERS, T: CONSTANT_TEXTS, F: [True, False]}
FACT_VALUES: dict[FieldType, list[Any]] = {N: NUMBERS, T: TEXTS, F: [True, False]}


def fields_of(kind: str) -> list[str]:
    return [f for f in SCHEMA[kind] if f not in ("id", "kind")]


def comparison(rnd: random.Random, kind: str, earlier: list[tuple[str, str]],
               negative: bool, conjunctive: bool) -> dict[str, Any]:
    field = rnd.choice(fields_of(kind))
    ftype = SCHEMA[kind][field]
    refs = [(alias, f) for alias, k in earlier for f in fields_of(k) if SCHEMA[k][f] is ftype]
    if refs and conjunctive and not negative and rnd.random() < 0.4:
        alias, other = rnd.choice(refs)
        return {"field": field, "op": rnd.choice(REF_OPS[ftype]), "ref": f"{alias}.{other}"}
    op = rnd.choice([o for o in OPS[ftype] if not (o == "contains" and negative)])
    if op in ("exists", "missing"):
        return {"field": field, "op": op}
    if op == "contains":
        return {"field": field, "op": op, "value": rnd.choice(LITERALS)}
    if op in ("in", "not in"):
        return {"field": field, "op": op,
                "value": [rnd.choice(POOL[ftype]) for _ in range(rnd.randint(1, 3))]}
    return {"field": field, "op": op, "value": rnd.choice(POOL[ftype])}


def condition(rnd: random.Random, kind: str, earlier: list[tuple[str, str]], negative: bool,
              conjunctive: bool, depth: int) -> dict[str, Any]:
    if depth > 0 and rnd.random() < 0.2:
        key = rnd.choice(["all", "any", "none"])
        neg = negative != (key == "none")
        conj = conjunctive and key == "all"
        return {key: [condition(rnd, kind, earlier, neg, conj, depth - 1)
                      for _ in range(rnd.randint(1, 3))]}
    return comparison(rnd, kind, earlier, negative, conjunctive)


def pattern(rnd: random.Random, earlier: list[tuple[str, str]], lean: bool) -> dict[str, Any]:
    kind = rnd.choice(sorted(SCHEMA))
    out: dict[str, Any] = {"kind": kind}
    for key in ("all", "any", "none"):
        if rnd.random() < (0.25 if lean else 0.4):
            out[key] = [condition(rnd, kind, earlier, key == "none", key == "all", 1)
                        for _ in range(rnd.randint(1, 1 if lean else 3))]
    return out


def make_rule(rnd: random.Random, index: int, min_aliases: int = 1) -> dict[str, Any]:
    lean = min_aliases > 1
    when: dict[str, Any] = {}
    earlier: list[tuple[str, str]] = []
    for i in range(rnd.choice([min_aliases, min_aliases, 3])):
        alias = f"s{i}"
        when[alias] = pattern(rnd, earlier, lean)
        if lean and earlier and rnd.random() < 0.7:  # mostly joined, as real rules are
            when[alias].setdefault("all", []).append(
                {"field": "theme", "op": "=", "ref": f"{rnd.choice(earlier)[0]}.theme"})
        earlier.append((alias, when[alias]["kind"]))
    numbers = [(a, f) for a, k in earlier for f in fields_of(k) if SCHEMA[k][f] is N]
    points: Any = rnd.choice([1.0, 2.5, -1.0])
    if rnd.random() < 0.5:
        alias, field = rnd.choice(numbers)
        points = {"from": f"{alias}.{field}", "scale": rnd.choice([1.0, 0.1, -2.0]), "max": 5.0}
    fields = [(a, f) for a, k in earlier for f in fields_of(k)]
    shown = [rnd.choice(fields) for _ in range(rnd.randint(0, 3))]
    text = "matched" + "".join(f" {{{a}.{f}}}" for a, f in shown)
    theme = rnd.choice([f"{{{rnd.choice(earlier)[0]}.theme}}", "asb"])
    return {"id": f"rule-{index}", "salience": rnd.randint(0, 1), "when": when,
            "then": [{"theme": theme, "criterion": "c", "points": points, "text": text}]}


def make_facts(rnd: random.Random, max_facts: int, present: float,
               min_facts: int = 0) -> list[dict[str, Any]]:
    facts = []
    for i in range(rnd.randint(min_facts, max_facts)):
        kind = rnd.choice(sorted(SCHEMA))
        fact: dict[str, Any] = {"id": f"f{i}", "kind": kind}
        if rnd.random() < 0.9:
            fact["theme"] = rnd.choice(THEMES)
        for field in fields_of(kind):
            if field != "theme" and rnd.random() < present:
                fact[field] = rnd.choice(FACT_VALUES[SCHEMA[kind][field]])
        facts.append(fact)
    return facts


def build(rule_dicts: list[dict[str, Any]]) -> Ruleset:
    return Ruleset(
        name="generated", ruleset_version="0",
        criteria={"c": Criterion(label="C", weight=1, cap=10)},
        rules=tuple(Rule.model_validate(r) for r in rule_dicts),
    )


def check(ruleset: Ruleset, facts: list[dict[str, Any]]) -> None:
    try:
        durable = evaluate(ruleset, facts, "durable", schema=SCHEMA)
    except RulesetError as e:
        if "durable-rules can run" not in str(e):
            raise
        event("too complex for durable-rules")
        reject()
    reference = evaluate(ruleset, facts, "reference", schema=SCHEMA)
    assert durable.contributions == reference.contributions, _explain(ruleset, facts)
    assert durable.matches == reference.matches
    shuffled = evaluate(ruleset, list(reversed(facts)), "durable", schema=SCHEMA)
    assert shuffled.contributions == durable.contributions
    assert [c.model_dump() for c in durable.contributions] == oracle(ruleset, facts)
    event("fired" if durable.contributions else "silent")


@settings(max_examples=1400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_engines_agree_on_generated_rulesets(rnd: random.Random) -> None:
    rule_dicts = [make_rule(rnd, i) for i in range(rnd.randint(1, 3))]
    check(build(rule_dicts), make_facts(rnd, 7, 0.6))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_engines_agree_on_joins(rnd: random.Random) -> None:
    check(build([make_rule(rnd, 0, min_aliases=2)]), make_facts(rnd, 10, 0.8, min_facts=4))


def _explain(ruleset: Ruleset, facts: list[dict[str, Any]]) -> str:
    return (f"definition: {compile_ruleset(ruleset, schema=SCHEMA).definition_json}\n"
            f"facts: {facts}")


# ---------------------------------------------------------------- the oracle

def oracle(ruleset: Ruleset, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contributions from the documented semantics, straight from the rule models."""
    facts = [{k: _norm(v) for k, v in f.items() if v is not None} for f in facts]
    ordered = sorted(ruleset.enabled_rules, key=lambda r: -r.salience)
    out = []
    for rule in ordered:
        need = required_fields(rule)
        matches = []
        for combo in itertools.permutations(facts, len(rule.when)):
            if all(_holds(p, combo[i], combo, list(rule.when), need.get(a, set()))
                   for i, (a, p) in enumerate(rule.when.items())):
                matches.append(combo)
        for combo in sorted(matches, key=lambda c: tuple(f["id"] for f in c)):
            for then in rule.then:
                if isinstance(then.points, PointsFrom):
                    alias, field = then.points.from_.split(".")
                    points = then.points.apply(combo[list(rule.when).index(alias)][field])
                else:
                    points = then.points
                out.append({
                    "rule_id": rule.id,
                    "theme": render(parse_template(then.theme), rule.aliases, list(combo)),
                    "criterion": then.criterion, "points": points,
                    "text": render(parse_template(then.text), rule.aliases, list(combo)),
                    "matched": tuple(zip(rule.aliases, (f["id"] for f in combo), strict=True)),
                })
    return out


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return v.replace("\n", " ")
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    return v


def _holds(p: Pattern, fact: dict[str, Any], combo: tuple[dict[str, Any], ...],
           aliases: list[str], need: set[str]) -> bool:
    if fact["kind"] != p.kind or not need <= fact.keys():
        return False
    bound = dict(zip(aliases, combo, strict=False))
    ok = all(_cond(c, fact, bound) for c in p.all_ or ())
    ok = ok and (p.any_ is None or any(_cond(c, fact, bound) for c in p.any_))
    return ok and not any(_cond(c, fact, bound) for c in p.none or ())


def _cond(c: Condition, fact: dict[str, Any], bound: dict[str, dict[str, Any]]) -> bool:
    if isinstance(c, Group):
        results = [_cond(x, fact, bound) for x in c.items]
        if c.key == "all":
            return all(results)
        return any(results) if c.key == "any" else not any(results)
    v = fact.get(c.field)
    if c.op is Op.EXISTS:
        return v is not None
    if c.op is Op.MISSING:
        return v is None
    if v is None:
        return False
    if c.ref is not None:
        alias, other = c.ref.split(".")
        target = bound[alias].get(other)
        if target is None:
            return False
    else:
        target = c.value
    if c.op is Op.IN:
        assert isinstance(target, tuple)
        return any(_same(v, t) for t in target)
    if c.op is Op.NOT_IN:
        assert isinstance(target, tuple)
        return not any(_same(v, t) for t in target)
    if c.op is Op.CONTAINS:
        return str(target) in v
    if c.op is Op.EQ:
        return _same(v, target)
    if c.op is Op.NE:
        return not _same(v, target)
    return bool({Op.LT: v < target, Op.LE: v <= target, Op.GT: v > target,
                 Op.GE: v >= target}[c.op])


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def test_oracle_matches_a_hand_example() -> None:
    rule = Rule.model_validate({
        "id": "r", "when": {"x": {"kind": "a", "none": [{"field": "n1", "op": ">", "value": 1}]}},
        "then": [{"theme": "asb", "criterion": "c", "points": 1, "text": "t"}],
    })
    facts: list[dict[str, Any]] = [
        {"id": "f1", "kind": "a", "n1": 2.0}, {"id": "f2", "kind": "a", "n1": 0.0},
        {"id": "f3", "kind": "a"},
    ]
    got = evaluate(build([rule.model_dump(by_alias=True)]), facts, "durable", schema=SCHEMA)
    assert [c.fact_ids for c in got.contributions] == [("f2",), ("f3",)]
    assert [c["matched"] for c in oracle(build([rule.model_dump(by_alias=True)]), facts)] == [
        (("x", "f2"),), (("x", "f3"),)]
    assert isinstance(rule.when["x"].none[0], Comparison)  # type: ignore[index]


def test_the_reference_evaluator_reads_the_rules_not_the_compiled_definition() -> None:
    """A compiler bug shows up as a disagreement: here the compiled JSON is altered by hand
    (``>`` written as ``>=``) and durable, running it, differs from the reference, which
    gives the same answer with the compiled definition blanked out."""
    ruleset = build([{
        "id": "r", "when": {
            "x": {"kind": "a", "all": [{"field": "n1", "op": ">", "value": 1}],
                  "any": [{"field": "t1", "op": "contains", "value": "b"},
                          {"field": "f1", "op": "=", "value": True}],
                  "none": [{"field": "n2", "op": "=", "value": 0}]},
            "y": {"kind": "b", "all": [{"field": "theme", "op": "=", "ref": "x.theme"},
                                       {"field": "n3", "op": "<", "ref": "x.n1"}]}},
        "then": [{"theme": "{x.theme}", "criterion": "c", "points": 1, "text": "t"}]}])
    facts: list[dict[str, Any]] = [
        {"id": "a1", "kind": "a", "theme": "asb", "n1": 1.0, "t1": "ab"},
        {"id": "a2", "kind": "a", "theme": "asb", "n1": 3.25, "f1": True, "n2": 1.0},
        {"id": "a3", "kind": "a", "theme": "asb", "n1": 3.25, "f1": True, "n2": 0.0},
        {"id": "b1", "kind": "b", "theme": "asb", "n3": 0.0},
        {"id": "b2", "kind": "b", "theme": "robbery", "n3": 0.0},
    ]
    compiled = compile_ruleset(ruleset, schema=SCHEMA)
    prepared = prepare_facts(facts, compiled)
    expected = run_reference(compiled, prepared)
    assert expected == {("r0", ("a2", "b1"))}
    blank = dataclasses.replace(compiled, definition={}, definition_json="", engine_state={})
    assert run_reference(blank, prepared) == expected

    wrong = json.loads(compiled.definition_json.replace('"$gt":{"n1"', '"$gte":{"n1"'))
    assert wrong != compiled.definition
    broken = dataclasses.replace(compiled, definition=wrong, definition_json=json.dumps(wrong),
                                 engine_state={})
    durable = durable_matches(broken, run_durable(broken, prepared.engine_json()),
                              prepared.by_id)
    assert durable == {("r0", ("a1", "b1")), ("r0", ("a2", "b1"))}
    assert durable_matches(compiled, run_durable(compiled, prepared.engine_json()),
                           prepared.by_id) == expected
