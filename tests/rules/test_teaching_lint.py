"""The linter teaches: each message says what was expected, what was found, and the fix.

Unknown criteria (in ``criteria:`` and in a rule), unknown theme ids inside conditions
(with the catalogue's aliases), fields only some fact kinds have, and (as warnings)
dead branches inside ``any``.  Every message is pinned whole.
"""

from __future__ import annotations

import pytest

from csprules.errors import RulesetError
from csprules.rules import load_ruleset, parse_ruleset
from csprules.rules.lint import lint_warnings, warning_text
from tests.rules.helpers import DISPLAY, RISING, errors, parse, ruleset_text

COND = '- {field: change_pct, op: ">", value: 10}'
DEFAULT_CRITERIA = ("benchmark, concern, confidence, continuity, drivers, harm, "
                    "organisational_position, trend, under_reporting, volume, vulnerability")
LOCAL = """\
kind: csprules/ruleset
version: 1
name: mine
ruleset_version: "1"
extends: default
criteria:
  trends:
    weight: 4
"""


def _errors(text: str) -> list[str]:
    with pytest.raises(RulesetError) as e:
        parse_ruleset(text, display=DISPLAY)
    return str(e.value).splitlines()


def test_a_misspelt_criterion_override_is_an_unknown_criterion_with_did_you_mean() -> None:
    assert _errors(LOCAL) == [
        "rulesets/x.yaml:8:5: field 'criteria': expected a criterion this ruleset or one it "
        f"extends defines ({DEFAULT_CRITERIA}), or a new one with label, weight and cap; found "
        "unknown criterion 'trends' (did you mean 'trend'?)"]


def test_a_misspelt_criterion_in_a_ruleset_of_its_own() -> None:
    text = ruleset_text(RISING).replace("criteria:\n", "criteria:\n  harms: {weight: 1}\n")
    assert _errors(text) == [
        "rulesets/x.yaml:6:10: field 'criteria': expected a criterion this ruleset or one it "
        "extends defines (harm, trend), or a new one with label, weight and cap; found unknown "
        "criterion 'harms' (did you mean 'harm'?)"]


def test_a_new_criterion_with_a_label_keeps_the_missing_field_messages() -> None:
    text = ruleset_text(RISING).replace("criteria:\n", "criteria:\n  place: {label: Place}\n")
    assert _errors(text) == [
        "rulesets/x.yaml:6:10: field 'weight': required field is missing",
        "rulesets/x.yaml:6:10: field 'cap': required field is missing"]


def test_a_rule_naming_an_unknown_criterion() -> None:
    assert errors(RISING.replace("criterion: trend", "criterion: trends")) == [
        "rulesets/x.yaml:17:20: rule 'trend-rising': field 'criterion': expected a criterion "
        "of the ruleset (harm, trend); found unknown criterion 'trends' (did you mean "
        "'trend'?)"]


@pytest.mark.parametrize(("condition", "expected"), [
    ("{field: theme, op: \"=\", value: knife-crime}",
     "rulesets/x.yaml:14:44: rule 'trend-rising': field 'theme': expected a theme id of the "
     "catalogue; found unknown theme 'knife-crime'; 'knife crime' is what plans call "
     "'serious-violence' (did you mean 'serious-violence'?)"),
    ("{field: theme, op: in, value: [burglary, burglery]}",
     "rulesets/x.yaml:14:54: rule 'trend-rising': field 'theme': expected a theme id of the "
     "catalogue; found unknown theme 'burglery' (did you mean 'burglary'?)"),
    ("{field: theme, op: \"!=\", value: county-lines}",
     "rulesets/x.yaml:14:45: rule 'trend-rising': field 'theme': expected a theme id of the "
     "catalogue; found unknown theme 'county-lines'; 'county lines' is what plans call "
     "'gangs-exploitation' (did you mean 'gangs-exploitation'?)"),
])
def test_unknown_theme_ids_inside_conditions(condition: str, expected: str) -> None:
    assert errors(RISING.replace(COND, "- " + condition)) == [expected]


def test_a_theme_id_the_catalogue_has_is_not_flagged() -> None:
    parse(RISING.replace(COND, "- {field: theme, op: in, value: [burglary, serious-violence]}"))


