"""JSON the durable-rules C parser reads exactly as Python wrote it.

Measured on durable-rules 2.0.28: its parser rejects ``1e5`` and misreads
``3e-5`` (an exponent is only understood after a decimal point), so numbers are
written positionally (``0.00003``, ``1000...0.0``), always with a ``.`` so
that they are parsed as doubles (``atof``, correctly rounded) and compare
exactly like Python floats.  Text is written as UTF-8 (``ensure_ascii=False``):
durable compares and regex-matches the *raw* JSON text of a string, so a
``\\u00e9`` escape would not equal ``é``.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any


def dumps(value: Any) -> str:
    """``value`` (dicts, lists, str, bool, float, int, None) as durable-safe JSON."""
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts)


def number(value: float) -> str:
    """A finite float in positional notation with a decimal point: 3e-05 -> '0.00003'."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." not in text:
        text += ".0"
    return text


def needs_positional(value: float) -> bool:
    """True when ``repr(value)`` would use exponent notation (json.dumps would too)."""
    return value != 0 and not (1e-4 <= abs(value) < 1e16)


def _write(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append("{")
        for i, (k, v) in enumerate(value.items()):
            if i:
                out.append(",")
            out.append(json.dumps(str(k), ensure_ascii=False))
            out.append(":")
            _write(v, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(",")
            _write(v, out)
        out.append("]")
    elif isinstance(value, bool) or value is None or isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, int | float):
        out.append(number(float(value)))
    else:
        raise TypeError(f"cannot encode {type(value).__name__} for durable-rules")
