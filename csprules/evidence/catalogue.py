"""The shipped catalogue of candidate themes (``csprules/data/themes.yaml``)."""

from __future__ import annotations

import re
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


def match_themes(text: str, themes: tuple[Theme, ...]) -> list[tuple[str, str]]:
    """Themes whose label or an alias the free text names: ``[(theme id, words matched)]``.

    Whole words, any case, longest phrase first; a phrase inside a longer match does
    not count again ("serious youth violence" is serious violence, not also youth
    violence).  In order of appearance in the text, each theme once.
    """
    lower = text.lower()
    phrases = sorted(((p, t.id) for t in themes for p in (t.label, *t.aliases)),
                     key=lambda x: (-len(x[0]), x[0], x[1]))
    spans: list[tuple[int, int, str]] = []
    for phrase, theme in phrases:
        pattern = r"(?<![\w-])" + re.escape(phrase.lower()) + r"(?![\w-])"
        for m in re.finditer(pattern, lower):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), theme))
    out: dict[str, str] = {}
    for start, end, theme in sorted(spans):
        out.setdefault(theme, text[start:end])
    return list(out.items())
