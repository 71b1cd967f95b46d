"""Evidence and governance written as a workbook read back as the same evidence.

Every shipped example is exported and loaded again: the signals (facts, the
``cited`` pointers of every signal, the data-quality flags), the evidence
itself (apart from where each row was read) and the governance graph must be
the ones the folder gives.  The template's sheets, headers, notes and
drop-down lists are read back with openpyxl and pinned.
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from csprules import EvidenceError, GovernanceError, derive_signals, load_evidence
from csprules.evidence.catalogue import default_catalogue
from csprules.evidence.evidence import Evidence
from csprules.evidence.periods import PeriodKind, parse_period
from csprules.governance import assign_owners, load_governance, render_graph
from csprules.governance.model import Governance
from csprules.report.evidence_workbook import evidence_workbook, template_workbook
from csprules.signals.model import Signals
from csprules.sources.xlsx_text import neutralise, restore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir())
CATALOGUE_IDS = sorted(t.id for t in default_catalogue())


def _export(evidence: Evidence, governance: Governance | None, target: Path) -> Path:
    target.write_bytes(evidence_workbook(evidence, governance, display=target.name))
    return target


def _signals_view(signals: Signals) -> tuple[Any, ...]:
    """What the rules see and cite; not where each row was read (that differs by design)."""
    return (
        signals.facts(),
        [(s.id, [r.cited for r in s.evidence]) for s in signals.signals],
        [(f.indicator, f.theme, f.kind, f.message, f.cited) for f in signals.flags],
    )


def _canonical(value: Any) -> Any:
    """Evidence as plain data without row locations or the source; lists in a fixed order."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if k not in ("row", "source")}
    if isinstance(value, list | tuple):
        items = [_canonical(v) for v in value]
        return sorted(items, key=repr)
    return value


@pytest.mark.parametrize("example", EXAMPLES)
def test_export_loads_back_to_the_same_signals(example: str, tmp_path: Path) -> None:
    folder = ROOT / "examples" / example
    evidence = load_evidence(folder)
    book = _export(evidence, load_governance(folder), tmp_path / f"{example}.xlsx")
    back = load_evidence(book)
    assert _signals_view(derive_signals(back)) == _signals_view(derive_signals(evidence))
    # The sources sheet carries sources.yaml: the paper's endnotes keep their titles.
    assert back.source_documents == evidence.source_documents
    assert _canonical(back.model_dump()) == _canonical(evidence.model_dump())
    # The rows of the workbook are where the signals now point.
    rows = [r.row for s in derive_signals(back).signals for r in s.evidence]
    assert rows
    assert all(r.path == str(book) and r.sheet is not None for r in rows)


@pytest.mark.parametrize("example", EXAMPLES)
def test_governance_sheets_give_the_same_graph(example: str, tmp_path: Path) -> None:
    folder = ROOT / "examples" / example
    expected = load_governance(folder / "governance.yaml")
    book = _export(load_evidence(folder), expected, tmp_path / "g.xlsx")
    got = load_governance(book)
    for fmt in ("json", "mermaid", "dot"):
        assert render_graph(got, fmt) == render_graph(expected, fmt)
    parents = {t.id: t.parent for t in default_catalogue()}
    assert assign_owners(got, CATALOGUE_IDS, parents) == assign_owners(
        expected, CATALOGUE_IDS, parents
    )
    assert _canonical(got.model_dump()) == _canonical(expected.model_dump())
    assert got.plan == expected.plan


@pytest.mark.parametrize("example", EXAMPLES)
def test_export_is_byte_identical(example: str) -> None:
    folder = ROOT / "examples" / example
    evidence, governance = load_evidence(folder), load_governance(folder)
    first = evidence_workbook(evidence, governance, display="x.xlsx")
    assert evidence_workbook(load_evidence(folder), load_governance(folder),
                             display="x.xlsx") == first


def test_no_save_time_in_the_bytes() -> None:
    """Bytes equal within one second prove nothing: the save time must not be in them."""
    data = template_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
        ("created", "2000-01-01T00:00:00Z"), ("modified", "2000-01-01T00:00:00Z"),
    ]


def _tie_preserving_shuffle(rows: list[list[str]], seed: int) -> list[list[str]]:
    """Rows in a random order, except that rows of one (indicator, series, area, period)
    keep their order: the signals read a later printed change for a period as the one
    that counts, so that order is content, not layout."""
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    groups: dict[tuple[str, ...], list[list[str]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[:4]), []).append(row)
    taken: dict[tuple[str, ...], int] = {}
    out = []
    for row in shuffled:
        key = tuple(row[:4])
        out.append(groups[key][taken.get(key, 0)])
        taken[key] = taken.get(key, 0) + 1
    return out


