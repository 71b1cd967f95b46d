"""Lint a ruleset: every problem, located, with what was expected and a suggestion.

Two tiers: *safety* checks (unknown kinds and fields, type mismatches, refs,
``contains`` under ``none``, engine limits, placeholders and points that
could not be computed) guard compilation, because they are what keeps the
two evaluators in agreement; *quality* checks (unknown criteria and themes,
conditions that can never be true, case facts) are added by
:func:`lint_ruleset` and by loading.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Literal

from csprules.errors import Problem
from csprules.evidence.catalogue import default_catalogue
from csprules.evidence.ids import ID_PATTERN
from csprules.rules.fields import Schema, unknown_field
from csprules.rules.lint_when import (
    RuleLint,
    ThemeNames,
    article,
    lint_branches,
    lint_when,
    type_of,
    typed,
    unknown_kind,
)
from csprules.rules.rule import PointsFrom
from csprules.rules.ruleset import Ruleset
from csprules.rules.templates import (
    Placeholder,
    Template,
    TemplateSyntaxError,
    check_spec,
    parse_template,
)
from csprules.signals.schema import FACT_SCHEMA, FieldType
from csprules.sources.suggest import did_you_mean

Themes = Collection[str] | Literal["catalogue"] | None

_SAMPLE = {FieldType.NUMBER: 1.5, FieldType.TEXT: "x", FieldType.FLAG: True}


def lint_ruleset_object(
    ruleset: Ruleset,
    *,
    schema: Schema = FACT_SCHEMA,
    themes: Themes = "catalogue",
    extra_criteria: Iterable[str] = (),
    safety_only: bool = False,
) -> list[Problem]:
    quality = not safety_only
    theme_ids = _theme_ids(themes) if quality else None
    criteria = set(ruleset.criteria) | set(extra_criteria)
    problems: list[Problem] = []
    if quality:
        problems += _lint_scoring(ruleset, criteria)
    for rule in ruleset.rules if quality else ruleset.enabled_rules:
        ctx = RuleLint(ruleset, rule, schema, theme_ids)
        lint_when(ctx, quality)
        _lint_then(ctx, criteria if quality else None, theme_ids)
        if quality:
            _lint_cases(ctx, criteria)
        problems += ctx.problems
    return problems


def lint_warnings(ruleset: Ruleset, *, schema: Schema = FACT_SCHEMA) -> list[Problem]:
    """What is legal but almost certainly not meant: dead branches inside ``any``.

    Warnings do not stop a ruleset loading; ``csprules validate`` prints them.
    """
    problems: list[Problem] = []
    for rule in ruleset.rules:
        ctx = RuleLint(ruleset, rule, schema)
        if all(lint_when(ctx, True).values()) and not ctx.problems:
            lint_branches(ctx)
            problems += ctx.problems
    return problems


def warning_text(problem: Problem) -> str:
    """``path:line:col: warning: rule 'x': ...``, as compilers print warnings."""
    text = str(dataclasses.replace(problem, location=None))
    return f"{problem.location}: warning: {text}" if problem.location else f"warning: {text}"


def _theme_ids(themes: Themes) -> ThemeNames | None:
    if themes is None:
        return None
    if themes == "catalogue":
        catalogue = default_catalogue()
        aliases = {p.lower(): t.id for t in catalogue for p in (t.label, *t.aliases)}
        return ThemeNames(frozenset(t.id for t in catalogue), aliases)
    return ThemeNames(frozenset(themes))


def unknown_criterion(cid: str, criteria: Collection[str]) -> str:
    """The message for a criterion id the ruleset does not define (``criteria``: those it
    does; one defined wrongly is reported where it is defined, and not listed here)."""
    return (f"expected a criterion of the ruleset ({', '.join(sorted(criteria))}); "
            f"found unknown criterion '{cid}'")


def _lint_scoring(ruleset: Ruleset, criteria: set[str]) -> list[Problem]:
    # A criterion that failed validation has no weight to count: the share would be
    # wrong, and the user already has the error that matters.
    invalid = criteria - set(ruleset.criteria)
    problems = [] if invalid else _lint_policy_share(ruleset)
    for where, cid in ruleset.scoring.referenced_criteria():
        if cid in criteria:
            continue
        path: list[str | int] = list(where.split("."))
        value: object = ruleset.scoring
        for part in where.split("."):
            value = getattr(value, part, None)
        if isinstance(value, tuple) and cid in value:
            path.append(value.index(cid))
        problems.append(Problem(
            ruleset.locate("scoring", tuple(path)),
            unknown_criterion(cid, ruleset.criteria),
            field=where.split(".")[-1], suggestion=did_you_mean(cid, ruleset.criteria),
        ))
    return problems


def _lint_policy_share(ruleset: Ruleset) -> list[Problem]:
    """Policy criteria (drivers, continuity, ownership) may hold only a bounded share."""
    policy = ruleset.scoring.policy
    if policy is None:
        return []
    scored = {c: k.weight for c, k in ruleset.criteria.items()
              if c != ruleset.scoring.confidence}
    total = sum(scored.values())
    held = sum(w for c, w in scored.items() if c in policy.criteria)
    if total <= 0 or held / total <= policy.max_share + 1e-9:
        return []
    return [Problem(
        ruleset.locate("scoring", ("policy", "max_share")),
        f"expected the policy criteria ({', '.join(policy.criteria)}) to hold at most "
        f"max_share {policy.max_share:.0%} of the score weights; found {held / total:.0%}: "
        "lower their weights or raise the weights of the evidence criteria",
        field="max_share",
    )]


def _lint_then(ctx: RuleLint, criteria: set[str] | None, themes: ThemeNames | None) -> None:
    for j, then in enumerate(ctx.rule.then):
        path = ("then", j)
        if criteria is not None and then.criterion not in criteria:
            ctx.add((*path, "criterion"), unknown_criterion(then.criterion, ctx.ruleset.criteria),
                    field="criterion",
                    suggestion=did_you_mean(then.criterion, ctx.ruleset.criteria))
        _lint_theme(ctx, then.theme, (*path, "theme"), themes)
        _lint_template(ctx, then.text, (*path, "text"), None)
        if isinstance(then.points, PointsFrom):
            _lint_points(ctx, then.points, (*path, "points"))


def _lint_theme(ctx: RuleLint, theme: str, path: tuple[str | int, ...],
                themes: ThemeNames | None) -> None:
    template = _lint_template(ctx, theme, path, FieldType.TEXT)
    if template is None or template.constant is None:
        return
    if not re.match(ID_PATTERN, theme):
        ctx.add(path, "expected a theme id or a template such as '{signal.theme}'; "
                      f"found {theme!r}", field="theme")
    elif themes is not None and theme not in themes.ids:
        text, suggestion = themes.unknown(theme)
        ctx.add(path, text, field="theme", suggestion=suggestion)


def _lint_template(ctx: RuleLint, text: str, path: tuple[str | int, ...],
                   want: FieldType | None) -> Template | None:
    where = str(path[-1])
    try:
        template = parse_template(text)
    except TemplateSyntaxError as e:
        ctx.add(path, str(e), field=where)
        return None
    for ph in template.placeholders:
        _lint_placeholder(ctx, ph, path, where, want)
    return template


def _lint_placeholder(ctx: RuleLint, ph: Placeholder, path: tuple[str | int, ...], where: str,
                      want: FieldType | None) -> None:
    aliases = list(ctx.rule.when)
    if ph.alias not in aliases:
        ctx.add(path, f"expected a placeholder naming an alias of this rule "
                      f"({', '.join(aliases)}); found '{ph.source}'", field=where,
                suggestion=did_you_mean(ph.alias, aliases))
        return
    fields = ctx.kind_fields(ph.alias)
    if fields is None:
        return
    ftype = fields.get(ph.field)
    kind = ctx.rule.when[ph.alias].kind
    if ftype is None:
        text, suggestion = unknown_field(ctx.schema, kind, ph.field)
        ctx.add(path, f"placeholder '{ph.source}': {text}", field=where, suggestion=suggestion)
    elif want is not None and ftype is not want:
        ctx.add(path, f"expected a placeholder naming {article(want)} field here; found "
                      f"'{ph.source}', a {ftype} field", field=where)
    elif ph.spec:
        error = check_spec(ph.spec, _SAMPLE[ftype])
        if error is not None:
            ctx.add(path, f"expected a format spec that fits a {ftype} field in "
                          f"placeholder '{ph.source}'; found '{ph.spec}' ({error})",
                    field=where)


def _lint_points(ctx: RuleLint, points: PointsFrom, path: tuple[str | int, ...]) -> None:
    alias, field = points.from_.split(".", 1)
    where = (*path, "from")
    aliases = list(ctx.rule.when)
    if alias not in aliases:
        ctx.add(where, f"expected 'from' to name an alias of this rule ({', '.join(aliases)}); "
                       f"found '{points.from_}'", field="points",
                suggestion=did_you_mean(alias, aliases))
        return
    fields = ctx.kind_fields(alias)
    if fields is None:
        return
    ftype = fields.get(field)
    if ftype is None:
        text, suggestion = unknown_field(ctx.schema, ctx.rule.when[alias].kind, field)
        ctx.add(where, f"'from: {points.from_}': {text}", field="points",
                suggestion=suggestion)
    elif ftype is not FieldType.NUMBER:
        ctx.add(where, f"expected a number field; found 'from: {points.from_}', a {ftype} "
                       "field", field="points")


def _lint_cases(ctx: RuleLint, criteria: set[str]) -> None:
    for k, case in enumerate(ctx.rule.cases):
        ids: set[str] = set()
        for i, fact in enumerate(case.facts, start=1):
            path = ("cases", k, "facts", i - 1)
            fid = fact.get("id", str(i))
            if fid in ids:
                ctx.add((*path, "id"), f"expected each fact id once in case '{case.name}'; "
                                       f"found {fid!r} again", field="id")
            ids.add(str(fid))
            _lint_case_fact(ctx, fact, path)
        for m, want in enumerate(case.contributions):
            if want.criterion not in criteria:
                ctx.add(("cases", k, "contributions", m, "criterion"),
                        unknown_criterion(want.criterion, ctx.ruleset.criteria), field="criterion",
                        suggestion=did_you_mean(want.criterion, ctx.ruleset.criteria))


def _lint_case_fact(
    ctx: RuleLint, fact: Mapping[str, object], path: tuple[str | int, ...]
) -> None:
    kind = fact.get("kind")
    if not isinstance(kind, str):
        ctx.add(path, "expected 'kind' (a fact kind such as 'indicator') in a case fact; "
                      "found none", field="kind")
        return
    fields = ctx.schema.get(kind)
    if fields is None:
        ctx.add((*path, "kind"), unknown_kind(kind, ctx.schema), field="kind",
                suggestion=did_you_mean(kind, ctx.schema))
        return
    for name, value in fact.items():
        if name == "kind":
            continue
        ftype = fields.get(name, FieldType.TEXT if name == "id" else None)
        if ftype is None:
            text, suggestion = unknown_field(ctx.schema, kind, name)
            ctx.add((*path, name), text, field=name, suggestion=suggestion)
        elif type_of(value) is not ftype:
            ctx.add((*path, name), f"expected {article(ftype)}; found {typed(value)}", field=name)
