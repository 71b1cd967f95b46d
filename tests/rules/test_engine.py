"""The durable adapter: its worker's life (crash, hang, limits, fork), concurrency, engine
selection and its one warning."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from csprules.errors import EngineError, UsageError
from csprules.rules import (
    Evaluation,
    Ruleset,
    close,
    compile_ruleset,
    evaluate,
    load_ruleset,
    worker_status,
)
from csprules.rules.engine import durable
from csprules.rules.engine import select as engine_select
from csprules.rules.engine.durable import ADAPTER, WorkerStatus
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


@pytest.fixture
def fresh_worker() -> Iterator[None]:
    close()
    yield
    close()


def _status() -> WorkerStatus:
    status = worker_status()
    assert status is not None
    return status


@pytest.mark.usefixtures("fresh_worker")
def test_no_threads_or_rulesets_left_after_1000_evaluations(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """One worker and one durable ruleset serve all 1,000 evaluations; close() stops it.

    (Each evaluation is a new durable session, ~140 KB that durable never frees: the
    memory limit is raised here so that it does not replace the worker midway.)"""
    monkeypatch.setattr(durable, "MAX_RSS_KB", 1 << 30)
    ruleset = load_ruleset(TINY)
    before = set(threading.enumerate())
    facts = _facts(3)
    first = evaluate(ruleset, facts, "durable")
    pid = _status().pid
    for _ in range(999):
        assert evaluate(ruleset, facts, "durable") == first
    assert set(threading.enumerate()) == before
    status = _status()
    assert (status.pid, status.calls, status.rulesets) == (pid, 1000, 1)
    close()
    assert worker_status() is None
    with pytest.raises(ProcessLookupError):  # the worker has exited and been reaped
        os.kill(pid, 0)


@pytest.mark.usefixtures("fresh_worker")
def test_a_crashed_worker_is_an_engine_error_and_is_replaced(tiny: Ruleset) -> None:
    """durable-rules has segfaulted on some inputs: a crash fails one evaluation only."""
    first = evaluate(tiny, _facts(3), "durable")
    pid = _status().pid
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(EngineError, match=r"^durable-rules crashed while evaluating \(worker "
                                          r"exit status -9\); the evaluation was not completed$"):
        evaluate(tiny, _facts(3), "durable")
    assert worker_status() is None
    assert evaluate(tiny, _facts(3), "durable") == first  # a new worker took over
    status = _status()
    assert status.pid != pid
    assert status.rulesets == 1


@pytest.mark.usefixtures("fresh_worker")
def test_a_crash_quotes_the_workers_stderr() -> None:
    """A request the worker does not understand: it says so on stderr and exits 2."""
    with ADAPTER.lock, pytest.raises(EngineError) as e:
        ADAPTER._call(b"Q", "0" * 32, b"")
    assert str(e.value) == (
        "durable-rules crashed while evaluating (worker exit status 2); the evaluation was "
        "not completed; its stderr ended: csprules engine worker: unknown request kind b'Q'")


@pytest.mark.usefixtures("fresh_worker")
def test_a_hung_worker_is_killed_within_the_timeout(
    tiny: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = evaluate(tiny, _facts(2), "durable")
    pid = _status().pid
    monkeypatch.setattr(ADAPTER, "timeout", 1.0)
    start = time.monotonic()
    with pytest.raises(EngineError) as e:
        ADAPTER.sleep_for_test(60)
    assert time.monotonic() - start < 5
    assert str(e.value) == (
        "durable-rules did not answer within 1 s; the worker was stopped and the evaluation "
        "was not completed; its stderr ended: csprules engine worker: sleeping 60 s "
        "(test hook)")
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert evaluate(tiny, _facts(2), "durable") == first


@pytest.mark.usefixtures("fresh_worker")
def test_a_stopped_worker_times_out_and_is_replaced(
    tiny: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = evaluate(tiny, _facts(2), "durable")
    monkeypatch.setattr(ADAPTER, "timeout", 0.5)
    os.kill(_status().pid, signal.SIGSTOP)
    start = time.monotonic()
    with pytest.raises(EngineError, match=r"^durable-rules did not answer within 0\.5 s; the "
                                          r"worker was stopped and the evaluation was not "
                                          r"completed$"):
        evaluate(tiny, _facts(2), "durable")
    assert time.monotonic() - start < 5
    assert evaluate(tiny, _facts(2), "durable") == first


@pytest.mark.usefixtures("fresh_worker")
def test_evaluations_work_in_both_parent_and_child_after_fork(tiny: Ruleset) -> None:
    """The child drops the inherited worker (it is the parent's) and starts its own."""
    first = evaluate(tiny, _facts(4), "durable")
    parent_worker = _status().pid
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, never return into pytest
        code = 1
        try:
            inherited = worker_status()
            again = evaluate(tiny, _facts(4), "durable")
            mine = _status().pid
            code = 0 if (inherited is None and again == first and mine != parent_worker) else 3
            os.write(write, f"{inherited} {mine}".encode())
            close()
        finally:
            os._exit(code)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    report = os.read(read, 1000).decode()
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0, report
    assert report.startswith("None ")
    assert evaluate(tiny, _facts(4), "durable") == first
    assert _status().pid == parent_worker  # the child left the parent's worker alone


@pytest.mark.usefixtures("fresh_worker")
def test_workers_are_replaced_after_their_quota(tiny: Ruleset,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable, "MAX_CALLS", 3)
    before = ADAPTER.restarts
    pids = set()
    for _ in range(7):
        evaluate(tiny, _facts(2), "durable")
        status = worker_status()  # None right after a worker was retired
        if status is not None:
            pids.add(status.pid)
    assert ADAPTER.restarts - before == 2
    assert len(pids) == 3


@pytest.mark.usefixtures("fresh_worker")
def test_workers_are_replaced_when_they_grow_too_big(tiny: Ruleset,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durable, "MAX_RSS_KB", 1)  # every worker is over it after one call
    before = ADAPTER.restarts
    first = evaluate(tiny, _facts(2), "durable")
    replacement = _status()  # started at once, creating the ruleset while we score
    assert (replacement.calls, ADAPTER.restarts - before) == (0, 1)
    assert evaluate(tiny, _facts(2), "durable") == first
    assert ADAPTER.restarts - before == 2
    assert _status().pid != replacement.pid


@pytest.mark.usefixtures("fresh_worker")
def test_a_failed_evaluation_deletes_its_ruleset(tiny: Ruleset) -> None:
    """durable raises 311 for a comparison join on an absent field (the compiler never
    writes one; this definition is written by hand)."""
    definition = {"r0": {"all": [{"a0": {"kind": "indicator"}},
                                 {"a1": {"$and": [{"kind": "indicator"},
                                                  {"$lt": {"harm_weight": {"a0": "x"}}}]}}]}}
    compiled = dataclasses.replace(compile_ruleset(tiny), definition=definition,
                                   definition_json=json.dumps(definition), engine_state={})
    facts = [{"sid": "0", "id": "a", "kind": "indicator", "harm_weight": 1.0},
             {"sid": "0", "id": "b", "kind": "indicator"}]
    with pytest.raises(EngineError) as e:
        durable.run_durable(compiled, json.dumps(facts).encode())
    assert str(e.value) == (
        "durable-rules failed while evaluating: Could not assert facts, error code: 311 "
        "(a join names a field the fact does not have)")
    assert _status().rulesets == 0  # deleted, not kept for reuse


@pytest.mark.usefixtures("fresh_worker")
def test_engine_errors_are_wrapped(tiny: Ruleset) -> None:
    alias = {"$and": [{"kind": "k"}, *({"$or": [{"x": 1.0}, {"y": 2.0}]} for _ in range(17))]}
    definition = {"r0": {"all": [{"a0": alias}]}}
    compiled = dataclasses.replace(compile_ruleset(tiny), definition=definition,
                                   definition_json=json.dumps(definition), engine_state={})
    with pytest.raises(EngineError) as e:
        durable.run_durable(compiled, b'[{"sid":"0","id":"a","kind":"k"}]')
    assert str(e.value) == (
        "durable-rules could not create the ruleset: Could not create ruleset, error code: 113 "
        "(a rule is too complex (more than 31 expression slots in one alias))")
    assert evaluate(tiny, _facts(2), "durable").contributions  # the worker is still fine


@pytest.mark.usefixtures("fresh_worker")
def test_eight_threads_agree_with_sequential(tiny: Ruleset) -> None:
    """Evaluations from several threads take turns on the one worker."""
    inputs = [_facts(40, seed) for seed in range(32)]
    sequential = [evaluate(tiny, f, "durable") for f in inputs]
    before = set(threading.enumerate())
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel: list[Evaluation] = list(pool.map(lambda f: evaluate(tiny, f, "durable"),
                                                   inputs))
    assert parallel == sequential
    assert all(r.contributions for r in sequential)
    assert set(threading.enumerate()) == before
    status = _status()
    assert (status.calls, status.rulesets) == (64, 1)


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
    from csprules.rules import Rule
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
    durable_result = evaluate(ruleset, facts, "durable")
    assert len(durable_result.contributions) == 70
    assert durable_result.contributions == evaluate(ruleset, facts, "reference").contributions
    assert len(compile_ruleset(ruleset).engine_parts()) > 1
    assert evaluate(ruleset, facts, "durable") == durable_result  # the split is remembered


@pytest.mark.usefixtures("fresh_worker")
def test_a_call_interrupted_before_its_reply_drops_the_worker(
    tiny: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its reply could otherwise be read as the answer to the next evaluation."""
    first = evaluate(tiny, _facts(2), "durable")
    pid = _status().pid
    worker = ADAPTER.worker
    assert worker is not None

    def interrupted(deadline: float) -> dict[str, Any]:
        raise KeyboardInterrupt

    monkeypatch.setattr(worker, "_receive", interrupted)
    with pytest.raises(KeyboardInterrupt):
        evaluate(tiny, _facts(3), "durable")
    assert worker_status() is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert evaluate(tiny, _facts(2), "durable") == first


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_awkward_fact_ids_come_back_exactly(engine: str) -> None:
    """The worker reads ids out of durable's JSON messages: escapes must round-trip, in
    one-alias rules and in joins."""
    from tests.rules.helpers import RISING, parse

    joined = parse(RISING + """
- id: pair
  when:
    a: {kind: indicator, all: [{field: change_pct, op: ">", value: 10}]}
    b: {kind: driver, all: [{field: theme, op: "=", ref: a.theme}]}
  then:
    - {theme: "{a.theme}", criterion: trend, points: 1, text: "{b.name}"}
""")
    ids = ['q"uote', "back\\slash", "é ü", "tab\tin", "💥", "a/b", "\\u0041"]
    facts: list[dict[str, Any]] = []
    for i, fid in enumerate(ids):
        facts.append({"id": fid, "kind": "indicator", "theme": "asb", "label": f"L{i}",
                      "change_pct": 20.0})
        facts.append({"id": f"d-{fid}", "kind": "driver", "theme": "asb", "name": f"N{i}"})
    result = evaluate(joined, facts, engine)
    singles = {c.fact_ids for c in result.contributions if c.rule_id == "trend-rising"}
    pairs = {c.fact_ids for c in result.contributions if c.rule_id == "pair"}
    assert singles == {(fid,) for fid in ids}
    assert pairs == {(fid, f"d-{other}") for fid in ids for other in ids}
