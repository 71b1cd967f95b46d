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
        "rulesets/x.yaml:17:20: rule 'trend-rising': field 'criterion': unknown criterion "
        "'trned'; expected one of harm, trend (did you mean 'trend'?)",
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
        "rulesets/x.yaml:14:36: rule 'trend-rising': field 'worsening': operator '>' needs a "
        "number field; 'worsening' is a flag field (compare a flag with '=' true or false)",
    ),
    (
        "type mismatch: contains on a number",
        RISING.replace(COND, "- {field: latest, op: contains, value: x}"),
        "rulesets/x.yaml:14:33: rule 'trend-rising': field 'latest': operator 'contains' needs "
        "a text field; 'latest' is a number field",
    ),
    (
        "impossible: x > 5 and x < 3",
        RISING.replace(COND, '- {field: change_pct, op: ">", value: 5}\n'
                             '        - {field: change_pct, op: "<", value: 3}'),
        "rulesets/x.yaml:15:13: rule 'trend-rising': field 'change_pct': condition can never "
        "be true: 'change_pct < 3' contradicts 'change_pct > 5'",
    ),
    (
        "impossible: = two constants",
        RISING.replace(COND, '- {field: direction, op: "=", value: up}\n'
                             '        - {field: direction, op: "=", value: down}'),
        "rulesets/x.yaml:15:13: rule 'trend-rising': field 'direction': condition can never "
        "be true: 'direction = \"down\"' contradicts 'direction = \"up\"'",
    ),
    (
        "impossible: in []",
        RISING.replace(COND, "- {field: direction, op: in, value: []}"),
        "rulesets/x.yaml:14:47: rule 'trend-rising': field 'direction': 'in []' can never "
        "be true",
    ),
    (
        "bad placeholder field",
        RISING.replace("{signal.change_pct:.1f}", "{signal.chnage_pct:.1f}"),
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': placeholder "
        "'{signal.chnage_pct:.1f}': fact kind 'indicator' has no field 'chnage_pct' "
        "(did you mean 'change_pct'?)",
    ),
    (
        "bad placeholder alias",
        RISING.replace("{signal.label}", "{sig.label}"),
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': placeholder '{sig.label}' "
        "names no alias of this rule; expected one of signal (did you mean 'signal'?)",
    ),
    (
        "format spec that does not fit the field",
        RISING.replace("{signal.change_pct:.1f}", "{signal.label:.1f}"),
        "rulesets/x.yaml:19:15: rule 'trend-rising': field 'text': placeholder "
        "'{signal.label:.1f}': format spec '.1f' does not fit a text field (Unknown format "
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
        "rulesets/x.yaml:14:42: rule 'trend-rising': field 'theme': ref 'signal.theme' names "
        "alias 'signal', which does not come before 'first'; a ref can only name an earlier "
        "alias (reorder 'when')",
    ),
    (
        "ref to an unknown alias",
        JOIN.replace("ref: signal.theme", "ref: signl.theme"),
        "rulesets/x.yaml:18:42: rule 'trend-rising': field 'theme': ref 'signl.theme' names no "
        "alias of this rule; expected one of signal (did you mean 'signal.theme'?)",
    ),
    (
        "ref to a field of the wrong type",
        JOIN.replace("ref: signal.theme", "ref: signal.change_pct"),
        "rulesets/x.yaml:18:42: rule 'trend-rising': field 'theme': ref 'signal.change_pct' is "
        "a number field; expected a text field to compare with 'theme'",
    ),
    (
        "ref inside any",
        JOIN.replace(
            "      all:\n        - {field: theme, op: \"=\", ref: signal.theme}",
            "      any:\n        - {field: theme, op: \"=\", ref: signal.theme}\n"
            "        - {field: active, op: \"=\", value: true}",
        ),
        "rulesets/x.yaml:18:42: rule 'trend-rising': field 'theme': a ref (join) can only be "
        "used under 'all', not inside 'any' or 'none': durable-rules evaluates a join inside "
        "an 'or' wrongly",
    ),
    (
        "contains under none",
        RISING.replace("      all:\n        " + COND,
                       "      none:\n        - {field: label, op: contains, value: x}"),
        "rulesets/x.yaml:14:32: rule 'trend-rising': field 'label': 'contains' cannot be used "
        "under 'none' (durable-rules cannot negate a text match); use '!=' or 'not in' with "
        "the exact values",
    ),
    (
        "unknown fact kind",
        RISING.replace("kind: indicator", "kind: indicatr"),
        "rulesets/x.yaml:12:15: rule 'trend-rising': field 'kind': unknown fact kind "
        "'indicatr'; expected one of comparator, concern, driver, indicator, rank, theme "
        "(did you mean 'indicator'?)",
    ),
    (
        "unknown field of a fact kind",
        RISING.replace("field: change_pct", "field: chnage_pct"),
        "rulesets/x.yaml:14:21: rule 'trend-rising': field 'chnage_pct': fact kind 'indicator' "
        "has no field 'chnage_pct' (did you mean 'change_pct'?)",
    ),
    (
        "duplicate rule id",
        RISING + RISING,
        "rulesets/x.yaml:21:9: rule 'trend-rising': duplicate rule id; first defined at "
        "rulesets/x.yaml:9:9",
    ),
    (
        "unknown theme id",
        RISING.replace('theme: "{signal.theme}"', "theme: burglery"),
        "rulesets/x.yaml:16:16: rule 'trend-rising': field 'theme': unknown theme 'burglery'; "
        "expected a theme id of the catalogue (did you mean 'burglary'?)",
    ),
    (
        "points from a text field",
        RISING.replace("points: 3", "points: {from: signal.label}"),
        "rulesets/x.yaml:18:24: rule 'trend-rising': field 'points': 'from: signal.label' is "
        "a text field; expected a number field",
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
        "rulesets/x.yaml:16:13: rule 'trend-rising': field 'change_pct': condition can never be "
        "true: 'not (change_pct > 5)' contradicts 'change_pct > 10'"
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
        "rulesets/x.yaml:9:34: field 'criteria': unknown criterion 'trned'; expected one of "
        "harm, trend (did you mean 'trend'?)")


def test_lint_ruleset_of_a_path_returns_problems() -> None:
    assert lint_ruleset("tests/rules/fixtures/escape/escape.yaml") == load_problems(
        "tests/rules/fixtures/escape/escape.yaml")


def load_problems(path: str) -> list[object]:
    try:
        load_ruleset(path)
    except RulesetError as e:
        return list(e.problems)
    return []
