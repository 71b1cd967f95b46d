"""Cell values as real plans print them: numbers, or a typed reason there is none.

A missing state is never turned into a number: "TBC" stays :attr:`MissingState.TBC`
all the way to the report, where it lowers confidence and is flagged.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum


class MissingState(StrEnum):
    """Why an observation has no number."""

    BLANK = "blank"
    NOT_SET = "not_set"
    TBC = "tbc"
    NEW_INDICATOR = "new_indicator"
    NOT_COMPARABLE = "not_comparable"
    NOT_SUPPLIED = "not_supplied"
    RESTRICTED = "restricted"

    @property
    def label(self) -> str:
        """The state as a plan prints it."""
        return _LABELS[self]


_LABELS: dict[MissingState, str] = {
    MissingState.BLANK: "blank",
    MissingState.NOT_SET: "Not set",
    MissingState.TBC: "TBC",
    MissingState.NEW_INDICATOR: "New indicator",
    MissingState.NOT_COMPARABLE: "Not comparable",
    MissingState.NOT_SUPPLIED: "Data not supplied",
    MissingState.RESTRICTED: "Restricted",
}

_MISSING_SPELLINGS: dict[str, MissingState] = {
    "": MissingState.BLANK,
    "-": MissingState.BLANK,
    "blank": MissingState.BLANK,
    "not set": MissingState.NOT_SET,
    "not_set": MissingState.NOT_SET,
    "tbc": MissingState.TBC,
    "to be confirmed": MissingState.TBC,
    "new indicator": MissingState.NEW_INDICATOR,
    "new_indicator": MissingState.NEW_INDICATOR,
    "not comparable": MissingState.NOT_COMPARABLE,
    "not_comparable": MissingState.NOT_COMPARABLE,
    "data not supplied": MissingState.NOT_SUPPLIED,
    "not supplied": MissingState.NOT_SUPPLIED,
    "not_supplied": MissingState.NOT_SUPPLIED,
    "restricted": MissingState.RESTRICTED,
}

MAX_MAGNITUDE = 1e12
"""No community-safety figure comes near a trillion; a larger one is a typo or an attack,
and would overflow the rates, shares and harm products derived from it."""

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

Value = float | MissingState


def missing_state(text: str) -> MissingState | None:
    """The missing state ``text`` spells, ignoring case and a trailing year note."""
    key = " ".join(text.strip().lower().split())
    if key in _MISSING_SPELLINGS:
        return _MISSING_SPELLINGS[key]
    # "New indicator 2015/16", "Not comparable (recording change)"
    for spelling, state in _MISSING_SPELLINGS.items():
        if spelling and len(spelling) > 3 and key.startswith(spelling + " "):
            return state
    return None


def parse_number(text: str) -> float | None:
    """A number as printed ("1,234", "12.5%", "+3", a Unicode minus), or None if not one."""
    cleaned = text.strip().replace(",", "").replace("\u2212", "-").replace(" ", "")
    cleaned = cleaned.removesuffix("%")
    if not _NUMBER.match(cleaned):
        return None
    number = float(cleaned)
    return number if math.isfinite(number) else None


def parse_value(raw: object) -> Value:
    """A number or a missing state; raise ValueError with what was expected."""
    if raw is None:
        return MissingState.BLANK
    if isinstance(raw, bool):
        raise ValueError(f"expected a number or a missing state; found {raw!r}")
    if isinstance(raw, int | float):
        number = float(raw)
        if not math.isfinite(number):
            raise ValueError(f"expected a finite number; found {raw!r}")
        return _bounded(number, raw)
    text = str(raw)
    parsed = parse_number(text)
    if parsed is not None:
        return _bounded(parsed, text)
    state = missing_state(text)
    if state is not None:
        return state
    if text.strip().lower() in {"nan", "inf", "-inf", "+inf", "infinity"}:
        raise ValueError(f"expected a finite number; found {text!r}")
    raise ValueError(
        "expected a number or one of blank, 'TBC', 'Not set', 'New indicator', "
        f"'Not comparable', 'Data not supplied', 'Restricted'; found {text!r}"
    )


def _bounded(number: float, raw: object) -> float:
    if abs(number) > MAX_MAGNITUDE:
        raise ValueError(f"expected a number of magnitude at most {MAX_MAGNITUDE:.0e}; "
                         f"found {raw!r}")
    return number
