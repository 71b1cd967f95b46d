"""The Python API's status lists and the owner's one display name."""

from __future__ import annotations

from pathlib import Path

from csprules import assess, load_evidence, load_governance, load_ruleset
from csprules.scoring.model import Owner, Status

ROOT = Path(__file__).resolve().parents[2]


def test_status_lists_partition_the_themes() -> None:
    folder = ROOT / "examples" / "havering-2017"
    paper = assess(load_evidence(folder), load_ruleset("default"), load_governance(folder))
    lists = (paper.priorities, paper.cross_cutting, paper.watch, paper.not_recommended)
    assert [len(x) for x in lists] == [len(paper.by_status(s)) for s in Status]
    assert sum(len(x) for x in lists) == len(paper.recommendations)
    assert all(r.status is Status.WATCH for r in paper.watch)
    owner = paper.priorities[0].owner
    assert owner is not None
    assert owner.display_name in (owner.name, owner.agency, owner.group)
    assert paper.decisions is None


def test_display_name_falls_back_from_name_to_agency_to_group() -> None:
    base = {"role": None, "via": "direct", "explanation": "x"}
    assert Owner(group="g", name="Board", agency="Police", **base).display_name == "Board"
    assert Owner(group="g", name=None, agency="Police", **base).display_name == "Police"
    assert Owner(group="g", name=None, **base).display_name == "g"
    assert Owner(group=None, name=None, **base).display_name == "no owning group"
