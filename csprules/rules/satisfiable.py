"""Find conditions that can never be true (``x > 5`` with ``x < 3``, ``= a`` with ``= b``, ...).

An alias's conditions are put in disjunctive normal form over literals
(``none`` pushed inward: the negation of ``x > 5`` is ``x <= 5`` or ``x``
absent), and each conjunction is checked field by field.  If every
conjunction contradicts itself the alias can never match.  Rules whose normal
form would exceed :data:`MAX_TERMS` conjunctions are not checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from csprules.rules.conditions import Comparison, Condition, Group, Op, Pattern
from csprules.signals.schema import FieldType

MAX_TERMS = 256
Path = tuple[str | int, ...]

_INVERSE = {Op.EQ: Op.NE, Op.NE: Op.EQ, Op.LT: Op.GE, Op.LE: Op.GT, Op.GT: Op.LE,
            Op.GE: Op.LT, Op.IN: Op.NOT_IN, Op.NOT_IN: Op.IN}


@dataclass(frozen=True)
class Lit:
    field: str
    op: str
    value: Any
    path: Path
    text: str


@dataclass(frozen=True)
class Conflict:
    """Why a conjunction is impossible: ``second`` contradicts ``first``."""

    first: Lit
    second: Lit


@dataclass(frozen=True)
class DeadBranch:
    """A branch of an ``any`` that can never decide a match.

    ``covered_by`` is None when the branch can never be true together with the
    alias's other conditions; otherwise it is the index of a sibling branch that
    is true whenever this one is (so this one adds nothing).
    """

    group: Path
    """Where the ``any`` list is: its items are at ``(*group, i)``."""
    index: int
    covered_by: int | None
    conflict: Conflict | None = None


class _TooBig(Exception):
    pass


_Keep = tuple[Path, int] | None
"""Evaluate as if the ``any`` group at this path had only this one branch."""


def impossible(pattern: Pattern, base: Path, types: dict[str, FieldType]) -> list[Conflict] | None:
    """The conflicts of every conjunction when *all* are impossible; None if satisfiable."""
    try:
        terms = _pattern_dnf(pattern, base)
    except _TooBig:
        return None
    if not terms:
        return None  # an empty 'any' is reported by the linter itself
    conflicts: list[Conflict] = []
    for term in terms:
        conflict = term_conflict(term, types)
        if conflict is None:
            return None
        conflicts.append(conflict)
    return conflicts


def dead_branches(pattern: Pattern, base: Path, types: dict[str, FieldType]) -> list[DeadBranch]:
    """Branches of a (not negated) ``any`` that can never match, or that another covers.

    Not checked when the alias itself can never match (that is an error of its own)
    or when its normal form is too large.
    """
    try:
        if impossible(pattern, base, types) is not None:
            return []
        out: list[DeadBranch] = []
        for path, items in _any_groups(pattern, base):
            if len(items) < 2:
                continue
            branches = [_item(c, False, (*path, i), None) for i, c in enumerate(items)]
            for i in range(len(items)):
                alone = _pattern_dnf(pattern, base, (path, i))
                conflicts = [term_conflict(t, types) for t in alone]
                if alone and all(c is not None for c in conflicts):
                    out.append(DeadBranch(path, i, None, conflicts[0]))
                    continue
                for j in range(len(items)):
                    if j != i and _implies(branches[i], branches[j], types) and not (
                            j > i and _implies(branches[j], branches[i], types)):
                        out.append(DeadBranch(path, i, j))
                        break
        return out
    except _TooBig:
        return []


def _any_groups(pattern: Pattern, base: Path) -> list[tuple[Path, tuple[Condition, ...]]]:
    """Every ``any`` list that is a disjunction (not under a ``none``), with its path."""
    out: list[tuple[Path, tuple[Condition, ...]]] = []

    def walk(key: str, items: tuple[Condition, ...], path: Path) -> None:
        if key == "none":
            return
        if key == "any":
            out.append((path, items))
        for i, c in enumerate(items):
            if isinstance(c, Group):
                walk(c.key, c.items, (*path, i, c.key))

    for key, items in pattern.groups():
        walk(key, items, (*base, key))
    return out


def _implies(a: list[list[Lit]], b: list[list[Lit]], types: dict[str, FieldType]) -> bool:
    """Whenever ``a`` holds, ``b`` holds (sufficient test: each term of a implies one of b)."""
    return all(any(all(_term_implies(t, lit, types) for lit in s) for s in b) for t in a)


def _term_implies(term: list[Lit], lit: Lit, types: dict[str, FieldType]) -> bool:
    if any((x.field, x.op, x.value) == (lit.field, lit.op, lit.value) for x in term):
        return True
    if lit.op == "contains":
        return False
    negations = _negations(lit)
    return all(term_conflict([*term, n], types) is not None for n in negations)


def _negations(lit: Lit) -> list[Lit]:
    if lit.op == "exists":
        return [Lit(lit.field, "missing", None, lit.path, lit.text)]
    if lit.op == "missing":
        return [Lit(lit.field, "exists", None, lit.path, lit.text)]
    inverse = str(_INVERSE[Op(lit.op)])
    return [Lit(lit.field, inverse, lit.value, lit.path, lit.text),
            Lit(lit.field, "missing", None, lit.path, lit.text)]


def _pattern_dnf(pattern: Pattern, base: Path, keep: _Keep = None) -> list[list[Lit]]:
    result: list[list[Lit]] = [[]]
    for key, items in pattern.groups():
        result = _product(result, _group(key, items, False, (*base, key), keep))
    return result


def _group(key: str, items: tuple[Condition, ...], negate: bool, path: Path,
           keep: _Keep = None) -> list[list[Lit]]:
    if key == "none":
        key, negate = ("any" if negate else "all"), not negate
        subs = [_item(c, negate, (*path, i), keep) for i, c in enumerate(items)]
        conjunctive = key == "all"
    else:
        subs = [_item(c, negate, (*path, i), keep) for i, c in enumerate(items)]
        if keep is not None and keep[0] == path and not negate:
            subs = [subs[keep[1]]]
        conjunctive = (key == "all") != negate
    if conjunctive:
        out: list[list[Lit]] = [[]]
        for sub in subs:
            out = _product(out, sub)
        return out
    return [term for sub in subs for term in sub]


def _item(c: Condition, negate: bool, path: Path, keep: _Keep = None) -> list[list[Lit]]:
    if isinstance(c, Group):
        return _group(c.key, c.items, negate, (*path, c.key), keep)
    return _literal(c, negate, path)


def _literal(c: Comparison, negate: bool, path: Path) -> list[list[Lit]]:
    text = c.describe()
    if c.ref is not None:  # a join: only its need for the field is known here
        return [[]] if negate else [[Lit(c.field, "exists", None, path, text)]]
    if c.op is Op.CONTAINS:
        return [[]] if negate else [[Lit(c.field, "contains", c.value, path, text)]]
    if not negate:
        return [[Lit(c.field, str(c.op), c.value, path, text)]]
    if c.op is Op.EXISTS:
        return [[Lit(c.field, "missing", None, path, f"not ({text})")]]
    if c.op is Op.MISSING:
        return [[Lit(c.field, "exists", None, path, f"not ({text})")]]
    inverse = Lit(c.field, str(_INVERSE[c.op]), c.value, path, f"not ({text})")
    return [[inverse], [Lit(c.field, "missing", None, path, f"not ({text})")]]


def _product(left: list[list[Lit]], right: list[list[Lit]]) -> list[list[Lit]]:
    if len(left) * len(right) > MAX_TERMS:
        raise _TooBig
    return [a + b for a in left for b in right]


def term_conflict(term: list[Lit], types: dict[str, FieldType]) -> Conflict | None:
    by_field: dict[str, list[Lit]] = {}
    for lit in term:
        by_field.setdefault(lit.field, []).append(lit)
    for field, lits in by_field.items():
        conflict = _field_conflict(lits, types.get(field))
        if conflict is not None:
            return conflict
    return None


def _field_conflict(lits: list[Lit], ftype: FieldType | None) -> Conflict | None:
    missing = next((x for x in lits if x.op == "missing"), None)
    present = next((x for x in lits if x.op != "missing"), None)
    if missing is not None and present is not None:
        return _pair(missing, present)
    if missing is not None:
        return None
    # candidates: a finite set of values the field could take (None = infinite)
    candidates: list[tuple[Any, Lit]] | None = None
    if ftype is FieldType.FLAG:
        candidates = [(True, lits[0]), (False, lits[0])]
    lo: tuple[float, bool, Lit] | None = None  # (bound, inclusive, lit)
    hi: tuple[float, bool, Lit] | None = None
    for lit in lits:
        if lit.op in ("=", "in"):
            values = [lit.value] if lit.op == "=" else list(lit.value)
            if candidates is None:
                candidates = [(v, lit) for v in values]
            else:
                kept = [(v, why) for v, why in candidates if any(_same(v, w) for w in values)]
                if not kept:
                    return Conflict(candidates[0][1], lit)
                candidates = kept
        elif lit.op in (">", ">="):
            bound = (float(lit.value), lit.op == ">=", lit)
            if lo is None or bound[0] > lo[0] or (bound[0] == lo[0] and not bound[1]):
                lo = bound
        elif lit.op in ("<", "<="):
            bound = (float(lit.value), lit.op == "<=", lit)
            if hi is None or bound[0] < hi[0] or (bound[0] == hi[0] and not bound[1]):
                hi = bound
    if lo is not None and hi is not None:
        if lo[0] > hi[0] or (lo[0] == hi[0] and not (lo[1] and hi[1])):
            return _pair(lo[2], hi[2])
        if lo[0] == hi[0] and candidates is None:
            candidates = [(lo[0], lo[2])]
    if candidates is None:
        return None
    for lit in lits:
        kept = [(v, why) for v, why in candidates if _allows(lit, v)]
        if not kept:
            return _pair(candidates[0][1], lit)
        candidates = kept
    return None


def _allows(lit: Lit, v: Any) -> bool:
    if lit.op == "!=":
        return not _same(v, lit.value)
    if lit.op == "not in":
        return not any(_same(v, w) for w in lit.value)
    if lit.op == "contains":
        return isinstance(v, str) and str(lit.value) in v
    if lit.op in (">", ">=", "<", "<="):
        if isinstance(v, bool) or not isinstance(v, int | float) or math.isnan(float(v)):
            return True
        x, y = float(v), float(lit.value)
        return {">": x > y, ">=": x >= y, "<": x < y, "<=": x <= y}[lit.op]
    return True


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return bool(a == b)


def _pair(a: Lit, b: Lit) -> Conflict:
    """Order a conflict so that ``second`` is the one written later."""
    return Conflict(a, b) if a.path <= b.path else Conflict(b, a)