def _write_shuffled(source: Path, target: Path, seed: int) -> None:
    target.mkdir()
    for item in source.iterdir():
        text = item.read_text(encoding="utf-8")
        if item.suffix == ".csv":
            first, header, *rows = list(csv.reader(io.StringIO(text)))
            if item.name == "observations.csv":
                rows = _tie_preserving_shuffle(rows, seed)
            else:
                random.Random(seed).shuffle(rows)
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            buffer.write(first[0] + "\n")
            writer.writerows([header, *rows])
            text = buffer.getvalue()
        elif item.suffix == ".yaml" and item.name != "actual.yaml":
            text = yaml.safe_dump(_shuffle_rows(yaml.safe_load(text), random.Random(seed)))
        (target / item.name).write_text(text, encoding="utf-8")


def _shuffle_rows(value: Any, rng: random.Random) -> Any:
    """Every list of entries (rows) of a YAML file shuffled; lists of ids inside an entry
    (a driver's themes, a group's parents) are one cell's content and stay as they are."""
    if isinstance(value, dict):
        return {k: _shuffle_rows(v, rng) for k, v in value.items()}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        rows = [_shuffle_rows(v, rng) for v in value]
        rng.shuffle(rows)
        return rows
    return value


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_row_order_does_not_change_the_bytes(seed: int) -> None:
    folder = ROOT / "examples" / "tower-hamlets-2016"
    expected = evidence_workbook(load_evidence(folder), load_governance(folder), display="x.xlsx")
    target = ROOT / "tests" / "fixtures" / "_tmp" / f"shuffled-{seed}"
    import shutil

    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_shuffled(folder, target, seed)
        for name in ("observations.csv", "indicators.csv", "governance.yaml", "drivers.yaml"):
            assert (target / name).read_text(encoding="utf-8") != (
                folder / name
            ).read_text(encoding="utf-8")
        shuffled = evidence_workbook(load_evidence(target), load_governance(target),
                                     display="x.xlsx")
        assert shuffled == expected
    finally:
        shutil.rmtree(target, ignore_errors=True)


@given(st.text())
def test_neutralised_text_is_restored_exactly(text: str) -> None:
    written = neutralise(text)
    assert restore(written) == text
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_formula_text_is_neutralised_and_round_trips(mini: Path, tmp_path: Path) -> None:
    hostile = {
        "=HYPERLINK(\"http://x\",\"click\")": "'=HYPERLINK(\"http://x\",\"click\")",
        "+44 20 7946 0000": "'+44 20 7946 0000",
        "-3 on last year": "'-3 on last year",
        "@SUM(A1)": "'@SUM(A1)",
        "'already quoted": "''already quoted",
        "plain": "plain",
    }
    obs = mini / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines[2:]))
    for row, note in zip(rows, hostile, strict=False):
        row[7] = note
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    obs.write_text("\n".join(lines[:2]) + "\n" + buffer.getvalue(), encoding="utf-8")
    evidence = load_evidence(mini)
    book = _export(evidence, None, tmp_path / "mini.xlsx")

    sheet = load_workbook(book)["observations"]
    header = [c.value for c in sheet[1]]
    cells = {c.value: c for c in (row[header.index("note")] for row in sheet.iter_rows(min_row=2))}
    for note, written in hostile.items():
        assert cells[written].data_type == "s"
    notes = sorted(o.note or "" for i in load_evidence(book).indicators for o in i.observations)
    assert notes == sorted(o.note or "" for i in evidence.indicators for o in i.observations)
    assert set(hostile) <= set(notes)


def _lists(book: Any) -> dict[str, list[str]]:
    sheet = book["lists"]
    columns: dict[str, list[str]] = {}
    for col in sheet.iter_cols(values_only=True):
        columns[str(col[0])] = [str(v) for v in col[1:] if v is not None]
    return columns


def _drop_downs(book: Any, sheet_name: str) -> dict[str, tuple[list[str], str | None, bool]]:
    """Header (or field) -> (the list it offers, error style, whether it refuses others)."""
    lists = _lists(book)
    sheet = book[sheet_name]
    header = [c.value for c in sheet[1]]
    by_letter = {sheet.cell(row=1, column=i + 1).column_letter: h for i, h in enumerate(header)}
    found: dict[str, tuple[list[str], str | None, bool]] = {}
    for dv in sheet.data_validations.dataValidation:
        assert dv.type == "list"
        ref = str(dv.formula1)
        assert ref.startswith("lists!$")
        letter = ref.split("$")[1]
        name = str(book["lists"][f"{letter}1"].value)
        assert lists[name] == [str(v[0].value) for v in book["lists"][ref.split("!")[1]]]
        for cells in str(dv.sqref).split():
            start = cells.split(":")[0]
            col = "".join(ch for ch in start if ch.isalpha())
            row = int(start[len(col):])
            key = by_letter[col] if row == 2 and ":" in cells else sheet[f"A{row}"].value
            found[str(key)] = (lists[name], dv.errorStyle, bool(dv.showErrorMessage))
    return found


