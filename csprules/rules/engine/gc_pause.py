"""Pause Python's cyclic garbage collector around an evaluation's bulk allocations.

An evaluation of 10k facts allocates tens of thousands of dicts, tuples and
contributions, none in a reference cycle, so the collector finds nothing, yet
its full passes over the whole heap cost 30-200 ms per evaluation (10k facts x
500 rules, measured on this project's benchmark).  Reference counting still
frees everything at once; the collector is switched back on afterwards, and is
left alone if it was off already (by the caller, or by another evaluation
running in another thread, which then switches it back on when it ends).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
