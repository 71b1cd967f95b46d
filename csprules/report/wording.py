"""Numbers and phrases worded as a person would write them in a board paper."""

from __future__ import annotations

import re

_SIGNED_CHANGE = re.compile(r"\b(rose|fell|up|down|increased|decreased) ([+-])(\d)")
_LONG_DECIMAL = re.compile(r"(?<![\w.])([+-]?\d+\.\d)\d{2,}(?![\w.])")
_ONE_KINDS = re.compile(r"\b1 kinds\b")
_VIA = re.compile(r" \((direct|parent|related rule|lead agency|agency)\)")


def tidy(text: str) -> str:
    """A rule's sentence reworded: the verb carries the sign, no float noise, no bare tags.

    >>> tidy("Burglary fell -29.8% to 2015/16")
    'Burglary fell 29.8% to 2015/16'
    >>> tidy("Robbery: evidence from 1 kinds of source, score +5.61674")
    'Robbery: evidence from 1 kind of source, score +5.6'
    >>> tidy("Domestic abuse has an owning group (direct)")
    'Domestic abuse has an owning group'
    """
    out = _SIGNED_CHANGE.sub(lambda m: f"{m.group(1)} {m.group(3)}", text)
    out = _LONG_DECIMAL.sub(r"\1", out)
    out = _ONE_KINDS.sub("1 kind", out)
    return _VIA.sub("", out)


def points(x: float) -> str:
    """Score points with one decimal and a sign: ``+12.3``, ``-0.5``."""
    value = round(x, 1)
    return f"{value:+.1f}" if value != 0 else "0.0"


def number(x: float | None, digits: int = 1) -> str:
    """A rounded number; ``n/a`` when missing."""
    if x is None:
        return "n/a"
    value = round(x, digits)
    return f"{value:,.{digits}f}" if value != 0 else f"{0:.{digits}f}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 kind``, ``2 kinds``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def join_and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
