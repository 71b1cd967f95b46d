"""evaluate(): contributions, explanations, ordering, fact checking, safe rendering."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csprules.errors import EvidenceError, RulesetError
from csprules.rules import Contribution, Ruleset, evaluate, load_ruleset
from csprules.rules.templates import parse_template
from tests.rules.helpers import RISING, TINY, parse

ENGINES = ["durable", "reference"]


def facts() -> list[dict[str, Any]]:
    return [
        {"id": "ind-burglary", "kind": "indicator", "theme": "burglary", "label": "Burglary",
         "change_pct": 25.0, "direction": "down", "period": "2015/16", "worsening": True},
        {"id": "ind-robbery", "kind": "indicator", "theme": "robbery", "label": "Robbery",
         "change_pct": 12.345, "direction": "down", "period": "2015/16", "worsening": True,
         "harm_weight": 365},
        {"id": "ind-da", "kind": "indicator", "theme": "domestic-abuse", "label": "DA",
         "change_pct": 40.0, "direction": "up"},
        {"id": "drv-pcp-robbery", "kind": "driver", "theme": "robbery",
         "name": "Police and Crime Plan", "active": True},
        {"id": "drv-pcp-burglary", "kind": "driver", "theme": "burglary",
         "name": "Police and Crime Plan", "active": True},
        {"id": "drv-prevent", "kind": "driver", "theme": "prevent", "name": "Prevent duty",
         "driver_kind": "statutory_duty", "active": True},
        {"id": "other", "kind": "not-a-kind-any-rule-reads", "x": object()},
    ]


@pytest.fixture(scope="module")
def tiny() -> Ruleset:
    return load_ruleset(TINY)


@pytest.mark.parametrize("engine", ENGINES)
def test_worked_example(tiny: Ruleset, engine: str) -> None:
    """Points by hand: 25% x 0.1 = 2.5; 12.345% x 0.1 = 1.2345; drivers and harm are fixed.

    prevent-duty has salience 5, so it is listed first; the rest follow ruleset
    order, and within a rule, matched fact ids in order.
    """
    result = evaluate(tiny, facts(), engine)
    assert result.engine == engine
    assert result.facts == 7
    assert result.matches == 6
    assert result.ruleset == "tiny"
    assert result.content_hash == tiny.content_hash
    assert [(c.rule_id, c.theme, c.criterion, c.points, c.matched)
            for c in result.contributions] == [
        ("prevent-duty", "prevent", "drivers", 6.0, (("d", "drv-prevent"),)),
        ("trend-rising", "burglary", "trend", 2.5, (("signal", "ind-burglary"),)),
        ("trend-rising", "robbery", "trend", pytest.approx(1.2345), (("signal", "ind-robbery"),)),
        ("driver-and-worsening", "burglary", "drivers", 2.0,
         (("signal", "ind-burglary"), ("driver", "drv-pcp-burglary"))),
        ("driver-and-worsening", "robbery", "drivers", 2.0,
         (("signal", "ind-robbery"), ("driver", "drv-pcp-robbery"))),
        ("harm-very-serious", "robbery", "harm", 8.0, (("signal", "ind-robbery"),)),
    ]
    texts = [c.text for c in result.for_theme("robbery")]
    assert texts == [
        "Robbery rose 12.3% in 2015/16",
        "Police and Crime Plan names it and Robbery is getting worse",
        "Robbery weighs 365 days of custody",
    ]


def test_explain_lists_rule_facts_points_and_text(tiny: Ruleset) -> None:
    result = evaluate(tiny, facts())
    assert result.explain("burglary").splitlines() == [
        "burglary / trend: +2.5 from rule 'trend-rising' [signal=ind-burglary]: "
        "Burglary rose 25.0% in 2015/16",
        "burglary / drivers: +2 from rule 'driver-and-worsening' [signal=ind-burglary, "
        "driver=drv-pcp-burglary]: Police and Crime Plan names it and Burglary is getting worse",
    ]
    assert result.themes() == ("burglary", "prevent", "robbery")
    assert set(result.by_theme()) == {"burglary", "prevent", "robbery"}
    assert result.contributions[0].fact_ids == ("drv-prevent",)


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from(ENGINES))
def test_fact_order_changes_nothing(rnd: random.Random, engine: str) -> None:
    ruleset = load_ruleset(TINY)
    expected = evaluate(ruleset, facts(), engine)
    shuffled = facts()
    rnd.shuffle(shuffled)
    assert evaluate(ruleset, shuffled, engine) == expected


def test_absent_text_field_renders_unknown() -> None:
    ruleset = parse(RISING)
    result = evaluate(ruleset, [{"id": "a", "kind": "indicator", "theme": "asb",
                                 "change_pct": 11}])
    assert [c.text for c in result.contributions] == ["unknown rose 11.0%"]


def test_points_from_requires_the_field() -> None:
    """A rule never matches a fact it cannot score: ``from`` fields are required."""
    ruleset = parse(RISING.replace("points: 3", "points: {from: signal.latest, min: 1}"))
    result = evaluate(ruleset, [
        {"id": "a", "kind": "indicator", "theme": "asb", "change_pct": 11.0},
        {"id": "b", "kind": "indicator", "theme": "asb", "change_pct": 11.0, "latest": 0.5},
    ])
    assert [(c.fact_ids, c.points) for c in result.contributions] == [(("b",), 1.0)]


def test_bad_facts_are_reported_all_at_once(tiny: Ruleset) -> None:
    bad: list[dict[str, Any]] = [
        {"id": "a", "kind": "indicator", "change_pct": "25"},
        {"id": "a", "kind": "indicator"},
        {"kind": "indicator"},
        {"id": "b", "kind": "indicator", "worsening": 1},
        {"id": "c", "kind": "indicator", "change_pct": float("nan")},
        {"id": "d", "kind": "indicator", "change_pct": True},
    ]
    with pytest.raises(EvidenceError) as e:
        evaluate(tiny, bad)
    assert str(e.value).splitlines() == [
        "fact 'a' (indicator): field 'change_pct': expected a number; found text '25'",
        "fact 'a': duplicate id; ids must be unique",
        "fact #3: field 'id': expected a non-empty text; found nothing",
        "fact 'b' (indicator): field 'worsening': expected true or false; found number 1",
        "fact 'c' (indicator): field 'change_pct': expected a finite number; found nan",
        "fact 'd' (indicator): field 'change_pct': expected a number; found flag true",
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_text_is_normalised_and_ints_become_floats(engine: str) -> None:
    ruleset = parse(RISING.replace(
        '- {field: change_pct, op: ">", value: 10}',
        '- {field: change_pct, op: ">", value: 10}\n        - {field: label, op: "=", '
        'value: "a b"}'))
    result = evaluate(ruleset, [
        {"id": "x", "kind": "indicator", "theme": "asb", "label": "a\nb", "change_pct": 11},
        {"id": "y", "kind": "indicator", "theme": "asb", "label": "a b", "change_pct": None},
    ], engine)
    assert [(c.fact_ids, c.text) for c in result.contributions] == [(("x",), "a b rose 11.0%")]


def test_unknown_engine_is_a_usage_error(tiny: Ruleset) -> None:
    from csprules.errors import UsageError

    with pytest.raises(UsageError, match="unknown engine 'fast'"):
        evaluate(tiny, [], "fast")


def test_no_facts(tiny: Ruleset) -> None:
    for engine in ENGINES:
        result = evaluate(tiny, [], engine)
        assert (result.facts, result.matches, result.contributions) == (0, 0, ())


def test_compile_refuses_an_unsafe_ruleset_built_in_python(tiny: Ruleset) -> None:
    rule = tiny.rule("trend-rising")
    pattern = rule.when["signal"].model_copy(update={"kind": "indicatr"})
    broken = tiny.model_copy(update={"rules": (rule.model_copy(
        update={"when": {"signal": pattern}}),)})
    with pytest.raises(RulesetError, match=r"expected a fact kind .*; found 'indicatr'"):
        evaluate(broken, [])


@pytest.mark.parametrize("template", [
    "{signal.__class__}", "{signal.label.__class__}", "{0}", "{signal[0]}", "{signal.label!r}",
    "{__import__('os')}",
])
def test_templates_refuse_anything_but_alias_dot_field(template: str) -> None:
    from csprules.rules.templates import TemplateSyntaxError

    if template == "{signal.__class__}":
        # syntactically a placeholder: the linter rejects the unknown field, and rendering
        # only ever reads fact dictionaries, never attributes
        assert [p.field for p in parse_template(template).placeholders] == ["__class__"]
        return
    with pytest.raises(TemplateSyntaxError):
        parse_template(template)


def test_contribution_is_frozen() -> None:
    c = Contribution(rule_id="r", theme="t", criterion="c", points=1.0, text="x",
                     matched=(("a", "f"),))
    with pytest.raises(Exception, match="frozen"):
        c.points = 2.0  # type: ignore[misc]


@pytest.mark.parametrize("engine", ENGINES)
def test_ordering_join_is_checked_after_matching(engine: str) -> None:
    """``>`` against another fact: durable gets only the equality join (see rules/joins.py)."""
    ruleset = parse("""
