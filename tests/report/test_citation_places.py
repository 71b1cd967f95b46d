"""Citations of places that are not lines: numbered once, the places collapsed."""

from __future__ import annotations

from csprules.errors import Location
from csprules.report.citations import ENDNOTE_PLACES, Sources
from csprules.signals.model import EvidenceRef


def _refs(*cited: str) -> list[EvidenceRef]:
    return [EvidenceRef(row=Location("o.csv", i), cited=c) for i, c in enumerate(cited, 1)]


def test_places_are_cited_under_one_number() -> None:
    s = Sources()
    assert s.cite(_refs("p.uk (2018-01..2018-12: 12 files, 1,100 rows)",
                        "p.uk (2017-01..2017-12: 12 files, 835 rows)",
                        "plan.txt:5", "p.uk (2018-01..2018-12: 12 files, 1,100 rows)")) == (
        "[1] 2018-01..2018-12: 12 files, 1,100 rows; 2017-01..2017-12: 12 files, 835 rows; "
        "[2] line 5")
    assert [e.text for e in s.endnotes()] == [
        "p.uk, 2018-01..2018-12: 12 files, 1,100 rows; 2017-01..2017-12: 12 files, 835 rows",
        "plan.txt, line 5"]


def test_an_endnote_counts_the_places_beyond_its_limit() -> None:
    s = Sources()
    s.cite(_refs(*(f"p.uk (2018-{m:02d})" for m in range(1, 13))))
    [note] = s.endnotes()
    shown = [f"2018-{m:02d}" for m in range(1, ENDNOTE_PLACES + 1)]
    assert note.text == f"p.uk, {'; '.join(shown)}; and {12 - ENDNOTE_PLACES} more"
