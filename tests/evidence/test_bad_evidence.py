"""Bad evidence gives one located message per problem: file:line:col, field, expected, found."""

from __future__ import annotations

from pathlib import Path

import pytest

from csprules import EvidenceError, load_evidence

CASES = [
    (
        "unknown unit",
        "indicators.csv",
        "tno,Total notifiable offences,all-crime,count",
        "tno,Total notifiable offences,all-crime,persons",
        "<dir>/indicators.csv:3:4: field 'unit': expected 'count', 'rate', 'percentage', "
        "'ratio' or 'score'; found 'persons'",
    ),
    (
        "unknown theme with suggestion",
        "indicators.csv",
        "burglary,Burglary,burglary,",
        "burglary,Burglary,burglery,",
        "<dir>/indicators.csv:4: field 'themes': expected a known theme id; found 'burglery' "
        "(did you mean 'burglary'?)",
    ),
    (
        "negative count",
        "observations.csv",
        "burglary,actual,,2015/16,,2100",
        "burglary,actual,,2015/16,,-2100",
        "<dir>/observations.csv:8: field 'value': expected a count of 0 or more for "
        "'burglary'; found -2100",
    ),
    (
        "unparseable period",
        "observations.csv",
        "burglary,actual,,2015/16,,2100",
        "burglary,actual,,2015/17,,2100",
        "<dir>/observations.csv:8:4: field 'period': expected consecutive years; found '2015/17'",
    ),
    (
        "period of the wrong kind",
        "observations.csv",
        "burglary,actual,,2015/16,,2100",
        "burglary,actual,,June 2016,,2100",
        "<dir>/observations.csv:8:4: field 'period': expected a financial year like '2015/16'; "
        "found 'June 2016'",
    ),
    (
        "value that is neither number nor missing state",
        "observations.csv",
        "burglary,actual,,2015/16,,2100",
        "burglary,actual,,2015/16,,lots",
        "<dir>/observations.csv:8:6: field 'value': expected a number or one of blank, 'TBC', "
        "'Not set', 'New indicator', 'Not comparable', 'Data not supplied', 'Restricted'; "
        "found 'lots'",
    ),
    (
        "NaN",
        "observations.csv",
        "burglary,actual,,2015/16,,2100",
        "burglary,actual,,2015/16,,nan",
        "<dir>/observations.csv:8:6: field 'value': expected a finite number; found 'nan'",
    ),
    (
        "infinity",
        "observations.csv",
        "burglary,actual,,2015/16,,2100",
        "burglary,actual,,2015/16,,inf",
        "<dir>/observations.csv:8:6: field 'value': expected a finite number; found 'inf'",
    ),
    (
        "unknown indicator",
        "observations.csv",
        "burglary,actual,,2015/16,,2100",
        "burglry,actual,,2015/16,,2100",
        "<dir>/observations.csv:8: field 'indicator': expected a known indicator id; "
        "found 'burglry' (did you mean 'burglary'?)",
    ),
    (
        "duplicate observation",
        "observations.csv",
        "burglary,actual,,2014/15,,2000",
        "burglary,actual,,2015/16,,2000",
        "<dir>/observations.csv:8: field 'period': duplicate observation of 'burglary' "
        "(actual, 2015/16); first given at <dir>/observations.csv:7",
    ),
    (
        "unknown series",
        "observations.csv",
        "burglary,actual,,2014/15,,2000",
        "burglary,actuals,,2014/15,,2000",
        "<dir>/observations.csv:7:2: field 'series': expected 'actual', 'target', 'baseline', "
        "'comparator', 'rank' or 'printed_change_pct'; found 'actuals' (did you mean 'actual'?)",
    ),
    (
        "unknown format version",
        "observations.csv",
        "# csprules observations 1",
        "# csprules observations 7",
        "<dir>/observations.csv:1:1: unknown observations format version '7'; supported: 1",
    ),
    (
        "missing version header",
        "indicators.csv",
        "# csprules indicators 1\n",
        "",
        "<dir>/indicators.csv:1:1: expected a first line '# csprules indicators 1'; "
        "found 'id,label,themes,unit,per,period_kind,direction,total_of,h...'",
    ),
    (
        "misspelt partnership field",
        "partnership.yaml",
        "  population: 250000",
        "  populaton: 250000",
        "<dir>/partnership.yaml:7:14: field 'populaton': unknown field; expected one of area, "
        "assessment_date, cited, name, plan_period, population, population_cited "
        "(did you mean 'population'?)",
    ),
    (
        "wrong type",
        "partnership.yaml",
        "  population: 250000",
        "  population: lots",
        "<dir>/partnership.yaml:7:15: field 'population': expected a valid integer, unable to "
        "parse string as an integer; found 'lots'",
    ),
    (
        "unknown YAML format version",
        "partnership.yaml",
        "version: 1",
        "version: 3",
        "<dir>/partnership.yaml:2:10: field 'version': unknown partnership format version 3; "
        "supported: 1",
    ),
    (
        "unknown driver kind",
        "drivers.yaml",
        "kind: target",
        "kind: targt",
        "<dir>/drivers.yaml:8:11: field 'kind': expected 'plan_priority', 'strategy', "
        "'statutory_duty', 'funding' or 'target'; found 'targt' (did you mean 'target'?)",
    ),
    (
        "YAML anchors (billion laughs vehicle)",
        "drivers.yaml",
        "    themes: [burglary, robbery]",
        "    themes: &a [burglary, robbery]",
        "<dir>/drivers.yaml:9:13: expected plain YAML; found an anchor or alias (&/*), "
        "which csprules does not allow",
    ),
    (
        "duplicate YAML key",
        "drivers.yaml",
        "    level: regional",
        "    level: regional\n    level: local",
        "<dir>/drivers.yaml:8:5: duplicate key 'level'",
    ),
    (
        "unknown consultation theme",
        "consultation.yaml",
        "      - theme: asb",
        "      - theme: anti-social",
        "<dir>/consultation.yaml:10:9: field 'theme': expected a known theme id; "
        "found 'anti-social' (did you mean 'asb'?)",
    ),
    (
        "dates out of order",
        "drivers.yaml",
        "valid_to: 2017-03-31",
        "valid_to: 2012-03-31",
        "<dir>/drivers.yaml:4:5: valid_to 2012-03-31 is before valid_from 2013-04-01",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_bad_evidence_message(mini: Path, file: str, old: str, new: str, message: str) -> None:
    path = mini / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(EvidenceError) as info:
        load_evidence(mini)
    shown = str(info.value).replace(str(mini.relative_to(Path.cwd())), "<dir>")
    assert shown == message


def test_non_utf8_bytes(mini: Path) -> None:
    (mini / "indicators.csv").write_bytes(b"# csprules indicators 1\nid,lab\xe9l\n")
    with pytest.raises(EvidenceError, match=r"indicators\.csv:2:7: expected UTF-8 text; "
                                            r"found byte 0xe9$"):
        load_evidence(mini)


def test_empty_file(mini: Path) -> None:
    (mini / "drivers.yaml").write_text("", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"drivers\.yaml:1:1: expected a YAML mapping; "
                                            r"found an empty file$"):
        load_evidence(mini)


def test_every_problem_reported_not_just_the_first(mini: Path) -> None:
    path = mini / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace(",count,", ",persons,").replace("financial_year", "fiscal")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvidenceError) as info:
        load_evidence(mini)
    fields = sorted({p.field or "" for p in info.value.problems})
    assert fields == ["period_kind", "unit"]
    assert len(info.value.problems) == 5


def test_error_carries_location_attributes(mini: Path) -> None:
    path = mini / "observations.csv"
    path.write_text(path.read_text().replace(",2100,", ",lots,"), encoding="utf-8")
    with pytest.raises(EvidenceError) as info:
        load_evidence(mini)
    assert info.value.line == 8
    assert info.value.path is not None
    assert info.value.path.endswith("observations.csv")
    assert isinstance(info.value, ValueError)


def test_missing_folder() -> None:
    with pytest.raises(EvidenceError, match=r"^no/such/place: no such file or folder$"):
        load_evidence("no/such/place")
