"""Policy criteria (drivers, continuity, ownership) hold a bounded share of the weights."""

from __future__ import annotations

import pytest

from csprules.errors import RulesetError
from csprules.rules.loader import parse_ruleset

CHILD = """kind: csprules/ruleset
version: 1
name: t
ruleset_version: "1"
extends: default
criteria:
  drivers:
    weight: 6
"""


def test_default_policy_share_is_within_its_bound() -> None:
    ruleset = parse_ruleset(CHILD.replace("weight: 6", "weight: 1.5"), display="t.yaml",
                            base="rulesets")
    assert ruleset.scoring.policy is not None
    assert ruleset.scoring.policy_criteria() == (
        "drivers", "continuity", "organisational_position")


def test_too_much_policy_weight_is_a_located_error() -> None:
    """drivers 6 + continuity 2 + organisational position 0.5 = 8.5 of 17 - 1.5 + 6 =
    21.5: 40% > 25%.  Located where the bound is written."""
    with pytest.raises(RulesetError, match=r"^rulesets/default\.yaml:\d+:\d+: field "
                       r"'max_share': expected the policy criteria \(drivers, continuity, "
                       r"organisational_position\) to hold at most max_share 25% of the "
                       r"score weights; found 40%"):
        parse_ruleset(CHILD, display="t.yaml", base="rulesets")