- id: above-comparator
  when:
    c:
      kind: comparator
      all:
        - {field: indicator, op: exists}
    signal:
      kind: indicator
      all:
        - {field: indicator, op: "=", ref: c.indicator}
        - {field: latest, op: ">", ref: c.comparator_value}
  then:
    - theme: "{signal.theme}"
      criterion: trend
      points: 1
      text: "{signal.latest:g} > {c.comparator_value:g}"
""")
    facts: list[dict[str, Any]] = [
        {"id": "c1", "kind": "comparator", "theme": "asb", "indicator": "a",
         "comparator_value": 10.0},
        {"id": "i1", "kind": "indicator", "theme": "asb", "indicator": "a", "latest": 12.0},
        {"id": "i2", "kind": "indicator", "theme": "asb", "indicator": "a", "latest": 8.0},
        {"id": "i3", "kind": "indicator", "theme": "asb", "indicator": "b", "latest": 50.0},
    ]
    result = evaluate(ruleset, facts, engine)
    assert [(c.fact_ids, c.text) for c in result.contributions] == [(("c1", "i1"), "12 > 10")]
    assert result.matches == 1


def test_trusted_contribution_equals_a_validated_one() -> None:
    args: dict[str, Any] = {"rule_id": "r", "theme": "asb", "criterion": "c", "points": 1.5,
                            "text": "x", "matched": (("a", "f1"),)}
    trusted = Contribution.trusted(**args)
    validated = Contribution(**args)
    assert trusted == validated
    assert hash(trusted) == hash(validated)
    assert trusted.model_dump() == validated.model_dump()
    assert trusted.model_dump_json() == validated.model_dump_json()
    assert Contribution.model_validate(trusted.model_dump()) == trusted


def test_evaluation_pauses_the_garbage_collector_and_restores_it() -> None:
    import gc

    from csprules.rules.engine.gc_pause import gc_paused

    ruleset = load_ruleset(TINY)
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left off, as the caller had it
        evaluate(ruleset, [], "reference")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ZeroDivisionError), gc_paused():
        _ = 1 / 0
    assert gc.isenabled()