def test_unknown_theme_in_then_uses_the_aliases_too() -> None:
    assert errors(RISING.replace('theme: "{signal.theme}"', "theme: knife-crime")) == [
        "rulesets/x.yaml:16:16: rule 'trend-rising': field 'theme': expected a theme id of the "
        "catalogue; found unknown theme 'knife-crime'; 'knife crime' is what plans call "
        "'serious-violence' (did you mean 'serious-violence'?)"]


def test_a_field_only_comparator_facts_have_says_so_and_suggests_the_indicator_one() -> None:
    assert errors(RISING.replace("field: change_pct", "field: gap_pct")) == [
        "rulesets/x.yaml:14:21: rule 'trend-rising': field 'gap_pct': expected a field of "
        "indicator facts; found 'gap_pct', a field of comparator facts only (the gap, in %, "
        "between the area's value and one comparator area's); indicator facts have "
        "'target_gap_pct' (the gap, in %, between the latest value and the indicator's "
        "target) (did you mean 'target_gap_pct'?)"]


def test_a_field_only_indicator_facts_have_in_a_placeholder() -> None:
    rules = RISING.replace("kind: indicator", "kind: comparator").replace(
        "{signal.change_pct:.1f}", "{signal.latest:.1f}").replace(
        "field: change_pct", "field: gap_pct")
    assert errors(rules) == [
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': placeholder "
        "'{signal.latest:.1f}': expected a field of comparator facts; found 'latest', a field "
        "of indicator facts only (the latest value of the indicator)"]


def _warnings(condition: str) -> list[str]:
    ruleset = parse(RISING.replace(COND, f"{COND}\n        - {condition}"))
    return [warning_text(p) for p in lint_warnings(ruleset)]


def test_a_branch_another_covers_is_a_warning() -> None:
    assert _warnings('{any: [{field: latest, op: ">", value: 5}, '
                     '{field: latest, op: ">", value: 3}]}') == [
        "rulesets/x.yaml:15:20: warning: rule 'trend-rising': field 'any': expected every "
        "branch of 'any' to match facts the others do not; found branch 1 ('latest > 5'), "
        "which branch 2 ('latest > 3') always matches too: remove it or change one of them"]


def test_a_repeated_branch_is_reported_once() -> None:
    assert _warnings('{any: [{field: worsening, op: "=", value: true}, '
                     '{all: [{field: worsening, op: "=", value: true}, '
                     '{field: direction, op: "=", value: down}]}, '
                     '{field: worsening, op: "=", value: true}]}') == [
        "rulesets/x.yaml:15:62: warning: rule 'trend-rising': field 'any': expected every "
        "branch of 'any' to match facts the others do not; found branch 2 ('all: [worsening "
        "= true, direction = \"down\"]'), which branch 1 ('worsening = true') always matches "
        "too: remove it or change one of them",
        "rulesets/x.yaml:15:155: warning: rule 'trend-rising': field 'any': expected every "
        "branch of 'any' to match facts the others do not; found branch 3 ('worsening = "
        "true'), which branch 1 ('worsening = true') always matches too: remove it or change "
        "one of them"]


def test_a_branch_the_other_conditions_rule_out_is_a_warning() -> None:
    assert _warnings('{any: [{field: change_pct, op: "<", value: 3}, '
                     '{field: worsening, op: "=", value: true}]}') == [
        "rulesets/x.yaml:15:20: warning: rule 'trend-rising': field 'any': expected every "
        "branch of 'any' to be able to match; found branch 1 ('change_pct < 3'), which can "
        "never be true with the other conditions: 'change_pct < 3' contradicts "
        "'change_pct > 10'"]


def test_independent_branches_are_not_warned_about() -> None:
    assert _warnings('{any: [{field: latest, op: ">", value: 5}, '
                     '{field: worsening, op: "=", value: true}]}') == []
    assert _warnings('{none: [{any: [{field: latest, op: ">", value: 5}, '
                     '{field: latest, op: ">", value: 3}]}]}') == []


def test_a_dead_branch_does_not_stop_the_ruleset_loading() -> None:
    parse(RISING.replace(COND, f"{COND}\n        - {{any: [{{field: latest, op: \">\", "
                               "value: 5}, {field: latest, op: \">\", value: 3}]}"))


@pytest.mark.parametrize("path", ["rulesets/default.yaml", "rulesets/morile.yaml",
                                  "docs/examples/local-ruleset.yaml"])
def test_shipped_rulesets_have_no_dead_branches(path: str) -> None:
    assert lint_warnings(load_ruleset(path)) == []