def test_template_sheets_headers_notes_and_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_workbook())
    book = load_workbook(path)
    assert book.sheetnames == [
        "partnership", "themes", "indicators", "observations", "consultations",
        "consultation_measures", "drivers", "previous_priorities", "sources", "governance",
        "groups",
        "ownership", "lead_agencies", "related", "lists",
    ]
    headers = {name: [c.value for c in book[name][1]] for name in book.sheetnames}
    assert headers["indicators"] == [
        "id", "label", "themes", "unit", "per", "period_kind", "direction", "total_of",
        "harm_class", "flags", "notes", "cited",
    ]
    assert headers["observations"] == [
        "indicator", "series", "area", "period", "base_period", "value", "of", "note", "cited",
    ]
    assert headers["groups"] == [
        "id", "name", "tier", "chair", "meets", "statutory", "parents", "cited", "note",
    ]
    assert headers["ownership"] == ["theme", "group", "role", "cited", "note"]
    assert headers["partnership"] == ["field", "value", "note"]
    fields = [r[0] for r in book["partnership"].iter_rows(min_row=2, values_only=True)]
    assert fields == [
        "format_version", "name", "area", "assessment_date", "population", "population_cited",
        "plan_period", "cited", "catalogue", "previous_plan",
    ]
    for name in book.sheetnames:
        if name in ("partnership", "governance", "lists"):
            continue
        for cell in book[name][1]:
            assert cell.comment is not None, (name, cell.value)
            assert cell.comment.text.strip(), (name, cell.value)
    assert book["indicators"]["D1"].comment.text == (
        "count, rate (needs per), percentage, ratio or score."
    )

    units = ["count", "rate", "percentage", "ratio", "score"]
    directions = ["down", "up", "up_under_reported", "maintain"]
    periods = ["financial_year", "oct_sep_year", "calendar_year", "rolling_12_months", "quarter"]
    missing = ["Not set", "TBC", "New indicator", "Not comparable", "Data not supplied",
               "Restricted"]
    assert _drop_downs(book, "indicators") == {
        "themes": (CATALOGUE_IDS, None, False),
        "unit": (units, "stop", True),
        "period_kind": (periods, "stop", True),
        "direction": (directions, "stop", True),
        "flags": (["recording_change", "stale", "provisional", "perception"], None, False),
    }
    assert _drop_downs(book, "observations") == {
        "series": (["actual", "target", "baseline", "comparator", "rank", "printed_change_pct"],
                   "stop", True),
        "value": (missing, None, False),
    }
    assert _drop_downs(book, "consultation_measures") == {
        "theme": (CATALOGUE_IDS, "warning", True),
    }
    assert _drop_downs(book, "themes")["kind"] == (
        ["crime_type", "cross_cutting", "place", "cohort", "aggregate"], "stop", True,
    )
    assert _drop_downs(book, "partnership") == {"catalogue": (["default", "none"], "stop", True)}
    assert _drop_downs(book, "groups") == {
        "tier": (["board", "delivery_group", "operational", "consultation", "linked_board"],
                 "stop", True),
        "statutory": (["TRUE", "FALSE"], "stop", True),
    }
    assert _drop_downs(book, "ownership") == {
        "theme": (CATALOGUE_IDS, "warning", True),
        "role": (["lead", "support"], "stop", True),
    }
    assert _drop_downs(book, "related") == {
        "theme": (CATALOGUE_IDS, "warning", True),
        "via": (CATALOGUE_IDS, "warning", True),
    }
    assert len(CATALOGUE_IDS) == 42  # the default catalogue, aggregates and new themes included
    assert template_workbook() == path.read_bytes()


def test_empty_template_names_the_fields_to_fill_in(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_workbook())
    with pytest.raises(EvidenceError) as info:
        load_evidence(path)
    shown = str(path)
    assert str(info.value) == (
        f"{shown}[partnership]!B3: field 'name': required field is missing\n"
        f"{shown}[partnership]!B4: field 'area': required field is missing\n"
        f"{shown}[partnership]!B5: field 'assessment_date': required field is missing"
    )


