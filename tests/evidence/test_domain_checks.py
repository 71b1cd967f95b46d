"""Values outside their domain are located errors, not silently accepted numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csprules import EvidenceError, load_evidence
from csprules.evidence.values import parse_value

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def _append_observation(folder: Path, row: str) -> int:
    path = folder / "observations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


def _error(folder: Path) -> str:
    with pytest.raises(EvidenceError) as caught:
        load_evidence(folder)
    return str(caught.value)


@pytest.mark.parametrize("value", ["1e13", "-2e15", 1e300])
def test_huge_magnitudes_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match=r"^expected a number of magnitude at most 1e\+12; "):
        parse_value(value)


def test_a_huge_value_is_located(mini: Path) -> None:
    line = _append_observation(mini, "burglary,actual,,2014/15,,1e300,,,")
    assert _error(mini) == (f"{mini}/observations.csv:{line}:6: field 'value': expected a number "
                            "of magnitude at most 1e+12; found '1e300'")


def test_a_percentage_on_a_count_is_refused(mini: Path) -> None:
    line = _append_observation(mini, "burglary,actual,,2014/15,,12%,,,")
    assert _error(mini) == (f"{mini}/observations.csv:{line}:6: field 'value': expected a count "
                            "(indicator 'burglary' has unit count); found '12%', a percentage")


def test_a_rank_needs_of(mini: Path) -> None:
    line = _append_observation(mini, "burglary,rank,,2015/16,,12,,,")
    assert _error(mini) == (f"{mini}/observations.csv:{line}:7: field 'of': a rank needs 'of' "
                            "(how many areas are ranked); found none")


def test_an_observation_after_the_assessment_date_is_refused(mini: Path) -> None:
    line = _append_observation(mini, "burglary,actual,,2017/18,,900,,,")
    assert _error(mini) == (
        f"{mini}/observations.csv:{line}:4: field 'period': expected a period observed by the "
        "assessment date 2016-04-01; found 2017/18, which starts after it (a target? set "
        "series: target)")


def test_a_future_target_is_fine(mini: Path) -> None:
    _append_observation(mini, "burglary,target,,2017/18,,900,,,")
    evidence = load_evidence(mini)
    assert any(o.period.label == "2017/18" for o in evidence.indicator("burglary").observations)


def test_a_theme_measured_twice_in_one_consultation_is_refused(mini: Path) -> None:
    path = mini / "consultation.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "      - theme: asb\n        top_three: 12\n", encoding="utf-8")
    message = _error(mini)
    assert message.startswith(f"{mini}/consultation.yaml:14:16: field 'theme': theme 'asb' is "
                              "already measured in consultation 'survey-2012' (at ")
    assert message.endswith("); give each theme one row")


def test_validate_checks_actual_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from csprules.cli import main

    folder = tmp_path / "havering-2017"
    shutil.copytree(Path(__file__).resolve().parents[2] / "examples" / "havering-2017", folder)
    actual = folder / "actual.yaml"
    actual.write_text(actual.read_text(encoding="utf-8").replace(
        "{theme: burglary,", "{theme: burglery,", 1), encoding="utf-8")
    assert main(["validate", str(folder)]) == 3
    err = capsys.readouterr().err
    assert f"{folder}/actual.yaml:" in err
    assert "expected a catalogue theme id; found 'burglery'" in err
