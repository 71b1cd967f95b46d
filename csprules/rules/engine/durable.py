"""The durable-rules adapter: one long-lived worker process per caller process.

The C engine runs in a child process (csprules/rules/engine/durable_child.py),
which owns the ruleset handles, session ids, draining and match parsing.
This side sends the compiled definition once per worker and the facts of each
evaluation, and reads back (rule, fact ids) pairs.  No thread is started.

- One worker per caller process, behind a lock: evaluations from several
  threads take turns (the C extension never releases the GIL, so running it in
  this process would not have overlapped them either).
- The worker is restarted when it crashes (durable-rules has segfaulted), when
  it does not answer within :attr:`DurableAdapter.timeout` seconds (it is
  killed), once it has served :data:`MAX_CALLS` evaluations or its memory
  passes :data:`MAX_RSS_KB` (durable never gives memory back), and in a child
  after ``os.fork`` (the inherited worker belongs to the parent).
- Every read and write has a deadline; the worker's stderr goes to a temporary
  file whose tail is quoted in the EngineError of a crash or a hang.
- :func:`close` stops the worker (also at interpreter exit); the next
  evaluation starts a new one.

Measured surprises (durable-rules 2.0.28), all handled here, in the child, or
by the compiler and linter (the differential tests pin the result):

- a rule fires once *per satisfied ``$or`` branch*: matches are de-duplicated
  per (rule, facts); a fact is never bound to two aliases of one match;
- a second fact with an already asserted ``id`` is silently ignored (ids are
  checked unique first); malformed JSON is silently ignored too;
- a join placed after an ``$or`` in the same ``$and`` is ignored, a join inside
  an ``$or`` with a constant test drops matches, and an ``$or`` after a join
  makes the beta network read out of bounds: aliases with joins are expanded
  into $or-free engine rules, and refs are allowed only under ``all``;
- joins other than ``=`` crash intermittently (segfault in
  ``reduceExpressionSequence``): they are tested in Python (engine/joins.py);
- equality joins compare the *written* numbers: ``-0.0`` is written as ``0.0``;
- a comparison join on an absent field raises error 311: both sides of a ref
  are required fields;
- at most 31 expression slots per alias (error 113, linted), and at most 64
  alpha tests satisfied at once by one fact (error 303): rules are then split
  over several durable rulesets;
- the alpha network has no value index (every fact meets every distinct
  sibling test), so regexes are placed after the other constant tests;
- numbers need a decimal point before any exponent (see jsonenc), and strings
  are compared and regex-matched as raw JSON text (facts are normalised).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import select
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from csprules.errors import EngineError
from csprules.rules.engine.compile import CompiledRuleset, EnginePart

CHILD = Path(__file__).with_name("durable_child.py")
TIMEOUT = 300.0
"""Seconds the worker may take to answer one request before it is killed."""
MAX_CALLS = 2_000
"""Evaluations one worker serves before it is replaced."""
MAX_RSS_KB = 150 * 1024
"""Worker memory it is replaced before passing (durable-rules never frees a session's facts):
when its memory plus what the last evaluation added would pass this."""
STDERR_TAIL = 2_000
"""Characters of the worker's stderr quoted in an EngineError."""

_HEADER = struct.Struct(">Q")
_PIPE_SIZE = 1 << 20


@dataclass(frozen=True)
class WorkerStatus:
    """What the engine worker of this process is holding (see :func:`worker_status`)."""

    pid: int
    calls: int
    """Evaluations served so far."""
    rss_kb: int
    """Its memory, as of its last answer."""
    rulesets: int
    """Durable rulesets it holds (one per definition it was given; none in use between calls)."""
    restarts: int
    """Workers this adapter has replaced (crash, hang, limits) since it started."""


class _Worker:
    """One worker process: its pipes, its stderr file, and what it last reported."""

    def __init__(self) -> None:
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        # -I: isolated mode; the child imports only the C engine, orjson and the stdlib.
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-I", str(CHILD)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.stderr,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.write_fd = self.process.stdin.fileno()
        self.read_fd = self.process.stdout.fileno()
        os.set_blocking(self.write_fd, False)
        for fd in (self.write_fd, self.read_fd):
            with contextlib.suppress(OSError, AttributeError):  # Linux only; a speed-up
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        self.calls = 0
        self.rss_kb = 0
        self.growth_kb = 0
        """What the last evaluation added to its memory (durable never frees it)."""
        self.rulesets = 0
        self.pending = 0
        """Replies to requests sent ahead (definitions for a fresh worker) not yet read."""

    def send_ahead(self, kind: bytes, key: str, body: bytes, timeout: float) -> None:
        """Send a request whose reply the next :meth:`call` reads and drops."""
        try:
            self._send(kind, key, body, time.monotonic() + timeout)
        except (_Hung, BrokenPipeError, ConnectionResetError):
            return  # the next call meets the same problem and reports it
        self.pending += 1

    def _send(self, kind: bytes, key: str, body: bytes, deadline: float) -> None:
        self._write(_HEADER.pack(1 + len(key) + len(body)) + kind + key.encode("ascii"),
                    deadline)
        self._write(body, deadline)

    def _receive(self, deadline: float) -> dict[str, Any]:
        (size,) = _HEADER.unpack(self._read(_HEADER.size, deadline))
        reply = orjson.loads(self._read(size, deadline))
        assert isinstance(reply, dict)
        rss = int(reply.get("rss_kb", 0))
        self.growth_kb, self.rss_kb = rss - self.rss_kb, rss
        self.rulesets = int(reply.get("rulesets", 0))
        return reply

    def call(self, kind: bytes, key: str, body: bytes, timeout: float) -> dict[str, Any]:
        """Send one request and read its reply; EngineError on a crash or after ``timeout``."""
        deadline = time.monotonic() + timeout
        try:
            self._send(kind, key, body, deadline)
            while self.pending:
                self._receive(deadline)  # an error there shows again when the key is used
                self.pending -= 1
            return self._receive(deadline)
        except _Hung:
            self.kill()
            raise EngineError(f"durable-rules did not answer within {timeout:g} s; the worker "
                              f"was stopped and the evaluation was not completed"
                              f"{self.stderr_note()}") from None
        except (_Closed, BrokenPipeError, ConnectionResetError):
            code = self._exit_status()
            raise EngineError(f"durable-rules crashed while evaluating (worker exit status "
                              f"{code}); the evaluation was not completed"
                              f"{self.stderr_note()}") from None

    def _write(self, data: bytes, deadline: float) -> None:
        view = memoryview(data)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Hung
            _, writable, _ = select.select([], [self.write_fd], [], remaining)
            if not writable:
                raise _Hung
            try:
                view = view[os.write(self.write_fd, view):]
            except BlockingIOError:
                continue

    def _read(self, size: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        missing = size
        while missing:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Hung
            readable, _, _ = select.select([self.read_fd], [], [], remaining)
            if not readable:
                raise _Hung
            chunk = os.read(self.read_fd, min(missing, _PIPE_SIZE))
            if not chunk:
                raise _Closed
            chunks.append(chunk)
            missing -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _exit_status(self) -> int | str:
        try:
            return self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            return "unknown: it closed its output and was killed"

    def stderr_note(self) -> str:
        """``; its stderr ended: ...`` with the last lines the worker wrote, or ''."""
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - STDERR_TAIL))
            text = self.stderr.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""
        return f"; its stderr ended: {text}" if text else ""

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)

    @property
    def worn(self) -> bool:
        # predictive: replaced *before* the next evaluation like the last would pass the limit
        return self.calls >= MAX_CALLS or self.rss_kb + max(self.growth_kb, 0) > MAX_RSS_KB

    def hang_up(self) -> None:
        """Close its input: the worker exits on EOF (see :meth:`stop` to wait for it)."""
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):
            self.process.stdin.close()

    def stop(self) -> None:
        """Close its input (the worker exits on EOF), reap it, release its files."""
        if self.process.poll() is None:
            self.hang_up()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()
        self.release()

    def release(self) -> None:
        for stream in (self.process.stdin, self.process.stdout, self.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):  # the write end may be closed already
                    stream.close()

    @property
    def pid(self) -> int:
        return self.process.pid


