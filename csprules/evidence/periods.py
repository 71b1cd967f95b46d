"""Reporting periods as plans write them, turned into comparable date ranges.

The same label means different months under different period kinds: "2014/15"
is April 2014 - March 2015 as a financial year but October 2014 - September
2015 as an Oct-Sep year (Tower Hamlets' strategic assessment), so a label is
always read together with its indicator's period kind.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict


class PeriodKind(StrEnum):
    FINANCIAL_YEAR = "financial_year"
    OCT_SEP_YEAR = "oct_sep_year"
    CALENDAR_YEAR = "calendar_year"
    ROLLING_12_MONTHS = "rolling_12_months"
    QUARTER = "quarter"


class Period(BaseModel):
    """A labelled, closed date range; ordered by its end date."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: PeriodKind
    label: str
    start: date
    end: date

    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.end, self.start)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


_SPLIT_YEAR = re.compile(r"^(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_END = re.compile(r"^(?:12\s*months?\s*to\s*)?(\d{4})-(\d{2})$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*Q([1-4])$", re.IGNORECASE)

_EXPECTED: dict[PeriodKind, str] = {
    PeriodKind.FINANCIAL_YEAR: "a financial year like '2015/16'",
    PeriodKind.OCT_SEP_YEAR: "an Oct-Sep year like '2014/15'",
    PeriodKind.CALENDAR_YEAR: "a calendar year like '2015'",
    PeriodKind.ROLLING_12_MONTHS: "the last month of 12, like '2016-06' or '12 months to 2016-06'",
    PeriodKind.QUARTER: "a financial quarter like '2015/16 Q3'",
}


def _split_year(match: re.Match[str], text: str) -> int:
    first, second = int(match.group(1)), match.group(2)
    expected_second = (first + 1) % 100 if len(second) == 2 else first + 1
    if int(second) != expected_second:
        raise ValueError(f"expected consecutive years; found {text!r}")
    return first


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: object, kind: PeriodKind) -> Period:
    """Read ``text`` as a period of ``kind``; raise ValueError saying what was expected."""
    if isinstance(text, str):
        # A long table repeats a few dozen period labels; Period is frozen, so share them.
        return _parse_label(text, kind)
    return _parse(text, kind)


@lru_cache(maxsize=4096)
def _parse_label(text: str, kind: PeriodKind) -> Period:
    return _parse(text, kind)


def _parse(text: object, kind: PeriodKind) -> Period:
    label = " ".join(str(text).split()) if text is not None else ""
    if kind in (PeriodKind.FINANCIAL_YEAR, PeriodKind.OCT_SEP_YEAR):
        m = _SPLIT_YEAR.match(label)
        if m:
            y = _split_year(m, label)
            canonical = f"{y}/{(y + 1) % 100:02d}"
            if kind is PeriodKind.FINANCIAL_YEAR:
                return Period(
                    kind=kind, label=canonical, start=date(y, 4, 1), end=date(y + 1, 3, 31)
                )
            return Period(kind=kind, label=canonical, start=date(y, 10, 1), end=date(y + 1, 9, 30))
    elif kind is PeriodKind.CALENDAR_YEAR:
        m = _YEAR.match(label)
        if m:
            y = int(m.group(1))
            return Period(kind=kind, label=str(y), start=date(y, 1, 1), end=date(y, 12, 31))
    elif kind is PeriodKind.ROLLING_12_MONTHS:
        m = _MONTH_END.match(label)
        if m and 1 <= int(m.group(2)) <= 12:
            y, mo = int(m.group(1)), int(m.group(2))
            start_y, start_m = (y, mo + 1 - 12) if mo == 12 else (y - 1, mo + 1)
            return Period(
                kind=kind,
                label=f"12 months to {y}-{mo:02d}",
                start=date(start_y, start_m, 1),
                end=_month_end(y, mo),
            )
    elif kind is PeriodKind.QUARTER:
        m = _QUARTER.match(label)
        if m:
            y = _split_year(m, label)
            q = int(m.group(3))
            start_month = 4 + 3 * (q - 1)
            sy = y if start_month <= 12 else y + 1
            sm = start_month if start_month <= 12 else start_month - 12
            em, ey = sm + 2, sy
            return Period(
                kind=kind,
                label=f"{y}/{(y + 1) % 100:02d} Q{q}",
                start=date(sy, sm, 1),
                end=_month_end(ey, em),
            )
    raise ValueError(f"expected {_EXPECTED[kind]}; found {label!r}")
