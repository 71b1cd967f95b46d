"""Parse and lint errors: exact ``path:line:col: rule 'id': field 'x': message`` text.

Each case edits the one-rule ruleset ``RISING`` (see helpers) and checks one
message.  Columns point at the offending value, as the YAML reader records it.
"""

from __future__ import annotations

import pytest

from csprules.errors import RulesetError
from csprules.rules import lint_ruleset, load_ruleset, parse_ruleset
from tests.rules.helpers import DISPLAY, RISING, errors, parse, ruleset_text

JOIN = RISING.replace(
    """      all:
        - {field: change_pct, op: ">", value: 10}""",
    """      all:
        - {field: change_pct, op: ">", value: 10}
    driver:
      kind: driver
      all:
        - {field: theme, op: "=", ref: signal.theme}""",
)
COND = '- {field: change_pct, op: ">", value: 10}'

CASES = [
    (
        "unknown field with did-you-mean",
        RISING.replace("points: 3", "pionts: 3"),
        "rulesets/x.yaml:18:17: rule 'trend-rising': field 'pionts': unknown field; expected "
        "one of criterion, points, text, theme (did you mean 'points'?)",
    ),
    (
        "unknown field in a nested condition",
        RISING.replace(COND, '- {any: [{field: change_pct, op: ">", valeu: 10}]}'),
        "rulesets/x.yaml:14:56: rule 'trend-rising': field 'valeu': unknown field; expected "
        "one of field, op, ref, value (did you mean 'value'?)",
    ),
    (
        "unknown criterion",
        RISING.replace("criterion: trend", "criterion: trned"),
        "rulesets/x.yaml:17:20: rule 'trend-rising': field 'criterion': expected a criterion "
        "of the ruleset (harm, trend); found unknown criterion 'trned' (did you mean 'trend'?)",
    ),
    (
        "type mismatch: number field, text value",
        RISING.replace("value: 10}", 'value: "10"}'),
        "rulesets/x.yaml:14:49: rule 'trend-rising': field 'change_pct': expected a number to "
        "compare with number field 'change_pct'; found text '10'",
    ),
    (
        "type mismatch: '>' on a flag",
        RISING.replace(COND, '- {field: worsening, op: ">", value: 0}'),
        "rulesets/x.yaml:14:36: rule 'trend-rising': field 'worsening': expected a number "
        "field for operator '>'; found 'worsening', a flag field (compare a flag with '=' true "
        "or false)",
    ),
    (
        "type mismatch: contains on a number",
        RISING.replace(COND, "- {field: latest, op: contains, value: x}"),
        "rulesets/x.yaml:14:33: rule 'trend-rising': field 'latest': expected a text field for "
        "operator 'contains'; found 'latest', a number field",
    ),
    (
        "impossible: x > 5 and x < 3",
        RISING.replace(COND, '- {field: change_pct, op: ">", value: 5}\n'
                             '        - {field: change_pct, op: "<", value: 3}'),
        "rulesets/x.yaml:15:13: rule 'trend-rising': field 'change_pct': expected a condition "
        "that can be true; found 'change_pct < 3', which contradicts 'change_pct > 5'",
    ),
    (
        "impossible: = two constants",
        RISING.replace(COND, '- {field: direction, op: "=", value: up}\n'
                             '        - {field: direction, op: "=", value: down}'),
        "rulesets/x.yaml:15:13: rule 'trend-rising': field 'direction': expected a condition "
        "that can be true; found 'direction = \"down\"', which contradicts 'direction = \"up\"'",
    ),
    (
        "impossible: in []",
        RISING.replace(COND, "- {field: direction, op: in, value: []}"),
        "rulesets/x.yaml:14:47: rule 'trend-rising': field 'direction': expected at least one "
        "value for 'in'; found [], which can never be true",
    ),
    (
        "bad placeholder field",
        RISING.replace("{signal.change_pct:.1f}", "{signal.chnage_pct:.1f}"),
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': placeholder "
        "'{signal.chnage_pct:.1f}': expected a field of indicator facts; found 'chnage_pct' "
        "(did you mean 'change_pct'?)",
    ),
    (
        "bad placeholder alias",
        RISING.replace("{signal.label}", "{sig.label}"),
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': expected a placeholder "
        "naming an alias of this rule (signal); found '{sig.label}' (did you mean 'signal'?)",
    ),
    (
        "format spec that does not fit the field",
        RISING.replace("{signal.change_pct:.1f}", "{signal.label:.1f}"),
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': expected a format spec that "
        "fits a text field in placeholder '{signal.label:.1f}'; found '.1f' (Unknown format "
        "code 'f' for object of type 'str')",
    ),
    (
        "stray brace",
        RISING.replace("rose {signal", "rose {{signal}"),
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': stray '}' at offset 28: a "
        "placeholder is {alias.field} or {alias.field:spec}; write '{{' or '}}' for a literal "
        "brace",
    ),
    (
        "ref to a later alias",
        RISING.replace(
            "    signal:\n",
            "    first:\n      kind: driver\n      all:\n"
            "        - {field: theme, op: \"=\", ref: signal.theme}\n    signal:\n",
        ),
        "rulesets/x.yaml:14:42: rule 'trend-rising': field 'theme': expected a ref to an alias "
        "before 'first'; found ref 'signal.theme', naming alias 'signal', which comes after it "
        "(reorder 'when')",
    ),
    (
        "ref to an unknown alias",
        JOIN.replace("ref: signal.theme", "ref: signl.theme"),
        "rulesets/x.yaml:18:42: rule 'trend-rising': field 'theme': expected a ref to an "
        "earlier alias of this rule (signal); found ref 'signl.theme' (did you mean "
        "'signal.theme'?)",
    ),
    (
        "ref to a field of the wrong type",
        JOIN.replace("ref: signal.theme", "ref: signal.change_pct"),
        "rulesets/x.yaml:18:42: rule 'trend-rising': field 'theme': expected a text field to "
        "compare with 'theme'; found ref 'signal.change_pct', a number field",
    ),
    (
        "ref inside any",
        JOIN.replace(
            "      all:\n        - {field: theme, op: \"=\", ref: signal.theme}",
            "      any:\n        - {field: theme, op: \"=\", ref: signal.theme}\n"
            "        - {field: active, op: \"=\", value: true}",
        ),
        "rulesets/x.yaml:18:42: rule 'trend-rising': field 'theme': expected a ref (join) only "
        "under 'all'; found one inside 'any' or 'none', where durable-rules evaluates a join "
        "wrongly",
    ),
    (
        "contains under none",
        RISING.replace("      all:\n        " + COND,
                       "      none:\n        - {field: label, op: contains, value: x}"),
        "rulesets/x.yaml:14:32: rule 'trend-rising': field 'label': expected '!=' or 'not in' "
        "with the exact values under 'none'; found 'contains', which durable-rules cannot "
        "negate",
    ),
    (
        "unknown fact kind",
        RISING.replace("kind: indicator", "kind: indicatr"),
        "rulesets/x.yaml:12:15: rule 'trend-rising': field 'kind': expected a fact kind "
        "(comparator, concern, driver, indicator, rank, theme); found 'indicatr' (did you mean "
        "'indicator'?)",
    ),
    (
        "unknown field of a fact kind",
        RISING.replace("field: change_pct", "field: chnage_pct"),
        "rulesets/x.yaml:14:21: rule 'trend-rising': field 'chnage_pct': expected a field of "
        "indicator facts; found 'chnage_pct' (did you mean 'change_pct'?)",
    ),
    (
        "duplicate rule id",
        RISING + RISING,
        "rulesets/x.yaml:21:9: rule 'trend-rising': expected each rule id once in a file; "
        "found 'trend-rising' again (first defined at rulesets/x.yaml:9:9)",
    ),
    (
        "unknown theme id",
        RISING.replace('theme: "{signal.theme}"', "theme: burglery"),
        "rulesets/x.yaml:16:16: rule 'trend-rising': field 'theme': expected a theme id of the "
        "catalogue; found unknown theme 'burglery' (did you mean 'burglary'?)",
    ),
    (
        "points from a text field",
        RISING.replace("points: 3", "points: {from: signal.label}"),
        "rulesets/x.yaml:18:24: rule 'trend-rising': field 'points': expected a number field; "
        "found 'from: signal.label', a text field",
    ),
    (
        "points beyond the bound",
        RISING.replace("points: 3", "points: 2.0e+6"),
        "rulesets/x.yaml:18:17: rule 'trend-rising': field 'points': expected less than or "
        "equal to 1000000; found 2000000.0",
    ),
    (
        "a scale that would overflow",
        RISING.replace("points: 3", "points: {from: signal.change_pct, scale: 1.0e+300}"),
        "rulesets/x.yaml:18:50: rule 'trend-rising': field 'scale': expected less than or "
        "equal to 1000000; found 1e+300",
    ),
    (
        "operator typo",
        RISING.replace('op: ">"', 'op: "=>"'),
        "rulesets/x.yaml:14:37: rule 'trend-rising': field 'op': expected '=', '!=', "
        "'<', '<=', '>', '>=', 'in', 'not in', 'exists', 'missing' or 'contains'; found '=>' "
        "(did you mean '>'?)",
    ),
    (
        "case fact of the wrong type",
        RISING + "  cases:\n    - {name: a, expect: fires, facts: [{kind: indicator, "
                 "change_pct: high}]}\n",
        "rulesets/x.yaml:21:72: rule 'trend-rising': field 'change_pct': expected a number; "
        "found text 'high'",
    ),
]


