"""Shared helpers for the rules-engine tests."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from csprules.errors import RulesetError
from csprules.rules import Ruleset, parse_ruleset

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"
DISPLAY = "rulesets/x.yaml"

HEADER = """\
kind: csprules/ruleset
version: 1
name: x
ruleset_version: "1.0.0"
criteria:
  trend: {label: Trend, weight: 2, cap: 10}
  harm: {label: Harm, weight: 3, cap: 10}
rules:
"""


def ruleset_text(rules: str) -> str:
    """A ruleset with the HEADER's criteria and ``rules`` (YAML list items, dedented)."""
    return HEADER + textwrap.indent(textwrap.dedent(rules).strip("\n"), "  ") + "\n"


def parse(rules: str, **kwargs: Any) -> Ruleset:
    return parse_ruleset(ruleset_text(rules), display=DISPLAY, **kwargs)


def errors(rules: str, **kwargs: Any) -> list[str]:
    """The messages parsing ``rules`` raises (each 'path:line:col: ...')."""
    try:
        parse(rules, **kwargs)
    except RulesetError as e:
        return str(e).splitlines()
    raise AssertionError("expected a RulesetError")


RISING = """
- id: trend-rising
  when:
    signal:
      kind: indicator
      all:
        - {field: change_pct, op: ">", value: 10}
  then:
    - theme: "{signal.theme}"
      criterion: trend
      points: 3
      text: "{signal.label} rose {signal.change_pct:.1f}%"
"""
