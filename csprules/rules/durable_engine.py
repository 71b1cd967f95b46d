"""The durable-rules C engine, driven directly and synchronously.

``durable.lang``/``Host`` is not used: it starts timer threads and runs
actions about a second later on another thread.  Instead an evaluation takes
a ruleset handle (pooled per compiled ruleset, see :mod:`csprules.rules.handles`),
asserts every fact in one call under a session of its own, and drains the
action queue (storing each match message as an untouched string).
No thread is started.

Thread safety: the C extension never releases the GIL (it imports neither
``PyEval_SaveThread`` nor ``PyGILState_*``), so each call is atomic with
respect to other Python threads, and everything that lives between calls
(asserted facts, the pending action) belongs to one ruleset handle.
Concurrent evaluations therefore use separate handles and need no lock; the
concurrency test runs 8 threads and compares with sequential results.

Measured surprises (durable-rules 2.0.28), all handled here or by the compiler
and linter (the differential tests pin the result):

- a rule fires once *per satisfied ``$or`` branch*: matches are de-duplicated
  per (rule, facts); a fact is never bound to two aliases of one match;
- a second fact with an already asserted ``id`` is silently ignored (ids are
  checked unique first); malformed JSON is silently ignored too;
- a join placed after an ``$or`` in the same ``$and`` is ignored, a join inside
  an ``$or`` with a constant test drops matches, and an ``$or`` after a join
  makes the beta network read out of bounds: aliases with joins are expanded
  into $or-free engine rules, and refs are allowed only under ``all``;
- joins other than ``=`` crash intermittently (segfault in
  ``reduceExpressionSequence``): they are tested in Python (csprules.rules.joins);
- equality joins compare the *written* numbers: ``-0.0`` is written as ``0.0``;
- a comparison join on an absent field raises error 311: both sides of a ref
  are required fields;
- at most 31 expression slots per alias (error 113, linted), and at most 64
  alpha tests satisfied at once by one fact (error 303): rules are then split
  over several durable rulesets;
- ``delete_ruleset`` leaks ~200 KB: handles are pooled (csprules.rules.handles);
- numbers need a decimal point before any exponent (see jsonenc), and strings
  are compared and regex-matched as raw JSON text (facts are normalised).
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from csprules.errors import EngineError
from csprules.rules.compile import CompiledRuleset
from csprules.rules.durable_worker import POOL, WorkerEngineError
from csprules.rules.engine_select import durable_module
from csprules.rules.handles import describe, pool_for

Match = tuple[str, tuple[str, ...]]
"""(engine rule name, matched fact ids in alias order)."""

def run_durable(module: Any, compiled: CompiledRuleset, facts_json: str, count: int
                ) -> list[str]:
    """Assert the facts and return every match message, unparsed.

    durable-rules walks its alpha network with a fixed stack (64 entries): when
    one fact satisfies more sibling tests than that at once (say 70 rules
    ``harm_weight >= n``) it fails with error 303.  The rules are then split in
    halves, each run as its own durable ruleset, and the split that worked is
    remembered for the next evaluation of this compiled ruleset.
    """
    if not count:
        return []
    parts: list[tuple[str, ...]] = list(compiled.engine_parts())
    done: list[tuple[str, ...]] = []
    messages: list[str] = []
    while parts:
        names = parts.pop(0)
        try:
            messages += _run_part(module, compiled, names, facts_json, count)
        except _StackFull as e:
            if len(names) == 1:
                rule = compiled.by_name[names[0]].rule_id
                raise EngineError(
                    f"durable-rules cannot evaluate rule '{rule}': one fact satisfies more than "
                    "64 of its tests at once (error 303); use engine='reference' or split the "
                    "rule") from e.__cause__
            half = len(names) // 2
            parts[:0] = [names[:half], names[half:]]
            continue
        done.append(names)
    compiled.remember_engine_parts(done)
    return messages


class _StackFull(Exception):
    pass


def _run_part(module: Any, compiled: CompiledRuleset, names: tuple[str, ...],
              facts_json: str, count: int) -> list[str]:
    if ISOLATED and module is durable_module():
        return _run_part_in_worker(compiled.part_json(names), facts_json)
    pool = pool_for(compiled.engine_state, compiled, module)
    slot = pool.acquire(names, compiled.part_json(names))
    messages: list[str] = []
    try:
        sid = slot.next_sid()  # a session of its own: facts of earlier ones never join
        _drain(module, slot.handle, facts_json.replace('"sid":"0"', f'"sid":"{sid}"'),
               messages)
    except BaseException:
        pool.discard(slot)
        raise
    pool.release(names, slot, count)
    return messages


ISOLATED = os.environ.get("CSPRULES_DURABLE_INPROCESS", "") != "1"
"""Run the real C engine in worker processes (csprules.rules.durable_worker): its memory
is never given back, so in-process use grows without bound.  ``CSPRULES_DURABLE_INPROCESS=1``
runs it in this process (benchmarks compare the two)."""


def _run_part_in_worker(definition: str, facts_json: str) -> list[str]:
    try:
        return POOL.run(definition, facts_json)
    except WorkerEngineError as e:
        if "error code: 303" in str(e):
            raise _StackFull from e
        raise EngineError(f"durable-rules failed while evaluating: {describe(e)}") from e


def _drain(module: Any, handle: int, facts_json: str, messages: list[str]) -> None:
    append = messages.append
    try:
        module.assert_facts(handle, facts_json)
        start = module.start_action
        complete = module.complete_and_start_action
        while True:
            result = start(handle)
            if not result:
                return
            _state, message, action = result
            while message:
                append(message)
                message = complete(handle, action)
    except Exception as e:
        if "error code: 303" in str(e):
            raise _StackFull from e
        raise EngineError(f"durable-rules failed while evaluating: {describe(e)}") from e


_FRAME = re.compile(r'"(a\d+)":\{"sid":"\d+","id":"((?:[^"\\]|\\.)*)"')


def parse_matches(messages: list[str], compiled: CompiledRuleset) -> set[Match]:
    """Match messages -> distinct (rule name, fact ids in alias order).

    Messages echo the asserted facts verbatim (``{"r3":{"a0":{"sid":"0","id":
    "...",...},...}}``), and every quote inside a string is escaped, so the
    frames are found with one regex; anything unexpected falls back to JSON.
    """
    sizes = {name: len(r.aliases) for name, r in compiled.by_name.items()}
    expected = {name: [f"a{i}" for i in range(n)] for name, n in sizes.items()}
    out: set[Match] = set()
    add = out.add
    findall = _FRAME.findall
    for message in messages:
        rule_name = message[2:message.find('"', 2)]
        frames = findall(message)
        names = expected.get(rule_name)
        if names is not None and len(frames) == len(names):
            if len(frames) == 1 and frames[0][0] == "a0":
                fid = frames[0][1]
                if "\\" not in fid:
                    add((rule_name, (fid,)))
                    continue
            else:
                by_alias = dict(frames)
                if len(by_alias) == len(names) and all(n in by_alias for n in names):
                    ids = tuple(by_alias[n] for n in names)
                    if not any("\\" in fid for fid in ids):
                        add((rule_name, ids))
                        continue
        out |= _parse_json(message, sizes)
    return out


def _parse_json(message: str, sizes: dict[str, int]) -> set[Match]:
    out: set[Match] = set()
    for rule_name, frames in json.loads(message).items():
        out.add((rule_name, tuple(str(frames[f"a{i}"]["id"]) for i in range(sizes[rule_name]))))
    return out
