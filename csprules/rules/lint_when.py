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
from csprules.rules.fields import Schema, required_fields, unknown_field
from csprules.rules.rule import Rule
from csprules.rules.ruleset import Ruleset
from csprules.rules.satisfiable import dead_branches, impossible
from csprules.signals.schema import FieldType
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import show

Path = tuple[str | int, ...]
_CONTROL = re.compile(r"[\x00-\x1f]")

THEME_FIELDS = frozenset({"theme", "parent"})
"""Fields whose values are theme ids: constants compared with them must be known themes."""


@dataclass(frozen=True)
class ThemeNames:
    """The theme ids a ruleset may name, and the words plans use for them (aliases)."""

    ids: frozenset[str]
    aliases: dict[str, str] = field(default_factory=dict)
    """Lower-case label or alias -> theme id."""

    def suggest(self, word: str) -> tuple[str | None, str]:
        """The theme id ``word`` most likely means, and why (empty when by spelling)."""
        phrase = re.sub(r"[-_\s]+", " ", word.lower()).strip()
        hit = self.aliases.get(phrase)
        if hit is not None:
            return hit, f"; '{phrase}' is what plans call '{hit}'"
        best = did_you_mean(word, self.ids)
        if best is not None:
            return best, ""
        close = did_you_mean(phrase, self.aliases)
        if close is not None:
            return self.aliases[close], f"; '{close}' is what plans call '{self.aliases[close]}'"
        return None, ""

    def unknown(self, word: str) -> tuple[str, str | None]:
        """Message and suggestion for a theme id the catalogue does not have."""
        best, why = self.suggest(word)
        return f"expected a theme id of the catalogue; found unknown theme '{word}'{why}", best


