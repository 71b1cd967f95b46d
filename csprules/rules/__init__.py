"""The rules engine: rulesets as data, linted, compiled to durable-rules, evaluated.

Authoring (models, loader, lint, cases) lives here; compiling and running
lives in :mod:`csprules.rules.engine`.

>>> from csprules.rules import load_ruleset, evaluate        # doctest: +SKIP
>>> ruleset = load_ruleset("rulesets/default.yaml")          # doctest: +SKIP
>>> result = evaluate(ruleset, facts)                        # doctest: +SKIP
>>> print(result.explain("domestic-abuse"))                  # doctest: +SKIP
"""

from csprules.rules.cases import CaseResult, run_cases
from csprules.rules.engine.compile import CompiledRuleset
from csprules.rules.engine.durable import WorkerStatus, close, worker_status
from csprules.rules.evaluate import compile_ruleset, evaluate
from csprules.rules.loader import lint_ruleset, load_ruleset, parse_ruleset, read_ruleset
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
    "WorkerStatus",
    "close",
    "compile_ruleset",
    "evaluate",
    "explain",
    "lint_ruleset",
    "load_ruleset",
    "parse_ruleset",
    "read_ruleset",
    "run_cases",
    "worker_status",
]
