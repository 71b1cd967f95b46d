"""The importer on the 24 real City of London Police files, against hand counts.

Hand counts were made with awk on the monthly files (all 12 fields on every
line, no quoted commas), area = LSOA name matching ``^City of London [0-9]{3}[A-Z]$``:

- 2017-01: violence and sexual offences 41, other theft 80, anti-social behaviour 120;
- 2018-12: violence and sexual offences 98, other theft 178, anti-social behaviour 102;
- violence and sexual offences, Jan-Dec 2018: 1,100; Jan-Dec 2017: 835;
- drugs, 2018: 315; 2017: 259;
- violence and sexual offences, April 2017 - March 2018: 935;
- all crime (not ASB), Oct-Dec 2018: 1,701; Oct-Dec 2017: 1,403;
- all crime, 2018: 6,142 rows, of which one is an exact duplicate (2018-03), so 6,141;
  3,213 with last outcome 'Investigation complete; no suspect identified' (52.32%);
- every file: 15,858 rows; 991 without LSOA (one of them a duplicate, 2018-08),
  Tower Hamlets 391 and Islington 267 rows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from csprules import load_evidence
from csprules.importers.police_uk import import_police_uk
from tests.importers.helpers import extract


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("col")
    out = base / "evidence"
    import_police_uk([extract(base / "files")], out, area="City of London")
    return out


def _monthly(folder: Path) -> dict[tuple[str, str], int]:
    with (folder / "police-uk-monthly.csv").open(encoding="utf-8") as handle:
        next(handle)
        return {(r["category"], r["month"]): int(r["count"]) for r in csv.DictReader(handle)}


def _obs(folder: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    with (folder / "observations.csv").open(encoding="utf-8") as handle:
        next(handle)
        return {(r["indicator"], r["series"], r["period"]): r for r in csv.DictReader(handle)}


@pytest.mark.parametrize(("category", "month", "count"), [
    ("Violence and sexual offences", "2017-01", 41),
    ("Other theft", "2017-01", 80),
    ("Anti-social behaviour", "2017-01", 120),
    ("Violence and sexual offences", "2018-12", 98),
    ("Other theft", "2018-12", 178),
    ("Anti-social behaviour", "2018-12", 102),
])
def test_monthly_counts_match_hand_counts(imported: Path, category: str, month: str,
                                         count: int) -> None:
    assert _monthly(imported)[(category, month)] == count


def test_period_totals_match_hand_counts(imported: Path) -> None:
    obs = _obs(imported)
    assert obs[("pu-violence-and-sexual-offences-12m", "actual", "2018-12")]["value"] == "1100"
    assert obs[("pu-violence-and-sexual-offences-12m", "actual", "2017-12")]["value"] == "835"
    assert obs[("pu-drugs-12m", "actual", "2018-12")]["value"] == "315"
    assert obs[("pu-drugs-12m", "actual", "2017-12")]["value"] == "259"
    assert obs[("pu-violence-and-sexual-offences-fy", "actual", "2017/18")]["value"] == "935"
    assert obs[("pu-all-crime-q", "actual", "2018/19 Q3")]["value"] == "1701"
    assert obs[("pu-all-crime-q", "actual", "2017/18 Q3")]["value"] == "1403"
    assert obs[("pu-all-crime-12m", "actual", "2018-12")]["value"] == "6141"
    share = obs[("pu-all-crime-no-suspect", "actual", "2018-12")]
    assert share["value"] == "52.32"
    assert share["note"].startswith("3,213 of 6,141 crimes; ")


def test_change_notes_carry_the_test(imported: Path) -> None:
    latest = _obs(imported)[("pu-violence-and-sexual-offences-12m", "actual", "2018-12")]
    assert latest["note"] == (
        "+31.7% on the previous 12 months: a statistically significant rise (1,100 against "
        "835; exact conditional binomial test for Poisson counts, two-sided p < 0.0001)")
    assert latest["cited"] == "police.uk street-level (2018-01..2018-12: 12 files, 1,100 rows)"
    quarter = _obs(imported)[("pu-all-crime-q", "actual", "2018/19 Q3")]
    assert quarter["note"].startswith("seasonally aware: +21.2% on the same quarter a year "
                                      "before (2017/18 Q3): a statistically significant rise")


def test_exclusions_are_counted_not_dropped(imported: Path) -> None:
    s = json.loads((imported / "police-uk-import.json").read_text(encoding="utf-8"))
    assert s["rows_read"] == 15858
    assert s["rows_in_area"] == 14012
    assert s["rows_outside_area"] == 854
    assert s["rows_without_location"] == 990
    assert s["duplicate_rows"] == 2
    assert (s["rows_in_area"] + s["rows_outside_area"] + s["rows_without_location"]
            + s["duplicate_rows"]) == s["rows_read"]
    assert s["outside_area_by_area"]["Tower Hamlets"] == 391
    assert s["outside_area_by_area"]["Islington"] == 267
    march = next(f for f in s["per_file"] if f["month"] == "2018-03")
    assert march == {"file": "2018-03-city-of-london-street.csv", "month": "2018-03",
                     "rows": 707, "duplicates": 1, "without_location": 41, "in_area": 633,
                     "outside_area": 32}
    assert s["comparator_areas"] == []  # spill-over boroughs are not comparators


def test_unseen_themes_are_missing_evidence(imported: Path) -> None:
    evidence = load_evidence(imported)
    unseen = {i.id: i for i in evidence.indicators if i.id.startswith("pu-unseen-")}
    assert set(unseen) >= {"pu-unseen-domestic-abuse", "pu-unseen-hate-crime",
                           "pu-unseen-cse", "pu-unseen-sexual-offences"}
    for ind in unseen.values():
        assert [str(o.value) for o in ind.observations] == ["not_supplied"]


def test_every_observation_cites_its_source(imported: Path) -> None:
    evidence = load_evidence(imported)
    for ind in evidence.indicators:
        assert ind.cited
        for o in ind.observations:
            assert o.cited, (ind.id, o.period.label)


def test_hotspots_and_concentration(imported: Path) -> None:
    obs = _obs(imported)
    top = obs[("pu-all-crime-top-10pct-lsoas", "actual", "2018-12")]
    assert top["note"].startswith("top LSOAs: City of London ")
    assert 0 < float(top["value"]) <= 100
    assert obs[("pu-other-theft-hotspots", "actual", "2018-12")]["note"].startswith(
        "hotspots: City of London ")
