"""Read a ruleset file (and what it extends) into a linted :class:`Ruleset`.

Every problem is collected, located and reported at once: YAML and header
errors stop early (nothing else can be read), but invalid rules, criteria and
lint findings are all listed together in one :class:`RulesetError`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from csprules.errors import Location, Problem, RulesetError
from csprules.evidence.ids import ID_PATTERN
from csprules.rules.conditions import ALIAS_PATTERN, CONTAINS_PATTERN, FIELD_PATTERN, REF_PATTERN
from csprules.rules.extends import (
    DEFAULT_RULESET,
    Source,
    chain_locate,
    deep_merge,
    default_display,
    read_source,
    resolve_chain,
)
from csprules.rules.fields import Schema
from csprules.rules.lint import Themes, lint_ruleset_object
from csprules.rules.rule import METADATA_KEYS, Metadata, Rule
from csprules.rules.ruleset import Locate, Ruleset, content_hash_of
from csprules.rules.scoring_config import Criterion, ScoringConfig
from csprules.signals.schema import FACT_SCHEMA
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import LocateMaybe, problems_from, show
from csprules.sources.yaml_file import YamlDocument, load_yaml, parse_yaml

M = TypeVar("M", bound=BaseModel)

TOP_KEYS = ("kind", "version", *METADATA_KEYS, "disable", "criteria", "scoring", "rules")


def load_ruleset(
    path: str | Path, *, schema: Schema = FACT_SCHEMA, themes: Themes = "catalogue"
) -> Ruleset:
    """Read, resolve (extends/disable), validate and lint a ruleset file.

    ``path`` may be the word ``"default"``: the shipped ``rulesets/default.yaml``.

    Raises RulesetError listing every problem, each as ``path:line:col: ...``.
    """
    ruleset, problems = read_ruleset(path, schema=schema, themes=themes)
    if problems or ruleset is None:
        raise RulesetError(problems)
    return ruleset


def parse_ruleset(
    text: str,
    *,
    display: str = "<ruleset>",
    base: str | Path | None = None,
    schema: Schema = FACT_SCHEMA,
    themes: Themes = "catalogue",
) -> Ruleset:
    """Like :func:`load_ruleset`, for YAML text; relative ``extends`` paths start at ``base``."""
    doc = parse_yaml(text, display, RulesetError)
    ruleset, problems = _build(doc, None, Path(base) if base is not None else None,
                               schema=schema, themes=themes)
    if problems or ruleset is None:
        raise RulesetError(problems)
    return ruleset


def lint_ruleset(
    source: Ruleset | str | Path,
    *,
    schema: Schema = FACT_SCHEMA,
    themes: Themes = "catalogue",
) -> list[Problem]:
    """All problems of a ruleset (or of the ruleset file at a path, parse errors included).

    ``themes`` is the set of known theme ids: ``"catalogue"`` for
    ``csprules.evidence.catalogue.default_catalogue()``, or None to skip the check.
    """
    if isinstance(source, Ruleset):
        return lint_ruleset_object(source, schema=schema, themes=themes)
    return read_ruleset(source, schema=schema, themes=themes)[1]


def read_ruleset(
    path: str | Path, *, schema: Schema = FACT_SCHEMA, themes: Themes = "catalogue"
) -> tuple[Ruleset | None, list[Problem]]:
    """The ruleset at ``path`` (None if unreadable) and all its problems, without raising."""
    display = str(path)
    if display == "default":  # the shipped rulesets/default.yaml, as in 'extends: default'
        path = DEFAULT_RULESET
        display = default_display()
    p = Path(path)
    try:
        doc = load_yaml(p, display, RulesetError)
        return _build(doc, p.resolve(), p.resolve().parent, schema=schema, themes=themes)
    except RulesetError as e:
        return None, list(e.problems)


def _build(
    doc: YamlDocument, path: Path | None, base: Path | None, *, schema: Schema, themes: Themes
) -> tuple[Ruleset | None, list[Problem]]:
    first = read_source(doc, path, base)
    chain, problems = resolve_chain(first)
    builder = _Builder(chain)
    ruleset = builder.build()
    problems += builder.problems
    problems += lint_ruleset_object(ruleset, schema=schema, themes=themes,
                                    extra_criteria=builder.invalid_criteria)
    return ruleset, sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[str, int, int]:
    loc = problem.location
    if loc is None:
        return ("", 0, 0)
    return (loc.path, loc.line or 0, loc.column or 0)


class _Builder:
    """Merges a chain (child first) root first: criteria, scoring, rules, disable."""

    def __init__(self, chain: list[Source]) -> None:
        self.chain = chain
        self.problems: list[Problem] = []
        self.invalid_criteria: set[str] = set()

    def build(self) -> Ruleset:
        for source in self.chain:
            self._check_top(source)
        meta = self._metadata()
        criteria = self._criteria()
        scoring = self._scoring()
        rules, locators = self._rules()
        ruleset = Ruleset(
            name=meta.name if meta else "?",
            ruleset_version=meta.ruleset_version if meta else "?",
            description=meta.description if meta else None,
            authors=meta.authors if meta else (),
            criteria=criteria,
            scoring=scoring,
            rules=tuple(rules),
            sources=tuple(s.doc.display for s in self.chain),
        )
        ruleset = ruleset.model_copy(update={"content_hash": content_hash_of(ruleset)})
        locators["criteria"] = chain_locate(self.chain, ("criteria",))
        locators["scoring"] = chain_locate(self.chain, ("scoring",))
        return ruleset.with_locators(locators)

    def _check_top(self, source: Source) -> None:
        for key in source.data:
            if key not in TOP_KEYS:
                self.problems.append(Problem(
                    source.doc.location((key,)),
                    f"unknown field; expected one of {', '.join(sorted(TOP_KEYS))}",
                    field=key, suggestion=did_you_mean(key, TOP_KEYS),
                ))

    def _metadata(self) -> Metadata | None:
        first: Metadata | None = None
        for i, source in enumerate(self.chain):
            raw = {k: v for k, v in source.data.items() if k in METADATA_KEYS}
            meta = self._validate(Metadata, raw, source, ())
            if i == 0:
                first = meta
        return first

    def _criteria(self) -> dict[str, Criterion]:
        merged: dict[str, Any] = {}
        for source in reversed(self.chain):
            raw = source.data.get("criteria")
            if raw is None:
                continue
            if not isinstance(raw, dict):
                self._wrong_type(source, ("criteria",), "a mapping of id -> criterion", raw)
                continue
            merged = deep_merge(merged, raw)
        out: dict[str, Criterion] = {}
        locate = chain_locate(self.chain, ("criteria",))
        defined = [c for c, raw in merged.items() if isinstance(raw, dict) and "label" in raw]
        for cid, raw in merged.items():
            if not re.match(ID_PATTERN, cid):
                self.invalid_criteria.add(cid)
                self.problems.append(Problem(
                    locate((cid,)),
                    "expected a criterion id (lower-case letters, digits, '-' and '_'); "
                    f"found {cid!r}",
                    field="criteria",
                ))
                continue
            if isinstance(raw, dict) and "label" not in raw:
                # Shaped like an override (weight only), of a criterion nothing defines:
                # most likely a misspelt id, not a new criterion missing its label and cap.
                self.invalid_criteria.add(cid)
                known = f" ({', '.join(sorted(defined))})" if defined else ""
                self.problems.append(Problem(
                    locate((cid,)),
                    f"expected a criterion this ruleset or one it extends defines{known}, or a "
                    f"new one with label, weight and cap; found unknown criterion '{cid}'",
                    field="criteria", suggestion=did_you_mean(cid, defined),
                ))
                continue
            try:
                out[cid] = Criterion.model_validate(raw)
            except ValidationError as e:
                self.invalid_criteria.add(cid)
                self.problems += _problems(e, Criterion, _prefixed(locate, (cid,)))
        return out

    def _scoring(self) -> ScoringConfig:
        merged: Any = {}
        for source in reversed(self.chain):
            raw = source.data.get("scoring")
            if raw is not None:
                merged = deep_merge(merged, raw)
        if not isinstance(merged, dict):
            self._wrong_type(self.chain[0], ("scoring",), "a mapping", merged)
            return ScoringConfig()
        try:
            return ScoringConfig.model_validate(merged)
        except ValidationError as e:
            self.problems += _problems(e, ScoringConfig,
                                          chain_locate(self.chain, ("scoring",)))
            return ScoringConfig()

    def _rules(self) -> tuple[list[Rule], dict[str, Locate]]:
        order: list[str] = []
        rules: dict[str, Rule] = {}
        known: set[str] = set()
        locators: dict[str, Locate] = {}
        for source in reversed(self.chain):
            raw_rules = source.data.get("rules", [])
            if raw_rules is None:
                raw_rules = []
            if not isinstance(raw_rules, list):
                self._wrong_type(source, ("rules",), "a list of rules", raw_rules)
                raw_rules = []
            seen_here: dict[str, Location] = {}
            for i, raw in enumerate(raw_rules):
                rid = raw.get("id") if isinstance(raw, dict) else None
                rid = rid if isinstance(rid, str) else None
                if rid is not None and rid in seen_here:
                    self.problems.append(Problem(
                        source.doc.location(("rules", i, "id")),
                        f"expected each rule id once in a file; found '{rid}' again (first "
                        f"defined at {seen_here[rid]})",
                        rule_id=rid,
                    ))
                    continue
                if rid is not None:
                    seen_here[rid] = source.doc.location(("rules", i, "id"))
                    known.add(rid)
                rule = self._validate(Rule, raw, source, ("rules", i), rule_id=rid)
                if rule is None:
                    continue
                if rule.id not in rules:
                    order.append(rule.id)
                rules[rule.id] = rule
                locators[f"rule:{rule.id}"] = _doc_locate(source.doc, ("rules", i))
            self._disable(source, rules, known)
        return [rules[r] for r in order], locators

    def _disable(self, source: Source, rules: dict[str, Rule], known: set[str]) -> None:
        raw = source.data.get("disable")
        if raw is None:
            return
        if not isinstance(raw, list):
            self._wrong_type(source, ("disable",), "a list of rule ids", raw)
            return
        for i, rid in enumerate(raw):
            where = source.doc.location(("disable", i))
            if not isinstance(rid, str):
                self.problems.append(Problem(where, f"expected a rule id; found {show(rid)}",
                                             field="disable"))
            elif rid in rules:
                rules[rid] = rules[rid].model_copy(update={"enabled": False})
            elif rid not in known:
                self.problems.append(Problem(
                    where,
                    "expected the id of a rule in this ruleset or one it extends; found "
                    f"unknown rule '{rid}'",
                    field="disable", suggestion=did_you_mean(rid, known),
                ))

    def _validate(
        self,
        model: type[M],
        raw: Any,
        source: Source,
        prefix: tuple[str | int, ...],
        rule_id: str | None = None,
    ) -> M | None:
        try:
            return model.model_validate(raw)
        except ValidationError as e:
            self.problems += _problems(e, model, _doc_locate(source.doc, prefix), rule_id)
            return None

    def _wrong_type(
        self, source: Source, path: tuple[str | int, ...], expected: str, found: Any
    ) -> None:
        self.problems.append(Problem(source.doc.location(path),
                                     f"expected {expected}; found {show(found)}",
                                     field=str(path[-1])))


def _doc_locate(doc: YamlDocument, prefix: tuple[str | int, ...]) -> Locate:
    def locate(path: tuple[str | int, ...]) -> Location:
        return doc.location((*prefix, *path))

    return locate


def _prefixed(locate: Locate, prefix: tuple[str | int, ...]) -> Locate:
    def inner(path: tuple[str | int, ...]) -> Location:
        return locate((*prefix, *path))

    return inner


_PATTERNS = {
    ALIAS_PATTERN: "an alias (lower-case letters, digits and '_', starting with a letter)",
    FIELD_PATTERN: "a field name (letters, digits and '_')",
    REF_PATTERN: "'alias.field', e.g. 'signal.theme'",
    CONTAINS_PATTERN: "1-100 letters, digits, spaces, '-' or '_'",
}


def _union_hint(field: str | None) -> str:
    if field == "value":
        return "a constant (number, text, true or false) or, for 'in', a list of them"
    if field == "points":
        return "a number or {from: alias.field, scale, offset, min, max}"
    return "a number, text, true or false"


def _problems(
    e: ValidationError, model: type[BaseModel], locate: LocateMaybe, rule_id: str | None = None
) -> list[Problem]:
    """The one translator, told the ruleset's patterns and union fields."""
    return problems_from(e, model, locate, rule_id=rule_id, patterns=_PATTERNS,
                         union_hint=_union_hint)