@pytest.mark.parametrize(("rules", "expected"), [(r, e) for _, r, e in CASES],
                         ids=[n for n, _, _ in CASES])
def test_message(rules: str, expected: str) -> None:
    assert expected in errors(rules)


def test_none_that_contradicts_all_is_impossible() -> None:
    rules = RISING.replace(
        "  then:", "      none:\n        - {field: change_pct, op: \">\", value: 5}\n  then:", 1)
    assert errors(rules) == [
        "rulesets/x.yaml:16:13: rule 'trend-rising': field 'change_pct': expected a condition "
        "that can be true; found 'not (change_pct > 5)', which contradicts 'change_pct > 10'"
    ]


def test_every_problem_is_reported_at_once() -> None:
    rules = (RISING.replace("criterion: trend", "criterion: trned")
             .replace("field: change_pct", "field: chnage_pct")
             .replace("{signal.label}", "{signal.lable}"))
    assert len(errors(rules)) == 3


def test_error_carries_location_attributes() -> None:
    with pytest.raises(RulesetError, match=r"^rulesets/x\.yaml:17:20: rule 'trend-rising'") as e:
        parse(RISING.replace("criterion: trend", "criterion: trned"))
    assert e.value.path == DISPLAY
    assert e.value.line == 17
    assert e.value.rule_id == "trend-rising"
    assert e.value.suggestion == "trend"


