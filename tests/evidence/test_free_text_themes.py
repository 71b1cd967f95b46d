"""A consultation measure or driver without a theme id finds it in its own words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csprules import derive_signals, load_evidence
from csprules.errors import EvidenceError

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def _mini(tmp_path: Path, consultation: str, drivers: str | None = None) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / "consultation.yaml").write_text(consultation, encoding="utf-8")
    if drivers is not None:
        (folder / "drivers.yaml").write_text(drivers, encoding="utf-8")
    return folder


SURVEY = """kind: csprules/consultation
version: 1
consultations:
  - id: survey-2012
    source: Residents survey 2012
    method: survey
    respondents: 1000
    measures:
      - {wording: "Tackling youth violence", top_three: 300}
      - {theme: burglary, top_three: 200}
"""

DRIVERS = """kind: csprules/drivers
version: 1
drivers:
  - id: pcp
    name: Police and Crime Plan priority on women's safety and knife crime
    issuer: PCC
    level: regional
    kind: plan_priority
"""


def test_wording_and_driver_name_find_their_themes(tmp_path: Path) -> None:
    evidence = load_evidence(_mini(tmp_path, SURVEY, DRIVERS))
    measures = evidence.consultations[0].measures
    youth = next(m for m in measures if m.matched is not None)
    assert (youth.theme, youth.matched) == ("youth-violence", "youth violence")
    driver = evidence.drivers[0]
    assert driver.themes == ("vawg", "serious-violence")
    assert driver.matched == "'women's safety' -> vawg; 'knife crime' -> serious-violence"
    by_id = derive_signals(evidence).by_id()
    # The matched words travel into the fields the rule texts quote.
    assert by_id["con:survey-2012:youth-violence"].fields["source"] == (
        "Residents survey 2012 (wording 'youth violence' read as Youth violence)")
    assert str(by_id["drv:pcp:vawg"].fields["name"]).endswith(
        "(themes read from its name: 'women's safety' -> vawg; 'knife crime' -> "
        "serious-violence)")


def test_wording_naming_no_theme_or_two_is_a_located_problem(tmp_path: Path) -> None:
    text = SURVEY.replace("Tackling youth violence", "Burglary and youth violence")
    with pytest.raises(EvidenceError, match=r"consultation\.yaml:9:\d+: .*names burglary "
                       r"\('Burglary'\), youth-violence \('youth violence'\): give the theme"):
        load_evidence(_mini(tmp_path, text))
