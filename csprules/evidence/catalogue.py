"""The shipped catalogue of candidate themes (``csprules/data/themes.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from csprules.errors import EvidenceError, Problem
from csprules.evidence.themes import Theme
from csprules.sources.validation import problems_from
from csprules.sources.yaml_file import parse_yaml
from csprules.sources.yaml_tables import check_header, yaml_table


@cache
def default_catalogue() -> tuple[Theme, ...]:
    """Themes UK partnership plans prioritise, with aliases for plan wording."""
    text = resources.files("csprules").joinpath("data/themes.yaml").read_text(encoding="utf-8")
    return parse_catalogue(text, str(Path("csprules") / "data" / "themes.yaml"))


def parse_catalogue(text: str, display: str) -> tuple[Theme, ...]:
    doc = parse_yaml(text, display, EvidenceError)
    check_header(doc, "themes", (1,), EvidenceError)
    problems: list[Problem] = []
    themes: list[Theme] = []
    for rec in yaml_table(doc, "themes", EvidenceError).records:
        try:
            themes.append(Theme.model_validate(rec.values))
        except ValidationError as e:
            problems.extend(problems_from(e, Theme, rec.locate))
    if problems:
        raise EvidenceError(problems)
    return tuple(sorted(themes, key=lambda t: t.id))
