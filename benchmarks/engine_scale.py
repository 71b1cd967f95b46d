"""How the rules engine scales: durable-rules vs the reference evaluator, side by side.

Synthetic facts follow :data:`csprules.signals.schema.FACT_SCHEMA` (indicators,
comparators, ranks, concerns, drivers, themes, with absent fields); synthetic
rules cycle through six realistic shapes (a trend on one indicator, a theme's
worsening harm, a benchmark gap, a driver joined to a worsening indicator, a
consultation ranking with ``any``, a label ``contains``).  For every size both
engines evaluate the same ruleset and must agree.

Prints, per size (medians of interleaved repeats, so that both engines see
the same machine noise; ``spread`` is max - min of the repeats)::

    BENCH engine_durable_<facts>f_<rules>r <seconds> s          (warm, whole evaluate)
    BENCH engine_reference_<facts>f_<rules>r <seconds> s
    BENCH engine_ratio_<facts>f_<rules>r <reference/durable> x
    BENCH engine_<engine>_spread_<facts>f_<rules>r <seconds> s
    BENCH engine_<engine>_cold_<facts>f_<rules>r <seconds> s    (first evaluation)
    BENCH engine_<engine>_rate_<facts>f_<rules>r <facts per second> facts/s
    BENCH engine_durable_permatch_<facts>f_<rules>r <us> us/match
    BENCH engine_matches_<facts>f_<rules>r <n> matches

Warm is a second evaluation of an already compiled ruleset on a running
worker; cold is the first evaluation of a new ruleset object on a new worker
(lint, compile, worker start, ``create_ruleset``).  ``prepare`` is checking
and writing the facts, ``core`` the round trip to the worker (sending facts,
the C engine's assert and drain, match parsing in the worker), and
``per-match`` the Python work after it (de-duplicating, post-tests, scoring,
rendering) divided by the matches.

Usage: ``python benchmarks/engine_scale.py [--quick]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Iterable
from typing import Any

from csprules.rules import Evaluation, Rule, Ruleset, close, compile_ruleset, evaluate
from csprules.rules.engine.contributions import contributions_for, durable_matches
from csprules.rules.engine.durable import run_durable
from csprules.rules.engine.facts import prepare_facts
from csprules.rules.engine.gc_pause import gc_paused
from csprules.rules.engine.select import durable_module
from csprules.rules.scoring_config import Criterion
from csprules.signals.schema import FACT_SCHEMA, FieldType

FULL = [(f, r) for f in (1_000, 10_000, 100_000) for r in (50, 200, 1000)] + [(10_000, 500)]
"""The curve, plus the goal point: 10k facts x 500 rules, warm, in <= 0.35 s."""
QUICK = [(1_000, 50), (1_000, 200), (1_000, 500), (10_000, 200), (10_000, 500)]
"""CI's sizes (benchmarks/run.py --quick): includes the 500-rule goal point."""

THEMES = ["violence", "domestic-abuse", "sexual-offences", "robbery", "burglary", "asb",
          "vehicle-crime", "theft", "criminal-damage", "hate-crime", "drug-supply", "arson",
          "substance-misuse", "reoffending", "youth-offending", "fraud", "road-safety",
          "cse", "modern-slavery", "prevent", "serious-violence", "alcohol-harm"]
CODES = [f"ind-{i:03d}" for i in range(300)]
DRIVERS = [f"Driver {i}" for i in range(200)]
KINDS = ["indicator"] * 12 + ["comparator"] * 2 + ["rank"] + ["concern"] * 2 + \
    ["driver"] * 2 + ["theme"]
TEXT_VALUES = {
    "direction": ["up", "down", "maintain"], "unit": ["count", "rate", "percentage"],
    "level": ["national", "regional", "local"], "driver_kind": ["strategy", "plan_priority",
                                                                 "statutory_duty", "funding"],
    "period": ["2014/15", "2015/16"], "previous_period": ["2013/14", "2014/15"],
    "comparator": ["London", "MSG", "Neighbours"], "latest_state": ["value", "missing"],
    "trend_direction": ["up", "down", "flat"], "theme_kind": ["crime_type", "cohort"],
    "previous_status": ["priority", "cross_cutting", "none"],
    "owner_tier": ["board", "delivery_group", "operational"],
}


