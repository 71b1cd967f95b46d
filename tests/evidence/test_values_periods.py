"""Cell values and periods as real plans print them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csprules import MissingState, PeriodKind
from csprules.evidence.periods import parse_period
from csprules.evidence.values import parse_value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234", 1234.0),
        ("12.5%", 12.5),
        ("+3", 3.0),
        ("\u22124", -4.0),
        (" 28618 ", 28618.0),
        (7, 7.0),
        ("", MissingState.BLANK),
        ("-", MissingState.BLANK),
        ("TBC", MissingState.TBC),
        ("Not set", MissingState.NOT_SET),
        ("New Indicator 2015/16", MissingState.NEW_INDICATOR),
        ("Not Comparable", MissingState.NOT_COMPARABLE),
        ("Data not supplied", MissingState.NOT_SUPPLIED),
        ("Restricted", MissingState.RESTRICTED),
    ],
)
def test_parse_value(raw: object, expected: object) -> None:
    assert parse_value(raw) == expected


@pytest.mark.parametrize("raw", ["nan", "inf", float("nan"), float("inf"), True, "lots"])
def test_parse_value_rejects(raw: object) -> None:
    with pytest.raises(ValueError, match=r"^expected a"):
        parse_value(raw)


@given(st.sampled_from(list(MissingState)))
def test_missing_state_never_becomes_a_number(state: MissingState) -> None:
    for spelling in (state.label, state.label.upper(), state.value):
        parsed = parse_value(spelling)
        assert isinstance(parsed, MissingState)
        assert parsed is state


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2015/16", PeriodKind.FINANCIAL_YEAR, date(2015, 4, 1), date(2016, 3, 31), "2015/16"),
        ("FY2015-2016", PeriodKind.FINANCIAL_YEAR, date(2015, 4, 1), date(2016, 3, 31),
         "2015/16"),
        ("2014/15", PeriodKind.OCT_SEP_YEAR, date(2014, 10, 1), date(2015, 9, 30), "2014/15"),
        ("2015", PeriodKind.CALENDAR_YEAR, date(2015, 1, 1), date(2015, 12, 31), "2015"),
        ("12 months to 2016-06", PeriodKind.ROLLING_12_MONTHS, date(2015, 7, 1),
         date(2016, 6, 30), "12 months to 2016-06"),
        ("2016-12", PeriodKind.ROLLING_12_MONTHS, date(2016, 1, 1), date(2016, 12, 31),
         "12 months to 2016-12"),
        ("2015/16 Q3", PeriodKind.QUARTER, date(2015, 10, 1), date(2015, 12, 31), "2015/16 Q3"),
        ("2015/16 Q4", PeriodKind.QUARTER, date(2016, 1, 1), date(2016, 3, 31), "2015/16 Q4"),
    ],
)
def test_parse_period(text: str, kind: PeriodKind, start: date, end: date, label: str) -> None:
    period = parse_period(text, kind)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("2015/17", PeriodKind.FINANCIAL_YEAR, "expected consecutive years; found '2015/17'"),
        ("June", PeriodKind.FINANCIAL_YEAR,
         "expected a financial year like '2015/16'; found 'June'"),
        ("2016-13", PeriodKind.ROLLING_12_MONTHS,
         "expected the last month of 12, like '2016-06' or '12 months to 2016-06'; "
         "found '2016-13'"),
        ("2015 Q5", PeriodKind.QUARTER,
         "expected a financial quarter like '2015/16 Q3'; found '2015 Q5'"),
    ],
)
def test_parse_period_errors(text: str, kind: PeriodKind, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")
                       + "$"):
        parse_period(text, kind)