def test_unknown_top_level_key() -> None:
    text = ruleset_text(RISING).replace("criteria:", "critera: {}\ncriteria:", 1)
    with pytest.raises(RulesetError) as e:
        parse_ruleset(text, display=DISPLAY)
    assert str(e.value).startswith(
        "rulesets/x.yaml:5:10: field 'critera': unknown field; expected one of authors, "
        "criteria, description, disable, extends, kind, name, rules, ruleset_version, "
        "scoring, version (did you mean 'criteria'?)")


def test_unknown_format_version() -> None:
    text = ruleset_text(RISING).replace("version: 1", "version: 2", 1)
    with pytest.raises(RulesetError, match=r"^rulesets/x\.yaml:2:10: field 'version': unknown "
                                           r"ruleset format version 2; supported: 1$"):
        parse_ruleset(text, display=DISPLAY)


def test_scoring_names_an_unknown_criterion() -> None:
    text = ruleset_text(RISING).replace(
        "rules:", "scoring:\n  high_on_any: {criteria: [harm, trned], at_least: 0.9}\nrules:")
    with pytest.raises(RulesetError) as e:
        parse_ruleset(text, display=DISPLAY)
    assert str(e.value) == (
        "rulesets/x.yaml:9:34: field 'criteria': expected a criterion of the ruleset (harm, "
        "trend); found unknown criterion 'trned' (did you mean 'trend'?)")


def test_lint_ruleset_of_a_path_returns_problems() -> None:
    assert lint_ruleset("tests/rules/fixtures/escape/escape.yaml") == load_problems(
        "tests/rules/fixtures/escape/escape.yaml")


def load_problems(path: str) -> list[object]:
    try:
        load_ruleset(path)
    except RulesetError as e:
        return list(e.problems)
    return []
