"""A force's files covering several areas: comparators, ranks, rates, LSOA files.

Synthetic files, 2017-01 to 2018-12, one force, numbers chosen to check by hand:
Alpha (LSOAs Alpha 001A, Alpha 002A) has 2 drugs crimes a month in 2017 and 3 in
2018 (24 then 36 a year); Beta (Beta 001A) has 1 then 4 (12 then 48).  Gamma
001A has one crime in one month: spill-over, not a comparator.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from csprules.errors import EvidenceError
from csprules.importers.police_uk import import_police_uk
from tests.importers.helpers import lsoa_code, row, write_month

MONTHS = [f"{y}-{m:02d}" for y in (2017, 2018) for m in range(1, 13)]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for month in MONTHS:
        alpha = 2 if month < "2018" else 3
        beta = 1 if month < "2018" else 4
        rows = [row(month, f"Alpha 00{1 + i % 2}A", "Drugs", crime_id=f"a{month}{i}",
                    outcome="Under investigation") for i in range(alpha)]
        rows += [row(month, "Beta 001A", "Drugs", crime_id=f"b{month}{i}") for i in range(beta)]
        if month == "2018-06":
            rows.append(row(month, "Gamma 001A", "Drugs", crime_id="g1"))
        write_month(folder, month, rows)
    return folder


def _obs(folder: Path) -> list[dict[str, str]]:
    with (folder / "observations.csv").open(encoding="utf-8") as handle:
        next(handle)
        return list(csv.DictReader(handle))


def _pick(rows: list[dict[str, str]], indicator: str, series: str) -> list[tuple[str, ...]]:
    return [(r["period"], r["area"], r["value"], r["of"]) for r in rows
            if r["indicator"] == indicator and r["series"] == series]


def test_comparators_and_ranks_on_counts(files: Path, tmp_path: Path) -> None:
    out = tmp_path / "alpha"
    import_police_uk([files], out, area="Alpha")
    rows = _obs(out)
    assert _pick(rows, "pu-drugs-12m", "actual") == [("2017-12", "", "24", ""),
                                                      ("2018-12", "", "36", "")]
    assert _pick(rows, "pu-drugs-12m", "comparator") == [("2017-12", "Beta", "12", ""),
                                                          ("2018-12", "Beta", "48", "")]
    # 1 = lowest: Alpha 24 > Beta 12 in 2017 (2nd of 2); 36 < 48 in 2018 (1st of 2).
    assert _pick(rows, "pu-drugs-12m", "rank") == [("2017-12", "", "2", "2"),
                                                    ("2018-12", "", "1", "2")]
    comparator = next(r for r in rows if r["series"] == "comparator")
    assert comparator["note"].startswith("counts, not rates: areas differ in population")
    summary = json.loads((out / "police-uk-import.json").read_text(encoding="utf-8"))
    assert summary["comparator_areas"] == ["Beta"]
    assert summary["outside_area_by_area"] == {"Beta": 60, "Gamma": 1}


def test_rates_with_a_population_file(files: Path, tmp_path: Path) -> None:
    population = tmp_path / "population.csv"
    population.write_text(
        "# csprules lsoa-population 1\nlsoa_code,population,cited\n"
        f"{lsoa_code('Alpha 001A')},1000,test\n{lsoa_code('Alpha 002A')},1000,test\n"
        f"{lsoa_code('Beta 001A')},4000,test\n", encoding="utf-8")
    out = tmp_path / "alpha"
    import_police_uk([files], out, area="Alpha", population_file=population)
    rows = _obs(out)
    # 2018: Alpha 36 / 2,000 x 1,000 = 18; Beta 48 / 4,000 x 1,000 = 12.
    assert _pick(rows, "pu-drugs-12m-rate", "actual") == [("2017-12", "", "12", ""),
                                                           ("2018-12", "", "18", "")]
    assert _pick(rows, "pu-drugs-12m-rate", "comparator") == [("2017-12", "Beta", "3", ""),
                                                               ("2018-12", "Beta", "12", "")]
    assert _pick(rows, "pu-drugs-12m-rate", "rank") == [("2017-12", "", "2", "2"),
                                                         ("2018-12", "", "2", "2")]
    assert "population: 2000" in (out / "partnership.yaml").read_text(encoding="utf-8")


def test_area_from_a_file_of_lsoa_codes(files: Path, tmp_path: Path) -> None:
    codes = tmp_path / "beta-lsoas.txt"
    codes.write_text(f"# Beta\n{lsoa_code('Beta 001A')}\n", encoding="utf-8")
    out = tmp_path / "beta"
    import_police_uk([files], out, area="Beta", lsoa_file=codes)
    rows = _obs(out)
    assert _pick(rows, "pu-drugs-12m", "actual") == [("2017-12", "", "12", ""),
                                                      ("2018-12", "", "48", "")]


def test_bad_lsoa_file(files: Path, tmp_path: Path) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text("E01000001\nnot-a-code\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"codes\.txt:2:1: expected an LSOA code like "
                                            r"E01000001; found 'not-a-code'$"):
        import_police_uk([files], tmp_path / "out", lsoa_file=codes)


def test_bad_population_file(files: Path, tmp_path: Path) -> None:
    population = tmp_path / "population.csv"
    population.write_text("# csprules lsoa-population 1\nlsoa_code,population\nE01000001,"
                          "many\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match=r"population\.csv:3:2: field 'population': "
                                            r"expected a whole number of residents"):
        import_police_uk([files], tmp_path / "out", area="Alpha", population_file=population)
    assert not (tmp_path / "out").exists()


def test_duplicates_are_exact_repeats_with_a_crime_id(tmp_path: Path) -> None:
    same = row("2018-01", "Alpha 001A", "Drugs", crime_id="x1")
    asb = row("2018-01", "Alpha 001A", "Anti-social behaviour")
    path = write_month(tmp_path / "in", "2018-01", [same, same, same, asb, asb,
                                                    row("2018-01", "", "Drugs")])
    out = tmp_path / "out"
    import_police_uk([path], out, area="Alpha")
    s = json.loads((out / "police-uk-import.json").read_text(encoding="utf-8"))
    # Two repeats of x1 dropped; identical ASB rows (no crime id) are two incidents.
    assert (s["rows_read"], s["duplicate_rows"], s["rows_in_area"],
            s["rows_without_location"]) == (6, 2, 3, 1)


def test_other_police_uk_files_in_an_archive_are_skipped_and_listed(tmp_path: Path) -> None:
    import zipfile

    street = write_month(tmp_path / "in", "2018-01", [row("2018-01", "Alpha 001A", "Drugs")])
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(street, f"2018-01/{street.name}")
        z.writestr("2018-01/2018-01-test-outcomes.csv", "Crime ID,Month\n")
        z.writestr("2018-01/2018-01-test-stop-and-search.csv", "Type,Date\n")
    out = tmp_path / "out"
    import_police_uk([archive], out, area="Alpha")
    s = json.loads((out / "police-uk-import.json").read_text(encoding="utf-8"))
    assert s["files_skipped"] == [f"{archive}:2018-01/2018-01-test-outcomes.csv",
                                  f"{archive}:2018-01/2018-01-test-stop-and-search.csv"]
    assert s["files_read"] == 1
