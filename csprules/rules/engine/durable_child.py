"""The durable-rules worker process: runs the C engine away from the caller's heap.

durable-rules 2.0.28 never gives memory back (neither ``delete_ruleset`` nor
anything else that is safe frees a session's facts) and has crashed
(segfaults) on shapes the compiler now avoids.  So the engine runs here, in a
child process the caller (csprules.rules.engine.durable) restarts when it
crashes, hangs, or has grown too big: the caller's memory stays flat and a
crash costs one evaluation's error, not the caller's process.

This process owns everything durable-specific that lives between calls: one
ruleset handle per definition (created once, reused), a fresh session id per
evaluation (facts of earlier evaluations never join), draining the action
queue, and turning match messages into (rule, fact ids).  It is driven
synchronously through the C API (``durable.lang``'s ``Host`` would start timer
threads) and serves one request at a time, so evaluations never see each
other's facts.  A handle whose evaluation failed is deleted, never reused.

This file runs as a script and imports nothing from csprules, so the worker
starts in tens of milliseconds.  Frames on stdin/stdout are an 8-byte
big-endian length and a payload.  A request payload is one kind byte, a
32-character key (the digest of the definition) and a body:

- ``D`` key definition: create the durable ruleset for ``key`` (once);
- ``E`` key facts: assert the facts (a JSON array, every ``sid`` written
  ``"0"``) in a new session of ``key``'s ruleset and report the matches;
- ``S`` key seconds: a test hook that stands for a hung engine: write a line
  to stderr, then sleep.

A reply payload is JSON: ``{"matches": [[rule, id, ...], ...]}`` (distinct),
``{"need": 1}`` (unknown key: send ``D`` first) or ``{"error": text}``, each
with ``"rss_kb"`` and ``"rulesets"`` (handles held).  Anything else on stdin
is a protocol error: it is written to stderr and the worker exits with
status 2.
"""

from __future__ import annotations

import contextlib
import json
import re
import struct
import sys
import time
from typing import Any

import orjson

_HEADER = struct.Struct(">Q")
KEY_SIZE = 32
MAX_RULESETS = 16
"""Rulesets held at once; the least recently used beyond that is deleted (it leaks ~200 KB,
and the caller restarts a worker that has grown too big)."""
_FRAME = re.compile(r'"(a\d+)":\{"sid":"\d+","id":"((?:[^"\\]|\\.)*)"')


def read_exactly(stream: Any, size: int) -> bytes | None:
    data = stream.read(size)
    return data if len(data) == size else None


class Ruleset:
    """One durable ruleset handle, its sessions and the alias count of each engine rule."""

    def __init__(self, engine: Any, key: str, definition: bytes) -> None:
        self.engine = engine
        self.aliases = {name: len(body["all"]) for name, body in json.loads(definition).items()}
        self.handle: int = engine.create_ruleset(f"csprules-{key}", definition.decode("utf-8"))
        self.sessions = 0

    def evaluate(self, facts: bytes) -> list[tuple[str, ...]]:
        self.sessions += 1  # a session of its own: facts of earlier ones never join
        text = facts.replace(b'"sid":"0"', b'"sid":"%d"' % self.sessions).decode("utf-8")
        engine, handle = self.engine, self.handle
        engine.assert_facts(handle, text)
        messages: list[str] = []
        append = messages.append
        while True:
            result = engine.start_action(handle)
            if not result:
                break
            _state, message, action = result
            while message:
                append(message)
                message = engine.complete_and_start_action(handle, action)
        return self.parse(messages)

    def parse(self, messages: list[str]) -> list[tuple[str, ...]]:
        """Match messages -> distinct (rule name, fact ids in alias order).

        Messages echo the asserted facts verbatim (``{"r3":{"a0":{"sid":"1","id":
        "...",...},...}}``), and every quote inside a string is escaped, so the
        frames are found with one regex; anything unexpected falls back to JSON.
        A rule fires once per satisfied ``$or`` branch: the set removes repeats.
        """
        out: set[tuple[str, ...]] = set()
        add = out.add
        findall = _FRAME.findall
        aliases = self.aliases
        for message in messages:
            name = message[2:message.find('"', 2)]
            frames = findall(message)
            size = aliases.get(name)
            if size == 1 and len(frames) == 1 and frames[0][0] == "a0" and "\\" not in frames[0][1]:
                add((name, frames[0][1]))
                continue
            by_alias = dict(frames)
            ids = tuple(by_alias.get(f"a{i}", "\\") for i in range(size or 0))
            if size and len(frames) == size and not any("\\" in i for i in ids):
                add((name, *ids))
                continue
            for rule, bound in json.loads(message).items():
                add((rule, *(str(bound[f"a{i}"]["id"]) for i in range(aliases[rule]))))
        return list(out)

    def delete(self) -> None:
        with contextlib.suppress(Exception):  # the reply already reports the first error
            self.engine.delete_ruleset(self.handle)


def rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def serve(engine: Any, stdin: Any, stdout: Any) -> int:
    rulesets: dict[str, Ruleset] = {}
    while True:
        header = read_exactly(stdin, _HEADER.size)
        if header is None:
            return 0  # EOF: the caller closed the pipe
        (size,) = _HEADER.unpack(header)
        payload = read_exactly(stdin, size)
        if payload is None or size < 1 + KEY_SIZE:
            sys.stderr.write(f"csprules engine worker: truncated request ({size} bytes)\n")
            return 2
        kind, key, body = payload[:1], payload[1:1 + KEY_SIZE].decode("ascii"), \
            payload[1 + KEY_SIZE:]
        reply: dict[str, Any]
        if kind == b"E":
            ruleset = rulesets.pop(key, None)
            if ruleset is None:
                reply = {"need": 1}
            else:
                rulesets[key] = ruleset  # most recently used last
                try:
                    reply = {"matches": ruleset.evaluate(body)}
                except Exception as e:  # the C module raises plain exceptions
                    del rulesets[key]
                    ruleset.delete()
                    reply = {"error": str(e)}
        elif kind == b"D":
            try:
                if key not in rulesets:
                    rulesets[key] = Ruleset(engine, key, body)
                    while len(rulesets) > MAX_RULESETS:
                        rulesets.pop(next(iter(rulesets))).delete()
                reply = {}
            except Exception as e:
                reply = {"error": str(e)}
        elif kind == b"S":
            sys.stderr.write(f"csprules engine worker: sleeping {body.decode('ascii')} s "
                             "(test hook)\n")
            sys.stderr.flush()
            time.sleep(float(body))
            reply = {}
        else:
            sys.stderr.write(f"csprules engine worker: unknown request kind {kind!r}\n")
            return 2
        reply["rss_kb"] = rss_kb()
        reply["rulesets"] = len(rulesets)
        data = orjson.dumps(reply)
        stdout.write(_HEADER.pack(len(data)) + data)
        stdout.flush()


def main() -> int:
    import durable_rules_engine

    return serve(durable_rules_engine, sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(main())
