"""``extends``: a child ruleset overrides a weight, replaces a rule, disables one, adds one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csprules.errors import RulesetError
from csprules.rules import evaluate, load_ruleset, parse_ruleset, run_cases
from csprules.rules.extends import DEFAULT_RULESET
from tests.rules.helpers import FIXTURES

CHILD = "tests/rules/fixtures/child.yaml"


def test_child_overrides_replaces_disables_adds() -> None:
    tiny = load_ruleset(FIXTURES / "tiny.yaml")
    child = load_ruleset(CHILD)
    assert child.sources == (CHILD, "tests/rules/fixtures/tiny.yaml")
    assert child.name == "tiny-local"
    # only the weight changed; label and cap are inherited
    assert child.criteria["trend"].weight == 4
    assert child.criteria["trend"].label == tiny.criteria["trend"].label == "Trend"
    assert child.criteria["trend"].cap == 10
    assert child.criteria["harm"] == tiny.criteria["harm"]
    # the replaced rule keeps its place; the new one comes last
    assert [r.id for r in child.rules] == [
        "trend-rising", "driver-and-worsening", "harm-very-serious", "prevent-duty",
        "concern-top-three",
    ]
    assert child.rule("harm-very-serious").description == (
        "Replaced locally with a lower threshold and fewer points.")
    assert not child.rule("prevent-duty").enabled
    assert tiny.rule("prevent-duty").enabled
    assert child.content_hash != tiny.content_hash
    assert child.scoring == tiny.scoring


def test_child_evaluates_with_its_changes() -> None:
    facts: list[dict[str, Any]] = [
        {"id": "i1", "kind": "indicator", "theme": "burglary", "label": "Burglary",
         "harm_weight": 100.0},
        {"id": "d1", "kind": "driver", "theme": "prevent", "name": "Prevent duty",
         "driver_kind": "statutory_duty"},
        {"id": "c1", "kind": "concern", "theme": "asb", "rank": 2.0},
    ]
    tiny = evaluate(load_ruleset(FIXTURES / "tiny.yaml"), facts)
    child = evaluate(load_ruleset(CHILD), facts)
    assert [(c.rule_id, c.theme, c.points) for c in tiny.contributions] == [
        ("prevent-duty", "prevent", 6.0),
    ]
    assert [(c.rule_id, c.theme, c.points) for c in child.contributions] == [
        ("harm-very-serious", "burglary", 5.0),
        ("concern-top-three", "asb", 2.0),
    ]


def test_child_cases_pass() -> None:
    results = run_cases(load_ruleset(CHILD))
    assert [str(r) for r in results if not r.passed] == []
    assert len(results) == 10


def test_extends_escape_is_an_error() -> None:
    with pytest.raises(RulesetError) as e:
        load_ruleset("tests/rules/fixtures/escape/escape.yaml")
    assert str(e.value) == (
        "tests/rules/fixtures/escape/escape.yaml:5:10: field 'extends': expected a path inside "
        "the ruleset's folder tests/rules/fixtures/escape/ or 'default'; found '../tiny.yaml', "
        "which is outside it")


def test_extends_absolute_path_is_an_error(tmp_path: Path) -> None:
    target = (FIXTURES / "tiny.yaml").resolve()
    text = (FIXTURES / "escape" / "escape.yaml").read_text().replace("../tiny.yaml", str(target))
    (tmp_path / "abs.yaml").write_text(text)
    with pytest.raises(RulesetError, match=r"which is outside it$"):
        load_ruleset(tmp_path / "abs.yaml")


def test_extends_cycle_shows_the_cycle() -> None:
    with pytest.raises(RulesetError) as e:
        load_ruleset("tests/rules/fixtures/cycle/a.yaml")
    assert str(e.value) == (
        "tests/rules/fixtures/cycle/b.yaml:5:10: field 'extends': extends cycle: "
        "tests/rules/fixtures/cycle/a.yaml -> tests/rules/fixtures/cycle/b.yaml -> "
        "tests/rules/fixtures/cycle/a.yaml; a ruleset cannot extend itself")


def test_self_extension_is_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "me.yaml").write_text(
        "kind: csprules/ruleset\nversion: 1\nname: me\nruleset_version: '1'\nextends: me.yaml\n")
    with pytest.raises(RulesetError, match=r"extends cycle: .*me\.yaml -> .*me\.yaml;"):
        load_ruleset(tmp_path / "me.yaml")


def test_disable_unknown_rule_suggests() -> None:
    text = (FIXTURES / "child.yaml").read_text().replace("[prevent-duty]", "[prevent-duyt]")
    with pytest.raises(RulesetError) as e:
        parse_ruleset(text, display="tests/rules/fixtures/child2.yaml", base=FIXTURES)
    assert str(e.value) == (
        "tests/rules/fixtures/child2.yaml:8:11: field 'disable': expected the id of a rule in "
        "this ruleset or one it extends; found unknown rule 'prevent-duyt' (did you mean "
        "'prevent-duty'?)")


def test_child_criterion_patch_with_unknown_field_is_located_in_the_child() -> None:
    text = (FIXTURES / "child.yaml").read_text().replace("weight: 4", "wieght: 4")
    with pytest.raises(RulesetError) as e:
        parse_ruleset(text, display="tests/rules/fixtures/child2.yaml", base=FIXTURES)
    assert str(e.value) == (
        "tests/rules/fixtures/child2.yaml:12:13: field 'wieght': unknown field; expected one of "
        "cap, description, label, weight (did you mean 'weight'?)")


def test_new_criterion_in_a_child_must_be_complete() -> None:
    text = (FIXTURES / "child.yaml").read_text().replace(
        "  trend:\n    weight: 4", "  trend:\n    weight: 4\n  reach:\n    weight: 1")
    with pytest.raises(RulesetError) as e:
        parse_ruleset(text, display="tests/rules/fixtures/child2.yaml", base=FIXTURES)
    assert str(e.value).splitlines() == [
        "tests/rules/fixtures/child2.yaml:14:5: field 'criteria': expected a criterion this "
        "ruleset or one it extends defines (drivers, harm, trend), or a new one with label, "
        "weight and cap; found unknown criterion 'reach'",
    ]


def test_text_ruleset_can_only_extend_default() -> None:
    text = (FIXTURES / "child.yaml").read_text()
    with pytest.raises(RulesetError, match="a ruleset read from text can only extend 'default'"):
        parse_ruleset(text, display="child.yaml")


def test_extends_default_names_the_shipped_ruleset() -> None:
    import csprules

    assert Path(csprules.__file__).resolve().parents[1] / "rulesets" / (
        "default.yaml") == DEFAULT_RULESET


def test_load_ruleset_default_means_the_shipped_ruleset() -> None:
    ruleset = load_ruleset("default")
    assert ruleset.sources == ("rulesets/default.yaml",)
