"""Text made safe to show: no control characters, no invisible direction overrides.

Evidence text comes from documents and spreadsheets.  An ESC byte in it can
drive a terminal; a Unicode bidi override (U+202E and friends) can make a
paper read differently from what it holds.  Every text output passes through
:func:`visible`, which keeps newlines and tabs and replaces every other
control or direction-formatting character with a visible ``[U+XXXX]`` mark,
so that a reader sees that something odd was there.
"""

from __future__ import annotations

import re

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and newline) and C1 controls, DEL
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u2028\u2029]"  # line/paragraph separators: line breaks most tools do not show
)


def _mark(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def visible(text: str) -> str:
    """``text`` with hidden control and bidi characters shown as ``[U+XXXX]``.

    >>> visible("ok\\x1b[31m red \\u202eevil")
    'ok[U+001B][31m red [U+202E]evil'
    >>> visible("two\\nlines\\tand a tab")
    'two\\nlines\\tand a tab'
    """
    return _HIDDEN.sub(_mark, text)


def json_safe(text: str) -> str:
    """JSON text with the same characters written as ``\\uXXXX`` escapes (the data is unchanged)."""
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
