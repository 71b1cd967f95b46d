"""The reference evaluator: pure Python, reading the rule models themselves.

It evaluates each rule's ``when`` as the loader built it (patterns, groups and
comparisons, see csprules.rules.conditions), never the compiled durable JSON,
so the differential tests compare the compiler and durable-rules against an
independent implementation of the documented semantics:

- a fact matches an alias when its kind is the pattern's, the fields the rule
  requires are present (see csprules.rules.fields), every ``all`` item holds,
  at least one ``any`` item holds, and no ``none`` item holds;
- a comparison on an absent field, or against an absent field of an earlier
  fact, is false; ``exists``/``missing`` test presence; ``in``/``not in`` and
  ``=``/``!=`` never equate a flag with a number; ``contains`` is substring;
- a rule fires once per combination of distinct facts (one fact is never bound
  to two aliases).

For speed, facts are indexed by kind; a constant equality in an alias's
``all`` becomes a hash lookup, and so does an equality ref to an earlier
alias; the fact filters that several rules share are computed once.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csprules.rules.conditions import Comparison, Condition, Group, Op, Pattern
from csprules.rules.engine.compile import CompiledRuleset
from csprules.rules.engine.facts import Fact, PreparedFacts
from csprules.rules.fields import required_fields

Match = tuple[str, tuple[str, ...]]
Test = Callable[[Fact, list[Fact]], bool]
"""Does this fact pass, given the facts bound to the earlier aliases?"""

_ORDER: dict[Op, Callable[[Any, Any], bool]] = {
    Op.LT: operator.lt, Op.LE: operator.le, Op.GT: operator.gt, Op.GE: operator.ge,
}


@dataclass(frozen=True)
class _Alias:
    """How to find the facts of one alias."""

    kind: str
    required: tuple[str, ...]
    lookup: tuple[str, Any] | None
    """A constant equality (field, value) of the ``all`` items: a value-index lookup."""
    alpha: tuple[Test, ...]
    """Tests that read only this fact."""
    alpha_key: str
    """Identifies kind, required fields and alpha tests, to share candidates between rules."""
    join: tuple[str, int, str] | None
    """An equality ref (field, earlier alias position, its field): a hash join."""
    beta: tuple[Test, ...]
    """The other tests that read earlier facts."""


def run_reference(compiled: CompiledRuleset, prepared: PreparedFacts) -> set[Match]:
    plans = compiled.engine_state.get("reference")
    if plans is None:
        plans = compiled.engine_state["reference"] = [
            (rule.name, _plan_rule(rule.rule.when, required_fields(rule.rule)))
            for rule in compiled.rules
        ]
    return _Evaluation(prepared.facts).run(plans)


def _plan_rule(when: dict[str, Pattern], required: dict[str, set[str]]) -> list[_Alias]:
    positions = {alias: i for i, alias in enumerate(when)}
    return [_plan_alias(p, tuple(sorted(required.get(a, ()))), positions)
            for a, p in when.items()]


def _plan_alias(pattern: Pattern, required: tuple[str, ...],
                positions: dict[str, int]) -> _Alias:
    # The three groups are a conjunction: each ``all`` item (nested ``all`` groups
    # flattened), the ``any`` group and the ``none`` group can be tested apart.
    units: list[tuple[str, tuple[Condition, ...]]] = [
        ("all", (c,)) for c in _all_chain(pattern.all_ or ())]
    if pattern.any_ is not None:
        units.append(("any", pattern.any_))
    if pattern.none is not None:
        units.append(("none", pattern.none))
    alpha = [u for u in units if not _has_ref(u[1])]
    beta = [u for u in units if _has_ref(u[1])]
    lookup = None
    for unit in alpha:
        c = unit[1][0]
        if unit[0] == "all" and isinstance(c, Comparison) and c.op is Op.EQ:
            lookup = (c.field, c.value)
            alpha.remove(unit)
            break
    join = None
    for unit in beta:
        c = unit[1][0]
        if unit[0] == "all" and isinstance(c, Comparison) and c.op is Op.EQ and c.ref:
            alias, other = c.ref.split(".", 1)
            join = (c.field, positions[alias], other)
            beta.remove(unit)
            break
    return _Alias(
        kind=pattern.kind, required=required, lookup=lookup,
        alpha=tuple(_group(k, items, positions) for k, items in alpha),
        alpha_key=repr((pattern.kind, required, lookup, alpha)),
        join=join, beta=tuple(_group(k, items, positions) for k, items in beta),
    )


def _all_chain(items: tuple[Condition, ...]) -> list[Condition]:
    out: list[Condition] = []
    for c in items:
        if isinstance(c, Group) and c.key == "all":
            out += _all_chain(c.items)
        else:
            out.append(c)
    return out


def _has_ref(items: tuple[Condition, ...]) -> bool:
    return any(_has_ref(c.items) if isinstance(c, Group) else c.ref is not None
               for c in items)


def _group(key: str, items: tuple[Condition, ...], positions: dict[str, int]) -> Test:
    subs = [_group(c.key, c.items, positions) if isinstance(c, Group)
            else comparison_test(c, positions) for c in items]
    if len(subs) == 1 and key != "none":
        return subs[0]
    if key == "all":
        return lambda f, b: all(s(f, b) for s in subs)
    if key == "any":
        return lambda f, b: any(s(f, b) for s in subs)
    return lambda f, b: not any(s(f, b) for s in subs)


def comparison_test(c: Comparison, positions: dict[str, int]) -> Test:
    name, op = c.field, c.op
    if op is Op.EXISTS:
        return lambda f, b: name in f
    if op is Op.MISSING:
        return lambda f, b: name not in f
    if op is Op.CONTAINS:
        literal = str(c.value)
        return lambda f, b: isinstance(v := f.get(name), str) and literal in v
    if op in (Op.IN, Op.NOT_IN):
        assert isinstance(c.value, tuple)
        values = c.value
        wanted = op is Op.IN
        return lambda f, b: (v := f.get(name)) is not None and \
            any(same(v, t) for t in values) is wanted
    compare = _binary(op)
    if c.ref is not None:
        alias, other = c.ref.split(".", 1)
        pos = positions[alias]

        def joined(f: Fact, b: list[Fact]) -> bool:
            v, w = f.get(name), b[pos].get(other)
            return v is not None and w is not None and compare(v, w)

        return joined
    constant = c.value

    def fixed(f: Fact, b: list[Fact]) -> bool:
        v = f.get(name)
        return v is not None and compare(v, constant)

    return fixed


def _binary(op: Op) -> Callable[[Any, Any], bool]:
    if op is Op.EQ:
        return same
    if op is Op.NE:
        return lambda a, b: not same(a, b)
    order = _ORDER[op]

    def ordered(a: Any, b: Any) -> bool:
        try:
            return bool(order(a, b))
        except TypeError:  # text against a number: the linter keeps these out
            return False

    return ordered


def same(a: Any, b: Any) -> bool:
    """Equality that never takes a flag for a number (``True == 1.0`` in Python)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def _typed(value: Any) -> tuple[bool, Any]:
    """A dict key under which flags and numbers never collide (hash(True) == hash(1.0))."""
    return (isinstance(value, bool), value)


