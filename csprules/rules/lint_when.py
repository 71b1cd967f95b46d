"""Lint a rule's ``when``: fact kinds, fields, operator/type fit, refs, engine limits.

These checks are what make durable-rules and the reference evaluator agree:
durable coerces types (``"1" == 1``, ``true == 1``, ``"abc" > 0`` are all
true there), so a ruleset only compares numbers with numbers, text with text,
and flags with ``=``/``!=`` against true or false.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from csprules.errors import Problem
from csprules.rules.conditions import (
    CONTAINS_PATTERN,
    EQUALITY,
    ORDERING,
    SET_OPS,
    Comparison,
    Condition,
    Group,
    Op,
)
from csprules.rules.engine.expressions import (
    ENGINE_SLOTS,
    MAX_ALTERNATIVES,
    CompileError,
    alias_alternatives,
    slot_cost,
)
from csprules.rules.engine.joins import engine_pattern
from csprules.rules.fields import Schema, required_fields
from csprules.rules.rule import Rule
from csprules.rules.ruleset import Ruleset
from csprules.rules.satisfiable import impossible
from csprules.signals.schema import FieldType
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import show

Path = tuple[str | int, ...]
_CONTROL = re.compile(r"[\x00-\x1f]")


@dataclass
class RuleLint:
    """Lint state for one rule: where to locate problems, and what was found."""

    ruleset: Ruleset
    rule: Rule
    schema: Schema
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: Path, message: str, field: str | None = None,
            suggestion: str | None = None) -> None:
        self.problems.append(Problem(
            self.ruleset.locate(f"rule:{self.rule.id}", path), message,
            field=field, rule_id=self.rule.id, suggestion=suggestion,
        ))

    def kind_fields(self, alias: str) -> dict[str, FieldType] | None:
        pattern = self.rule.when.get(alias)
        if pattern is None:
            return None
        fields = self.schema.get(pattern.kind)
        return dict(fields) if fields is not None else None


def lint_when(ctx: RuleLint, quality: bool) -> dict[str, bool]:
    """Check every alias; returns alias -> True when its conditions had no problems."""
    clean: dict[str, bool] = {}
    aliases = list(ctx.rule.when)
    for index, (alias, pattern) in enumerate(ctx.rule.when.items()):
        base: Path = ("when", alias)
        fields = ctx.kind_fields(alias)
        if fields is None:
            ctx.add((*base, "kind"),
                    f"unknown fact kind '{pattern.kind}'; expected one of "
                    f"{', '.join(sorted(ctx.schema))}",
                    field="kind", suggestion=did_you_mean(pattern.kind, ctx.schema))
            clean[alias] = False
            continue
        before = len(ctx.problems)
        walker = _Walker(ctx, alias, index, aliases, fields)
        for key, items in pattern.groups():
            walker.items(items, (*base, key), key, negative=key == "none",
                         conjunctive=key == "all")
        clean[alias] = len(ctx.problems) == before
        if not clean[alias]:
            continue
        _check_slots(ctx, alias)
        if quality:
            _check_possible(ctx, alias, fields)
    return clean


class _Walker:
    def __init__(self, ctx: RuleLint, alias: str, index: int, aliases: list[str],
                 fields: dict[str, FieldType]) -> None:
        self.ctx = ctx
        self.alias = alias
        self.index = index
        self.aliases = aliases
        self.fields = fields
        self.kind = ctx.rule.when[alias].kind

    def items(self, items: tuple[Condition, ...], path: Path, key: str, negative: bool,
              conjunctive: bool) -> None:
        if not items:
            why = {"all": "it requires nothing", "any": "it can never be true",
                   "none": "it excludes nothing"}[key]
            self.ctx.add(path, f"empty '{key}' list: {why}; add conditions or remove it",
                         field=key)
        for i, item in enumerate(items):
            if isinstance(item, Group):
                sub = item.key
                self.items(item.items, (*path, i, sub), sub, negative != (sub == "none"),
                           conjunctive and sub == "all")
            else:
                self.comparison(item, (*path, i), negative, conjunctive)

    def comparison(self, c: Comparison, path: Path, negative: bool, conjunctive: bool) -> None:
        ftype = self.fields.get(c.field)
        if ftype is None:
            self.ctx.add((*path, "field"), f"fact kind '{self.kind}' has no field '{c.field}'",
                         field=c.field, suggestion=did_you_mean(c.field, self.fields))
            return
        if not self._op_fits(c, ftype, path):
            return
        if c.op is Op.CONTAINS:
            self._contains(c, path, negative)
        elif c.op in SET_OPS:
            assert isinstance(c.value, tuple)
            if not c.value:
                why = ("can never be true" if c.op is Op.IN
                       else "excludes nothing; use 'exists'")
                self.ctx.add((*path, "value"), f"'{c.op} []' {why}", field=c.field)
            for j, v in enumerate(c.value):
                self._constant(c, v, ftype, (*path, "value", j))
        elif c.ref is not None:
            self._ref(c, ftype, path, negative, conjunctive)
        elif c.op in EQUALITY | ORDERING:
            self._constant(c, c.value, ftype, (*path, "value"))

    def _op_fits(self, c: Comparison, ftype: FieldType, path: Path) -> bool:
        if c.op in ORDERING and ftype is not FieldType.NUMBER:
            hint = " (compare a flag with '=' true or false)" if ftype is FieldType.FLAG else ""
            self.ctx.add((*path, "op"), f"operator '{c.op}' needs a number field; "
                                        f"'{c.field}' is a {ftype} field{hint}", field=c.field)
            return False
        if c.op is Op.CONTAINS and ftype is not FieldType.TEXT:
            self.ctx.add((*path, "op"), f"operator 'contains' needs a text field; "
                                        f"'{c.field}' is a {ftype} field", field=c.field)
            return False
        return True

    def _contains(self, c: Comparison, path: Path, negative: bool) -> None:
        if not re.match(CONTAINS_PATTERN, str(c.value)):
            self.ctx.add((*path, "value"),
                         "expected 1-100 letters, digits, spaces, '-' or '_' to look for; "
                         f"found {show(c.value)}", field=c.field)
        if negative:
            self.ctx.add((*path, "op"),
                         "'contains' cannot be used under 'none' (durable-rules cannot negate "
                         "a text match); use '!=' or 'not in' with the exact values",
                         field=c.field)

    def _constant(self, c: Comparison, value: Any, ftype: FieldType, path: Path) -> None:
        found = type_of(value)
        if found is not ftype:
            self.ctx.add(path, f"expected {article(ftype)} to compare with {ftype} field "
                               f"'{c.field}'; found {typed(value)}", field=c.field)
        elif isinstance(value, str) and _CONTROL.search(value):
            self.ctx.add(path, "expected text without control characters (newlines, tabs); "
                               "facts have them replaced by spaces", field=c.field)
        elif found is FieldType.NUMBER:
            try:
                if not math.isfinite(float(value)):
                    raise OverflowError
            except OverflowError:
                self.ctx.add(path, f"expected a finite number; found {value!r}", field=c.field)

    def _ref(self, c: Comparison, ftype: FieldType, path: Path, negative: bool,
             conjunctive: bool) -> None:
        assert c.ref is not None
        where = (*path, "ref")
        if negative or not conjunctive:
            self.ctx.add(where, "a ref (join) can only be used under 'all', not inside 'any' "
                                "or 'none': durable-rules evaluates a join inside an 'or' "
                                "wrongly", field=c.field)
        alias, other = c.ref.split(".", 1)
        earlier = self.aliases[:self.index]
        if alias not in self.aliases:
            self.ctx.add(where, f"ref '{c.ref}' names no alias of this rule; expected one of "
                                f"{', '.join(earlier) or '(none: this is the first alias)'}",
                         field=c.field, suggestion=_suggest_ref(alias, other, earlier))
            return
        if alias == self.alias:
            self.ctx.add(where, f"ref '{c.ref}' names this condition's own alias; a ref can "
                                "only name an earlier alias", field=c.field)
            return
        if alias not in earlier:
            self.ctx.add(where, f"ref '{c.ref}' names alias '{alias}', which does not come "
                                f"before '{self.alias}'; a ref can only name an earlier alias "
                                "(reorder 'when')", field=c.field)
            return
        fields = self.ctx.kind_fields(alias)
        if fields is None:
            return  # unknown kind: reported on that alias
        kind = self.ctx.rule.when[alias].kind
        other_type = fields.get(other)
        if other_type is None:
            suggestion = did_you_mean(other, fields)
            self.ctx.add(where, f"ref '{c.ref}': fact kind '{kind}' has no field '{other}'",
                         field=c.field,
                         suggestion=f"{alias}.{suggestion}" if suggestion else None)
        elif other_type is not ftype:
            self.ctx.add(where, f"ref '{c.ref}' is a {other_type} field; expected "
                                f"{article(ftype)} field to compare with '{c.field}'",
                         field=c.field)


def _suggest_ref(alias: str, field: str, aliases: list[str]) -> str | None:
    best = did_you_mean(alias, aliases)
    return f"{best}.{field}" if best else None


def _check_slots(ctx: RuleLint, alias: str) -> None:
    rule = ctx.rule
    engine_alias = {a: f"a{i}" for i, a in enumerate(rule.aliases)}
    needed = tuple(sorted(required_fields(rule).get(alias, ())))
    try:
        terms = alias_alternatives(engine_pattern(rule.when[alias]), engine_alias, needed)
    except CompileError:
        ctx.add(("when", alias),
                f"conditions too complex for durable-rules: an alias with a ref expands into "
                f"more than {MAX_ALTERNATIVES} alternatives (every 'any', 'in' and 'none' "
                "multiplies them); split the rule", field=alias)
        return
    except (ValueError, KeyError):
        return  # reported elsewhere
    cost = max(slot_cost(t) for t in terms)
    if cost > ENGINE_SLOTS:
        ctx.add(("when", alias),
                f"conditions too complex for durable-rules: {cost} expression slots, at most "
                f"{ENGINE_SLOTS} (each 'any', 'none', 'in' or nested group costs 2, each ref 1); "
                "split the rule", field=alias)
        return
    total = 1
    for other in rule.aliases[:rule.aliases.index(alias)]:
        try:
            total *= len(alias_alternatives(engine_pattern(rule.when[other]), engine_alias,
                                            ()))
        except (ValueError, KeyError):
            return  # reported on that alias
    if total * len(terms) > MAX_ALTERNATIVES:
        ctx.add(("when", alias),
                f"conditions too complex for durable-rules: the rule expands into "
                f"{total * len(terms)} engine rules, at most {MAX_ALTERNATIVES}; split the "
                "rule", field=alias)


def _check_possible(ctx: RuleLint, alias: str, fields: dict[str, FieldType]) -> None:
    conflicts = impossible(ctx.rule.when[alias], ("when", alias), fields)
    if not conflicts:
        return
    if len({(c.first.path, c.second.path) for c in conflicts}) == 1:
        c = conflicts[0]
        ctx.add(c.second.path, f"condition can never be true: '{c.second.text}' contradicts "
                               f"'{c.first.text}'", field=c.second.field)
        return
    c = conflicts[0]
    ctx.add(("when", alias), f"the conditions of '{alias}' can never be true: every "
                             f"alternative contradicts itself (e.g. '{c.second.text}' with "
                             f"'{c.first.text}')", field=alias)


def type_of(value: Any) -> FieldType | None:
    if isinstance(value, bool):
        return FieldType.FLAG
    if isinstance(value, int | float):
        return FieldType.NUMBER
    if isinstance(value, str):
        return FieldType.TEXT
    return None


def article(ftype: FieldType) -> str:
    return {FieldType.NUMBER: "a number", FieldType.TEXT: "a text",
            FieldType.FLAG: "a flag (true or false)"}[ftype]


def typed(value: Any) -> str:
    kind = type_of(value)
    name = {FieldType.NUMBER: "number", FieldType.TEXT: "text",
            FieldType.FLAG: "flag"}.get(kind, "value") if kind else type(value).__name__
    return f"{name} {show(value)}"
