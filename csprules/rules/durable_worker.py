"""Worker processes that run durable-rules for the caller (see durable_child.py).

Each evaluation borrows an idle worker (or starts one), sends the compiled
definition and the facts, and reads back the match messages: one round trip,
synchronous, no thread started.  A worker serves one evaluation at a time, so
concurrent evaluations use separate workers.  A worker is retired after
:data:`MAX_EVALUATIONS` evaluations or once its memory passes
:data:`MAX_RSS_KB`, which bounds what durable-rules' leak can cost.  If a
worker dies (durable-rules has segfaulted on some inputs) the evaluation
fails with an EngineError and the worker is replaced next time.

Workers are closed by :func:`close_workers`, and at interpreter exit.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csprules.errors import EngineError
from csprules.rules.durable_child import read_frame, write_frame

MAX_EVALUATIONS = 400
MAX_RSS_KB = 400 * 1024
CHILD = Path(__file__).with_name("durable_child.py")


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    evaluations: int = 0
    rss_kb: int = 0
    rulesets: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls) -> Worker:
        # -I: isolated mode; the child imports only the C engine and the stdlib.
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-I", str(CHILD)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        return cls(process)

    def call(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        try:
            write_frame(self.process.stdin, request)
            reply = read_frame(self.process.stdout)
        except (BrokenPipeError, OSError):
            reply = None
        if reply is None:
            code = self.process.wait()
            raise EngineError(f"durable-rules crashed while evaluating (worker exit status "
                              f"{code}); the evaluation was not completed")
        self.evaluations += 1
        self.rss_kb = int(reply.get("rss_kb", 0))
        self.rulesets = dict(reply.get("rulesets", {}))
        assert isinstance(reply, dict)
        return reply

    @property
    def worn(self) -> bool:
        return self.evaluations >= MAX_EVALUATIONS or self.rss_kb >= MAX_RSS_KB

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            try:
                self.process.stdin.close()  # EOF: the worker exits on its own
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                with contextlib.suppress(OSError):  # a dead worker's pipe: nothing to flush
                    stream.close()


class WorkerPool:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: list[Worker] = []
        self.busy_workers: dict[int, Worker] = {}
        self.retired = 0

    def run(self, definition: str, facts: str) -> list[str]:
        """Match messages for ``facts`` against ``definition`` (raises on engine errors)."""
        worker = self._acquire()
        try:
            reply = worker.call({
                "key": hashlib.sha256(definition.encode("utf-8")).hexdigest(),
                "definition": definition, "facts": facts,
            })
        except BaseException:
            self._drop(worker)
            raise
        self._release(worker)
        if "error" in reply:
            raise WorkerEngineError(str(reply["error"]))
        messages = reply["messages"]
        assert isinstance(messages, list)
        return [str(m) for m in messages]

    def _acquire(self) -> Worker:
        with self.lock:
            worker = self.idle.pop() if self.idle else None
        if worker is None:
            worker = Worker.start()
        with self.lock:
            self.busy_workers[worker.process.pid] = worker
        return worker

    def _release(self, worker: Worker) -> None:
        with self.lock:
            self.busy_workers.pop(worker.process.pid, None)
            if not worker.worn:
                self.idle.append(worker)
                return
            self.retired += 1
        worker.stop()

    def _drop(self, worker: Worker) -> None:
        with self.lock:
            self.busy_workers.pop(worker.process.pid, None)
        worker.stop()

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for worker in idle:
            worker.stop()

    def rulesets(self, busy: bool) -> dict[int, str]:
        """Durable rulesets held by busy (or idle) workers, keyed ``pid * 10_000 + handle``."""
        with self.lock:
            workers = list(self.busy_workers.values()) if busy else list(self.idle)
        return {w.process.pid * 10_000 + int(h): n
                for w in workers for h, n in w.rulesets.items()}


class WorkerEngineError(Exception):
    """An error the C engine raised inside the worker (its message is the engine's)."""


POOL = WorkerPool()


def close_workers() -> None:
    """Stop every idle worker (busy ones stop when their evaluation ends)."""
    POOL.close()


atexit.register(close_workers)