def test_filled_in_template_loads(tmp_path: Path) -> None:
    path = tmp_path / "filled.xlsx"
    path.write_bytes(template_workbook())
    book = load_workbook(path)
    part = book["partnership"]
    part["B3"], part["B4"] = "Test Community Safety Partnership", "Test"
    part["B5"] = "2016-04-01"
    ind = book["indicators"]
    ind.append(["tno", "Total notifiable offences", "all-crime", "count", None,
                "financial_year", "down", None, None, None, None, "plan.txt:3"])
    obs = book["observations"]
    obs.append(["tno", "actual", None, "2014/15", None, "1,000", None, None, "plan.txt:4"])
    obs.append(["tno", "actual", None, "2015/16", None, 1100, None, None, "plan.txt:5"])
    obs.append(["tno", "target", None, "2015/16", None, "tbc", None, None, "plan.txt:6"])
    book.save(path)
    evidence = load_evidence(path)
    assert evidence.previous is None
    tno = derive_signals(evidence).by_id()["ind:tno:all-crime"].fields
    assert tno["latest"] == 1100.0
    assert tno["change_pct"] == pytest.approx(10.0)
    assert len(evidence.themes) == 42
    from csprules.governance.workbook_reader import workbook_has_governance

    assert not workbook_has_governance(path, "filled.xlsx")
    with pytest.raises(GovernanceError, match=r"filled\.xlsx\[groups\]!A2: field 'groups': "
                       r"expected at least one group; found none$"):
        load_governance(path)


def test_governance_sheet_errors_are_located(tmp_path: Path) -> None:
    folder = ROOT / "examples" / "havering-2017"
    path = _export(load_evidence(folder), load_governance(folder), tmp_path / "h.xlsx")
    book = load_workbook(path)
    groups = book["groups"]
    assert groups["A2"].value == "asb-community-marac-panel"
    groups["C2"] = "boad"
    groups["G3"] = "havering-csp-bord"
    book["ownership"].append(["not-a-theme", "dv-marac", "lead"])
    book.save(path)
    with pytest.raises(GovernanceError) as info:
        load_governance(path, themes=CATALOGUE_IDS)
    shown = str(path)
    assert str(info.value).splitlines() == [
        f"{shown}[groups]!C2: field 'tier': expected one of board, delivery_group, "
        "operational, consultation, linked_board; found 'boad' (did you mean 'board'?)",
        f"{shown}[groups]!G3: field 'parents': expected a known group id; found "
        "'havering-csp-bord' (did you mean 'havering-csp-board'?)",
        f"{shown}[ownership]!A{book['ownership'].max_row}: field 'theme': expected a known "
        "theme id; found 'not-a-theme'",
    ]


def test_cell_text_too_long_for_excel_is_a_located_error(mini: Path) -> None:
    evidence = load_evidence(mini)
    first = evidence.indicators[0]
    long_note = first.model_copy(update={"notes": "x" * 40_000})
    evidence = evidence.model_copy(update={"indicators": (long_note, *evidence.indicators[1:])})
    with pytest.raises(EvidenceError, match=(
        r"^out\.xlsx\[indicators\]!K2: expected text of at most 32767 characters \(the limit "
        r"of an Excel cell\); found 40000$"
    )):
        evidence_workbook(evidence, display="out.xlsx")


@st.composite
def _period_text(draw: st.DrawFn) -> tuple[PeriodKind, str]:
    kind = draw(st.sampled_from(list(PeriodKind)))
    year = draw(st.integers(min_value=1990, max_value=2040))
    if kind in (PeriodKind.FINANCIAL_YEAR, PeriodKind.OCT_SEP_YEAR):
        return kind, draw(st.sampled_from([f"{year}/{(year + 1) % 100:02d}",
                                           f"{year}-{year + 1}", f"FY {year}/{year + 1}"]))
    if kind is PeriodKind.CALENDAR_YEAR:
        return kind, str(year)
    if kind is PeriodKind.ROLLING_12_MONTHS:
        month = draw(st.integers(min_value=1, max_value=12))
        return kind, draw(st.sampled_from([f"{year}-{month:02d}",
                                           f"12 months to {year}-{month:02d}"]))
    quarter = draw(st.integers(min_value=1, max_value=4))
    return kind, f"{year}/{(year + 1) % 100:02d} Q{quarter}"


@given(_period_text())
def test_a_periods_written_label_reads_back_as_the_same_period(
    case: tuple[PeriodKind, str],
) -> None:
    """Export writes each period as its canonical label; that label must parse to it."""
    kind, text = case
    period = parse_period(text, kind)
    assert parse_period(period.label, kind) == period