@dataclass
class RuleLint:
    """Lint state for one rule: where to locate problems, and what was found."""

    ruleset: Ruleset
    rule: Rule
    schema: Schema
    themes: ThemeNames | None = None
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
            ctx.add((*base, "kind"), unknown_kind(pattern.kind, ctx.schema),
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
            why = {"all": "requires nothing", "any": "can never be true",
                   "none": "excludes nothing"}[key]
            self.ctx.add(path, f"expected at least one condition under '{key}'; found an "
                               f"empty list, which {why}: add conditions or remove it",
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
            text, suggestion = unknown_field(self.ctx.schema, self.kind, c.field)
            self.ctx.add((*path, "field"), text, field=c.field, suggestion=suggestion)
            return
        if not self._op_fits(c, ftype, path):
            return
        if c.op is Op.CONTAINS:
            self._contains(c, path, negative)
        elif c.op in SET_OPS:
            assert isinstance(c.value, tuple)
            if not c.value:
                why = ("can never be true" if c.op is Op.IN
                       else "excludes nothing (use 'exists')")
                self.ctx.add((*path, "value"), f"expected at least one value for '{c.op}'; "
                                               f"found [], which {why}", field=c.field)
            for j, v in enumerate(c.value):
                self._constant(c, v, ftype, (*path, "value", j))
        elif c.ref is not None:
            self._ref(c, ftype, path, negative, conjunctive)
        elif c.op in EQUALITY | ORDERING:
            self._constant(c, c.value, ftype, (*path, "value"))
        if c.field in THEME_FIELDS and c.op in EQUALITY | SET_OPS and c.ref is None:
            self._themes(c, path)

    def _themes(self, c: Comparison, path: Path) -> None:
        themes = self.ctx.themes
        if themes is None:
            return
        values = c.value if isinstance(c.value, tuple) else (c.value,)
        for j, v in enumerate(values):
            if isinstance(v, str) and v not in themes.ids:
                where = (*path, "value", j) if isinstance(c.value, tuple) else (*path, "value")
                text, suggestion = themes.unknown(v)
                self.ctx.add(where, text, field=c.field, suggestion=suggestion)

    def _op_fits(self, c: Comparison, ftype: FieldType, path: Path) -> bool:
        if c.op in ORDERING and ftype is not FieldType.NUMBER:
            hint = " (compare a flag with '=' true or false)" if ftype is FieldType.FLAG else ""
            self.ctx.add((*path, "op"), f"expected a number field for operator '{c.op}'; "
                                        f"found '{c.field}', a {ftype} field{hint}",
                         field=c.field)
            return False
        if c.op is Op.CONTAINS and ftype is not FieldType.TEXT:
            self.ctx.add((*path, "op"), "expected a text field for operator 'contains'; "
                                        f"found '{c.field}', a {ftype} field", field=c.field)
            return False
        return True

    def _contains(self, c: Comparison, path: Path, negative: bool) -> None:
        if not re.match(CONTAINS_PATTERN, str(c.value)):
            self.ctx.add((*path, "value"),
                         "expected 1-100 letters, digits, spaces, '-' or '_' to look for; "
                         f"found {show(c.value)}", field=c.field)
        if negative:
            self.ctx.add((*path, "op"),
                         "expected '!=' or 'not in' with the exact values under 'none'; found "
                         "'contains', which durable-rules cannot negate", field=c.field)

    def _constant(self, c: Comparison, value: Any, ftype: FieldType, path: Path) -> None:
        found = type_of(value)
        if found is not ftype:
            self.ctx.add(path, f"expected {article(ftype)} to compare with {ftype} field "
                               f"'{c.field}'; found {typed(value)}", field=c.field)
        elif isinstance(value, str) and _CONTROL.search(value):
            self.ctx.add(path, "expected text without control characters (facts have them "
                               f"replaced by spaces); found {show(value)}", field=c.field)
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
            self.ctx.add(where, "expected a ref (join) only under 'all'; found one inside "
                                "'any' or 'none', where durable-rules evaluates a join wrongly",
                         field=c.field)
        alias, other = c.ref.split(".", 1)
        earlier = self.aliases[:self.index]
        if alias not in self.aliases:
            self.ctx.add(where, "expected a ref to an earlier alias of this rule ("
                                f"{', '.join(earlier) or 'none: this is the first alias'}); "
                                f"found ref '{c.ref}'",
                         field=c.field, suggestion=_suggest_ref(alias, other, earlier))
            return
        if alias == self.alias:
            self.ctx.add(where, "expected a ref to an earlier alias; found ref "
                                f"'{c.ref}', which names this condition's own alias",
                         field=c.field)
            return
        if alias not in earlier:
            self.ctx.add(where, f"expected a ref to an alias before '{self.alias}'; found ref "
                                f"'{c.ref}', naming alias '{alias}', which comes after it "
                                "(reorder 'when')", field=c.field)
            return
        fields = self.ctx.kind_fields(alias)
        if fields is None:
            return  # unknown kind: reported on that alias
        kind = self.ctx.rule.when[alias].kind
        other_type = fields.get(other)
        if other_type is None:
            text, suggestion = unknown_field(self.ctx.schema, kind, other)
            self.ctx.add(where, f"ref '{c.ref}': {text}", field=c.field,
                         suggestion=f"{alias}.{suggestion}" if suggestion else None)
        elif other_type is not ftype:
            self.ctx.add(where, f"expected {article(ftype)} field to compare with "
                                f"'{c.field}'; found ref '{c.ref}', a {other_type} field",
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
                f"expected conditions durable-rules can run: at most {MAX_ALTERNATIVES} "
                "alternatives for an alias with a ref; found more (every 'any', 'in' and "
                "'none' multiplies them): split the rule", field=alias)
        return
    except (ValueError, KeyError):
        return  # reported elsewhere
    cost = max(slot_cost(t) for t in terms)
    if cost > ENGINE_SLOTS:
        ctx.add(("when", alias),
                f"expected conditions durable-rules can run: at most {ENGINE_SLOTS} expression "
                f"slots (each 'any', 'none', 'in' or nested group costs 2, each ref 1); found "
                f"{cost}: split the rule", field=alias)
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
                f"expected conditions durable-rules can run: at most {MAX_ALTERNATIVES} engine "
                f"rules per rule; found {total * len(terms)}: split the rule", field=alias)


def _check_possible(ctx: RuleLint, alias: str, fields: dict[str, FieldType]) -> None:
    conflicts = impossible(ctx.rule.when[alias], ("when", alias), fields)
    if not conflicts:
        return
    if len({(c.first.path, c.second.path) for c in conflicts}) == 1:
        c = conflicts[0]
        ctx.add(c.second.path, f"expected a condition that can be true; found "
                               f"'{c.second.text}', which contradicts '{c.first.text}'",
                field=c.second.field)
        return
    c = conflicts[0]
    ctx.add(("when", alias), f"expected conditions of '{alias}' that can be true; found "
                             f"that every alternative contradicts itself (e.g. "
                             f"'{c.second.text}' with '{c.first.text}')", field=alias)


def lint_branches(ctx: RuleLint) -> None:
    """Warnings: branches of an ``any`` that can never match, or that a sibling covers."""
    for alias, pattern in ctx.rule.when.items():
        fields = ctx.kind_fields(alias)
        if fields is None:
            continue
        for dead in dead_branches(pattern, ("when", alias), fields):
            items = _items_at(pattern, dead.group[2:])
            this = f"branch {dead.index + 1} ('{describe(items[dead.index])}')"
            if dead.covered_by is None:
                c = dead.conflict
                why = f": '{c.second.text}' contradicts '{c.first.text}'" if c else ""
                ctx.add((*dead.group, dead.index),
                        "expected every branch of 'any' to be able to match; found "
                        f"{this}, which can never be true with the other conditions{why}",
                        field="any")
            else:
                other = f"branch {dead.covered_by + 1} ('{describe(items[dead.covered_by])}')"
                ctx.add((*dead.group, dead.index),
                        "expected every branch of 'any' to match facts the others do not; "
                        f"found {this}, which {other} always matches too: remove it or "
                        "change one of them", field="any")


def _items_at(pattern: Any, path: Path) -> tuple[Condition, ...]:
    """The condition list at ``path`` (``(key, i, key, ...)``) inside ``pattern``."""
    items: tuple[Condition, ...] = dict(pattern.groups())[path[0]]
    for i, key in zip(path[1::2], path[2::2], strict=True):
        group = items[int(i)]
        assert isinstance(group, Group)
        assert group.key == key
        items = group.items
    return items


def describe(c: Condition) -> str:
    """A condition as an analyst writes it: ``change_pct > 10``, ``any: [a, b]``."""
    if isinstance(c, Group):
        return f"{c.key}: [" + ", ".join(describe(x) for x in c.items) + "]"
    return c.describe()


def unknown_kind(kind: str, schema: Schema) -> str:
    return f"expected a fact kind ({', '.join(sorted(schema))}); found '{kind}'"


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
