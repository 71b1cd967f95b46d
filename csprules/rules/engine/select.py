"""Which evaluator runs: durable-rules (the C engine) or the pure-Python reference.

``engine="auto"`` uses durable-rules when it imports and the reference
evaluator otherwise (durable-rules 2.0.28 does not build on Python 3.13+),
warning once per process.  The environment variable ``CSPRULES_ENGINE``
(``auto``, ``durable`` or ``reference``) decides what ``auto`` means, so CI
can run the whole suite on either path; an explicit ``engine="durable"`` or
``engine="reference"`` always wins.
"""

from __future__ import annotations

import importlib
import os
import threading
import warnings
from typing import Any

from csprules.errors import EngineError, UsageError
from csprules.rules.results import EngineName

ENV_VAR = "CSPRULES_ENGINE"
ENGINES = ("auto", "durable", "reference")


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.probed = False
        self.module: Any = None
        self.error: str | None = None
        self.warned = False


_state = _State()


def durable_module() -> Any | None:
    """The ``durable_rules_engine`` C module, or None when it cannot be imported.

    Only probed here: the engine itself runs in the worker process (engine/durable.py).
    """
    with _state.lock:
        if not _state.probed:
            try:
                _state.module = importlib.import_module("durable_rules_engine")
            except ImportError as e:
                _state.module = None
                _state.error = str(e) or type(e).__name__
            _state.probed = True
        return _state.module


def select_engine(engine: str = "auto") -> EngineName:
    """The evaluator that runs for the requested ``engine``."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if engine == "auto":
        engine = os.environ.get(ENV_VAR, "auto").strip().lower() or "auto"
        if engine not in ENGINES:
            raise UsageError(f"{ENV_VAR}={engine!r} is not an engine; expected one of "
                             f"{', '.join(ENGINES)}")
        if engine == "auto":
            if durable_module() is not None:
                return "durable"
            _warn_once()
            return "reference"
    if engine == "reference":
        return "reference"
    if durable_module() is None:
        raise EngineError(f"durable-rules is not available ({_state.error}); "
                          "use engine='reference' or set CSPRULES_ENGINE=reference")
    return "durable"


def _warn_once() -> None:
    with _state.lock:
        if _state.warned:
            return
        _state.warned = True
    warnings.warn(
        f"durable-rules is not available ({_state.error}); csprules evaluates rules with its "
        f"pure-Python reference evaluator (same results, slower). Set {ENV_VAR}=reference "
        "to choose it explicitly.",
        RuntimeWarning,
        stacklevel=4,
    )