def _with_partnership_themes(mini: Path, catalogue: str, themes: str) -> None:
    part = mini / "partnership.yaml"
    text = part.read_text(encoding="utf-8")
    part.write_text(text.replace("previous_priorities:", f"catalogue: {catalogue}\n"
                                 f"themes:\n{themes}previous_priorities:", 1), encoding="utf-8")


_MINI_THEMES = "".join(
    f"  - {{id: {tid}, label: {label}, kind: crime_type}}\n"
    for tid, label in (("all-crime", "All crime"), ("burglary", "Burglary"),
                       ("domestic-abuse", "Domestic abuse"), ("asb", "ASB"),
                       ("robbery", "Robbery"))
)


def test_evidence_without_the_catalogue_exports_all_its_themes(
    mini: Path, tmp_path: Path
) -> None:
    _with_partnership_themes(mini, "none", _MINI_THEMES)
    evidence = load_evidence(mini)
    assert len(evidence.themes) == 5
    book = _export(evidence, None, tmp_path / "none.xlsx")
    sheet = load_workbook(book)
    fields = dict(
        (r[0], r[1]) for r in sheet["partnership"].iter_rows(min_row=2, values_only=True)
    )
    assert fields["catalogue"] == "none"
    assert [r[0] for r in sheet["themes"].iter_rows(min_row=2, values_only=True)] == [
        "all-crime", "asb", "burglary", "domestic-abuse", "robbery",
    ]
    back = load_evidence(book)
    assert _canonical(back.model_dump()) == _canonical(evidence.model_dump())
    assert _signals_view(derive_signals(back)) == _signals_view(derive_signals(evidence))


def test_only_themes_that_differ_from_the_catalogue_are_written(
    mini: Path, tmp_path: Path
) -> None:
    local = ("  - {id: asb, label: Anti-social behaviour and noise, kind: crime_type, "
             "aliases: [noise; nuisance, rowdy behaviour]}\n"
             "  - {id: town-centre, label: Town centre, kind: place, parent: safer-locations}\n")
    _with_partnership_themes(mini, "default", local)
    evidence = load_evidence(mini)
    with pytest.raises(EvidenceError, match=(
        r"^theme 'asb': alias 'noise; nuisance' contains ';', which separates the items of a "
        r"workbook cell; expected items without ';'$"
    )):
        evidence_workbook(evidence)
    (mini / "partnership.yaml").write_text(
        (mini / "partnership.yaml").read_text(encoding="utf-8").replace("noise; nuisance",
                                                                         "noise nuisance"),
        encoding="utf-8",
    )
    evidence = load_evidence(mini)
    book = _export(evidence, None, tmp_path / "local.xlsx")
    rows = list(load_workbook(book)["themes"].iter_rows(min_row=2, values_only=True))
    assert rows == [
        ("asb", "Anti-social behaviour and noise", "crime_type", None, None,
         "noise nuisance;rowdy behaviour", None),
        ("town-centre", "Town centre", "place", "safer-locations", None, None, None),
    ]
    back = load_evidence(book)
    assert back.themes == evidence.themes
    assert len(back.themes) == 43


def test_the_evidence_reader_passes_over_every_governance_sheet() -> None:
    from csprules.evidence.workbook import OTHER_SHEETS
    from csprules.governance.workbook_layout import SHEETS

    assert set(SHEETS) | {"lists"} == OTHER_SHEETS


def test_a_bad_sources_sheet_is_a_located_error(tmp_path: Path) -> None:
    folder = ROOT / "examples" / "tower-hamlets-2016"
    book_path = _export(load_evidence(folder), None, tmp_path / "th.xlsx")
    book = load_workbook(book_path)
    sheet = book["sources"]
    assert [c.value for c in sheet[1]] == ["document", "title", "publisher", "date", "url"]
    sheet.cell(row=2, column=4, value="spring 2016")
    sheet.append([sheet.cell(row=2, column=1).value, "The same plan again"])
    book.save(book_path)
    with pytest.raises(EvidenceError) as err:
        load_evidence(book_path)
    assert [str(p) for p in err.value.problems] == [
        f"{book_path}[sources]!D2: field 'date': expected a date as YYYY, YYYY-MM or "
        "YYYY-MM-DD; found 'spring 2016'",
        f"{book_path}[sources]!A3: field 'document': expected each document once; "
        f"'003_a825832bf6e36b8c.txt' is already named at {book_path}[sources]!A2",
    ]