class _Evaluation:
    def __init__(self, facts: list[Fact]) -> None:
        self.by_kind: dict[str, list[Fact]] = {}
        for fact in facts:
            self.by_kind.setdefault(fact["kind"], []).append(fact)
        self.value_index: dict[tuple[str, str], dict[tuple[bool, Any], list[Fact]]] = {}
        self.candidates: dict[str, list[Fact]] = {}
        self.joins: dict[tuple[str, str], dict[tuple[bool, Any], list[Fact]]] = {}

    def run(self, plans: list[tuple[str, list[_Alias]]]) -> set[Match]:
        out: set[Match] = set()
        for name, aliases in plans:
            found = [self._candidates(a) for a in aliases]
            if all(found):
                indexes = [self._join_index(a, facts) for a, facts in zip(aliases, found,
                                                                          strict=True)]
                self._enumerate(name, aliases, found, indexes, [], out)
        return out

    def _enumerate(self, name: str, aliases: list[_Alias], found: list[list[Fact]],
                   indexes: list[dict[tuple[bool, Any], list[Fact]] | None],
                   bound: list[Fact], out: set[Match]) -> None:
        depth = len(bound)
        alias = aliases[depth]
        index = indexes[depth]
        candidates: list[Fact] | tuple[()] = found[depth]
        if alias.join is not None and index is not None:
            _, pos, other = alias.join
            value = bound[pos].get(other)
            if value is None:
                return
            candidates = index.get(_typed(value), ())
        last = depth + 1 == len(aliases)
        for fact in candidates:
            if any(fact is b for b in bound):
                continue
            if alias.beta and not all(t(fact, bound) for t in alias.beta):
                continue
            bound.append(fact)
            if last:
                out.add((name, tuple(f["id"] for f in bound)))
            else:
                self._enumerate(name, aliases, found, indexes, bound, out)
            bound.pop()

    def _candidates(self, alias: _Alias) -> list[Fact]:
        hit = self.candidates.get(alias.alpha_key)
        if hit is not None:
            return hit
        if alias.lookup is not None:
            name, value = alias.lookup
            pool = self._values(alias.kind, name).get(_typed(value), [])
        else:
            pool = self.by_kind.get(alias.kind, [])
        if alias.required:
            required = frozenset(alias.required)
            pool = [f for f in pool if required <= f.keys()]
        none_bound: list[Fact] = []
        for test in alias.alpha:  # one pass per test: no generator per fact
            pool = [f for f in pool if test(f, none_bound)]
        result = list(pool)
        self.candidates[alias.alpha_key] = result
        return result

    def _values(self, kind: str, name: str) -> dict[tuple[bool, Any], list[Fact]]:
        index = self.value_index.get((kind, name))
        if index is None:
            index = self.value_index[(kind, name)] = _index(self.by_kind.get(kind, []), name)
        return index

    def _join_index(self, alias: _Alias, facts: list[Fact]
                    ) -> dict[tuple[bool, Any], list[Fact]] | None:
        if alias.join is None:
            return None
        key = (alias.alpha_key, alias.join[0])
        index = self.joins.get(key)
        if index is None:
            index = self.joins[key] = _index(facts, alias.join[0])
        return index


def _index(facts: list[Fact], name: str) -> dict[tuple[bool, Any], list[Fact]]:
    out: dict[tuple[bool, Any], list[Fact]] = {}
    for fact in facts:
        value = fact.get(name)
        if value is not None:
            out.setdefault(_typed(value), []).append(fact)
    return out
