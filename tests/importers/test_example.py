"""The shipped example is exactly what the importer makes of the shipped files,
whatever the row order, and ``recommend`` gives an explained result on it."""

from __future__ import annotations

import random
from pathlib import Path

from csprules import load_evidence, load_governance, recommend
from csprules.cli.common import ruleset_from
from csprules.importers.police_uk import import_police_uk
from tests.importers.helpers import EXAMPLE, IMPORTER_FILES, SHIPPED_ZIP, extract


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in IMPORTER_FILES}


def test_example_equals_a_fresh_import_of_its_source(tmp_path: Path) -> None:
    out = tmp_path / "evidence"
    import_police_uk([SHIPPED_ZIP], out, area="City of London")
    assert sorted(p.name for p in out.iterdir()) == sorted(IMPORTER_FILES)
    assert _bytes(out) == _bytes(EXAMPLE)


def test_row_order_and_container_change_nothing(tmp_path: Path) -> None:
    files = extract(tmp_path / "files")
    rng = random.Random(7)
    for path in sorted(files.iterdir()):
        header, *rows = path.read_text(encoding="utf-8").splitlines()
        rng.shuffle(rows)
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "evidence"
    # Files given one by one, newest first: discovery sorts them.
    import_police_uk(sorted(files.iterdir(), reverse=True), out, area="city of london")
    assert _bytes(out) == _bytes(EXAMPLE)


def test_recommend_explains_the_city(tmp_path: Path) -> None:
    recs = recommend(load_evidence(EXAMPLE), ruleset_from("default"), load_governance(EXAMPLE))
    top = [r.theme for r in recs.priorities]
    assert top[0] == "violence"
    assert {"violence", "serious-acquisitive", "theft"} <= set(top)
    why = " ".join(j.text for j in recs.priorities[0].justifications)
    assert "Violence and sexual offences (12 months, police.uk) rose 31.7%" in why
