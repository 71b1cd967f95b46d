"""The durable adapter: no leftovers, concurrency, engine selection and its one warning."""

from __future__ import annotations

import gc
import sys
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from csprules.errors import EngineError, UsageError
from csprules.rules import (
    Evaluation,
    Ruleset,
    close_idle_rulesets,
    engine_select,
    evaluate,
    live_rulesets,
    load_ruleset,
    pooled_rulesets,
)
from csprules.rules.durable_engine import run_durable
from tests.rules.helpers import TINY


def _facts(n: int, seed: int = 0) -> list[dict[str, Any]]:
    themes = ["burglary", "robbery", "asb", "prevent"]
    out: list[dict[str, Any]] = []
    for i in range(n):
        theme = themes[(i + seed) % len(themes)]
        out.append({"id": f"i{i}", "kind": "indicator", "theme": theme, "label": theme.title(),
                    "change_pct": float((i * 7 + seed) % 40), "direction": "down",
                    "worsening": (i + seed) % 3 == 0, "harm_weight": float(i % 500)})
        out.append({"id": f"d{i}", "kind": "driver", "theme": theme, "name": f"Driver {i}",
                    "active": i % 2 == 0, "driver_kind": "statutory_duty"})
    return out


@pytest.fixture(scope="module")
def tiny() -> Ruleset:
    return load_ruleset(TINY)


def test_no_threads_or_rulesets_left_after_1000_evaluations() -> None:
    """One pooled durable ruleset serves all 1,000 evaluations; none is left afterwards."""
    close_idle_rulesets()
    ruleset = load_ruleset(TINY)
    before = set(threading.enumerate())
    facts = _facts(3)
    first = evaluate(ruleset, facts, "durable")
    for _ in range(999):
        assert evaluate(ruleset, facts, "durable") == first
    assert set(threading.enumerate()) == before
    assert live_rulesets() == {}
    assert len(pooled_rulesets()) == 1  # one durable ruleset served them all
    del ruleset
    gc.collect()
    # The ruleset lives in an idle engine worker until the worker is closed or retired.
    close_idle_rulesets()
    assert pooled_rulesets() == {}


def test_a_crashed_worker_is_an_engine_error_and_is_replaced(tiny: Ruleset) -> None:
    """durable-rules has segfaulted on some inputs: a crash fails one evaluation only."""
    import os
    import signal

    from csprules.rules.durable_worker import POOL

    close_idle_rulesets()
    first = evaluate(tiny, _facts(3), "durable")
    worker = POOL.idle[0]
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.wait()
    with pytest.raises(EngineError, match=r"^durable-rules crashed while evaluating \(worker "
                                          r"exit status -9\); the evaluation was not completed$"):
        evaluate(tiny, _facts(3), "durable")
    assert evaluate(tiny, _facts(3), "durable") == first  # a new worker took over
    assert live_rulesets() == {}
    close_idle_rulesets()


