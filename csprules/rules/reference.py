"""The reference evaluator: pure Python, reading the same compiled durable definition.

It interprets the JSON dialect of :mod:`csprules.rules.expressions` with the
semantics durable-rules shows for lint-clean rulesets (pinned by the
differential tests):

- a comparison (including ``$neq``) on an absent field, or against an absent
  field of an earlier fact, is false; ``$ex``/``$nex`` test presence;
- ``$mt`` with ``.*literal.*`` is "contains", case-sensitive;
- a rule fires once per combination of distinct facts (one fact is never bound
  to two aliases), whatever ``$or`` branches hold.

For speed, facts are indexed by kind; a constant equality in an alias's
top-level ``$and`` becomes a hash lookup, and so does an equality join with an
earlier alias; alpha filters shared by several rules are computed once.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from csprules.errors import EngineError
from csprules.rules.compile import CompiledRuleset
from csprules.rules.facts import Fact, PreparedFacts

Match = tuple[str, tuple[str, ...]]
Pred = Callable[[Fact, list[Fact]], bool]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "$lt": operator.lt, "$lte": operator.le, "$gt": operator.gt, "$gte": operator.ge,
    "$neq": operator.ne,
}
_CONTAINS = re.compile(r"^\.\*([A-Za-z0-9 _-]*)\.\*$")


def run_reference(compiled: CompiledRuleset, prepared: PreparedFacts) -> set[Match]:
    return _Evaluator(prepared).run(compiled.definition)


class _Plan:
    """How to find the facts for one alias, given the facts bound to earlier aliases."""

    def __init__(self, candidates: list[Fact], beta: list[Pred],
                 join: tuple[str, int, str] | None) -> None:
        self.candidates = candidates
        self.beta = beta
        self.join = join
        self.index: dict[Any, list[Fact]] = {}
        if join is not None:
            field = join[0]
            for fact in candidates:
                value = fact.get(field)
                if value is not None:
                    self.index.setdefault(value, []).append(fact)


class _Evaluator:
    def __init__(self, prepared: PreparedFacts) -> None:
        self.by_kind: dict[Any, list[Fact]] = {}
        for fact in prepared.facts:
            self.by_kind.setdefault(fact["kind"], []).append(fact)
        self.all_facts = prepared.facts
        self.value_index: dict[tuple[Any, str], dict[Any, list[Fact]]] = {}
        self.alpha_cache: dict[str, list[Fact]] = {}

    def run(self, definition: dict[str, Any]) -> set[Match]:
        out: set[Match] = set()
        for name, body in definition.items():
            frames = body["all"]
            positions = {next(iter(frame)): i for i, frame in enumerate(frames)}
            plans = [self._plan(expr, positions) for frame in frames for expr in frame.values()]
            if all(p.candidates for p in plans):
                self._enumerate(name, plans, [], out)
        return out

    def _enumerate(self, name: str, plans: list[_Plan], bound: list[Fact], out: set[Match]) -> None:
        plan = plans[len(bound)]
        if plan.join is not None:
            _, pos, field = plan.join
            value = bound[pos].get(field)
            if value is None:
                return
            candidates = plan.index.get(value, ())
        else:
            candidates = plan.candidates
        last = len(bound) + 1 == len(plans)
        for fact in candidates:
            if any(fact is b for b in bound):
                continue
            if plan.beta and not all(p(fact, bound) for p in plan.beta):
                continue
            bound.append(fact)
            if last:
                out.add((name, tuple(f["id"] for f in bound)))
            else:
                self._enumerate(name, plans, bound, out)
            bound.pop()

    def _plan(self, expr: dict[str, Any], positions: dict[str, int]) -> _Plan:
        conjuncts = expr["$and"] if set(expr) == {"$and"} else [expr]
        alpha = [c for c in conjuncts if not _has_ref(c)]
        beta = [c for c in conjuncts if _has_ref(c)]
        candidates = self._alpha(alpha)
        join = None
        for c in beta:
            (key, body), = c.items()
            if not key.startswith("$"):
                (alias, field), = body.items()
                join = (key, positions[alias], field)
                beta.remove(c)
                break
        return _Plan(candidates, [predicate(c, positions) for c in beta], join)

    def _alpha(self, conjuncts: list[dict[str, Any]]) -> list[Fact]:
        key = repr(conjuncts)
        hit = self.alpha_cache.get(key)
        if hit is not None:
            return hit
        at = next((i for i, c in enumerate(conjuncts) if set(c) == {"kind"}), None)
        kind = conjuncts[at]["kind"] if at is not None else None
        pool = self.by_kind.get(kind, []) if at is not None else self.all_facts
        rest = [c for i, c in enumerate(conjuncts) if i != at]
        eq = next((c for c in rest if not next(iter(c)).startswith("$")), None)
        if eq is not None and at is not None:
            (field, value), = eq.items()
            pool = self._values(kind, field).get(value, [])
            rest = [c for c in rest if c is not eq]
        preds = [predicate(c, {}) for c in rest]
        no_bound: list[Fact] = []
        result = [f for f in pool if all(p(f, no_bound) for p in preds)] if preds else list(pool)
        self.alpha_cache[key] = result
        return result

    def _values(self, kind: Any, field: str) -> dict[Any, list[Fact]]:
        index = self.value_index.get((kind, field))
        if index is None:
            index = {}
            for fact in self.by_kind.get(kind, []):
                value = fact.get(field)
                if value is not None:
                    index.setdefault(value, []).append(fact)
            self.value_index[(kind, field)] = index
        return index


def predicate(expr: dict[str, Any], positions: dict[str, int]) -> Pred:
    """A test of one fact (given the facts bound so far) for one durable expression."""
    (key, body), = expr.items()
    if key in ("$and", "$or"):
        subs = [predicate(e, positions) for e in body]
        if key == "$and":
            return lambda f, b: all(s(f, b) for s in subs)
        return lambda f, b: any(s(f, b) for s in subs)
    if key in ("$ex", "$nex"):
        (field, _), = body.items()
        if key == "$ex":
            return lambda f, b: field in f
        return lambda f, b: field not in f
    if key == "$mt":
        (field, regex), = body.items()
        m = _CONTAINS.match(regex)
        if m is None:
            raise EngineError(f"reference evaluator: unsupported regex {regex!r}")
        literal = m.group(1)
        return lambda f, b: isinstance(v := f.get(field), str) and literal in v
    if key in _COMPARE:
        (field, operand), = body.items()
        return _comparison(_COMPARE[key], field, operand, positions)
    return _comparison(operator.eq, key, body, positions)


def _comparison(op: Callable[[Any, Any], bool], field: str, operand: Any,
                positions: dict[str, int]) -> Pred:
    if isinstance(operand, dict):
        (alias, other), = operand.items()
        pos = positions[alias]

        def joined(f: Fact, b: list[Fact]) -> bool:
            left = f.get(field)
            right = b[pos].get(other)
            return left is not None and right is not None and _safe(op, left, right)

        return joined

    def constant(f: Fact, b: list[Fact]) -> bool:
        value = f.get(field)
        return value is not None and _safe(op, value, operand)

    return constant


def _safe(op: Callable[[Any, Any], bool], left: Any, right: Any) -> bool:
    try:
        return bool(op(left, right))
    except TypeError:  # mixed types: the linter keeps these out of compiled rulesets
        return False


def _has_ref(expr: Any) -> bool:
    if isinstance(expr, list):
        return any(_has_ref(e) for e in expr)
    if not isinstance(expr, dict):
        return False
    (key, body), = expr.items()
    if key in ("$and", "$or"):
        return _has_ref(body)
    if key.startswith("$"):
        return isinstance(body, dict) and any(isinstance(v, dict) for v in body.values())
    return isinstance(body, dict)
