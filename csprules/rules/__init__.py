"""The rules engine: rulesets as data, linted, compiled to durable-rules, evaluated.

>>> from csprules.rules import load_ruleset, evaluate        # doctest: +SKIP
>>> ruleset = load_ruleset("rulesets/default.yaml")          # doctest: +SKIP
>>> result = evaluate(ruleset, facts)                        # doctest: +SKIP
>>> print(result.explain("domestic-abuse"))                  # doctest: +SKIP
"""

from csprules.rules.cases import CaseResult, run_cases
from csprules.rules.compile import CompiledRuleset, compile_ruleset
from csprules.rules.evaluate import evaluate
from csprules.rules.handles import close_idle_rulesets, live_rulesets, pooled_rulesets
from csprules.rules.lint import lint_ruleset
from csprules.rules.loader import load_ruleset, parse_ruleset, read_ruleset
from csprules.rules.results import Contribution, Evaluation, explain
from csprules.rules.rule import Case, Rule, Then
from csprules.rules.ruleset import Ruleset

__all__ = [
    "Case",
    "CaseResult",
    "CompiledRuleset",
    "Contribution",
    "Evaluation",
    "Rule",
    "Ruleset",
    "Then",
    "close_idle_rulesets",
    "compile_ruleset",
    "evaluate",
    "explain",
    "lint_ruleset",
    "live_rulesets",
    "load_ruleset",
    "parse_ruleset",
    "pooled_rulesets",
    "read_ruleset",
    "run_cases",
]