def test_workers_are_retired_after_their_quota(tiny: Ruleset,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from csprules.rules import durable_worker

    close_idle_rulesets()
    monkeypatch.setattr(durable_worker, "MAX_EVALUATIONS", 3)
    before = durable_worker.POOL.retired
    pids = set()
    for _ in range(7):
        evaluate(tiny, _facts(2), "durable")
        pids |= {w.process.pid for w in durable_worker.POOL.idle}
    assert durable_worker.POOL.retired - before == 2
    assert len(pids) == 3
    close_idle_rulesets()


def test_close_idle_rulesets(tiny: Ruleset) -> None:
    evaluate(tiny, _facts(2), "durable")
    assert pooled_rulesets() != {}
    close_idle_rulesets()
    assert pooled_rulesets() == {}
    assert evaluate(tiny, _facts(2), "durable").contributions  # recreated on demand
    close_idle_rulesets()


def test_ruleset_is_deleted_when_the_engine_fails(tiny: Ruleset) -> None:
    from csprules.rules.compile import compile_ruleset

    real: Any = engine_select.durable_module()
    deleted: list[int] = []

    class Failing:
        def create_ruleset(self, name: str, definition: str) -> int:
            handle: int = real.create_ruleset(name, definition)
            return handle

        def assert_facts(self, handle: int, facts: str) -> None:
            assert live_rulesets() == {handle: live_rulesets()[handle]}
            raise Exception("Could not assert facts, error code: 311")

        def delete_ruleset(self, handle: int) -> None:
            deleted.append(handle)
            real.delete_ruleset(handle)

    with pytest.raises(EngineError) as e:
        run_durable(Failing(), compile_ruleset(tiny), "[]", 1)
    assert str(e.value) == (
        "durable-rules failed while evaluating: Could not assert facts, error code: 311 "
        "(a join names a field the fact does not have)")
    assert len(deleted) == 1
    assert live_rulesets() == {}  # a failed evaluation's ruleset is deleted, not pooled


def test_engine_errors_are_wrapped(tiny: Ruleset) -> None:
    from csprules.rules.compile import compile_ruleset

    class Broken:
        def create_ruleset(self, name: str, definition: str) -> int:
            raise Exception("Could not create ruleset, error code: 113")

    with pytest.raises(EngineError) as e:
        run_durable(Broken(), compile_ruleset(tiny), "[]", 1)
    assert str(e.value) == (
        "durable-rules could not create the ruleset: Could not create ruleset, error code: 113 "
        "(a rule is too complex (more than 31 expression slots in one alias))")


def test_eight_threads_agree_with_sequential(tiny: Ruleset) -> None:
    """No lock: the C module never releases the GIL and keeps per-handle state only."""
    close_idle_rulesets()
    inputs = [_facts(40, seed) for seed in range(32)]
    sequential = [evaluate(tiny, f, "durable") for f in inputs]
    before = set(threading.enumerate())
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel: list[Evaluation] = list(pool.map(lambda f: evaluate(tiny, f, "durable"),
                                                   inputs))
    assert parallel == sequential
    assert all(r.contributions for r in sequential)
    assert set(threading.enumerate()) == before
    assert live_rulesets() == {}
    assert 1 <= len(pooled_rulesets()) <= 8  # at most one per thread
    close_idle_rulesets()
    assert pooled_rulesets() == {}


@pytest.fixture
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_select, "_state", engine_select._State())
    monkeypatch.delenv(engine_select.ENV_VAR, raising=False)


@pytest.mark.usefixtures("fresh_state")
def test_auto_falls_back_to_reference_with_one_warning(
    tiny: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)  # import now fails
    facts = _facts(5)
    with pytest.warns(RuntimeWarning, match=r"durable-rules is not available .*reference "
                                            r"evaluator"):
        first = evaluate(tiny, facts)
    assert first.engine == "reference"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = evaluate(tiny, facts)  # no second warning
    assert again == first
    assert first.contributions == evaluate(tiny, facts, "reference").contributions
    with pytest.raises(EngineError, match=r"^durable-rules is not available"):
        evaluate(tiny, facts, "durable")


@pytest.mark.usefixtures("fresh_state")
def test_environment_variable_chooses_what_auto_means(
    tiny: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSPRULES_ENGINE", "reference")
    assert evaluate(tiny, []).engine == "reference"
    assert evaluate(tiny, [], "durable").engine == "durable"  # explicit wins
    monkeypatch.setenv("CSPRULES_ENGINE", "durable")
    assert evaluate(tiny, []).engine == "durable"
    monkeypatch.setenv("CSPRULES_ENGINE", "quick")
    with pytest.raises(UsageError, match=r"^CSPRULES_ENGINE='quick' is not an engine"):
        evaluate(tiny, [])


@pytest.mark.usefixtures("fresh_state")
def test_reference_chosen_by_environment_does_not_warn(
    tiny: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)
    monkeypatch.setenv("CSPRULES_ENGINE", "reference")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert evaluate(tiny, _facts(2)).engine == "reference"


def test_many_rules_true_at_once_are_split_over_durable_rulesets() -> None:
    """70 rules all true for one fact overflow durable's 64-entry alpha stack (error 303)."""
    from csprules.rules import Rule, compile_ruleset
    from csprules.rules.scoring_config import Criterion

    rules = tuple(Rule.model_validate({
        "id": f"harm-{j}",
        "when": {"s": {"kind": "indicator",
                       "all": [{"field": "harm_weight", "op": ">=", "value": j}]}},
        "then": [{"theme": "{s.theme}", "criterion": "c", "points": 1, "text": "t"}],
    }) for j in range(70))
    ruleset = Ruleset(name="many", ruleset_version="0",
                      criteria={"c": Criterion(label="C", weight=1, cap=10)}, rules=rules)
    facts = [{"id": "x", "kind": "indicator", "theme": "asb", "harm_weight": 100.0}]
    durable = evaluate(ruleset, facts, "durable")
    assert len(durable.contributions) == 70
    assert durable.contributions == evaluate(ruleset, facts, "reference").contributions
    assert len(compile_ruleset(ruleset).engine_parts()) > 1
    assert evaluate(ruleset, facts, "durable") == durable  # the split is remembered
