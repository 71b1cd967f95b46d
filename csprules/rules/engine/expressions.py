"""Conditions -> durable-rules expressions (plain JSON-ready dicts).

The durable JSON dialect used here::

    {"f": v}  {"$neq": {"f": v}}  {"$lt"|"$lte"|"$gt"|"$gte": {"f": v}}
    {"$ex": {"f": 1}}  {"$nex": {"f": 1}}  {"$mt": {"f": ".*literal.*"}}
    {"$and": [...]}  {"$or": [...]}
    v = a constant, or {"a0": "g"} (field g of the fact bound to earlier alias a0)

``none`` is compiled within the alias by De Morgan: the negation of a
comparison is the inverse comparison *or* the field being absent (a
comparison on an absent field is false), so that ``none`` is exactly logical
negation.  ``contains`` and refs are never negated (the linter forbids them
under ``none``/``any``: durable-rules cannot negate a regex match and
evaluates a join inside an ``$or`` wrongly).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from csprules.rules.conditions import Comparison, Condition, Group, Op, Pattern

Expr = dict[str, Any]

ENGINE_SLOTS = 31
"""durable-rules keeps at most 31 entries per alias expression sequence
(MAX_SEQUENCE_EXPRESSIONS = 32): every $and/$or costs 2, every join 1."""

_ORDER_OPS = {Op.LT: "$lt", Op.LE: "$lte", Op.GT: "$gt", Op.GE: "$gte"}
_INVERSE = {Op.LT: Op.GE, Op.LE: Op.GT, Op.GT: Op.LE, Op.GE: Op.LT}


class CompileError(ValueError):
    """A condition the engine cannot express (the linter reports these first)."""


MAX_ALTERNATIVES = 64
"""Engine rules one rule may expand into (see :func:`alias_alternatives`)."""


def pattern_expression(
    pattern: Pattern, engine_alias: Mapping[str, str], required: tuple[str, ...] = ()
) -> Expr:
    """One alias: ``{"$and": [{"kind": k}, {"$ex": required}..., conditions...]}``."""
    return _ordered(pattern.kind, required, _conditions(pattern, engine_alias))


def _conditions(pattern: Pattern, engine_alias: Mapping[str, str]) -> list[Expr]:
    conditions: list[Expr] = []
    for key, items in pattern.groups():
        conditions.append(group_expression(key, items, False, engine_alias))
    return _flatten("$and", conditions)


def _ordered(kind: str, required: tuple[str, ...], conditions: list[Expr]) -> Expr:
    # Constant tests first (a selective alpha network), then joins, then $or groups.
    # durable's alpha network has no value index: a fact is tried against every
    # distinct sibling test, and regexes are the dearest.  Putting `contains` after
    # the cheap constant tests means only facts that passed them try the regexes:
    # 10k facts x 500 rules, 83 distinct regexes: C time 426 -> 117 ms, same matches.
    joins = [c for c in conditions if is_join(c)]
    ors = [c for c in conditions if "$or" in c]
    plain = [c for c in conditions if not is_join(c) and "$or" not in c]
    cheap = [c for c in plain if "$mt" not in c]
    regexes = [c for c in plain if "$mt" in c]
    return {"$and": [{"kind": kind}, *({"$ex": {f: 1}} for f in required),
                     *cheap, *regexes, *joins, *ors]}


def alias_alternatives(
    pattern: Pattern, engine_alias: Mapping[str, str], required: tuple[str, ...] = ()
) -> list[Expr]:
    """The alias as one expression, or, if it has joins, as $or-free alternatives.

    durable-rules mishandles an ``$or`` next to a join in one alias: placed
    before the join it makes the engine ignore the join, placed after it the
    beta-network evaluation reads out of bounds (crashes seen in
    ``reduceExpressionSequence``).  So an alias with joins is put in
    disjunctive normal form and each conjunction becomes its own engine rule.
    """
    conditions = _conditions(pattern, engine_alias)
    if not any(is_join(c) for c in conditions):
        return [_ordered(pattern.kind, required, conditions)]
    terms: list[list[Expr]] = [[]]
    for conjunct in conditions:
        terms = _product(terms, _dnf(conjunct))
    return [_ordered(pattern.kind, required, t) for t in terms]


def _dnf(expr: Expr) -> list[list[Expr]]:
    if set(expr) == {"$or"}:
        return [term for sub in expr["$or"] for term in _dnf(sub)]
    if set(expr) == {"$and"}:
        terms: list[list[Expr]] = [[]]
        for sub in expr["$and"]:
            terms = _product(terms, _dnf(sub))
        return terms
    return [[expr]]


def _product(left: list[list[Expr]], right: list[list[Expr]]) -> list[list[Expr]]:
    if len(left) * len(right) > MAX_ALTERNATIVES:
        raise CompileError(f"more than {MAX_ALTERNATIVES} alternatives")
    return [a + b for a in left for b in right]


def group_expression(
    key: str, items: tuple[Condition, ...], negate: bool, engine_alias: Mapping[str, str]
) -> Expr:
    if not items:
        raise CompileError(f"empty '{key}' group")
    if key == "none":
        # none(xs) = and(not x);  not none(xs) = or(xs)
        subs = [condition_expression(c, not negate, engine_alias) for c in items]
        return _or(subs) if negate else _and(subs)
    subs = [condition_expression(c, negate, engine_alias) for c in items]
    conjunctive = (key == "all") != negate
    return _and(subs) if conjunctive else _or(subs)


def condition_expression(
    condition: Condition, negate: bool, engine_alias: Mapping[str, str]
) -> Expr:
    if isinstance(condition, Group):
        return group_expression(condition.key, condition.items, negate, engine_alias)
    return negated(condition) if negate else positive(condition, engine_alias)


def positive(c: Comparison, engine_alias: Mapping[str, str]) -> Expr:
    f = c.field
    if c.op is Op.EXISTS:
        return {"$ex": {f: 1}}
    if c.op is Op.MISSING:
        return {"$nex": {f: 1}}
    if c.op is Op.CONTAINS:
        return {"$mt": {f: f".*{c.value}.*"}}
    if c.op is Op.IN:
        return _or([{f: v} for v in _constants(c)])
    if c.op is Op.NOT_IN:
        return _and([{"$neq": {f: v}} for v in _constants(c)])
    operand = _ref(c, engine_alias) if c.ref is not None else constant(c.value)
    return _compare(c.op, f, operand)


def negated(c: Comparison) -> Expr:
    f = c.field
    absent: Expr = {"$nex": {f: 1}}
    if c.ref is not None or c.op is Op.CONTAINS:
        raise CompileError(f"cannot negate '{c.describe()}'")
    if c.op is Op.EXISTS:
        return absent
    if c.op is Op.MISSING:
        return {"$ex": {f: 1}}
    if c.op is Op.IN:
        return _or([_and([{"$neq": {f: v}} for v in _constants(c)]), absent])
    if c.op is Op.NOT_IN:
        return _or([*({f: v} for v in _constants(c)), absent])
    value = constant(c.value)
    if c.op is Op.EQ:
        return _or([{"$neq": {f: value}}, absent])
    if c.op is Op.NE:
        return _or([{f: value}, absent])
    return _or([_compare(_INVERSE[c.op], f, value), absent])


def _compare(op: Op, field: str, operand: Any) -> Expr:
    if op is Op.EQ:
        return {field: operand}
    if op is Op.NE:
        return {"$neq": {field: operand}}
    return {_ORDER_OPS[op]: {field: operand}}


def _ref(c: Comparison, engine_alias: Mapping[str, str]) -> dict[str, str]:
    assert c.ref is not None
    alias, field = c.ref.split(".", 1)
    return {engine_alias[alias]: field}


def constant(value: Any) -> Any:
    """Numbers travel as floats (durable compares doubles exactly like Python)."""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return float(value) + 0.0  # never -0.0
    raise CompileError(f"not a constant: {value!r}")


def _constants(c: Comparison) -> list[Any]:
    assert isinstance(c.value, tuple)
    out: list[Any] = []
    for v in c.value:
        v = constant(v)
        if not any(type(v) is type(o) and v == o for o in out):
            out.append(v)
    if not out:
        raise CompileError(f"empty list in '{c.describe()}'")
    return out


def _and(items: list[Expr]) -> Expr:
    flat = _flatten("$and", items)
    return flat[0] if len(flat) == 1 else {"$and": flat}


def _or(items: list[Expr]) -> Expr:
    flat = _flatten("$or", items)
    return flat[0] if len(flat) == 1 else {"$or": flat}


def _flatten(op: str, items: list[Expr]) -> list[Expr]:
    out: list[Expr] = []
    for item in items:
        if set(item) == {op}:
            out.extend(item[op])
        else:
            out.append(item)
    return out


def slot_cost(expr: Expr) -> int:
    """Entries ``expr`` takes in durable's per-alias expression sequence (limit ENGINE_SLOTS)."""
    if set(expr) <= {"$and", "$or"} and len(expr) == 1:
        (children,) = expr.values()
        return 2 + sum(slot_cost(c) for c in children)
    return 1 if is_join(expr) else 0


def is_join(expr: Expr) -> bool:
    (key, body), = expr.items()
    operand = next(iter(body.values())) if key.startswith("$") and isinstance(body, dict) else body
    return isinstance(operand, dict)
