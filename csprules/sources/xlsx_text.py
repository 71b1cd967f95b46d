"""Text cells that a spreadsheet must never run as a formula, and their exact way back.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula to Excel the moment someone edits it; evidence text comes
from documents and must never execute.  Such text is written with a leading
apostrophe, as the report export does.  Text that already starts with an
apostrophe gets one too, so that reading strips exactly one and every string
round-trips: ``=x`` -> ``'=x`` -> ``=x`` and ``'=x`` -> ``''=x`` -> ``'=x``.
"""

from __future__ import annotations

QUOTE = "'"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = (*FORMULA_START, QUOTE)


def neutralise(text: str) -> str:
    """``text`` as it is written to a cell."""
    return QUOTE + text if text.startswith(_NEEDS_QUOTE) else text


def restore(text: str) -> str:
    """The text a cell written by :func:`neutralise` stood for."""
    if text.startswith(QUOTE) and text[1:].startswith(_NEEDS_QUOTE):
        return text[1:]
    return text