class _Hung(Exception):
    pass


class _Closed(Exception):
    pass


class _StackFull(Exception):
    pass


class DurableAdapter:
    """Runs compiled rulesets on the engine worker of this process (see the module doc)."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout
        self.lock = threading.Lock()
        self.worker: _Worker | None = None
        self.exiting: list[_Worker] = []
        """Retired workers told to exit, reaped later so that no call waits for them."""
        self.restarts = 0

    def run(self, compiled: CompiledRuleset, facts: bytes) -> list[list[str]]:
        """Assert ``facts`` (a JSON array) and return the distinct matches, each
        ``[engine rule name, fact id, ...]``.

        durable-rules walks its alpha network with a fixed stack (64 entries): when
        one fact satisfies more sibling tests than that at once (say 70 rules
        ``harm_weight >= n``) it fails with error 303.  The rules are then split in
        halves, each run as its own durable ruleset, and the split that worked is
        remembered for the next evaluation of this compiled ruleset.
        """
        parts: list[tuple[str, ...]] = list(compiled.engine_parts())
        done: list[tuple[str, ...]] = []
        matches: list[list[str]] = []
        with self.lock:
            self._reap()
            while parts:
                names = parts.pop(0)
                try:
                    matches += self._run_part(compiled, names, facts)
                except _StackFull as e:
                    if len(names) == 1:
                        rule = compiled.by_name[names[0]].rule_id
                        raise EngineError(
                            f"durable-rules cannot evaluate rule '{rule}': one fact satisfies "
                            "more than 64 of its tests at once (error 303); use "
                            "engine='reference' or split the rule") from e.__cause__
                    half = len(names) // 2
                    parts[:0] = [names[:half], names[half:]]
                    continue
                done.append(names)
            self._retire_if_worn([compiled.part(names) for names in done])
        compiled.remember_engine_parts(done)
        return matches

    def _run_part(self, compiled: CompiledRuleset, names: tuple[str, ...],
                  facts: bytes) -> list[list[str]]:
        part = compiled.part(names)
        reply = self._call(b"E", part.key, facts)
        if "need" in reply:
            self._check(self._call(b"D", part.key, part.definition), "could not create the "
                                                                     "ruleset")
            reply = self._call(b"E", part.key, facts)
        self._check(reply, "failed while evaluating")
        assert self.worker is not None
        self.worker.calls += 1
        found = reply["matches"]
        assert isinstance(found, list)
        return found

    @staticmethod
    def _check(reply: dict[str, Any], what: str) -> None:
        error = reply.get("error")
        if error is None:
            return
        if "error code: 303" in error:
            raise _StackFull from EngineError(str(error))
        raise EngineError(f"durable-rules {what}: {describe(str(error))}")

    def _call(self, kind: bytes, key: str, body: bytes) -> dict[str, Any]:
        if self.worker is None:
            self.worker = _Worker()
        worker = self.worker
        try:
            return worker.call(kind, key, body, self.timeout)
        except BaseException:
            # Dead, hung, or interrupted between a request and its reply (a
            # KeyboardInterrupt, say): a reply may still come, which the next call
            # would take for its own, so this worker is never used again.
            self.worker = None
            self.restarts += 1
            worker.kill()
            worker.release()
            raise

    def _retire_if_worn(self, parts: list[EnginePart]) -> None:
        """Replace a worn worker now, and have the new one create ``parts`` (the rulesets
        just used) while the caller works on the results: the next call need not wait."""
        worker = self.worker
        if worker is None or not worker.worn:
            return
        worker.hang_up()
        self.exiting.append(worker)
        self.restarts += 1
        self.worker = fresh = _Worker()
        for part in parts:
            fresh.send_ahead(b"D", part.key, part.definition, self.timeout)

    def _reap(self) -> None:
        for worker in list(self.exiting):
            if worker.process.poll() is not None:
                worker.release()
                self.exiting.remove(worker)

    def sleep_for_test(self, seconds: float) -> None:
        """Ask the worker to hang for ``seconds`` (the ``S`` test hook of the child)."""
        with self.lock:
            self._call(b"S", "0" * 32, str(seconds).encode("ascii"))

    def status(self) -> WorkerStatus | None:
        with self.lock:
            w = self.worker
            if w is None:
                return None
            return WorkerStatus(w.pid, w.calls, w.rss_kb, w.rulesets, self.restarts)

    def close(self) -> None:
        """Stop the worker (the next evaluation starts another)."""
        with self.lock:
            worker, self.worker = self.worker, None
            exiting, self.exiting = self.exiting, []
        for w in [*exiting, *([worker] if worker is not None else [])]:
            w.stop()

    def forget_after_fork(self) -> None:
        """In a forked child: drop the parent's worker without touching it."""
        self.lock = threading.Lock()  # another thread may have held it at fork time
        inherited = [*self.exiting, *([self.worker] if self.worker is not None else [])]
        self.worker, self.exiting = None, []
        for worker in inherited:
            # Closing our copies matters: a write end left open here would keep the
            # parent's worker from seeing EOF when the parent closes it.
            worker.release()
            # the process is the parent's child, not ours: poll() finds no such child
            # and marks it done, so nothing waits on it or warns about it later
            worker.process.poll()


ADAPTER = DurableAdapter()
os.register_at_fork(after_in_child=ADAPTER.forget_after_fork)
atexit.register(ADAPTER.close)


def run_durable(compiled: CompiledRuleset, facts: bytes) -> list[list[str]]:
    """The distinct matches of ``facts`` on this process's engine worker."""
    return ADAPTER.run(compiled, facts)


def close() -> None:
    """Stop this process's engine worker; the next durable evaluation starts another."""
    ADAPTER.close()


def worker_status() -> WorkerStatus | None:
    """The engine worker of this process, or None when none is running."""
    return ADAPTER.status()


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


def describe(text: str) -> str:
    """The C engine's message, with what its error code means when known."""
    code = text.rsplit("error code: ", 1)[-1] if "error code: " in text else ""
    if code.isdigit() and int(code) in _CODES:
        return f"{text} ({_CODES[int(code)]})"
    return text

