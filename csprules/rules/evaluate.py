"""``evaluate(ruleset, facts)``: compile (checked, cached), match, then score and justify."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from csprules.errors import RulesetError
from csprules.rules.engine.compile import CompiledRuleset, compile_definition
from csprules.rules.engine.contributions import contributions_for, durable_matches
from csprules.rules.engine.durable import run_durable
from csprules.rules.engine.facts import prepare_facts
from csprules.rules.engine.gc_pause import gc_paused
from csprules.rules.engine.reference import run_reference
from csprules.rules.engine.select import select_engine
from csprules.rules.fields import Schema
from csprules.rules.lint import lint_ruleset_object
from csprules.rules.results import Evaluation
from csprules.rules.ruleset import Ruleset
from csprules.signals.schema import FACT_SCHEMA

MAX_DURABLE_RULES = 2500
"""Most engine rules given to durable-rules' C engine.  Measured here on 1,000 facts:
2,500 engine rules evaluate in 0.84 s, but 5,000 ran for over 200 s, and such rulesets
have failed with "Could not create ruleset, error code: 106".  Above the limit ``auto``
uses the reference evaluator (same results) with a warning; ``durable`` is refused."""


def evaluate(
    ruleset: Ruleset,
    facts: Iterable[Mapping[str, Any]],
    engine: str = "auto",
    *,
    schema: Schema = FACT_SCHEMA,
) -> Evaluation:
    """Run ``ruleset``'s enabled rules over ``facts``.

    ``engine`` is ``"auto"`` (durable-rules if importable, see
    :mod:`csprules.rules.engine.select`), ``"durable"`` or ``"reference"``;
    both give identical results.  Contributions come out in rule order, then
    by matched fact ids, whatever the order of ``facts``.
    """
    compiled = compile_ruleset(ruleset, schema=schema)
    name = select_engine(engine)
    size = len(compiled.definition)
    if name == "durable" and size > MAX_DURABLE_RULES:
        if engine == "durable":
            raise RulesetError(
                f"ruleset '{compiled.ruleset_name}': {size} engine rules; durable-rules is "
                f"used for at most {MAX_DURABLE_RULES} (larger rulesets run for minutes or "
                "fail inside the engine): use the reference evaluator (--engine reference)")
        warnings.warn(
            f"ruleset '{compiled.ruleset_name}' has {size} engine rules, more than the "
            f"{MAX_DURABLE_RULES} durable-rules is used for: evaluating with the reference "
            "evaluator (same results)", RuntimeWarning, stacklevel=2)
        name = "reference"
    with gc_paused():
        prepared = prepare_facts(facts, compiled)
        if name == "durable":
            raw = run_durable(compiled, prepared.engine_json()) if prepared.facts else []
            matches = durable_matches(compiled, raw, prepared.by_id)
        else:
            matches = run_reference(compiled, prepared)
        contributions = contributions_for(compiled, matches, prepared.by_id)
    return Evaluation.model_construct(
        ruleset=compiled.ruleset_name,
        content_hash=compiled.content_hash,
        engine=name,
        facts=prepared.count,
        matches=len(matches),
        contributions=tuple(contributions),
    )


def compile_ruleset(ruleset: Ruleset, *, schema: Schema = FACT_SCHEMA) -> CompiledRuleset:
    """The durable-rules definition of ``ruleset``'s enabled rules (cached per ruleset).

    Raises RulesetError if the ruleset has problems that would make the
    engine and the reference evaluator disagree (unknown fields, type
    mismatches, refs or ``contains`` where they cannot be compiled).
    """
    cache = ruleset._compiled
    # model_copy() shares private attributes: check the entry is for these very rules
    stamp = (schema, ruleset.rules, ruleset.name, ruleset.content_hash)
    hit = cache.get(id(schema))
    if hit is not None and all(a is b for a, b in zip(hit[0], stamp, strict=True)):
        compiled: CompiledRuleset = hit[1]
        return compiled
    problems = lint_ruleset_object(ruleset, schema=schema, themes=None, safety_only=True)
    if problems:
        raise RulesetError(problems)
    compiled = compile_definition(ruleset, schema)
    cache[id(schema)] = (stamp, compiled)
    return compiled
