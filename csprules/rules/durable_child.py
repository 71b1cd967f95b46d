"""The durable-rules worker process: runs the C engine away from the caller's heap.

durable-rules 2.0.28 never gives memory back (neither ``delete_ruleset`` nor
anything else that is safe frees a session's facts: ~1.5 MB per evaluation of
a real partnership) and has crashed (segfaults) on shapes the compiler now
avoids.  So the engine runs here, in a child process the parent recycles
after a bounded number of evaluations: the caller's memory stays flat and a
crash costs one evaluation's error, not the caller's process.

This file is run as a script and imports nothing from csprules (the child
starts in tens of milliseconds).  Protocol on stdin/stdout: frames of an
8-byte big-endian length and a UTF-8 JSON object.

Request: ``{"definition": str, "key": str, "facts": str}``
Reply:   ``{"messages": [str, ...], "rss_kb": int, "rulesets": {handle: name}}``
         or ``{"error": str, "rss_kb": int, "rulesets": {...}}``
"""

from __future__ import annotations

import contextlib
import json
import struct
import sys
from typing import Any

_HEADER = struct.Struct(">Q")


def read_frame(stream: Any) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return json.loads(payload.decode("utf-8"))


def write_frame(stream: Any, obj: Any) -> None:
    payload = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    import durable_rules_engine as engine

    handles: dict[str, list[int]] = {}
    """Definition key -> [handle, sessions used]."""
    names: dict[int, str] = {}
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        request = read_frame(stdin)
        if request is None:
            return
        reply: dict[str, Any]
        try:
            entry = handles.get(request["key"])
            if entry is None:
                name = f"csprules-{request['key'][:24]}"
                entry = handles[request["key"]] = [engine.create_ruleset(name,
                                                                         request["definition"]),
                                                   0]
                names[entry[0]] = name
            entry[1] += 1
            # A session of its own per evaluation: earlier facts never join.
            facts = request["facts"].replace('"sid":"0"', f'"sid":"{entry[1]}"')
            messages: list[str] = []
            engine.assert_facts(entry[0], facts)
            while True:
                result = engine.start_action(entry[0])
                if not result:
                    break
                _state, message, action = result
                while message:
                    messages.append(message)
                    message = engine.complete_and_start_action(entry[0], action)
            reply = {"messages": messages}
        except Exception as e:
            # A handle that failed mid-evaluation is not reused.
            broken = handles.pop(request.get("key", ""), None)
            if broken is not None:
                names.pop(broken[0], None)
                with contextlib.suppress(Exception):  # the reply reports the first error
                    engine.delete_ruleset(broken[0])
            reply = {"error": str(e)}
        reply["rss_kb"] = _rss_kb()
        reply["rulesets"] = {str(h): n for h, n in names.items()}
        write_frame(stdout, reply)


if __name__ == "__main__":
    main()
