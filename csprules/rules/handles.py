"""durable-rules ruleset handles: created per compiled ruleset, reused, always tracked.

Measured on durable-rules 2.0.28:

- ``delete_ruleset`` does not give back the memory of ``create_ruleset``
  (150-220 KB per ruleset: a fresh ruleset per evaluation grows a process by
  ~2 GB in 10,000 evaluations);
- forgetting facts in a live ruleset is not safe: ``delete_state`` and
  ``retract_facts`` after matches with joins or several aliases corrupt the
  heap (``free(): invalid pointer``, segmentation faults) within a few
  thousand evaluations.

So a handle is reused without forgetting anything: each evaluation asserts its
facts under a *new session id* (``sid``), which the engine keeps apart from
every other session, and a handle that has taken :data:`FACTS_PER_HANDLE`
facts is deleted (its memory, and the ~200 KB leak, amortised over all of
them).  A handle serves one evaluation at a time, so concurrent evaluations
get their own; one whose evaluation failed is deleted, never reused.

The C engine has no call listing its rulesets, so every handle created here
is registered until deleted.  :func:`live_rulesets` lists those in use (or
left behind by a failure: it is empty whenever no evaluation is running);
:func:`pooled_rulesets` lists idle ones parked for reuse, which are deleted
when their compiled ruleset is garbage-collected or by
:func:`close_idle_rulesets`.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

from csprules.errors import EngineError

_LOCK = threading.Lock()
_LIVE: dict[int, str] = {}
"""Every durable ruleset created here and not yet deleted."""
_PARKED: set[int] = set()
"""Those of them idle in a pool."""
_POOLS: weakref.WeakSet[HandlePool] = weakref.WeakSet()


def live_rulesets() -> dict[int, str]:
    """Handle -> name of every durable ruleset in use or left behind (not parked in a pool),
    in this process or in a busy engine worker (see csprules.rules.durable_worker)."""
    from csprules.rules.durable_worker import POOL

    with _LOCK:
        mine = {h: n for h, n in _LIVE.items() if h not in _PARKED}
    return {**mine, **POOL.rulesets(busy=True)}


def pooled_rulesets() -> dict[int, str]:
    """Handle -> name of the idle durable rulesets parked for reuse (here or in idle workers)."""
    from csprules.rules.durable_worker import POOL

    with _LOCK:
        mine = {h: n for h, n in _LIVE.items() if h in _PARKED}
    return {**mine, **POOL.rulesets(busy=False)}


def close_idle_rulesets() -> None:
    """Delete every idle pooled handle and stop idle engine workers (recreated on demand)."""
    from csprules.rules.durable_worker import close_workers

    for pool in list(_POOLS):
        pool.close()
    close_workers()


FACTS_PER_HANDLE = 50_000
"""Facts a pooled handle takes (over all its sessions) before it is replaced."""


@dataclass
class Slot:
    """One durable ruleset handle and how much it has been used."""

    handle: int
    facts: int = 0
    sessions: int = 0

    def next_sid(self) -> str:
        self.sessions += 1
        return str(self.sessions)


class HandlePool:
    """Idle handles of one compiled ruleset, per part (group of engine rules)."""

    def __init__(self, module: Any) -> None:
        self.module = module
        self.lock = threading.Lock()
        self.idle: dict[tuple[str, ...], list[Slot]] = {}
        _POOLS.add(self)

    def acquire(self, part: tuple[str, ...], definition: str) -> Slot:
        with self.lock:
            slots = self.idle.get(part)
            if slots:
                slot = slots.pop()
                with _LOCK:
                    _PARKED.discard(slot.handle)
                return slot
        name = f"csprules-{uuid4().hex}"
        try:
            handle: int = self.module.create_ruleset(name, definition)
        except Exception as e:  # the C module raises plain exceptions
            raise EngineError(f"durable-rules could not create the ruleset: {describe(e)}") from e
        with _LOCK:
            _LIVE[handle] = name
        return Slot(handle)

    def release(self, part: tuple[str, ...], slot: Slot, facts: int) -> None:
        slot.facts += facts
        if slot.facts >= FACTS_PER_HANDLE:
            self.discard(slot)
            return
        with self.lock:
            self.idle.setdefault(part, []).append(slot)
            with _LOCK:
                _PARKED.add(slot.handle)

    def discard(self, slot: Slot) -> None:
        try:
            self.module.delete_ruleset(slot.handle)
        except Exception as e:
            raise EngineError(f"durable-rules could not delete a ruleset: {describe(e)}") from e
        finally:
            with _LOCK:
                _LIVE.pop(slot.handle, None)
                _PARKED.discard(slot.handle)

    def close(self) -> None:
        with self.lock:
            slots = [slot for group in self.idle.values() for slot in group]
            self.idle.clear()
        for slot in slots:
            self.discard(slot)


def pool_for(holder: dict[str, Any], owner: object, module: Any) -> HandlePool:
    """The pool kept in ``holder`` (a compiled ruleset's engine state) for ``module``."""
    key = f"pool-{id(module)}"
    with _LOCK:
        pool = holder.get(key)
        if pool is None:
            pool = holder[key] = HandlePool(module)
            weakref.finalize(owner, pool.close)
    assert isinstance(pool, HandlePool)
    return pool


_CODES = {
    101: "out of memory",
    112: "too many live rulesets",
    113: "a rule is too complex (more than 31 expression slots in one alias)",
    201: "cannot parse a value", 202: "cannot parse a text", 203: "cannot parse a number",
    204: "cannot parse an object", 205: "cannot parse a list",
    302: "a fact has too many fields (at most 63)",
    303: "one fact satisfies more than 64 tests at once",
    309: "no such session",
    311: "a join names a field the fact does not have",
}


def describe(e: Exception) -> str:
    """The C engine's message, with what its error code means when known."""
    text = str(e)
    code = text.rsplit("error code: ", 1)[-1] if "error code: " in text else ""
    if code.isdigit() and int(code) in _CODES:
        return f"{text} ({_CODES[int(code)]})"
    return text
