"""The police.uk crime categories and the catalogue themes each one evidences.

The mapping is data (``csprules/data/police_uk_categories.csv``, versioned),
not code, so that an analyst can read and argue with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence.catalogue import default_catalogue
from csprules.sources.csv_file import load_csv

ASB = "Anti-social behaviour"
TABLE = Path("csprules") / "data" / "police_uk_categories.csv"


@dataclass(frozen=True)
class Category:
    name: str
    """As police.uk writes it in the ``Crime type`` column."""
    slug: str
    themes: tuple[str, ...]
    harm_class: str | None
    notes: str | None

    @property
    def is_crime(self) -> bool:
        return self.name != ASB


@cache
def categories() -> dict[str, Category]:
    """The 14 police.uk categories by name, checked against the theme catalogue."""
    path = Path(str(resources.files("csprules").joinpath("data/police_uk_categories.csv")))
    table = load_csv(path, str(TABLE), "police-uk-categories", (1,),
                     ("category", "slug", "themes"),
                     ("category", "slug", "themes", "harm_class", "notes"), EvidenceError)
    known = {t.id for t in default_catalogue()}
    out: dict[str, Category] = {}
    problems: list[Problem] = []
    for rec in table.records:
        themes = tuple(t.strip() for t in str(rec.values["themes"]).split(";") if t.strip())
        for theme in themes:
            if theme not in known:
                problems.append(Problem(rec.at("themes"), f"unknown theme '{theme}'"))
        name = str(rec.values["category"]).strip()
        out[name] = Category(
            name=name,
            slug=str(rec.values["slug"]).strip(),
            themes=themes,
            harm_class=str(rec.values.get("harm_class") or "").strip() or None,
            notes=str(rec.values.get("notes") or "").strip() or None,
        )
    if len(out) != 14:
        problems.append(Problem(Location(str(TABLE)),
                                f"expected the 14 police.uk categories; found {len(out)}"))
    if problems:
        raise EvidenceError(problems)
    return out
