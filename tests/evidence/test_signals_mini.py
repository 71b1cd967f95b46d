"""Derived signals on the small fixture, with hand-checked numbers."""

from __future__ import annotations

import pytest

from csprules import Signals, derive_signals, load_evidence


@pytest.fixture(scope="module")
def signals() -> Signals:
    return derive_signals(load_evidence("tests/fixtures/mini"))


def test_one_year_change_and_share(signals: Signals) -> None:
    """Burglary 2,000 (2014/15) -> 2,100 (2015/16): +100, +5.0%, worsening for a
    'down' indicator.  Share of TNO 28,618 in 2015/16: 2,100 / 28,618 = 7.338%.
    Rate per 1,000 of a 250,000 population: 2,100 / 250 = 8.4."""
    f = signals.by_id()["ind:burglary:burglary"].fields
    assert f["latest"] == 2100.0
    assert f["previous"] == 2000.0
    assert f["change"] == 100.0
    assert f["change_pct"] == pytest.approx(5.0)
    assert f["worsening"] is True
    assert f["share_pct"] == pytest.approx(7.33804, abs=1e-5)
    assert f["rate_per_1000"] == pytest.approx(8.4)


def test_printed_change_checked_against_counts(signals: Signals) -> None:
    """TNO 29,082 (2012/13) -> 28,618 (2015/16) = -1.595%, printed as -1.6%: agrees."""
    f = signals.by_id()["ind:tno:all-crime"].fields
    assert f["printed_change_pct"] == -1.6
    assert f["printed_mismatch"] is False


def test_missing_state_is_flagged_not_a_number(signals: Signals) -> None:
    f = signals.by_id()["ind:dv:domestic-abuse"].fields
    assert f["missing_periods"] == 1.0
    assert f["latest"] == 1500.0
    assert "change" not in f
    messages = [str(flag) for flag in signals.flags]
    assert "tests/fixtures/mini/observations.csv:9: Domestic abuse offences: 2013/14 is 'TBC', " \
        "not a number" in messages


def test_comparator_gap(signals: Signals) -> None:
    """28,618 against Hackney's 27,127: +5.50% above, worse for a 'down' indicator."""
    f = signals.by_id()["cmp:tno:all-crime:hackney"].fields
    assert f["gap_pct"] == pytest.approx(5.4964, abs=1e-4)
    assert f["worse"] is True


def test_concern_share_and_rank(signals: Signals) -> None:
    """ASB chosen by 298 of 1,013 respondents = 29.42%, ranked first of two."""
    asb = signals.by_id()["con:survey-2012:asb"].fields
    assert asb["share_pct"] == pytest.approx(29.4176, abs=1e-4)
    assert asb["rank"] == 1.0
    assert signals.by_id()["con:survey-2012:burglary"].fields["rank"] == 2.0


def test_theme_summary(signals: Signals) -> None:
    burglary = signals.by_id()["thm:burglary"].fields
    assert burglary["sources"] == 3.0
    assert burglary["active_drivers"] == 1.0
    assert burglary["previous_status"] == "none"
    assert signals.by_id()["thm:asb"].fields["previous_status"] == "priority"


def test_every_signal_cites_rows(signals: Signals) -> None:
    for s in signals.signals:
        if s.kind != "theme":
            assert s.evidence, s.id
