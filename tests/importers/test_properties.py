"""Row order never changes the output: the same rows, shuffled, give the same bytes."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csprules.importers.police_uk import import_police_uk
from tests.importers.helpers import IMPORTER_FILES, row, write_month

TYPES = ["Drugs", "Burglary", "Anti-social behaviour", "Violence and sexual offences"]
LSOAS = ["Alpha 001A", "Alpha 002A", "Beta 001A", ""]
MONTHS = [f"2017-{m:02d}" for m in range(1, 13)] + ["2018-01"]

rows_strategy = st.lists(
    st.tuples(st.sampled_from(MONTHS), st.sampled_from(LSOAS), st.sampled_from(TYPES),
              st.integers(0, 40)),
    min_size=1, max_size=60,
)


def _import(rows: list[tuple[str, str, str, int]], order: int, base: Path) -> dict[str, bytes]:
    by_month: dict[str, list[str]] = {m: [] for m in MONTHS}
    by_month[MONTHS[0]].append(row(MONTHS[0], "Alpha 001A", "Drugs", crime_id="fixed"))
    for month, lsoa, crime_type, ident in rows:
        crime_id = "" if crime_type == "Anti-social behaviour" else f"id{ident}"
        by_month[month].append(row(month, lsoa, crime_type, crime_id=crime_id))
    rng = random.Random(order)
    folder = base / f"in{order}"
    for month, lines in by_month.items():
        rng.shuffle(lines)
        write_month(folder, month, lines)
    out = base / f"out{order}"
    import_police_uk([folder], out, area="Alpha")
    return {name: (out / name).read_bytes() for name in IMPORTER_FILES}


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows_strategy)
def test_shuffled_rows_give_identical_bytes(rows: list[tuple[str, str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        assert _import(rows, 1, base) == _import(list(reversed(rows)), 2, base)
