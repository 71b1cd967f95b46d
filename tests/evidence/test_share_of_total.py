"""A share of a part of crime is read as a share of total crime: every share on one scale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csprules import derive_signals, load_evidence
from csprules.assessment.pipeline import evaluate_evidence
from csprules.cli.common import ruleset_from

MINI = Path("tests/fixtures/mini")


def _mini_with(tmp_path: Path, indicators: str, observations: str) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    with (folder / "indicators.csv").open("a", encoding="utf-8") as out:
        out.write(indicators)
    with (folder / "observations.csv").open("a", encoding="utf-8") as out:
        out.write(observations)
    return folder


def test_a_share_of_a_part_is_read_through_to_total_crime(tmp_path: Path) -> None:
    """Violence 7,000 of total crime 28,618 in 2015/16; robbery 700 is part of violence
    (an odd tree, but any chain is read the same way): 700 / 28,618 = 2.446% of total
    crime, not 700 / 7,000 = 10% of violence."""
    folder = _mini_with(
        tmp_path,
        "vap,Violence,violence,count,,financial_year,down,tno,,,,seed:6\n"
        "rob,Robbery,robbery,count,,financial_year,down,vap,,,,seed:7\n",
        "vap,actual,,2015/16,,7000,,,seed:14\n"
        "rob,actual,,2015/16,,700,,,seed:15\n",
    )
    signals = derive_signals(load_evidence(folder)).by_id()
    rob = signals["ind:rob:robbery"].fields
    assert rob["share_pct"] == pytest.approx(700 / 28618 * 100)
    assert rob["total_label"] == "Total notifiable offences"
    assert [str(r.cited) for r in signals["ind:rob:robbery"].evidence][-1] == "seed:24"
    vap = signals["ind:vap:violence"].fields
    assert vap["share_pct"] == pytest.approx(7000 / 28618 * 100)


def test_without_the_wider_total_for_the_period_the_part_is_the_total(tmp_path: Path) -> None:
    """Total crime has no 2014/15 count: robbery 700 of violence 7,000 in 2014/15 is
    read against violence, and the text names violence."""
    folder = _mini_with(
        tmp_path,
        "vap,Violence,violence,count,,financial_year,down,tno,,,,seed:6\n"
        "rob,Robbery,robbery,count,,financial_year,down,vap,,,,seed:7\n",
        "vap,actual,,2014/15,,7000,,,seed:14\n"
        "rob,actual,,2014/15,,700,,,seed:15\n",
    )
    rob = derive_signals(load_evidence(folder)).by_id()["ind:rob:robbery"].fields
    assert rob["share_pct"] == pytest.approx(10.0)
    assert rob["total_label"] == "Violence"


def test_a_cycle_of_totals_ends(tmp_path: Path) -> None:
    """a is part of b and b of a: each is read against the other, and derivation ends."""
    folder = _mini_with(
        tmp_path,
        "a,A,violence,count,,financial_year,down,b,,,,seed:6\n"
        "b,B,robbery,count,,financial_year,down,a,,,,seed:7\n",
        "a,actual,,2015/16,,100,,,seed:14\n"
        "b,actual,,2015/16,,400,,,seed:15\n",
    )
    signals = derive_signals(load_evidence(folder)).by_id()
    assert signals["ind:a:violence"].fields["share_pct"] == pytest.approx(25.0)
    assert signals["ind:b:robbery"].fields["share_pct"] == pytest.approx(400.0)


def test_domestic_violence_share_hand_checked() -> None:
    """Wandsworth 2012: 1,228 domestic violence offences in 2011/12 are recorded as part
    of the 3,610 violent crimes (SP10), themselves part of 24,392 total notifiable
    offences.  Read as a share of violence (34.0%) the share rule gave the cap, 8; as a
    share of total crime it is 1,228 / 24,392 = 5.03%, x 0.4 = 2.01 points.  With 1,228
    x 0.0005 = 0.61 for the count, volume is 2.63 of 10 (before: 8.61)."""
    run = evaluate_evidence(load_evidence("examples/wandsworth-2012"), ruleset_from("default"))
    rec = run.recommendations().get("domestic-abuse")
    share = [(round(j.points, 2), j.text) for j in rec.justifications
             if j.rule == "volume-large-share"]
    assert share == [(2.01, "Domestic violence offences recorded by Wandsworth police is 5.0% "
                            "of Total notifiable offences recorded in the Borough in 2011/12")]
    volume = next(c for c in rec.criteria if c.criterion == "volume")
    # Scores are reported to 6 decimals.
    assert volume.score == pytest.approx((1228 / 24392 * 100 * 0.4 + 1228 * 0.0005) / 10,
                                         abs=1e-6)
