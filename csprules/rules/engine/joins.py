"""Joins other than ``=`` are checked in Python, after the engine has matched.

durable-rules 2.0.28 evaluates ``$neq``/``$lt``/``$lte``/``$gt``/``$gte``
against another fact's field in ``reduceExpressionSequence``, which reads
memory it does not own: results are usually right and the process sometimes
dies with a segmentation fault (reproduced within a few thousand evaluations).
Equality joins take another code path (a hash lookup) and are safe.

So a ref with any operator but ``=`` is left out of the compiled definition
and kept as a :class:`PostTest` applied to every durable match
(:func:`csprules.rules.engine.contributions.durable_matches`); the reference
evaluator tests refs itself, from the rule model.  Refs only ever sit in
``all`` groups (the linter sees to that), so dropping them from the pattern and
testing them afterwards is exactly the same condition.  Both sides of a ref
are required fields, so the test never meets an absent value.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csprules.rules.conditions import Comparison, Condition, Group, Op, Pattern

_OPS: dict[Op, Callable[[Any, Any], bool]] = {
    Op.NE: operator.ne, Op.LT: operator.lt, Op.LE: operator.le, Op.GT: operator.gt,
    Op.GE: operator.ge,
}


@dataclass(frozen=True)
class PostTest:
    """``facts[pos][field] <op> facts[other_pos][other_field]`` for one match."""

    pos: int
    field: str
    op: Op
    other_pos: int
    other_field: str

    def holds(self, facts: list[dict[str, Any]]) -> bool:
        return bool(_OPS[self.op](facts[self.pos][self.field],
                                  facts[self.other_pos][self.other_field]))


def is_post_test(c: Comparison) -> bool:
    return c.ref is not None and c.op is not Op.EQ


def engine_pattern(pattern: Pattern) -> Pattern:
    """``pattern`` without its non-equality refs (what durable is given)."""
    if not any(is_post_test(c) for c in _all_chain(pattern.all_ or ())):
        return pattern
    kept = _strip(pattern.all_ or ())
    return pattern.model_copy(update={"all_": kept or None})


def post_tests(pattern: Pattern, pos: int, aliases: tuple[str, ...]) -> list[PostTest]:
    out = []
    for c in _all_chain(pattern.all_ or ()):
        if is_post_test(c):
            assert c.ref is not None
            alias, other = c.ref.split(".", 1)
            out.append(PostTest(pos, c.field, c.op, aliases.index(alias), other))
    return out


def _all_chain(items: tuple[Condition, ...]) -> list[Comparison]:
    out: list[Comparison] = []
    for c in items:
        if isinstance(c, Group):
            if c.key == "all":
                out += _all_chain(c.items)
        else:
            out.append(c)
    return out


def _strip(items: tuple[Condition, ...]) -> tuple[Condition, ...]:
    kept: list[Condition] = []
    for c in items:
        if isinstance(c, Group) and c.key == "all":
            inner = _strip(c.items)
            if inner:
                kept.append(c.model_copy(update={"all_": inner}))
        elif not (isinstance(c, Comparison) and is_post_test(c)):
            kept.append(c)
    return tuple(kept)
