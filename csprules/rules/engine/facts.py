"""Facts in: checked against the field types, normalised, and written for the engine.

Both evaluators see exactly the same normalised facts, so they can only differ
in how they read the rules (the differential tests pin that they do not):

- number fields become floats (ints are accepted; bools, text and non-finite
  numbers are errors), and -0.0 becomes 0.0 (durable's equality joins compare
  the written text); flag fields must be bools; text fields must be str;
- in text, control characters (newlines, tabs, ...) become spaces and lone
  surrogates become U+FFFD: durable-rules matches the raw JSON text of a
  string, where a newline is the two characters ``\\n``;
- a ``None`` value means the field is absent;
- only the fields some rule reads are kept, and facts of kinds no rule looks
  at are dropped (they cannot match anything).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from csprules.errors import EvidenceError, Problem
from csprules.rules.engine.compile import CompiledRuleset
from csprules.rules.engine.jsonenc import dumps, needs_positional
from csprules.signals.schema import FieldType
from csprules.sources.validation import show

Fact = dict[str, Any]

MAX_FACT_PROBLEMS = 20
_BAD_TEXT = re.compile(r"[\x00-\x1f\ud800-\udfff]")


@dataclass(frozen=True)
class PreparedFacts:
    facts: list[Fact]
    """Normalised facts (only kinds and fields the ruleset reads), each with ``sid`` "0"."""
    by_id: dict[str, Fact]
    count: int
    """How many facts were given (including kinds no rule reads)."""
    positional: frozenset[int]
    """Indexes of facts holding numbers that json.dumps would write with an exponent."""

    def engine_json(self) -> bytes:
        """The facts as one JSON array, UTF-8, as durable-rules reads it exactly.

        orjson writes what json.dumps(ensure_ascii=False) would, ~10x faster, except
        that it too uses exponents for some numbers; facts holding one are written by
        :func:`csprules.rules.engine.jsonenc.dumps` instead.
        """
        if not self.positional:
            return orjson.dumps(self.facts)
        parts = [dumps(f).encode("utf-8") if i in self.positional else orjson.dumps(f)
                 for i, f in enumerate(self.facts)]
        return b"[" + b",".join(parts) + b"]"


def prepare_facts(facts: Iterable[Mapping[str, Any]], compiled: CompiledRuleset) -> PreparedFacts:
    """Check and normalise ``facts``; raise EvidenceError listing (up to 20) bad values."""
    out: list[Fact] = []
    by_id: dict[str, Fact] = {}
    seen: set[str] = set()
    positional: set[int] = set()
    problems: list[Problem] = []
    count = 0
    wanted_by_kind = {kind: tuple((n, t) for n, t in wanted.items() if n not in ("id", "kind"))
                      for kind, wanted in compiled.fields.items()}
    number, text = FieldType.NUMBER, FieldType.TEXT
    bad_text = _BAD_TEXT.search
    for count, fact in enumerate(facts, start=1):
        fid = fact.get("id")
        kind = fact.get("kind")
        if not isinstance(fid, str) or not fid:
            problems.append(Problem(None, f"fact #{count}: field 'id': expected a non-empty "
                                          f"text; found {show(fid)}"))
            continue
        if fid in seen:
            problems.append(Problem(None, f"fact '{fid}': duplicate id; ids must be unique"))
            continue
        seen.add(fid)
        if not isinstance(kind, str):
            problems.append(Problem(None, f"fact '{fid}': field 'kind': expected a text; "
                                          f"found {show(kind)}"))
            continue
        wanted = wanted_by_kind.get(kind)
        if wanted is None:
            continue
        norm: Fact = {"sid": "0", "id": fid, "kind": kind}
        special = False
        for name, ftype in wanted:
            value = fact.get(name)
            if value is None:
                continue
            # fast paths for values already of the right type (nearly all of them)
            vtype = type(value)
            if ftype is number:
                if vtype is float and value - value == 0:  # finite
                    value += 0.0  # -0.0 -> 0.0, as _normalise does
                    if value and not 1e-4 <= abs(value) < 1e16:
                        special = True  # needs_positional, inlined
                    norm[name] = value
                    continue
            elif ftype is text:
                if vtype is str and not bad_text(value):
                    norm[name] = value
                    continue
            elif vtype is bool:
                norm[name] = value
                continue
            value, error = _normalise(value, ftype)
            if error is not None:
                problems.append(Problem(None, f"fact '{fid}' ({kind}): field '{name}': {error}"))
                continue
            if ftype is FieldType.NUMBER and needs_positional(value):
                special = True
            norm[name] = value
        if special:
            positional.add(len(out))
        out.append(norm)
        by_id[fid] = norm
        if len(problems) >= MAX_FACT_PROBLEMS:
            break
    if problems:
        raise EvidenceError(problems)
    return PreparedFacts(out, by_id, count, frozenset(positional))


def _normalise(value: Any, ftype: FieldType) -> tuple[Any, str | None]:
    if ftype is FieldType.NUMBER:
        if type(value) is float:
            if value - value != 0:  # inf or nan
                return value, f"expected a finite number; found {value!r}"
            # -0.0 -> 0.0: durable-rules' equality joins tell "-0.0" from "0.0"
            return value + 0.0, None
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return float(value), None
            except OverflowError:
                return value, "expected a number a float can hold; found a huge integer"
        if isinstance(value, float):
            return _normalise(float(value), ftype)
        return value, f"expected a number; found {_typed(value)}"
    if ftype is FieldType.TEXT:
        if isinstance(value, str):
            if _BAD_TEXT.search(value):
                value = _BAD_TEXT.sub(_replace, value)
            return str(value), None
        return value, f"expected a text; found {_typed(value)}"
    if isinstance(value, bool):
        return value, None
    return value, f"expected true or false; found {_typed(value)}"


def _replace(m: re.Match[str]) -> str:
    return " " if m.group(0) < "\ud800" else "\ufffd"


def _typed(value: Any) -> str:
    if isinstance(value, bool):
        return f"flag {show(value)}"
    if isinstance(value, str):
        return f"text {show(value)}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    return f"{type(value).__name__} {show(value)}"
