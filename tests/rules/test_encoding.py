"""Numbers and text reach durable-rules exactly as Python sees them."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csprules.rules import evaluate
from csprules.rules.engine.facts import PreparedFacts
from csprules.rules.engine.jsonenc import dumps, needs_positional, number
from tests.rules.helpers import RISING, parse


@pytest.mark.parametrize(("value", "text"), [
    (3e-05, "0.00003"), (1e16, "10000000000000000.0"), (5.0, "5.0"), (-0.5, "-0.5"),
    (2.5e20, "250000000000000000000.0"), (0.30000000000000004, "0.30000000000000004"),
])
def test_numbers_are_positional(value: float, text: str) -> None:
    assert number(value) == text
    assert float(text) == value


def test_needs_positional_matches_repr() -> None:
    for value in [1e-5, 1e-4, 0.5, 1e15, 1e16, 1.5e300, -3e-7, 0.0]:
        assert needs_positional(value) == ("e" in repr(value))


def test_dumps_writes_utf8_and_positional_numbers() -> None:
    assert dumps({"a": [1e-05, "é", True, None, 3]}) == '{"a":[0.00001,"é",true,null,3.0]}'


NUMBER_RULE = RISING.replace('op: ">", value: 10', 'op: ">", value: 0.00002')


@pytest.mark.parametrize("engine", ["durable", "reference"])
@pytest.mark.parametrize(("value", "fires"), [
    (3e-05, True), (1e-05, False), (2e-05, False), (2.5e20, True), (-0.0, False), (0, False),
])
def test_tiny_and_huge_numbers_compare_exactly(engine: str, value: float, fires: bool) -> None:
    fact: dict[str, Any] = {"id": "x", "kind": "indicator", "theme": "asb", "change_pct": value}
    result = evaluate(parse(NUMBER_RULE), [fact], engine)
    assert bool(result.contributions) is fires


JOIN = RISING.replace("""      all:
        - {field: change_pct, op: ">", value: 10}""", """      all:
        - {field: change_pct, op: exists}
    other:
      kind: indicator
      all:
        - {field: change_pct, op: "=", ref: signal.change_pct}""")


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_minus_zero_joins_zero(engine: str) -> None:
    """durable's equality join compares the written numbers; -0.0 is written as 0.0."""
    facts = [{"id": "a", "kind": "indicator", "theme": "asb", "change_pct": -0.0},
             {"id": "b", "kind": "indicator", "theme": "asb", "change_pct": 0.0}]
    result = evaluate(parse(JOIN), facts, engine)
    assert [c.fact_ids for c in result.contributions] == [("a", "b"), ("b", "a")]


CONTAINS = RISING.replace('{field: change_pct, op: ">", value: 10}',
                          "{field: label, op: contains, value: n}")


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_contains_sees_text_not_json_escapes(engine: str) -> None:
    """durable matches the raw JSON of a string: a newline would be the letters '\\n'."""
    facts = [{"id": "nl", "kind": "indicator", "theme": "asb", "label": "a\nb"},
             {"id": "uni", "kind": "indicator", "theme": "asb", "label": "é"},
             {"id": "yes", "kind": "indicator", "theme": "asb", "label": "in"}]
    result = evaluate(parse(CONTAINS), facts, engine)
    assert [c.fact_ids for c in result.contributions] == [("yes",)]


def _old_writer(facts: list[dict[str, Any]], positional: frozenset[int]) -> bytes:
    """What the engine was given before orjson: json.dumps, jsonenc for exponent numbers."""
    parts = [dumps(f) if i in positional
             else json.dumps(f, ensure_ascii=False, separators=(",", ":"))
             for i, f in enumerate(facts)]
    return ("[" + ",".join(parts) + "]").encode("utf-8")


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)
_VALUE = st.one_of(st.floats(allow_nan=False, allow_infinity=False), _TEXT, st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "label", "n"]), _VALUE, max_size=4),
                max_size=6))
def test_engine_json_is_byte_identical_to_the_json_writer(rows: list[dict[str, Any]]) -> None:
    facts = [{"sid": "0", "id": f"f{i}", "kind": "k", **row} for i, row in enumerate(rows)]
    for f in facts:  # as prepare_facts normalises them
        f.update({k: v + 0.0 for k, v in f.items() if type(v) is float})
    positional = frozenset(i for i, f in enumerate(facts)
                           if any(type(v) is float and needs_positional(v) for v in f.values()))
    prepared = PreparedFacts(facts, {}, len(facts), positional)
    assert prepared.engine_json() == _old_writer(facts, positional)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_orjson_writes_positionally_whatever_needs_positional_lets_through(value: float) -> None:
    if not needs_positional(value):
        text = orjson.dumps(value)
        assert b"e" not in text
        assert float(text) == value
