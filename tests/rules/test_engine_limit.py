"""A ruleset too large for durable-rules is detected up front, never a run of minutes."""

from __future__ import annotations

import pytest

from benchmarks.engine_scale import synthetic_facts, synthetic_ruleset
from csprules.errors import RulesetError
from csprules.rules import evaluate
from csprules.rules.engine.select import durable_module
from csprules.rules.evaluate import MAX_DURABLE_RULES

pytestmark = pytest.mark.skipif(durable_module() is None, reason="durable-rules not importable")


def test_auto_falls_back_to_the_reference_evaluator_with_a_warning() -> None:
    ruleset = synthetic_ruleset(MAX_DURABLE_RULES + 1)
    facts = synthetic_facts(50)
    with pytest.warns(RuntimeWarning, match=rf"has {MAX_DURABLE_RULES + 1} engine rules, more "
                      rf"than the {MAX_DURABLE_RULES} durable-rules is used for"):
        result = evaluate(ruleset, facts)
    assert result.engine == "reference"
    assert result.contributions == evaluate(ruleset, facts, engine="reference").contributions


def test_durable_asked_for_is_refused_with_the_limit() -> None:
    ruleset = synthetic_ruleset(MAX_DURABLE_RULES + 1)
    with pytest.raises(RulesetError, match=rf"^ruleset '.*': {MAX_DURABLE_RULES + 1} engine "
                       rf"rules; durable-rules is used for at most {MAX_DURABLE_RULES} "):
        evaluate(ruleset, synthetic_facts(5), engine="durable")


def test_at_the_limit_durable_runs() -> None:
    ruleset = synthetic_ruleset(50)
    assert evaluate(ruleset, synthetic_facts(20)).engine == "durable"