def synthetic_facts(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """``n`` facts of every kind, about 30% of optional fields absent."""
    rnd = random.Random(seed)
    facts = []
    for i in range(n):
        kind = rnd.choice(KINDS)
        code = rnd.choice(CODES)
        fact: dict[str, Any] = {"id": f"{kind}-{i}", "kind": kind, "theme": rnd.choice(THEMES)}
        for field, ftype in FACT_SCHEMA[kind].items():
            if field in fact or rnd.random() < 0.3:
                continue
            if ftype is FieldType.NUMBER:
                fact[field] = round(rnd.uniform(-50, 50), 2) if "pct" in field or \
                    field == "change" else float(rnd.randint(0, 5000))
            elif ftype is FieldType.FLAG:
                fact[field] = rnd.random() < 0.5
            elif field == "indicator":
                fact[field] = code
            elif field in ("label", "name", "theme_label", "wording", "total_label"):
                fact[field] = f"Indicator {code} about {fact['theme']}" if field == "label" \
                    else rnd.choice(DRIVERS) if field == "name" else f"{field} {i % 97}"
            else:
                fact[field] = rnd.choice(TEXT_VALUES.get(field, ["a", "b", "c"]))
        if kind == "concern":
            fact["rank"] = float(rnd.randint(1, 12))
        facts.append(fact)
    return facts


def synthetic_rule(j: int) -> dict[str, Any]:
    code, theme, driver = CODES[j % len(CODES)], THEMES[j % len(THEMES)], DRIVERS[j % 200]
    shape = j % 6
    then = [{"theme": "{s.theme}", "criterion": "c", "points": 1.0,
             "text": f"rule {j}: {{s.theme}} matched"}]
    if shape == 0:
        when: dict[str, Any] = {"s": {"kind": "indicator", "all": [
            {"field": "theme", "op": "=", "value": theme},
            {"field": "change_pct", "op": ">", "value": 30},
            {"field": "direction", "op": "in", "value": ["down", "maintain"]}],
            "none": [{"field": "not_comparable", "op": "=", "value": True}]}}
        then[0]["points"] = {"from": "s.change_pct", "scale": 0.1, "max": 5}
        then[0]["text"] = "{s.label} rose {s.change_pct:.1f}% in {s.period}"
    elif shape == 1:
        when = {"s": {"kind": "indicator", "all": [
            {"field": "theme", "op": "=", "value": theme},
            {"field": "worsening", "op": "=", "value": True},
            {"field": "harm_weight", "op": ">=", "value": 2500}]}}
    elif shape == 2:
        when = {"s": {"kind": "comparator", "all": [
            {"field": "theme", "op": "=", "value": theme},
            {"field": "worse", "op": "=", "value": True},
            {"field": "gap_pct", "op": ">=", "value": 5}]}}
    elif shape == 3:
        when = {"s": {"kind": "indicator", "all": [
            {"field": "indicator", "op": "=", "value": code},
            {"field": "worsening", "op": "=", "value": True}]},
            "d": {"kind": "driver", "all": [
                {"field": "theme", "op": "=", "ref": "s.theme"},
                {"field": "name", "op": "=", "value": driver},
                {"field": "active", "op": "=", "value": True}]}}
        then[0]["text"] = "{d.name} names {s.theme}; {s.label} is getting worse"
    elif shape == 4:
        when = {"s": {"kind": "concern", "all": [
            {"field": "theme", "op": "=", "value": theme},
            {"field": "rank", "op": "<=", "value": 2}],
            "any": [{"field": "top_three", "op": ">=", "value": 4000},
                    {"field": "pct_problem", "op": ">=", "value": 45}]}}
    else:
        when = {"s": {"kind": "indicator", "all": [
            {"field": "label", "op": "contains", "value": code},
            {"field": "latest", "op": ">", "value": 4000}]}}
    return {"id": f"rule-{j}", "when": when, "then": then}


def synthetic_ruleset(n: int) -> Ruleset:
    return Ruleset(name=f"bench-{n}", ruleset_version="0",
                   criteria={"c": Criterion(label="C", weight=1, cap=10)},
                   rules=tuple(Rule.model_validate(synthetic_rule(j)) for j in range(n)))


def durable_timed(
    ruleset: Ruleset, facts: list[dict[str, Any]]
) -> tuple[Evaluation, dict[str, float]]:
    """What ``evaluate(ruleset, facts, "durable")`` does, step by step, with timings."""
    if durable_module() is None:
        raise SystemExit("durable-rules is not importable here: nothing to compare")
    with gc_paused():  # as evaluate() does
        t0 = time.perf_counter()
        compiled = compile_ruleset(ruleset)
        prepared = prepare_facts(facts, compiled)
        facts_json = prepared.engine_json()
        t1 = time.perf_counter()
        raw = run_durable(compiled, facts_json) if prepared.facts else []
        t2 = time.perf_counter()
        matches = durable_matches(compiled, raw, prepared.by_id)
        contributions = contributions_for(compiled, matches, prepared.by_id)
        result = Evaluation.model_construct(
            ruleset=compiled.ruleset_name, content_hash=compiled.content_hash,
            engine="durable", facts=prepared.count, matches=len(matches),
            contributions=tuple(contributions))
        t3 = time.perf_counter()
    return result, {"prepare": t1 - t0, "engine": t2 - t1, "post": t3 - t2, "total": t3 - t0}


def run(sizes: Iterable[tuple[int, int]], repeats: int = 5) -> list[tuple[str, float, str]]:
    """Measure every (facts, rules) size; returns (name, value, unit) rows."""
    return [row for n_facts, n_rules in sizes for row in measure(n_facts, n_rules, repeats)]


def measure(n_facts: int, n_rules: int, repeats: int = 5) -> list[tuple[str, float, str]]:
    tag = f"{_k(n_facts)}f_{n_rules}r"
    facts = synthetic_facts(n_facts)
    cold: dict[str, float] = {}
    for engine in ("durable", "reference"):
        close()  # a new worker: what the first evaluation in a process pays
        fresh = synthetic_ruleset(n_rules)
        t = time.perf_counter()
        evaluate(fresh, facts, engine)
        cold[engine] = time.perf_counter() - t
    ruleset = synthetic_ruleset(n_rules)
    durable, _ = durable_timed(ruleset, facts)  # compiled, worker warm, definition sent
    evaluate(ruleset, facts, "reference")  # its plans built
    phases: list[dict[str, float]] = []
    ref_seconds: list[float] = []
    for _ in range(repeats):  # interleaved: both engines share the machine's noise
        durable, timing = durable_timed(ruleset, facts)
        phases.append(timing)
        t = time.perf_counter()
        reference = evaluate(ruleset, facts, "reference")
        ref_seconds.append(time.perf_counter() - t)
        if durable.contributions != reference.contributions:
            raise AssertionError(f"engines disagree at {tag}")
    total = [p["total"] for p in phases]
    d_med, r_med = statistics.median(total), statistics.median(ref_seconds)
    post = statistics.median(p["post"] for p in phases)
    matches = durable.matches
    return [
        (f"engine_durable_{tag}", d_med, "s"),
        (f"engine_reference_{tag}", r_med, "s"),
        (f"engine_ratio_{tag}", r_med / d_med, "x"),
        (f"engine_durable_spread_{tag}", max(total) - min(total), "s"),
        (f"engine_reference_spread_{tag}", max(ref_seconds) - min(ref_seconds), "s"),
        (f"engine_durable_cold_{tag}", cold["durable"], "s"),
        (f"engine_reference_cold_{tag}", cold["reference"], "s"),
        (f"engine_durable_rate_{tag}", n_facts / d_med, "facts/s"),
        (f"engine_reference_rate_{tag}", n_facts / r_med, "facts/s"),
        (f"engine_durable_prepare_{tag}", statistics.median(p["prepare"] for p in phases), "s"),
        (f"engine_durable_core_{tag}", statistics.median(p["engine"] for p in phases), "s"),
        (f"engine_durable_permatch_{tag}", post / matches * 1e6 if matches else 0.0,
         "us/match"),
        (f"engine_matches_{tag}", float(matches), "matches"),
    ]


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true",
                        help="1k facts x 50/200/500 rules, 10k facts x 200/500 rules")
    parser.add_argument("--repeats", type=int, default=5, help="warm runs per size")
    args = parser.parse_args(argv)
    for n_facts, n_rules in QUICK if args.quick else FULL:
        for name, value, unit in measure(n_facts, n_rules, args.repeats):
            shown = f"{value:.0f}" if unit in ("facts/s", "matches") else f"{value:.4g}"
            print(f"BENCH {name} {shown} {unit}", flush=True)


if __name__ == "__main__":
    main()
